// Reads a YAML stream into located trees, one per non-empty document.
// Plain scalars resolve by the YAML 1.2 core schema (so `yes` is a string,
// `010` an integer; support/plain_scalar.h) and keep their text; quoted
// scalars are strings. Merge keys (`<<: *defaults`, `<<: [*a, *b]`) are
// expanded: the mapping gets the merged keys it does not write itself,
// located where they are defined; merging anything but mappings is an error
// (yaml/merge). The text first passes check_text (size, NUL bytes, UTF-8).
// Duplicate keys, keys that are not strings, unknown tags, out-of-range
// integers, runaway alias expansion, excessive nesting, huge scalars and too
// many documents are located errors (yaml/syntax), never crashes.
//
// The parser is libyaml's event API (Debian libyaml-dev): the C library
// behind PyYAML, fuzzed for years, and about five times faster than
// yaml-cpp's event parser on the same files, which was over half of a build
// (README, "Speed"). It reads YAML 1.1 syntax, so DEL, C1 controls and
// U+FFFE/U+FFFF must be escaped, as kubectl's parser also requires.
#pragma once

#include <vector>

#include "support/diagnostics.h"
#include "support/node.h"

namespace mpijobc {

struct YamlLimits {
  size_t max_depth = 128;
  size_t max_nodes = 1'000'000;  // counts nodes copied in by aliases
  size_t max_alias_nodes = 100'000;  // what aliases may copy, per file
  size_t max_alias_bytes = 4u << 20;
  size_t max_scalar_bytes = 1u << 20;
  size_t max_documents = 100'000;
};

// Returns the documents read before the first error (all of them when there
// is none); errors go to `diags`.
std::vector<Node> read_yaml(const SourceManager& sources, uint32_t file, DiagnosticEngine& diags,
                            const YamlLimits& limits = {});

}  // namespace mpijobc

// Serialises located trees as YAML. No user string can change the document's
// structure: a string is written plain only when it reads back as the same
// string under both YAML 1.1 (go-yaml, kubectl) and 1.2; otherwise it becomes
// a literal block (multi-line text) or an escaped double-quoted scalar.
// Output is block style, two-space indent, sequences indented under their
// key (yamllint's default), keys in the tree's order: deterministic.
#pragma once

#include <string>
#include <string_view>

#include "support/node.h"

namespace mpijobc {

// How integers and booleans are spelled. Generated manifests are read by
// YAML 1.1 parsers too (kubectl's), which take `010` for octal 8 and `0o7`
// for a string: they get integers in decimal and booleans as true/false.
// Specs are read back by mpijobc, by the YAML 1.2 core schema: `mpijobc
// convert` keeps every scalar's text as written. Floats are always as written.
enum class Spelling { Canonical, AsWritten };

// One document body, without a "---" marker; ends with a newline.
std::string to_yaml(const Node& doc, Spelling spelling = Spelling::Canonical);

// The scalar as it would appear in YAML (plain or quoted); exposed for tests
// and for text renderers that embed YAML values.
std::string yaml_scalar(std::string_view s);

}  // namespace mpijobc

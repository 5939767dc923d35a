// Shared helpers for the unit tests: inline YAML through the real passes.
#pragma once

#include "testing/temp_dir.h"

#include <string>
#include <vector>

#include "model/job_spec.h"
#include "support/diagnostics.h"
#include "support/node.h"

namespace mpijobc::testing {

struct Parsed {
  SourceManager sources;
  DiagnosticEngine diags;
  std::vector<Node> docs;
  const Node& doc() const { return docs.at(0); }
};

// The front end its name selects (frontend/documents.h) on `text`: YAML for
// "t.yaml", the DSL for "t.mpijob".
Parsed parse(const std::string& text, const std::string& path = "t.yaml");

// A tree without positions, one node per line ("map", "  key: string 'v'"),
// for comparing trees read from different syntaxes.
std::string dump(const Node& n);

// The front end and lowering (schema, build, deprecated fields, defaults,
// spec checks) on the first document; diagnostics go to `diags`.
JobSpec lower(const std::string& text, DiagnosticEngine& diags);

// A lowered spec that must have no errors.
JobSpec lower_ok(const std::string& text);

// The messages of `diags`, one "line:col: path: message [rule]" each.
std::vector<std::string> messages(const DiagnosticEngine& diags);

using test_support::TempDir;

// A minimal valid spec with `extra` appended under spec: (2-space indent).
std::string spec(const std::string& kind, const std::string& extra);


}  // namespace mpijobc::testing

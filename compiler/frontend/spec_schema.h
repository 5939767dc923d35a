// Checks a spec document (a located tree from any front end) against the
// spec's JSON Schema (schemas/mpijobc-v1.schema.json) with valijson, and
// reports every violation at its position with a message that says how to
// fix it. The schema is parsed once per process.
#pragma once

#include <memory>

#include <nlohmann/json.hpp>

#include "support/diagnostics.h"
#include "support/node.h"

namespace mpijobc {

class SpecSchema {
 public:
  // The schema compiled into the binary.
  static const SpecSchema& builtin();

  // Returns true when the document is valid; otherwise reports all errors.
  bool check(const Node& doc, DiagnosticEngine& diags) const;

  const nlohmann::json& json() const { return root_; }

  struct Compiled;

 private:
  explicit SpecSchema(nlohmann::json root);
  nlohmann::json root_;
  std::shared_ptr<const Compiled> compiled_;
};

// The JSON value of a located tree (for validators and tests).
nlohmann::json to_json(const Node& n);

}  // namespace mpijobc

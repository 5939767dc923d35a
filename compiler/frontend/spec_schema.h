// Checks a spec document (a located tree from any front end) against the
// spec's JSON Schema (schemas/mpijobc-v1.schema.json), reporting every
// violation at its position (support/located_schema.h). The schema is parsed
// once per process: the envelope, then the spec part of the document's kind.
#pragma once

#include "support/located_schema.h"

namespace mpijobc {

class SpecSchema {
 public:
  // The schema compiled into the binary.
  static const SpecSchema& builtin();

  // Returns true when the document is valid; otherwise reports all errors.
  bool check(const Node& doc, DiagnosticEngine& diags) const;

  const nlohmann::json& json() const { return root_; }

  SpecSchema(const SpecSchema&) = delete;
  SpecSchema& operator=(const SpecSchema&) = delete;

 private:
  explicit SpecSchema(nlohmann::json root);
  nlohmann::json root_;
  LocatedSchema envelope_, horovod_, mpi_;
};

}  // namespace mpijobc

// Checks a spec document (a located tree from any front end) against the
// spec's JSON Schema (schemas/mpijobc-v1.schema.json), reporting every
// violation at its position (support/located_schema.h). The schema is parsed
// once per process: the envelope first, the spec part of a kind when a
// document of that kind is first checked (the build embeds each part as a
// schema of its own). Safe to use from several threads.
#pragma once

#include <mutex>
#include <optional>

#include "support/located_schema.h"

namespace mpijobc {

class SpecSchema {
 public:
  // The schema compiled into the binary.
  static const SpecSchema& builtin();

  // Returns true when the document is valid; otherwise reports all errors
  // but those at a value a front end refused, which it reported
  // (frontend/documents.h).
  bool check(const Node& doc, DiagnosticEngine& diags) const;

  SpecSchema(const SpecSchema&) = delete;
  SpecSchema& operator=(const SpecSchema&) = delete;

 private:
  struct Lazy {
    mutable std::once_flag once;
    mutable std::optional<LocatedSchema> schema;
  };
  SpecSchema();
  const LocatedSchema& spec_schema(const Lazy& lazy, const char* definition) const;

  LocatedSchema envelope_;
  Lazy horovod_, mpi_;
};

}  // namespace mpijobc

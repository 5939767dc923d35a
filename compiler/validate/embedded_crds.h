// The CRD schemas built into mpijobc (schemas/crd/, extracted from the
// operators' CRDs by scripts/extract_crd_schemas.py), compiled to tables at
// build time (cmake/crd_tables.cc): `validate` checks MPIJobs against them
// without any file at hand, and `build` checks what it generates.
#pragma once

#include <string_view>

#include "validate/structural_schema.h"

namespace mpijobc {

struct EmbeddedCrd {
  std::string_view api_version;  // "kubeflow.org/v2beta1"
  std::string_view kind;         // "MPIJob"
  std::string_view source;       // the upstream repository, commit and file
  structural::Tables schema;
};

// Every embedded schema, sorted by apiVersion; [first, first + count).
struct EmbeddedCrds {
  const EmbeddedCrd* first;
  size_t count;
  const EmbeddedCrd* begin() const { return first; }
  const EmbeddedCrd* end() const { return first + count; }
};
EmbeddedCrds embedded_crds();

// The embedded schema of objects of `api_version` and `kind`; nullptr when none.
const EmbeddedCrd* find_embedded_crd(std::string_view api_version, std::string_view kind);

}  // namespace mpijobc

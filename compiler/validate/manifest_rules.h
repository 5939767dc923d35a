// Which operator's rules check a Kubernetes object, by its apiVersion and
// kind: one table, so a new dialect is a new row (and its own rules file),
// not a branch.
#pragma once

#include <string>
#include <string_view>

#include "support/diagnostics.h"
#include "support/node.h"

namespace mpijobc {

using ManifestCheck = void (*)(const Node& object, DiagnosticEngine& diags);

// The rules for objects of `api_version` and `kind` (default: MPIJobs);
// nullptr when mpijobc has none.
ManifestCheck manifest_check(std::string_view api_version, std::string_view kind = "MPIJob");

// The apiVersions of MPIJobs that have rules, for messages ("a, b").
std::string known_manifest_versions();

}  // namespace mpijobc

// Which operator's rules check a Kubernetes MPIJob (or another operator's
// job kind), by its apiVersion and kind: one table, so a new dialect is a new
// row (and its own rules file), not a branch.
#pragma once

#include <string>
#include <string_view>

#include "support/diagnostics.h"
#include "support/node.h"

namespace mpijobc {

using ManifestCheck = void (*)(const Node& mpijob, DiagnosticEngine& diags);

// The rules for objects of `api_version` and `kind`; nullptr when mpijobc has none.
ManifestCheck manifest_check(std::string_view api_version, std::string_view kind);

// The MPIJob apiVersions that have rules, for messages ("a, b").
std::string known_manifest_versions();

}  // namespace mpijobc

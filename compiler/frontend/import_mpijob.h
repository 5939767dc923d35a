// `mpijobc import`: reads a Kubernetes MPIJob and builds the mpijobc/v1 spec
// document that generates it for the same target (docs/import.md). The spec
// is a located Node like the other front ends' documents: every value points
// at the MPIJob field it came from, so findings about it name the input.
#pragma once

#include <optional>

#include "support/diagnostics.h"
#include "support/node.h"

namespace mpijobc {

// An MPIJob of an apiVersion the importer reads (kubeflow.org/v2beta1, v1,
// batch.test.bdap.com/v1, and the legacy v1alpha1 and v1alpha2, lowered to
// v2beta1 by frontend/import_legacy.h): documents of every other kind are not
// jobs to import.
bool is_mpijob(const Node& doc);

// The spec for one MPIJob; nullopt after errors. Fields the spec cannot
// express are warnings when dropping them keeps what runs, errors when not.
std::optional<Node> import_mpijob(const Node& doc, DiagnosticEngine& diags);

}  // namespace mpijobc

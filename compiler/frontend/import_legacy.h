// `mpijobc import` of the legacy kubeflow.org/v1alpha1 and v1alpha2 MPIJobs
// (mpi-operator up to v0.3.0; ../shared/reference/legacy-mpijob.md §2-§6):
// each is lowered to the kubeflow.org/v2beta1 MPIJob that runs what the old
// controller ran, which import_mpijob then reads like any other. Every value
// keeps the location of the legacy field it came from; every computed value
// comes with a warning saying what was computed (import/legacy-lowered), and
// every field that cannot be carried with one naming it (import/legacy-dropped).
#pragma once

#include <optional>
#include <string_view>

#include "support/diagnostics.h"
#include "support/node.h"

namespace mpijobc {

bool is_legacy_mpijob_version(std::string_view api_version);

// The v2beta1 form of a legacy MPIJob; nullopt after errors. The MPIJob is
// first checked against its version's CRD schema and rules (mpijobc
// validate's), whose errors are reported and stop the lowering.
std::optional<Node> lower_legacy_mpijob(const Node& doc, DiagnosticEngine& diags);

}  // namespace mpijobc

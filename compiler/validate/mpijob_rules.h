// The Kubeflow mpi-operator's validation of a kubeflow.org/v2beta1 MPIJob
// (pkg/apis/kubeflow/validation), applied after the operator's defaults, as
// one pass over the manifest tree. It runs on every generated MPIJob before
// anything is written, and on hand-written manifests. Findings on generated
// nodes name the spec field that produced them.
#pragma once

#include "support/diagnostics.h"
#include "support/node.h"

namespace mpijobc {

void check_mpijob_v2beta1(const Node& mpijob, DiagnosticEngine& diags);

}  // namespace mpijobc

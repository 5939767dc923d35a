// The Kubeflow training-operator's validation of a kubeflow.org/v1 MPIJob
// (pkg/apis/kubeflow.org/v1/mpi_validation.go, reference:
// training-operator-v1.md), plus what makes such a job hang silently.
#pragma once

#include "support/diagnostics.h"
#include "support/node.h"

namespace mpijobc {

void check_mpijob_v1(const Node& mpijob, DiagnosticEngine& diags);

}  // namespace mpijobc

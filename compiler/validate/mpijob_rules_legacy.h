// The legacy kubeflow.org/v1alpha1 and v1alpha2 MPIJobs (mpi-operator up to
// v0.3.0; reference: ../shared/reference/legacy-mpijob.md): what their
// controllers refused or choked on, beyond the shape their CRD schema
// (schemas/crd/) checks, and a warning that no current operator serves them,
// pointing at `mpijobc import`.
#pragma once

#include "support/diagnostics.h"
#include "support/node.h"

namespace mpijobc {

void check_mpijob_v1alpha1(const Node& mpijob, DiagnosticEngine& diags);
void check_mpijob_v1alpha2(const Node& mpijob, DiagnosticEngine& diags);

}  // namespace mpijobc

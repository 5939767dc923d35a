// Rules for a batch.test.bdap.com/v1 MPIJob (the stripped-down operator,
// reference: bdap-mpi-operator.md). That operator validates nothing beyond
// its CRD, so these are the mistakes that make its jobs hang or lose fields.
#pragma once

#include "support/diagnostics.h"
#include "support/node.h"

namespace mpijobc {

void check_mpijob_bdap(const Node& mpijob, DiagnosticEngine& diags);

}  // namespace mpijobc

// Rules for a batch.volcano.sh/v1alpha1 Job (Volcano v1.15, reference:
// volcano-mpi.md): what its admission webhook rejects beyond the CRD schema
// (tasks, names, minAvailable, policies, plugins, volumes, dependsOn), the
// pod names the svc plugin turns into hostnames, and the mistakes that make
// an MPI job hang (a gang that never forms under dependsOn, a task that
// restarts forever). `validate` runs them on hand-written Jobs and `build`
// on the Job it generates, so their findings on generated fields name the
// spec field.
#pragma once

#include "support/diagnostics.h"
#include "support/node.h"

namespace mpijobc {

void check_volcano_job(const Node& job, DiagnosticEngine& diags);

}  // namespace mpijobc

// Checks the pod overrides of a job (spec.pod, launcher.pod, worker.pod):
// `spec` fragments against the PodSpec of mpi-operator's CRD and
// `container` fragments against its Container (embedded from
// schemas/k8s-podspec.schema.json, as strict as kubectl --validate=strict),
// each finding located in the spec file. Fields that mpijobc generates or
// the operator owns are errors that say which spec field sets them; names
// and paths the generated pods use are reserved. Rule ids pod/...
#pragma once

#include "model/job_spec.h"
#include "support/diagnostics.h"

namespace mpijobc {

void check_pod_overrides(const JobSpec& job, DiagnosticEngine& diags);

}  // namespace mpijobc

// Consistency lints: mistakes that pass every schema and operator rule but
// make an MPI job hang, fail at start-up or waste GPUs. No operator or
// plugin checks these. Rule ids start with lint/.
#pragma once

#include "model/job_spec.h"
#include "support/diagnostics.h"

namespace mpijobc {

// Over a lowered job with defaults applied:
// - lint/gpu-slots (warning): a worker's GPUs differ from slots, so GPUs
//   idle or ranks share one;
// - lint/np-slots (warning): -np in launcher.command differs from
//   worker.replicas x slots;
// - lint/gang-min-available (error): gang scheduling waits for more pods
//   than the job will ever have at once;
// - lint/pod-count (warning): more pods than Kubernetes supports in a
//   whole cluster (150,000);
// - lint/mpi-mismatch (warning): build.apt or an image names another MPI
//   than mpi_implementation;
// - lint/own-image-user (warning): a non-root job with build.dockerfile:
//   false, whose image must provide the user and sshd the generated one has.
void lint_job(const JobSpec& job, DiagnosticEngine& diags);

}  // namespace mpijobc

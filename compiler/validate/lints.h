// Consistency lints: mistakes that pass every schema and operator rule but
// make an MPI job hang, fail at start-up or waste GPUs. No operator or
// plugin checks these. Rule ids start with lint/.
#pragma once

#include <string_view>

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

// When a target starts the launcher, against its workers (Target::launcher_start).
enum class LauncherStart {
  AfterWorkersReady,  // once every worker is ready (or running)
  AtStartupRetried,   // at once; a launcher that cannot reach a worker yet is started again
  AtStartupOnce,      // at once; a launcher that cannot reach a worker yet fails the job
};

// A launcher started together with the workers: retried (its backoff),
// unless run_policy.backoff_limit is 0.
LauncherStart at_startup_launcher(const JobSpec& job);

// lint/launcher-start (warning): `target` starts the launcher at once, its
// first failure to reach a worker that is not up yet fails the job, and the
// spec has not chosen that (launcher_creation_policy unset). A launcher the
// operator starts again (v2beta1's default: its batch Job retries) only
// loses a few seconds, so that is no finding.
void lint_launcher_start(const JobSpec& job, std::string_view target, LauncherStart start,
                         DiagnosticEngine& diags);

}  // namespace mpijobc

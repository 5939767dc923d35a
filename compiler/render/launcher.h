// launcher.sh: the launcher entrypoint. It execs mpirun (MPIJob, with the
// flags of the job's MPI implementation: render/mpi_flavor.h) or horovodrun
// (HorovodJob) from PATH with -np = workers x slots, or the spec's own
// launcher command. It needs nothing
// that only a pod has, so it also runs on a workstation.
// `host_list` (Target::worker_host_list; may be empty) lists the workers
// without slots: when it exists and MPIJOBC_HOSTFILE is unset, the launcher
// writes the hostfile (host slots=N) and the Horovod discovery script from it.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "model/job_spec.h"
#include "render/templates.h"

namespace mpijobc {

std::optional<std::string> render_launcher(const JobSpec& job, const std::string& host_list,
                                           const Templates& templates, DiagnosticEngine& diags);

// The argv launcher.sh execs for the lowered `job` with none of the
// MPIJOBC_* variables set and no hostfile (nor Hydra's rsh agent) at its
// path: what `mpijobc import` compares a launcher command with.
std::vector<std::string> launcher_argv(const JobSpec& job);

}  // namespace mpijobc

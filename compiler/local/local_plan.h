// How `mpijobc run --local` runs a compiled job on this machine: which
// launcher script (the generated one, or for HorovodJob --as-mpi the same
// program under mpirun), how many ranks, and the environment the operator
// would give the launcher, with a local hostfile standing in for the
// workers. Pure: it decides, local/process.h runs.
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "driver/compile.h"
#include "render/templates.h"

namespace mpijobc {

struct LocalRunRequest {
  std::optional<int64_t> np;  // --np; default: the job's replicas x slots
  bool as_mpi = false;        // run a HorovodJob's program under mpirun
  int64_t cores = 1;          // this machine's
  bool root = false;          // running as root (Open MPI refuses without consent)
  std::string work_dir;       // where the hostfile and discovery script will be
  std::string path;           // this environment's PATH
  std::vector<std::string> interfaces;  // this machine's network interfaces
  std::function<bool(const std::string&)> on_path;  // is this program on PATH?
};

struct LocalRunPlan {
  std::string launcher;  // the launcher.sh to run
  int64_t ranks = 0;     // 0 when the spec's own launcher.command decides
  std::string hostfile;  // contents of <work_dir>/hostfile
  std::string discovery_script;  // contents of <work_dir>/discover_hosts.sh
  // Contents of <work_dir>/bin/mpirun, put first on PATH: the job's MPI
  // implementation's mpirun with rank-tagged output ("" to use PATH's).
  std::string mpirun_shim;
  std::vector<std::pair<std::string, std::string>> env;  // added to this environment
  std::vector<std::string> notes;                        // said before the run
};

std::optional<LocalRunPlan> plan_local_run(const CompiledJob& job, const LocalRunRequest& request,
                                           const Templates& templates, DiagnosticEngine& diags);

}  // namespace mpijobc

// Target batch.test.bdap.com/v1 (the stripped-down MPI operator): spec is
// numWorkers, launcherTemplate and workerTemplate. That operator writes a
// hostfile with slots=1 for every worker and no host discovery script, starts
// the launcher only once every worker is ready, and reaches workers with
// `kubectl exec`. So the generated launcher pod first writes a hostfile with
// the job's slots and a discovery script from it, then runs launcher.sh
// (whose -np is numWorkers x slots); workers touch a file that their
// readiness probe waits for, then sleep.
#pragma once

#include "render/target.h"

namespace mpijobc {

class BdapTarget : public Target {
 public:
  std::string_view api_version() const override { return "batch.test.bdap.com/v1"; }
  std::vector<Node> manifests(const JobSpec& job, const std::string& launcher_script,
                              DiagnosticEngine& diags) const override;
  std::vector<KindPath> pod_template_paths() const override;
};

}  // namespace mpijobc

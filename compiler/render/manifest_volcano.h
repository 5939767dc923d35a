// Target batch.volcano.sh/v1alpha1 (Volcano v1.15): a Job of two tasks,
// `master` (the launcher, one pod) and `worker`, with the plugins mpi, ssh
// (a key pair in every pod) and svc (a headless Service, pod hostnames and
// /etc/volcano/worker.host). Volcano lists the workers without slots, so the
// launcher builds its hostfile from that file (Target::worker_host_list).
// The master dependsOn the workers being ready (sshd answering on port 22),
// so the gang is the workers alone: minAvailable = worker.replicas, since a
// gang that counted the master, created only after the workers, would never
// form. The master's TaskCompleted completes the job (the sshd workers never
// finish); a failed or evicted pod restarts the job up to maxRetry
// (backoff_limit; 0: the job terminates).
#pragma once

#include "render/target.h"

namespace mpijobc {

class VolcanoTarget : public Target {
 public:
  std::string_view api_version() const override { return "batch.volcano.sh/v1alpha1"; }
  std::vector<Node> manifests(const JobSpec& job, const std::string& launcher_script,
                              DiagnosticEngine& diags) const override;
  std::vector<KindPath> pod_template_paths() const override { return {{"Job", "spec/tasks/template"}}; }
  std::vector<NameReference> name_references() const override {
    return {{"PriorityClass", "scheduling.k8s.io", "v1", {"Job", "spec/priorityClassName"}}};
  }
  std::string worker_host_list() const override;
  LauncherStart launcher_start(const JobSpec& job) const override;
};

// The task names, and the ssh port the workers' sshd listens on.
inline constexpr const char* kVolcanoMaster = "master";
inline constexpr const char* kVolcanoWorker = "worker";
inline constexpr int kVolcanoSshPort = 22;

}  // namespace mpijobc

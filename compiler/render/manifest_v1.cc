#include "render/manifest_v1.h"

#include "render/pod_parts.h"

namespace mpijobc {

std::vector<Node> V1Target::manifests(const JobSpec& job, const std::string& launcher_script,
                                      DiagnosticEngine& diags) const {
  v2beta1_only_fields(job, {api_version(), diags});
  Node mpijob = mpijob_object(job, api_version());
  Node& spec = mpijob.members.back().value;
  spec.add("slotsPerWorker", num(job.slots));
  spec.add("runPolicy", run_policy(job.run_policy));
  if (job.worker.command.set())
    diags.warning(job.worker.command.origin.loc, job.worker.command.origin.path,
                  "on kubeflow.org/v1 a worker command replaces the controller's keep-alive "
                  "(sleep 365d): ranks start through kubectl exec, so it must keep the worker running",
                  "remove it unless it runs for as long as the job", "target/worker-command");
  // Containers are named mpi, the controller's default; workers without a
  // command are kept alive by it.
  spec.add("mpiReplicaSpecs", kubeflow_replica_specs(job, "mpi", "mpi", RestartPolicy::Never));

  return with_launcher_config_map(job, launcher_script, std::move(mpijob));
}

std::vector<KindPath> V1Target::pod_template_paths() const {
  return kubeflow_pod_template_paths();
}

}  // namespace mpijobc

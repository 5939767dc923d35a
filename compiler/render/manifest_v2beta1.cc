#include "render/manifest_v2beta1.h"

#include "render/pod_parts.h"

namespace mpijobc {

std::vector<Node> V2beta1Target::manifests(const JobSpec& job, const std::string& launcher_script,
                                           DiagnosticEngine& diags) const {
  warn_env_not_forwarded(job, diags);
  trainer_only_fields(job, {api_version(), diags});
  Node mpijob = mpijob_object(job, api_version());
  Node& spec = mpijob.members.back().value;
  // Every field the operator defaults is written out: it validates after
  // defaulting but does not store its defaults.
  spec.add("slotsPerWorker", num(job.slots));
  spec.add("runLauncherAsWorker",
           job.run_launcher_as_worker.set()
               ? located(Node::boolean(*job.run_launcher_as_worker), job.run_launcher_as_worker.origin)
               : Node::boolean(false));
  spec.add("runPolicy", run_policy(job.run_policy));
  spec.add("sshAuthMountPath",
           job.ssh_auth_mount_path.set() ? str(job.ssh_auth_mount_path) : Node::string("/root/.ssh"));
  spec.add("launcherCreationPolicy", job.launcher_creation_policy.set()
                                         ? str(job.launcher_creation_policy)
                                         : Node::string("AtStartup"));
  spec.add("mpiImplementation",
           located(Node::string(to_string(*job.mpi_implementation)), job.mpi_implementation.origin));
  // Workers without a command run sshd, which the operator starts.
  spec.add("mpiReplicaSpecs",
           kubeflow_replica_specs(job, "launcher", "worker", RestartPolicy::OnFailure));

  return with_launcher_config_map(job, launcher_script, std::move(mpijob));
}

std::vector<KindPath> V2beta1Target::pod_template_paths() const {
  return kubeflow_pod_template_paths();
}

}  // namespace mpijobc

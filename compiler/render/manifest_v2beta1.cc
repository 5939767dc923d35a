#include "render/manifest_v2beta1.h"

#include "model/image_user.h"
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
  std::optional<ImageUser> user = image_user(job);
  spec.add("sshAuthMountPath", job.ssh_auth_mount_path.set() ? str(job.ssh_auth_mount_path)
                               : Node::string(user ? user->ssh_dir : "/root/.ssh"));
  spec.add("launcherCreationPolicy", job.launcher_creation_policy.set()
                                         ? str(job.launcher_creation_policy)
                                         : Node::string("AtStartup"));
  spec.add("mpiImplementation",
           located(Node::string(to_string(*job.mpi_implementation)), job.mpi_implementation.origin));
  // Workers without a command run sshd, which the operator starts as root
  // (/usr/sbin/sshd -De); a non-root user's sshd runs with its own config,
  // as in the operator's non-root examples.
  Node worker_command = Node::seq();
  if (user)
    for (std::string w : {std::string("/usr/sbin/sshd"), std::string("-De"), std::string("-f"),
                          user->sshd_config()})
      worker_command.push(Node::string(std::move(w)));
  spec.add("mpiReplicaSpecs", kubeflow_replica_specs(job, "launcher", "worker",
                                                     RestartPolicy::OnFailure,
                                                     std::move(worker_command)));

  return with_launcher_config_map(job, launcher_script, std::move(mpijob));
}

std::vector<KindPath> V2beta1Target::pod_template_paths() const {
  return kubeflow_pod_template_paths();
}

// AtStartup (the default) creates the launcher with the workers; any other
// value waits for them to be ready. The launcher is a batch Job: it is
// retried (backoffLimit, 6 unless set) when mpirun cannot reach a worker yet.
LauncherStart V2beta1Target::launcher_start(const JobSpec& job) const {
  if (job.launcher_creation_policy.set() && *job.launcher_creation_policy != "AtStartup")
    return LauncherStart::AfterWorkersReady;
  return at_startup_launcher(job);
}

}  // namespace mpijobc

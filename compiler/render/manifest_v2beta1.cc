#include "render/manifest_v2beta1.h"

#include "render/pod_parts.h"
#include "validate/mpijob_rules.h"

namespace mpijobc {
namespace {

Node replica_spec(const JobSpec& job, const Role& role, const char* name,
                  RestartPolicy operator_default, Node container, Node volumes) {
  Node spec = Node::map();
  spec.add("replicas", num(role.replicas));
  spec.add("restartPolicy", restart_policy(role, operator_default, name));
  Node& tmpl = spec.add("template", Node::map());
  Node meta = template_meta(job);
  if (!meta.members.empty()) tmpl.add("metadata", std::move(meta));
  Node& pod = tmpl.add("spec", Node::map());
  pod.add("containers", Node::seq()).push(std::move(container));
  if (!volumes.items.empty()) pod.add("volumes", std::move(volumes));
  return spec;
}

}  // namespace

std::vector<Node> V2beta1Target::manifests(const JobSpec& job, const std::string& launcher_script,
                                           DiagnosticEngine&) const {
  Node mpijob = Node::map();
  mpijob.add("apiVersion", Node::string(std::string(api_version())));
  mpijob.add("kind", Node::string("MPIJob"));
  mpijob.add("metadata", object_meta(job, *job.name));
  Node& spec = mpijob.add("spec", Node::map());
  spec.add("slotsPerWorker", num(job.slots));
  Node& run = spec.add("runPolicy", Node::map());
  const RunPolicy& rp = job.run_policy;
  run.add("cleanPodPolicy",
          located(Node::string(to_string(*rp.clean_pod_policy)), rp.clean_pod_policy.origin));
  if (rp.ttl_seconds_after_finished.set())
    run.add("ttlSecondsAfterFinished", num(rp.ttl_seconds_after_finished));
  if (rp.active_deadline_seconds.set())
    run.add("activeDeadlineSeconds", num(rp.active_deadline_seconds));
  if (rp.backoff_limit.set()) run.add("backoffLimit", num(rp.backoff_limit));
  spec.add("sshAuthMountPath", Node::string("/root/.ssh"));
  spec.add("mpiImplementation", Node::string("OpenMPI"));
  Node& replicas = spec.add("mpiReplicaSpecs", Node::map());

  // Launcher: runs the generated launcher.sh from its ConfigMap.
  Node command = Node::seq();
  command.push(Node::string("/bin/sh"));
  command.push(Node::string(launcher_script_path()));
  Node launcher = container(job, job.launcher, "launcher", std::move(command));
  Node volumes = Node::seq();
  mount_launcher_script(job, launcher, volumes);
  replicas.add("Launcher", replica_spec(job, job.launcher, "launcher", RestartPolicy::OnFailure,
                                        std::move(launcher), std::move(volumes)));

  // Workers: sshd, which the operator starts when the container has no
  // command, unless the spec gives one.
  Node worker = container(job, job.worker, "worker",
                          job.worker.command.set() ? words(job.worker.command) : Node::seq());
  replicas.add("Worker", replica_spec(job, job.worker, "worker", RestartPolicy::Never,
                                      std::move(worker), Node::seq()));

  std::vector<Node> out;
  out.push_back(launcher_config_map(job, launcher_script));
  out.push_back(std::move(mpijob));
  return out;
}

void V2beta1Target::check(const Node& mpijob, DiagnosticEngine& diags) const {
  check_mpijob_v2beta1(mpijob, diags);
}

}  // namespace mpijobc

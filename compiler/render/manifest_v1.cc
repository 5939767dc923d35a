#include "render/manifest_v1.h"

#include "render/pod_parts.h"
#include "validate/mpijob_rules_v1.h"

namespace mpijobc {
namespace {

Node replica_spec(const JobSpec& job, const Role& role, const char* name, Node container,
                  Node volumes) {
  Node spec = Node::map();
  spec.add("replicas", num(role.replicas));
  spec.add("restartPolicy", restart_policy(role, RestartPolicy::Never, name));
  Node& tmpl = spec.add("template", Node::map());
  Node meta = template_meta(job);
  if (!meta.members.empty()) tmpl.add("metadata", std::move(meta));
  Node& pod = tmpl.add("spec", Node::map());
  pod.add("containers", Node::seq()).push(std::move(container));
  if (!volumes.items.empty()) pod.add("volumes", std::move(volumes));
  return spec;
}

}  // namespace

std::vector<Node> V1Target::manifests(const JobSpec& job, const std::string& launcher_script,
                                      DiagnosticEngine& diags) const {
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
  Node& replicas = spec.add("mpiReplicaSpecs", Node::map());

  Node command = Node::seq();
  command.push(Node::string("/bin/sh"));
  command.push(Node::string(launcher_script_path()));
  Node launcher = container(job, job.launcher, "mpi", std::move(command));
  Node volumes = Node::seq();
  mount_launcher_script(job, launcher, volumes);
  replicas.add("Launcher", replica_spec(job, job.launcher, "launcher", std::move(launcher),
                                        std::move(volumes)));

  if (job.worker.command.set())
    diags.warning(job.worker.command.origin.loc, job.worker.command.origin.path,
                  "on kubeflow.org/v1 a worker command replaces the controller's keep-alive "
                  "(sleep 365d): ranks start through kubectl exec, so it must keep the worker running",
                  "remove it unless it runs for as long as the job", "target/worker-command");
  Node worker = container(job, job.worker, "mpi",
                          job.worker.command.set() ? words(job.worker.command) : Node::seq());
  replicas.add("Worker", replica_spec(job, job.worker, "worker", std::move(worker), Node::seq()));

  std::vector<Node> out;
  out.push_back(launcher_config_map(job, launcher_script));
  out.push_back(std::move(mpijob));
  return out;
}

void V1Target::check(const Node& mpijob, DiagnosticEngine& diags) const {
  check_mpijob_v1(mpijob, diags);
}

}  // namespace mpijobc

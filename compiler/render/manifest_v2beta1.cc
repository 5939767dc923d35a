#include "render/manifest_v2beta1.h"

#include "validate/mpijob_rules.h"

namespace mpijobc {
namespace {

Node located(Node n, const Origin& o) { return std::move(n).from(o.loc, o.path); }

Node str(const Field<std::string>& f) { return located(Node::string(*f), f.origin); }
Node num(const Field<int64_t>& f) { return located(Node::integer(*f), f.origin); }

Node string_map(const std::vector<KeyValue>& entries) {
  Node m = Node::map();
  for (const KeyValue& kv : entries) m.add(kv.key, located(Node::string(kv.value), kv.origin));
  return m;
}

void add_metadata_maps(Node& meta, const JobSpec& job) {
  if (!job.labels.empty()) meta.add("labels", string_map(job.labels));
  if (!job.annotations.empty()) meta.add("annotations", string_map(job.annotations));
}

// Requests or limits with Kubernetes resource names, sorted by name.
Node resource_list(const Resources& r, const Field<std::string>* gpu) {
  Node m = Node::map();
  if (r.cpu.set()) m.add("cpu", str(r.cpu));
  if (r.ephemeral_storage.set()) m.add("ephemeral-storage", str(r.ephemeral_storage));
  if (r.mem.set()) m.add("memory", str(r.mem));
  if (gpu && gpu->set()) m.add("nvidia.com/gpu", str(*gpu));
  return m;
}

Node resources(const Role& role) {
  Node res = Node::map();
  // GPUs are an extended resource: Kubernetes needs a limit, so a request
  // alone becomes the limit too.
  const Field<std::string>& gpu_limit =
      role.limits.gpu.set() ? role.limits.gpu : role.requests.gpu;
  Node requests = resource_list(role.requests, &role.requests.gpu);
  Node limits = resource_list(role.limits, &gpu_limit);
  if (!requests.members.empty()) res.add("requests", std::move(requests));
  if (!limits.members.empty()) res.add("limits", std::move(limits));
  return res;
}

Node env_list(const JobSpec& job) {
  Node list = Node::seq();
  for (const KeyValue& kv : job.env) {
    Node& e = list.push(Node::map());
    e.add("name", located(Node::string(kv.key), kv.origin));
    e.add("value", located(Node::string(kv.value), kv.origin));
  }
  return list;
}

Node words(const Field<std::vector<std::string>>& f) {
  Node list = located(Node::seq(), f.origin);
  for (const std::string& w : *f) list.push(located(Node::string(w), f.origin));
  return list;
}

Node container(const Role& role, const char* name) {
  Node c = Node::map();
  c.add("name", Node::string(name));
  c.add("image", str(role.image));
  return c;
}

void finish_container(Node& c, const JobSpec& job, const Role& role) {
  if (!job.env.empty()) c.add("env", env_list(job));
  Node res = resources(role);
  if (!res.members.empty()) c.add("resources", std::move(res));
}

Node restart_policy(const Role& role, RestartPolicy operator_default, const char* name) {
  if (role.restart_policy.set())
    return located(Node::string(to_string(*role.restart_policy)), role.restart_policy.origin);
  return located(Node::string(to_string(operator_default)),
                 {role.origin.loc, std::string("spec.") + name + ".restart_policy"});
}

Node replica_spec(const JobSpec& job, const Role& role, const char* name,
                  RestartPolicy operator_default, Node container, Node volumes) {
  Node spec = Node::map();
  spec.add("replicas", num(role.replicas));
  spec.add("restartPolicy", restart_policy(role, operator_default, name));
  Node& tmpl = spec.add("template", Node::map());
  Node meta = Node::map();
  add_metadata_maps(meta, job);
  if (!meta.members.empty()) tmpl.add("metadata", std::move(meta));
  Node& pod = tmpl.add("spec", Node::map());
  pod.add("containers", Node::seq()).push(std::move(container));
  if (!volumes.items.empty()) pod.add("volumes", std::move(volumes));
  return spec;
}

Node object_meta(const JobSpec& job, std::string name) {
  Node meta = Node::map();
  meta.add("name", located(Node::string(std::move(name)), job.name.origin));
  if (job.namespace_.set()) meta.add("namespace", str(job.namespace_));
  add_metadata_maps(meta, job);
  return meta;
}

}  // namespace

std::vector<Node> V2beta1Target::manifests(const JobSpec& job,
                                           const std::string& launcher_script) const {
  std::string script_map = *job.name + kLauncherConfigMapSuffix;

  Node config = Node::map();
  config.add("apiVersion", Node::string("v1"));
  config.add("kind", Node::string("ConfigMap"));
  config.add("metadata", object_meta(job, script_map));
  config.add("data", Node::map()).add(kLauncherScript, Node::string(launcher_script));

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
  Node launcher = container(job.launcher, "launcher");
  Node& cmd = launcher.add("command", Node::seq());
  cmd.push(Node::string("/bin/sh"));
  cmd.push(Node::string(std::string(kLauncherMountPath) + "/" + kLauncherScript));
  finish_container(launcher, job, job.launcher);
  Node& mount = launcher.add("volumeMounts", Node::seq()).push(Node::map());
  mount.add("name", Node::string(kLauncherVolume));
  mount.add("mountPath", Node::string(kLauncherMountPath));
  mount.add("readOnly", Node::boolean(true));
  Node volumes = Node::seq();
  Node& vol = volumes.push(Node::map());
  vol.add("name", Node::string(kLauncherVolume));
  Node& cm = vol.add("configMap", Node::map());
  cm.add("name", located(Node::string(script_map), job.name.origin));
  cm.add("defaultMode", Node::integer(0555));
  replicas.add("Launcher", replica_spec(job, job.launcher, "launcher", RestartPolicy::OnFailure,
                                        std::move(launcher), std::move(volumes)));

  // Workers: sshd, which the operator starts when the container has no
  // command, unless the spec gives one.
  Node worker = container(job.worker, "worker");
  if (job.worker.command.set()) worker.add("command", words(job.worker.command));
  finish_container(worker, job, job.worker);
  replicas.add("Worker", replica_spec(job, job.worker, "worker", RestartPolicy::Never,
                                      std::move(worker), Node::seq()));

  std::vector<Node> out;
  out.push_back(std::move(config));
  out.push_back(std::move(mpijob));
  return out;
}

void V2beta1Target::check(const Node& mpijob, DiagnosticEngine& diags) const {
  check_mpijob_v2beta1(mpijob, diags);
}

const Target& default_target() {
  static const V2beta1Target target;
  return target;
}

}  // namespace mpijobc

#include "render/pod_parts.h"

#include <algorithm>

#include "render/mpi_flavor.h"

namespace mpijobc {
namespace {

Node string_map(const std::vector<KeyValue>& entries) {
  Node m = Node::map();
  for (const KeyValue& kv : entries) m.add(kv.key, located(Node::string(kv.value), kv.origin));
  return m;
}

void add_metadata_maps(Node& meta, const std::vector<KeyValue>& labels,
                       const std::vector<KeyValue>& annotations) {
  if (!labels.empty()) meta.add("labels", string_map(labels));
  if (!annotations.empty()) meta.add("annotations", string_map(annotations));
}

// `base` with each of `more` added, replacing an entry of the same key.
void overlay(std::vector<KeyValue>& base, const std::vector<KeyValue>& more) {
  for (const KeyValue& kv : more) {
    auto same = std::find_if(base.begin(), base.end(),
                             [&](const KeyValue& b) { return b.key == kv.key; });
    if (same == base.end()) base.push_back(kv);
    else *same = kv;
  }
}

// Maps merge key by key, lists are appended to, anything else replaces.
void merge_into(Node& target, const Node& fragment) {
  for (const Member& m : fragment.members) {
    Member* have = nullptr;
    for (Member& t : target.members)
      if (t.key == m.key) have = &t;
    if (!have) target.members.push_back(m);
    else if (have->value.is_map() && m.value.is_map()) merge_into(have->value, m.value);
    else if (have->value.is_seq() && m.value.is_seq())
      have->value.items.insert(have->value.items.end(), m.value.items.begin(), m.value.items.end());
    else have->value = m.value;
  }
}

void istio(const PodOverride& pod, std::vector<KeyValue>& annotations) {
  if (pod.istio_sidecar.set())
    overlay(annotations, {{kIstioInject, *pod.istio_sidecar ? "true" : "false", pod.istio_sidecar.origin}});
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

}  // namespace

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

Node located(Node n, const Origin& o) { return std::move(n).from(o.loc, o.path); }
Node str(const Field<std::string>& f) { return located(Node::string(*f), f.origin); }
Node num(const Field<int64_t>& f) { return located(Node::integer(*f), f.origin); }

Node words(const Field<std::vector<std::string>>& f) {
  Node list = located(Node::seq(), f.origin);
  for (const std::string& w : *f) list.push(located(Node::string(w), f.origin));
  return list;
}

Node object_meta(const JobSpec& job, std::string name) {
  Node meta = Node::map();
  meta.add("name", located(Node::string(std::move(name)), job.name.origin));
  if (job.namespace_.set()) meta.add("namespace", str(job.namespace_));
  add_metadata_maps(meta, job.labels, job.annotations);
  return meta;
}

Node container(const JobSpec& job, const Role& role, const char* name, Node command,
               bool with_env) {
  Node c = Node::map();
  c.add("name", Node::string(name));
  c.add("image", str(role.image));
  if (!command.items.empty()) c.add("command", std::move(command));
  if (with_env && !job.env.empty()) c.add("env", env_list(job));
  Node res = resources(role);
  if (!res.members.empty()) c.add("resources", std::move(res));
  return c;
}

Node mpijob_object(const JobSpec& job, std::string_view api_version) {
  Node mpijob = Node::map();
  mpijob.add("apiVersion", Node::string(std::string(api_version)));
  mpijob.add("kind", Node::string("MPIJob"));
  mpijob.add("metadata", object_meta(job, *job.name));
  mpijob.add("spec", Node::map());
  return mpijob;
}

std::vector<Node> with_launcher_config_map(const JobSpec& job, const std::string& launcher_script,
                                           Node mpijob) {
  Node config = Node::map();
  config.add("apiVersion", Node::string("v1"));
  config.add("kind", Node::string("ConfigMap"));
  config.add("metadata", object_meta(job, *job.name + kLauncherConfigMapSuffix));
  config.add("data", Node::map()).add(kLauncherScript, Node::string(launcher_script));
  std::vector<Node> out;
  out.push_back(std::move(config));
  out.push_back(std::move(mpijob));
  return out;
}

void mount_launcher_script(const JobSpec& job, Node& container, Node& pod_volumes) {
  Node& mount = container.add("volumeMounts", Node::seq()).push(Node::map());
  mount.add("name", Node::string(kLauncherVolume));
  mount.add("mountPath", Node::string(kLauncherMountPath));
  mount.add("readOnly", Node::boolean(true));
  Node& vol = pod_volumes.push(Node::map());
  vol.add("name", Node::string(kLauncherVolume));
  Node& cm = vol.add("configMap", Node::map());
  cm.add("name", located(Node::string(*job.name + kLauncherConfigMapSuffix), job.name.origin));
  cm.add("defaultMode", Node::integer(0555));
}

std::string launcher_script_path() {
  return std::string(kLauncherMountPath) + "/" + kLauncherScript;
}

Node launcher_command() {
  Node command = Node::seq();
  command.push(Node::string("/bin/sh"));
  command.push(Node::string(launcher_script_path()));
  return command;
}

Node restart_policy(const Role& role, RestartPolicy fallback, const char* role_name) {
  if (role.restart_policy.set())
    return located(Node::string(to_string(*role.restart_policy)), role.restart_policy.origin);
  return located(Node::string(to_string(fallback)),
                 {role.origin.loc, std::string("spec.") + role_name + ".restart_policy"});
}

Node pod_template(const JobSpec& job, const Role& role, Node container, Node volumes) {
  std::vector<KeyValue> labels = job.labels, annotations = job.annotations;
  for (const PodOverride* pod : {&job.pod, &role.pod}) {
    overlay(labels, pod->labels);
    overlay(annotations, pod->annotations);
    istio(*pod, annotations);
    if (pod->container.set()) merge_into(container, *pod->container);
  }
  Node tmpl = Node::map();
  Node meta = Node::map();
  add_metadata_maps(meta, labels, annotations);
  if (!meta.members.empty()) tmpl.add("metadata", std::move(meta));
  Node& spec = tmpl.add("spec", Node::map());
  spec.add("containers", Node::seq()).push(std::move(container));
  if (!volumes.items.empty()) spec.add("volumes", std::move(volumes));
  for (const PodOverride* pod : {&job.pod, &role.pod})
    if (pod->spec.set()) merge_into(spec, *pod->spec);
  return tmpl;
}

namespace {

// A Kubeflow ReplicaSpec: replicas, restartPolicy (the role's, else
// `fallback`) and the pod template.
Node replica_spec(const JobSpec& job, const Role& role, const char* role_name,
                  RestartPolicy fallback, Node container, Node volumes) {
  Node spec = Node::map();
  spec.add("replicas", num(role.replicas));
  spec.add("restartPolicy", restart_policy(role, fallback, role_name));
  spec.add("template", pod_template(job, role, std::move(container), std::move(volumes)));
  return spec;
}

}  // namespace

Node kubeflow_replica_specs(const JobSpec& job, const char* launcher_name, const char* worker_name,
                            RestartPolicy launcher_fallback) {
  Node replicas = Node::map();
  Node launcher = container(job, job.launcher, launcher_name, launcher_command());
  Node volumes = Node::seq();
  mount_launcher_script(job, launcher, volumes);
  replicas.add("Launcher", replica_spec(job, job.launcher, "launcher", launcher_fallback,
                                        std::move(launcher), std::move(volumes)));
  Node worker = container(job, job.worker, worker_name,
                          job.worker.command.set() ? words(job.worker.command) : Node::seq());
  replicas.add("Worker", replica_spec(job, job.worker, "worker", RestartPolicy::Never,
                                      std::move(worker), Node::seq()));
  return replicas;
}

Node run_policy(const RunPolicy& rp) {
  Node run = Node::map();
  run.add("cleanPodPolicy",
          located(Node::string(to_string(*rp.clean_pod_policy)), rp.clean_pod_policy.origin));
  if (rp.ttl_seconds_after_finished.set())
    run.add("ttlSecondsAfterFinished", num(rp.ttl_seconds_after_finished));
  if (rp.active_deadline_seconds.set())
    run.add("activeDeadlineSeconds", num(rp.active_deadline_seconds));
  if (rp.backoff_limit.set()) run.add("backoffLimit", num(rp.backoff_limit));
  const SchedulingPolicy& sp = rp.scheduling;
  if (sp.present) {
    Node sched = located(Node::map(), sp.origin);
    if (sp.min_available.set()) sched.add("minAvailable", num(sp.min_available));
    if (sp.queue.set()) sched.add("queue", str(sp.queue));
    Node min_resources = resource_list(sp.min_resources, &sp.min_resources.gpu);
    if (!min_resources.members.empty()) sched.add("minResources", std::move(min_resources));
    if (sp.priority_class.set()) sched.add("priorityClass", str(sp.priority_class));
    if (sp.schedule_timeout_seconds.set())
      sched.add("scheduleTimeoutSeconds", num(sp.schedule_timeout_seconds));
    run.add("schedulingPolicy", std::move(sched));
  }
  if (rp.suspend.set()) run.add("suspend", located(Node::boolean(*rp.suspend), rp.suspend.origin));
  if (rp.managed_by.set()) run.add("managedBy", str(rp.managed_by));
  return run;
}

void Unsupported::operator()(const Origin& field, bool set, const std::string& why) const {
  if (set)
    diags.warning(field.loc, field.path, "has no effect on " + std::string(target) + ": " + why,
                  {}, "target/no-effect");
}

void trainer_only_fields(const JobSpec& job, const Unsupported& unsupported) {
  unsupported(job.runtime_ref.origin, job.runtime_ref.present,
              "it names a Kubeflow Trainer runtime (target trainer.kubeflow.org/v1alpha1)");
}

void v2beta1_only_fields(const JobSpec& job, const Unsupported& unsupported) {
  trainer_only_fields(job, unsupported);
  unsupported(job.ssh_auth_mount_path.origin, job.ssh_auth_mount_path.set(),
              "its ranks start through kubectl exec, not ssh");
  unsupported(job.launcher_creation_policy.origin, job.launcher_creation_policy.set(),
              "that operator decides when the launcher starts");
  if (job.run_launcher_as_worker.set() && *job.run_launcher_as_worker)
    unsupported.diags.error(job.run_launcher_as_worker.origin.loc,
                            job.run_launcher_as_worker.origin.path,
                            std::string(unsupported.target) +
                                " cannot run ranks in the launcher pod: its hostfile lists only "
                                "the workers, and -np would count one host too many",
                            "remove it, or use target kubeflow.org/v2beta1", "target/unsupported");
}

void warn_env_not_forwarded(const JobSpec& job, DiagnosticEngine& diags) {
  const std::vector<std::string> forwarded = launcher_env_names(job);
  const char* fix = "set it in spec.pod.container.env (with valueFrom for a Secret): the launcher "
                    "then has it, and mpirun forwards it to every rank";
  for (const PodOverride* pod : {&job.pod, &job.launcher.pod, &job.worker.pod}) {
    if (!pod->container.set()) continue;
    const std::string& path = pod->container.origin.path;
    if (const Node* from = pod->container->get("envFrom"); from && from->is_seq())
      for (size_t i = 0; i < from->items.size(); ++i)
        diags.warning(from->items[i].loc, path + ".envFrom[" + std::to_string(i) + "]",
                      "the ranks, started over ssh, do not see these variables: mpirun forwards "
                      "only env names written in the spec",
                      "list the variables the ranks need in spec.pod.container.env, each with "
                      "valueFrom",
                      "target/env-not-forwarded");
    const Node* env = pod->container->get("env");
    if (pod != &job.worker.pod || !env || !env->is_seq()) continue;
    for (size_t i = 0; i < env->items.size(); ++i) {
      const Node* name = env->items[i].get("name");
      if (!name || !name->is_string() ||
          std::find(forwarded.begin(), forwarded.end(), name->text) != forwarded.end())
        continue;
      diags.warning(env->items[i].loc, path + ".env[" + std::to_string(i) + "]",
                    "the ranks, started over ssh, do not see " + name->text +
                        ": only the worker containers set it, and mpirun forwards the launcher's env",
                    fix, "target/env-not-forwarded");
    }
  }
}


}  // namespace mpijobc

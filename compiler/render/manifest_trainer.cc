#include "render/manifest_trainer.h"

#include <algorithm>

#include "render/pod_parts.h"

namespace mpijobc {
namespace {

constexpr const char* kGroup = "trainer.kubeflow.org";
constexpr const char* kAncestorLabel = "trainer.kubeflow.org/trainjob-ancestor-step";

// Whether the spec wrote a field that lowering also defaults: a default
// is located at the spec key.
bool written(const JobSpec& job, const Origin& o) {
  return o.loc.line != job.spec_origin.loc.line || o.loc.column != job.spec_origin.loc.column;
}

void cannot(DiagnosticEngine& diags, const Origin& o, const std::string& why,
            const std::string& fix) {
  diags.error(o.loc, o.path, "trainer.kubeflow.org/v1alpha1 cannot express it: " + why, fix,
              "target/unsupported");
}

Node object(const JobSpec& job, const char* kind) {
  Node o = Node::map();
  o.add("apiVersion", Node::string(std::string(kGroup) + "/v1alpha1"));
  o.add("kind", Node::string(kind));
  o.add("metadata", object_meta(job, *job.name));
  return o;
}

// The TrainJob's node count: the launcher is one of the nodes when it runs
// ranks too (runLauncherAsNode).
int64_t num_nodes(const JobSpec& job) {
  bool launcher_ranks = job.run_launcher_as_worker.set() && *job.run_launcher_as_worker;
  return *job.worker.replicas + (launcher_ranks ? 1 : 0);
}

// Elastic Horovod asks a discovery script for the hosts; Trainer writes
// none, so the launcher makes one from Trainer's hostfile ("host slots=N")
// unless the spec names a script of its own.
bool needs_discovery_script(const JobSpec& job) {
  return job.kind == JobKind::HorovodJob && !written(job, job.horovod.discovery_script_path.origin);
}

Node trainer_command(const JobSpec& job) {
  if (!needs_discovery_script(job)) return launcher_command();
  Node command = Node::seq();
  command.push(Node::string("/bin/sh"));
  command.push(Node::string("-c"));
  command.push(Node::string(
      "set -eu\n"
      "mkdir -p /tmp/mpijobc\n"
      "printf '#!/bin/sh\\nsed \"s/ slots=/:/\" /etc/mpi/hostfile\\n' > /tmp/mpijobc/discover_hosts.sh\n"
      "chmod +x /tmp/mpijobc/discover_hosts.sh\n"
      "MPIJOBC_HOST_DISCOVERY_SCRIPT=/tmp/mpijobc/discover_hosts.sh exec /bin/sh " +
      launcher_script_path() + "\n"));
  return command;
}

// Spec fields with no place in Trainer, whichever runtime the job runs on.
void check_common(const JobSpec& job, const Unsupported& no_effect, DiagnosticEngine& diags) {
  if (*job.mpi_implementation != MpiImplementation::OpenMPI)
    cannot(diags, job.mpi_implementation.origin,
           "Trainer's MPI runtimes run Open MPI only (mlPolicy.mpi.mpiImplementation: OpenMPI)",
           "use mpi_implementation OpenMPI, or another target");
  const RunPolicy& rp = job.run_policy;
  if (rp.scheduling.present)
    cannot(diags, rp.scheduling.origin,
           "Trainer's gang scheduling is the runtime's podGroupPolicy, whose PodGroup counts the "
           "launcher that dependsOn holds back until the workers are ready: the gang would never form",
           "remove it, or use target kubeflow.org/v2beta1 with launcher_creation_policy "
           "WaitForWorkersReady");
  no_effect(rp.ttl_seconds_after_finished.origin, rp.ttl_seconds_after_finished.set(),
            "a TrainJob has no TTL; delete it when done");
  no_effect(rp.clean_pod_policy.origin, written(job, rp.clean_pod_policy.origin),
            "the JobSet ends the workers when the launcher finishes");
  for (const Role* role : {&job.launcher, &job.worker})
    if (role->restart_policy.set() && *role->restart_policy == RestartPolicy::Always)
      cannot(diags, role->restart_policy.origin,
             "Trainer runs its pods as Jobs, which restart OnFailure or Never",
             "use FAILURE or NEVER");
}

// Pod fields a runtimePatches entry may set (Trainer v2.3's PodSpecPatch),
// and container fields (containers must exist: the runtime's `node`).
constexpr const char* kPatchPodFields[] = {
    "serviceAccountName", "volumes",     "imagePullSecrets", "securityContext",
    "nodeSelector",       "affinity",    "tolerations",      "schedulingGates",
    "terminationGracePeriodSeconds"};
constexpr const char* kPatchContainerFields[] = {"volumeMounts", "securityContext"};

template <size_t N>
bool among(const std::string& key, const char* const (&allowed)[N]) {
  return std::find_if(std::begin(allowed), std::end(allowed),
                      [&](const char* a) { return key == a; }) != std::end(allowed);
}

template <size_t N>
std::string listed(const char* const (&allowed)[N]) {
  std::string out;
  for (const char* a : allowed) out += (out.empty() ? "" : ", ") + std::string(a);
  return out;
}

// With runtime_ref, the runtime is not the job's: what only a runtime of
// its own can set is an error, what the runtime decides a warning.
void check_runtime_ref(const JobSpec& job, const Unsupported& no_effect, DiagnosticEngine& diags) {
  const std::string own = "drop runtime_ref: a TrainingRuntime of the job's own can";
  if (job.worker.image.origin.path == "spec.worker.image")
    cannot(diags, job.worker.image.origin,
           "a TrainJob sets the launcher's image only; the workers run the runtime's image",
           own + " set it, or leave it to the runtime");
  if (job.worker.command.set())
    cannot(diags, job.worker.command.origin, "the workers run the runtime's command", own + " set it");
  for (const Resources* r : {&job.launcher.requests, &job.launcher.limits})
    for (const Field<std::string>* f : {&r->cpu, &r->mem, &r->gpu, &r->ephemeral_storage})
      if (f->set())
        cannot(diags, f->origin,
               "a TrainJob has one resourcesPerNode, which spec.worker's requests and limits set",
               own + " give the launcher resources of its own");
  for (const Role* role : {&job.launcher, &job.worker})
    if (role->restart_policy.set() && *role->restart_policy != RestartPolicy::Always)
      cannot(diags, role->restart_policy.origin, "the restart policy is the runtime's",
             own + " set it");
  if (job.run_policy.backoff_limit.set())
    cannot(diags, job.run_policy.backoff_limit.origin, "the launcher Job's backoffLimit is the runtime's",
           own + " set it");
  const std::string runtime_decides = "the runtime " + *job.runtime_ref.name + " decides it";
  no_effect(job.ssh_auth_mount_path.origin, job.ssh_auth_mount_path.set(), runtime_decides);
  no_effect(job.launcher_creation_policy.origin, job.launcher_creation_policy.set(), runtime_decides);
  // Each key of a pod override's fragment outside what a patch may set.
  auto patchable = [&](const Field<Node>& fragment, const std::string& allowed, const char* of,
                       auto is_allowed) {
    if (fragment.set())
      for (const Member& m : fragment->members)
        if (!is_allowed(m.key))
          diags.error(m.key_loc, fragment.origin.path + "." + m.key,
                      "trainer.kubeflow.org/v1alpha1 cannot express it: a TrainJob's runtimePatches "
                      "set only " + allowed + " of " + of,
                      m.key == "env" ? "use spec.env (the TrainJob's trainer.env)"
                                     : own + " set any of its fields",
                      "target/unsupported");
  };
  for (const PodOverride* pod : {&job.pod, &job.launcher.pod, &job.worker.pod}) {
    patchable(pod->spec, listed(kPatchPodFields), "a pod",
              [](const std::string& key) { return among(key, kPatchPodFields); });
    patchable(pod->container, listed(kPatchContainerFields), "the node container",
              [](const std::string& key) { return among(key, kPatchContainerFields); });
  }
}

// A replicated job of a JobSet spec: `name`, then the Job template.
Node replicated_job(const char* name, Node job_template) {
  Node rj = Node::map();
  rj.add("name", Node::string(name));
  rj.add("template", std::move(job_template));
  return rj;
}

// A role's pod template, with its restart policy when the spec sets one.
Node role_pod(const JobSpec& job, const Role& role, Node container, Node volumes) {
  Node tmpl = pod_template(job, role, std::move(container), std::move(volumes));
  if (role.restart_policy.set())
    tmpl.members.back().value.add("restartPolicy", located(Node::string(to_string(*role.restart_policy)),
                                                           role.restart_policy.origin));
  return tmpl;
}

Node training_runtime(const JobSpec& job) {
  Node runtime = object(job, "TrainingRuntime");
  Node& spec = runtime.add("spec", Node::map());
  Node& ml = spec.add("mlPolicy", Node::map());
  // For MPI, mlPolicy.numNodes sizes the launcher job; the TrainJob's
  // numNodes sizes the node job.
  ml.add("numNodes", Node::integer(1));
  Node& mpi = ml.add("mpi", Node::map());
  mpi.add("numProcPerNode", num(job.slots));
  mpi.add("mpiImplementation",
          located(Node::string(to_string(*job.mpi_implementation)), job.mpi_implementation.origin));
  mpi.add("sshAuthMountPath",
          job.ssh_auth_mount_path.set() ? str(job.ssh_auth_mount_path) : Node::string("/root/.ssh"));
  mpi.add("runLauncherAsNode",
          job.run_launcher_as_worker.set()
              ? located(Node::boolean(*job.run_launcher_as_worker), job.run_launcher_as_worker.origin)
              : Node::boolean(false));
  Node& jobset = spec.add("template", Node::map()).add("spec", Node::map());
  jobset.add("network", Node::map()).add("publishNotReadyAddresses", Node::boolean(true));
  Node& success = jobset.add("successPolicy", Node::map());
  success.add("operator", Node::string("All"));
  success.add("targetReplicatedJobs", Node::seq()).push(Node::string("launcher"));
  Node& jobs = jobset.add("replicatedJobs", Node::seq());

  // Workers run sshd (or the spec's worker command), ready once it accepts
  // connections: the launcher waits for that.
  Node sshd = Node::seq();
  sshd.push(Node::string("/usr/sbin/sshd"));
  sshd.push(Node::string("-De"));
  Node worker = container(job, job.worker, "node",
                          job.worker.command.set() ? words(job.worker.command) : std::move(sshd));
  Node& probe = worker.add("readinessProbe", Node::map());
  probe.add("tcpSocket", Node::map()).add("port", Node::integer(kTrainerSshdPort));
  probe.add("periodSeconds", Node::integer(2));
  Node node_job = Node::map();
  node_job.add("spec", Node::map()).add("template", role_pod(job, job.worker, std::move(worker), Node::seq()));
  jobs.push(replicated_job("node", std::move(node_job)));

  // The launcher's env is the TrainJob's trainer.env; its command too.
  Node launcher = container(job, job.launcher, "node", Node::seq(), false);
  Node volumes = Node::seq();
  mount_launcher_script(job, launcher, volumes);
  Node launcher_job = Node::map();
  launcher_job.add("metadata", Node::map()).add("labels", Node::map()).add(kAncestorLabel, Node::string("trainer"));
  Node& launcher_spec = launcher_job.add("spec", Node::map());
  if (job.run_policy.backoff_limit.set()) launcher_spec.add("backoffLimit", num(job.run_policy.backoff_limit));
  launcher_spec.add("template", role_pod(job, job.launcher, std::move(launcher), std::move(volumes)));
  Node rj = replicated_job("launcher", std::move(launcher_job));
  bool at_startup = job.launcher_creation_policy.set() && *job.launcher_creation_policy == "AtStartup";
  if (!at_startup) {
    Node& dep = rj.members.insert(rj.members.begin() + 1, Member{"dependsOn", {}, Node::seq()})->value;
    Node& on = dep.push(Node::map());
    on.add("name", Node::string("node"));
    on.add("status", Node::string("Ready"));
  }
  jobs.push(std::move(rj));
  return runtime;
}

// A runtimePatches entry setting the job's pod settings on the runtime's
// `launcher` (with launcher.sh's ConfigMap mounted) and `node` jobs.
Node runtime_patch(const JobSpec& job) {
  Node jobs = Node::seq();
  for (const Role* role : {&job.launcher, &job.worker}) {
    bool launcher = role == &job.launcher;
    Node c = Node::map();
    c.add("name", Node::string("node"));
    Node volumes = Node::seq();
    if (launcher) mount_launcher_script(job, c, volumes);
    Node tmpl = pod_template(job, *role, std::move(c), std::move(volumes));
    Node& pod = tmpl.members.back().value;
    Node& containers = pod.members.front().value;
    if (containers.items.front().members.size() == 1) pod.members.erase(pod.members.begin());
    if (pod.members.empty()) tmpl.members.pop_back();
    if (tmpl.members.empty()) continue;
    Node job_template = Node::map();
    job_template.add("spec", Node::map()).add("template", std::move(tmpl));
    jobs.push(replicated_job(launcher ? "launcher" : "node", std::move(job_template)));
  }
  Node patch = Node::map();
  patch.add("manager", Node::string(kTrainerPatchManager));
  patch.add("trainingRuntimeSpec", Node::map())
      .add("template", Node::map())
      .add("spec", Node::map())
      .add("replicatedJobs", std::move(jobs));
  return patch;
}

}  // namespace

std::vector<Node> TrainerTarget::manifests(const JobSpec& job, const std::string& launcher_script,
                                           DiagnosticEngine& diags) const {
  Unsupported no_effect{api_version(), diags};
  check_common(job, no_effect, diags);
  const RuntimeRef& ref = job.runtime_ref;
  if (ref.present) check_runtime_ref(job, no_effect, diags);
  else warn_env_not_forwarded(job, diags);  // (patches can set no env)

  Node trainjob = object(job, "TrainJob");
  Node& spec = trainjob.add("spec", Node::map());
  Node& runtime_ref = spec.add("runtimeRef", Node::map());
  runtime_ref.add("apiGroup", Node::string(kGroup));
  if (ref.present) {
    runtime_ref.add("kind", ref.kind.set() ? str(ref.kind) : Node::string("ClusterTrainingRuntime"));
    runtime_ref.add("name", str(ref.name));
  } else {
    runtime_ref.add("kind", Node::string("TrainingRuntime"));
    runtime_ref.add("name", located(Node::string(*job.name), job.name.origin));
  }
  Node& trainer = spec.add("trainer", Node::map());
  if (ref.present) trainer.add("image", str(job.launcher.image));
  trainer.add("command", trainer_command(job));
  if (!job.env.empty()) trainer.add("env", env_list(job));
  trainer.add("numNodes", located(Node::integer(num_nodes(job)), job.worker.replicas.origin));
  trainer.add("numProcPerNode", num(job.slots));
  if (ref.present) {
    Node res = resources(job.worker);
    if (!res.members.empty()) trainer.add("resourcesPerNode", std::move(res));
    spec.add("runtimePatches", Node::seq()).push(runtime_patch(job));
  }
  const RunPolicy& rp = job.run_policy;
  if (rp.suspend.set()) spec.add("suspend", located(Node::boolean(*rp.suspend), rp.suspend.origin));
  if (rp.active_deadline_seconds.set()) spec.add("activeDeadlineSeconds", num(rp.active_deadline_seconds));
  if (rp.managed_by.set()) spec.add("managedBy", str(rp.managed_by));

  std::vector<Node> out = with_launcher_config_map(job, launcher_script, std::move(trainjob));
  if (!ref.present) out.insert(out.end() - 1, training_runtime(job));
  return out;
}

std::vector<KindPath> TrainerTarget::pod_template_paths() const {
  return {{"TrainingRuntime", "spec/template/spec/replicatedJobs/template/spec/template"},
          {"TrainJob",
           "spec/runtimePatches/trainingRuntimeSpec/template/spec/replicatedJobs/template/spec/template"}};
}

std::vector<NameReference> TrainerTarget::name_references() const {
  return {{"TrainingRuntime", kGroup, "v1alpha1", {"TrainJob", "spec/runtimeRef/name"}}};
}

}  // namespace mpijobc

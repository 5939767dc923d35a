#include "render/manifest_volcano.h"

#include "render/pod_parts.h"

namespace mpijobc {
namespace {

Node policy(const char* event, const char* action) {
  Node p = Node::map();
  p.add("event", Node::string(event));
  p.add("action", Node::string(action));
  return p;
}

Node strings(std::initializer_list<std::string> items) {
  Node list = Node::seq();
  for (const std::string& s : items) list.push(Node::string(s));
  return list;
}

// A task: its pod template always has a restart policy (Volcano leaves the
// Kubernetes default, Always, under which a finished master restarts and
// never completes its task).
Node task(const JobSpec& job, const Role& role, const char* name, const char* role_name,
          Node container, Node volumes) {
  Node t = Node::map();
  t.add("name", Node::string(name));
  t.add("replicas", num(role.replicas));
  Node tmpl = pod_template(job, role, std::move(container), std::move(volumes));
  tmpl.members.back().value.add("restartPolicy",
                                restart_policy(role, RestartPolicy::Never, role_name));
  t.add("template", std::move(tmpl));
  return t;
}

void unsupported_run_policy(const JobSpec& job, const Unsupported& warn) {
  const RunPolicy& rp = job.run_policy;
  auto error = [&](const Origin& at, const std::string& why, const std::string& hint) {
    warn.diags.error(at.loc, at.path, std::string(warn.target) + " cannot express this: " + why,
                     hint, "target/unsupported");
  };
  if (rp.active_deadline_seconds.set())
    error(rp.active_deadline_seconds.origin,
          "its Job has no deadline, and without one a hung job would run on",
          "remove it, or set spec.launcher.pod.spec.activeDeadlineSeconds for the launcher pod alone");
  if (rp.suspend.set() && *rp.suspend)
    error(rp.suspend.origin, "its Job cannot be created suspended; it would start at once",
          "remove it, and create the job when it should run");
  if (rp.managed_by.set())
    error(rp.managed_by.origin, "its Job has no managedBy; Volcano itself would run the job at once",
          "remove it, or use target kubeflow.org/v2beta1");
  warn(rp.suspend.origin, rp.suspend.set() && !*rp.suspend, "its Job is never suspended");
  warn(rp.clean_pod_policy.origin, *rp.clean_pod_policy != CleanPodPolicy::Running,
       "when the launcher succeeds, CompleteJob stops the running workers (as Running does)");
  const SchedulingPolicy& sp = rp.scheduling;
  warn(sp.schedule_timeout_seconds.origin, sp.schedule_timeout_seconds.set(),
       "Volcano keeps an unschedulable gang pending");
  warn(sp.origin, !sp.min_resources.empty(),
       "Volcano's PodGroup sums the pods' own requests (min_resources is not copied)");
}

Node plugins(const JobSpec& job) {
  Node p = Node::map();
  p.add("mpi", strings({std::string("--master=") + kVolcanoMaster,
                        std::string("--worker=") + kVolcanoWorker,
                        "--port=" + std::to_string(kVolcanoSshPort)}));
  Node ssh = Node::seq();
  if (job.ssh_auth_mount_path.set())
    ssh.push(located(Node::string("--ssh-key-file-path=" + *job.ssh_auth_mount_path),
                     job.ssh_auth_mount_path.origin));
  p.add("ssh", std::move(ssh));
  p.add("svc", Node::seq());
  return p;
}

}  // namespace

std::vector<Node> VolcanoTarget::manifests(const JobSpec& job, const std::string& launcher_script,
                                           DiagnosticEngine& diags) const {
  const RunPolicy& rp = job.run_policy;
  Unsupported unsupported{api_version(), diags};
  unsupported_run_policy(job, unsupported);
  no_launcher_ranks(job, unsupported);
  trainer_only_fields(job, unsupported);
  warn_env_not_forwarded(job, diags);

  Node vcjob = Node::map();
  vcjob.add("apiVersion", Node::string(std::string(api_version())));
  vcjob.add("kind", Node::string("Job"));
  vcjob.add("metadata", object_meta(job, *job.name));
  Node& spec = vcjob.add("spec", Node::map());
  bool waits = !at_startup_chosen(job);
  const SchedulingPolicy& sp = rp.scheduling;
  if (sp.min_available.set()) spec.add("minAvailable", num(sp.min_available));
  else
    spec.add("minAvailable", located(Node::integer(*job.worker.replicas + (waits ? 0 : 1)),
                                     job.worker.replicas.origin));
  if (sp.queue.set()) spec.add("queue", str(sp.queue));
  if (sp.priority_class.set()) spec.add("priorityClassName", str(sp.priority_class));
  // Volcano turns maxRetry 0 into 3: no retries is TerminateJob instead.
  bool retries = !rp.backoff_limit.set() || *rp.backoff_limit > 0;
  if (rp.backoff_limit.set() && retries) spec.add("maxRetry", num(rp.backoff_limit));
  if (rp.ttl_seconds_after_finished.set())
    spec.add("ttlSecondsAfterFinished", num(rp.ttl_seconds_after_finished));
  spec.add("plugins", plugins(job));
  Node& policies = spec.add("policies", Node::seq());
  policies.push(policy("PodEvicted", "RestartJob"));
  Node& failed = policies.push(policy("PodFailed", retries ? "RestartJob" : "TerminateJob"));
  if (rp.backoff_limit.set()) failed = located(std::move(failed), rp.backoff_limit.origin);

  Node& tasks = spec.add("tasks", Node::seq());
  Node launcher = container(job, job.launcher, "launcher", launcher_command());
  Node volumes = Node::seq();
  mount_launcher_script(job, launcher, volumes);
  Node& master = tasks.push(task(job, job.launcher, kVolcanoMaster, "launcher", std::move(launcher),
                                 std::move(volumes)));
  Node& master_policies = master.add("policies", Node::seq());
  master_policies.push(policy("TaskCompleted", "CompleteJob"));
  if (waits) {
    Node& depends = master.add("dependsOn", Node::map());
    depends.add("name", strings({kVolcanoWorker}));
    if (job.launcher_creation_policy.set())
      depends = located(std::move(depends), job.launcher_creation_policy.origin);
  }
  // Workers run sshd in the foreground (what mpi-operator starts in its
  // workers) and are ready once it answers.
  Node worker = container(job, job.worker, "worker",
                          job.worker.command.set() ? words(job.worker.command)
                                                   : strings({"/usr/sbin/sshd", "-De"}));
  Node& probe = worker.add("readinessProbe", Node::map());
  probe.add("tcpSocket", Node::map()).add("port", Node::integer(kVolcanoSshPort));
  probe.add("periodSeconds", Node::integer(2));
  tasks.push(task(job, job.worker, kVolcanoWorker, "worker", std::move(worker), Node::seq()));

  return with_launcher_config_map(job, launcher_script, std::move(vcjob));
}

std::string VolcanoTarget::worker_host_list() const {
  return std::string("/etc/volcano/") + kVolcanoWorker + ".host";
}

// The master dependsOn the workers unless the spec chose AtStartup; then
// PodFailed restarts the job, unless backoff_limit is 0.
LauncherStart VolcanoTarget::launcher_start(const JobSpec& job) const {
  return at_startup_chosen(job) ? at_startup_launcher(job) : LauncherStart::AfterWorkersReady;
}

}  // namespace mpijobc

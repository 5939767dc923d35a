#include "validate/volcano_rules.h"

#include <algorithm>
#include <cmath>
#include <functional>
#include <map>
#include <set>

#include "support/quantity.h"
#include "validate/rule_helpers.h"
#include "validate/spec_checks.h"

namespace mpijobc {
namespace {

// The events and actions the webhook lets a user set (bus/v1alpha1; the
// CRD's enum also has PodRunning, OutOfSync and CommandIssued).
constexpr const char* kEvents[] = {"*",       "PodFailed",     "PodEvicted", "PodPending",
                                   "Unknown", "TaskCompleted", "TaskFailed", "JobUpdated"};
constexpr const char* kActions[] = {"AbortJob",   "RestartJob",       "RestartTask",  "RestartPod",
                                    "RestartPartition", "TerminateJob", "CompleteJob", "ResumeJob"};
constexpr const char* kPlugins[] = {"ssh", "env", "svc", "mpi", "tensorflow", "pytorch", "hcclrank",
                                    "ray"};

template <size_t N>
bool among(const std::string& s, const char* const (&list)[N]) {
  return std::find(std::begin(list), std::end(list), s) != std::end(list);
}

template <size_t N>
std::string listed(const char* const (&list)[N]) {
  std::string out;
  for (const char* s : list) out += (out.empty() ? "" : ", ") + std::string(s);
  return out;
}

int64_t int_or(const Node* n, int64_t fallback) {
  auto v = n ? n->as_int() : std::nullopt;
  return v ? *v : fallback;
}

const Node* seq(const Node* parent, const char* key) {
  const Node* n = parent ? parent->get(key) : nullptr;
  return n && n->is_seq() ? n : nullptr;
}

// The value of `--flag=value` among a plugin's arguments, or `fallback`.
std::string plugin_arg(const Node& args, const std::string& flag, const std::string& fallback) {
  if (!args.is_seq()) return fallback;
  for (const Node& a : args.items)
    if (a.is_string() && a.text.rfind(flag + "=", 0) == 0) return a.text.substr(flag.size() + 1);
  return fallback;
}

void check_policies(const Node* policies, const std::string& path, RuleReporter& rules) {
  if (!policies) return;
  const std::string valid = " (valid events are " + listed(kEvents) + "; valid actions are " +
                            listed(kActions) + ")";
  std::set<std::string> events;
  std::set<int64_t> codes;
  bool star = false, others = false;
  for (size_t i = 0; i < policies->items.size(); ++i) {
    const Node& p = policies->items[i];
    std::string at = path + "[" + std::to_string(i) + "]";
    std::vector<const Node*> named;
    if (const Node* e = p.get("event")) named.push_back(e);
    if (const Node* es = seq(&p, "events"))
      for (const Node& e : es->items) named.push_back(&e);
    const Node* code = p.get("exitCode");
    if (!named.empty() && code)
      rules.error(*code, at + ".exitCode", "must not specify event and exitCode simultaneously",
                  "volcano/policy", "a policy reacts to events or to an exit code: split it in two");
    if (named.empty() && !code)
      rules.error(p, at, "either event or exitCode should be specified", "volcano/policy");
    for (const Node* e : named) {
      if (!e->is_string()) continue;
      if (!among(e->text, kEvents))
        rules.error(*e, at + ".event", "invalid policy event '" + e->text + "'" + valid,
                    "volcano/policy");
      else if (!events.insert(e->text).second)
        rules.error(*e, at + ".event",
                    "duplicate event " + e->text + " across different policies",
                    "volcano/policy", "give each event one action");
      (e->text == "*" ? star : others) = true;
    }
    if (code) {
      int64_t c = int_or(code, 1);
      if (c == 0)
        rules.error(*code, at + ".exitCode", "0 is not a valid error code", "volcano/policy");
      else if (!codes.insert(c).second)
        rules.error(*code, at + ".exitCode", "duplicate exitCode " + code->text, "volcano/policy");
    }
    const Node* action = p.get("action");
    if (action && action->is_string() && !among(action->text, kActions))
      rules.error(*action, at + ".action", "invalid policy action '" + action->text + "'" + valid,
                  "volcano/policy");
  }
  if (star && others)
    rules.error(*policies, path, "if there's * here, no other policy event should be here",
                "volcano/policy", "'*' covers every event: keep it alone or list the events");
}

// partitionPolicy: replicas = totalPartitions x partitionSize, and an
// explicit minAvailable = minPartitions x partitionSize when minPartitions > 0.
void check_partitions(const Node& task, const std::string& path, const std::string& name,
                      RuleReporter& rules) {
  const Node* part = task.get("partitionPolicy");
  if (!part || !part->is_map()) return;
  int64_t parts = int_or(part->get("totalPartitions"), 0), size = int_or(part->get("partitionSize"), 0);
  int64_t min_parts = int_or(part->get("minPartitions"), 0);
  if (parts <= 0 || size <= 0) return;  // the CRD's minimum
  const Node* replicas = task.get("replicas");
  if (int_or(replicas, 0) != parts * size)
    rules.error(replicas ? *replicas : *part, path + ".replicas",
                "'replicas' is not totalPartitions x partitionSize (" + std::to_string(parts * size) +
                    ") in task " + name,
                "volcano/partition");
  const Node* min = task.get("minAvailable");
  if (min && min_parts > 0 && int_or(min, 0) != min_parts * size)
    rules.error(*min, path + ".minAvailable",
                "'minAvailable' is not minPartitions x partitionSize (" +
                    std::to_string(min_parts * size) + ") in task " + name,
                "volcano/partition");
}

// A topologyPolicy other than none needs whole CPUs in every container's request.
void check_topology_cpus(const Node& task, const Node* pod_spec, const std::string& path,
                         RuleReporter& rules) {
  const Node* policy = task.get("topologyPolicy");
  if (!policy || !policy->is_string() || policy->text == "none") return;
  const Node* containers = seq(pod_spec, "containers");
  for (size_t i = 0; containers && i < containers->items.size(); ++i) {
    const Node* res = containers->items[i].get("resources");
    const Node* req = res ? res->get("requests") : nullptr;
    const Node* cpu = req ? req->get("cpu") : nullptr;
    if (!cpu || !cpu->is_scalar()) continue;
    auto cores = parse_quantity(cpu->text);
    // As Volcano: the request in millicores is a multiple of 1000.
    if (cores && std::llround(*cores * 1000) % 1000 != 0)
      rules.error(*cpu, path + ".template.spec.containers[" + std::to_string(i) + "].resources.requests.cpu",
                  "topologyPolicy " + policy->text + " needs a whole number of CPUs, got " + cpu->text,
                  "volcano/topology-cpu", "request whole CPUs, or set topologyPolicy: none");
  }
}

struct Task {
  const Node* node;
  std::string name, path;
  int64_t replicas, min_available;
};

// Task names a task waits for must be tasks; no cycles. Returns whether
// they are.
bool check_depends_on(const std::vector<Task>& tasks, RuleReporter& rules) {
  bool ok = true;
  std::map<std::string, std::vector<std::string>> edges;
  for (const Task& t : tasks) {
    const Node* d = t.node->get("dependsOn");
    const Node* names = seq(d, "name");
    if (!names) continue;
    for (size_t i = 0; i < names->items.size(); ++i) {
      const Node& n = names->items[i];
      bool known = std::any_of(tasks.begin(), tasks.end(),
                               [&](const Task& o) { return o.name == n.text; });
      ok = ok && known;
      if (!known)
        rules.error(n, t.path + ".dependsOn.name[" + std::to_string(i) + "]",
                    "no task named '" + n.text + "' in this job", "volcano/depends-on",
                    "name tasks of this job: the webhook rejects the job otherwise");
      else edges[t.name].push_back(n.text);
    }
  }
  // Depth-first search for a cycle.
  std::map<std::string, int> state;  // 1: on the path, 2: done
  std::function<bool(const std::string&)> cyclic = [&](const std::string& v) {
    if (state[v] == 1) return true;
    if (state[v] == 2) return false;
    state[v] = 1;
    for (const std::string& w : edges[v])
      if (cyclic(w)) return true;
    state[v] = 2;
    return false;
  };
  for (const Task& t : tasks)
    if (cyclic(t.name)) {
      rules.error(*t.node->get("dependsOn"), t.path + ".dependsOn",
                  "the tasks' dependencies do not form a directed acyclic graph",
                  "volcano/depends-on", "remove the dependency that closes the cycle");
      return false;
    }
  return ok;
}

}  // namespace

void check_volcano_job(const Node& job, DiagnosticEngine& diags) {
  RuleReporter rules(diags);
  const Node* spec = job.get("spec");
  if (!spec || !spec->is_map()) {
    rules.error(job, "spec", "missing spec", "volcano/required");
    return;
  }
  const Node* plugins = spec->get("plugins");
  bool svc = false;
  const Node* mpi = nullptr;
  if (plugins && plugins->is_map())
    for (const Member& m : plugins->members) {
      if (!among(m.key, kPlugins))
        diags.error(m.key_loc, "spec.plugins." + m.key, "unable to find job plugin: " + m.key,
                    "the plugins are " + listed(kPlugins), "volcano/plugin");
      if (m.key == "mpi") mpi = &m.value;
      svc = svc || m.key == "svc" || m.key == "mpi";  // mpi adds svc
    }

  const Node* meta = job.get("metadata");
  const Node* name = meta ? meta->get("name") : nullptr;
  std::string job_name = name && name->is_string() ? name->text : "";
  bool name_ok = name && name->is_string() &&
                 (svc ? is_dns1035_label(job_name) : is_dns1123_subdomain(job_name));
  if (name && name->is_string() && !name_ok)
    rules.error(*name, "metadata.name",
                svc ? "with the svc plugin the job name names its Service and is every pod's "
                      "subdomain: it must be a DNS-1035 label (at most 63 lower-case letters, "
                      "digits and '-', starting with a letter)"
                    : "must be a DNS-1123 subdomain (lower-case letters, digits, '-' and '.')",
                "volcano/job-name");

  const Node* task_list = seq(spec, "tasks");
  if (!task_list || task_list->items.empty()) {
    rules.error(task_list ? *task_list : *spec, "spec.tasks", "No task specified in job spec",
                "volcano/tasks-required");
    return;
  }
  std::vector<Task> tasks;
  std::set<std::string> names;
  int64_t total = 0, total_min = 0;
  for (size_t i = 0; i < task_list->items.size(); ++i) {
    const Node& t = task_list->items[i];
    std::string path = "spec.tasks[" + std::to_string(i) + "]";
    const Node* task_name = t.get("name");
    // The mutating webhook names an unnamed task default<i>.
    std::string tn = task_name && task_name->is_string() && !task_name->text.empty()
                         ? task_name->text
                         : "default" + std::to_string(i);
    if (task_name && !names.insert(tn).second)
      rules.error(*task_name, path + ".name", "duplicated task name " + tn, "volcano/duplicate-task",
                  "task names must be unique within the job");
    const Node* replicas = t.get("replicas");
    const Node* min = t.get("minAvailable");
    rules.at_least(replicas, path + ".replicas", 0, "volcano/min-available", "volcano");
    int64_t r = int_or(replicas, 0);
    int64_t m = int_or(min, r);
    if (min && m > r)
      rules.error(*min, path + ".minAvailable",
                  "'minAvailable' (" + min->text + ") is greater than 'replicas' (" +
                      std::to_string(r) + ") in task " + tn,
                  "volcano/min-available");
    total += r;
    total_min += std::min(m, r);
    // Pods are <job>-<task>-<index>; with svc the name is the pod's hostname.
    std::string pod = job_name + "-" + tn + "-" + std::to_string(std::max<int64_t>(r - 1, int64_t(i)));
    bool pod_ok = svc ? is_dns1123_label(pod) : pod.size() <= 63 && is_dns1123_subdomain(pod);
    if (name_ok && !pod_ok)
      rules.error(task_name ? *task_name : t, path + ".name",
                  "pod name '" + pod + "' is not a DNS-1123 label (at most 63 lower-case letters, " +
                      (svc ? "digits and '-'; with the svc plugin it is the pod's hostname)"
                           : "digits, '-' and '.')") +
                      ": the pods of this task cannot be created",
                  "volcano/pod-name", "shorten the job or task name");
    const Node* tmpl = t.get("template");
    rules.pod_template(tmpl, t, path + ".template", "volcano");
    const Node* pod_spec = tmpl ? tmpl->get("spec") : nullptr;
    if (pod_spec && pod_spec->is_map() && !pod_spec->get("restartPolicy"))
      rules.warning(*pod_spec, path + ".template.spec.restartPolicy",
                    "no restartPolicy: Kubernetes' default Always restarts a finished pod, so the "
                    "task never completes",
                    "volcano/restart-policy", "set restartPolicy: OnFailure or Never");
    check_policies(seq(&t, "policies"), path + ".policies", rules);
    check_partitions(t, path, tn, rules);
    check_topology_cpus(t, pod_spec, path, rules);
    tasks.push_back({&t, tn, path, r, std::min(m, r)});
  }
  check_policies(seq(spec, "policies"), "spec.policies", rules);
  bool ordered = check_depends_on(tasks, rules);

  const Node* job_min = spec->get("minAvailable");
  rules.at_least(job_min, "spec.minAvailable", 0, "volcano/min-available", "volcano");
  if (job_min && int_or(job_min, 0) > total)
    rules.error(*job_min, "spec.minAvailable",
                "job 'minAvailable' (" + job_min->text +
                    ") should not be greater than total replicas in tasks (" +
                    std::to_string(total) + ")",
                "volcano/min-available");
  // A task with dependsOn has no pods until the tasks it waits for are ready:
  // a gang that counts its pods never forms (the webhook's own default, the
  // sum of the tasks' minAvailable, counts them).
  int64_t gang = job_min && int_or(job_min, 0) > 0 ? int_or(job_min, 0) : total_min;
  int64_t early = 0;
  const Task* waiting = nullptr;
  for (const Task& t : tasks)
    if (t.node->get("dependsOn")) waiting = waiting ? waiting : &t;
    else early += t.replicas;
  if (ordered && waiting && gang > early && int_or(job_min, 0) <= total)
    rules.error(job_min ? *job_min : *waiting->node->get("dependsOn"),
                job_min ? "spec.minAvailable" : waiting->path + ".dependsOn",
                "the gang needs " + std::to_string(gang) + " pods, but task " + waiting->name +
                    " has none until the tasks it dependsOn are ready, which leaves " +
                    std::to_string(early) + ": the job never starts",
                "volcano/depends-on-gang",
                "set spec.minAvailable to at most " + std::to_string(early) +
                    " (the pods of the tasks without dependsOn)");

  if (mpi) {
    std::string master = plugin_arg(*mpi, "--master", "master");
    std::string worker = plugin_arg(*mpi, "--worker", "worker");
    auto has = [&](const std::string& n) { return names.count(n) > 0; };
    if (!has(master))
      rules.error(*mpi, "spec.plugins.mpi",
                  "The specified mpi master task '" + master + "' was not found",
                  "volcano/mpi-master", "name the launcher's task with --master=<task>");
    if (!has(worker))
      rules.warning(*mpi, "spec.plugins.mpi",
                    "no task '" + worker + "': the master gets no MPI_HOST",
                    "volcano/mpi-worker", "name the workers' task with --worker=<task>");
  }

  if (const Node* volumes = seq(spec, "volumes")) {
    std::set<std::string> mounts;
    for (size_t i = 0; i < volumes->items.size(); ++i) {
      const Node& v = volumes->items[i];
      std::string at = "spec.volumes[" + std::to_string(i) + "]";
      const Node* mount = v.get("mountPath");
      if (!mount || !mount->is_string() || mount->text.empty())
        rules.error(mount ? *mount : v, at + ".mountPath", "mountPath is required", "volcano/volume");
      else if (!mounts.insert(mount->text).second)
        rules.error(*mount, at + ".mountPath", "duplicated mountPath: " + mount->text,
                    "volcano/volume");
      bool by_name = v.get("volumeClaimName") != nullptr, claim = v.get("volumeClaim") != nullptr;
      if (by_name == claim)
        rules.error(v, at,
                    by_name ? "both volumeClaimName and volumeClaim: give an existing PVC's name or "
                              "a claim to create, not both"
                            : "either volumeClaim or volumeClaimName must be specified",
                    "volcano/volume");
    }
  }

  const Node* topology = spec->get("networkTopology");
  if (topology && topology->get("highestTierAllowed") && topology->get("highestTierName"))
    rules.error(*topology->get("highestTierName"), "spec.networkTopology.highestTierName",
                "must not specify 'highestTierAllowed' and 'highestTierName' in networkTopology "
                "simultaneously",
                "volcano/network-topology");
}

}  // namespace mpijobc

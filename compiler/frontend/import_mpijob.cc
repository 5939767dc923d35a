#include "frontend/import_mpijob.h"

#include <algorithm>
#include <string>
#include <utility>

#include "frontend/import_legacy.h"

namespace mpijobc {
namespace {

constexpr const char* kV2beta1 = "kubeflow.org/v2beta1";
constexpr const char* kV1 = "kubeflow.org/v1";
constexpr const char* kBdap = "batch.test.bdap.com/v1";

std::string text_of(const Node* n) { return n && n->is_scalar() ? n->text : std::string(); }

// One Kubernetes enum value -> the spec's spelling; empty when unknown.
std::string map_value(const std::string& value,
                      std::initializer_list<std::pair<const char*, const char*>> table) {
  for (const auto& [from, to] : table)
    if (value == from) return to;
  return {};
}

class Importer {
 public:
  explicit Importer(DiagnosticEngine& diags) : diags_(diags) {}

  std::optional<Node> run(const Node& doc) {
    const size_t errors = diags_.error_count();
    std::string api = text_of(doc.get("apiVersion"));
    Node out = Node::map(doc.loc);
    out.add("apiVersion", Node::string("mpijobc/v1", doc.loc));
    out.add("kind", Node::string("MPIJob", doc.loc));
    out.add("metadata", metadata(doc));
    const Node* spec = doc.get("spec");
    if (!spec || !spec->is_map()) {
      diags_.error(doc.loc, "spec", "the MPIJob has no spec", {}, "import/no-workers");
      return std::nullopt;
    }
    Node s = Node::map(spec->loc);
    if (api != kV2beta1) s.add("target", Node::string(api, spec->loc));
    if (api == kBdap) bdap(*spec);
    else kubeflow(api, *spec, s);
    merge_common(s);
    out.add("spec", std::move(s));
    if (diags_.error_count() != errors) return std::nullopt;
    return out;
  }

 private:
  struct Role {
    Node fields = Node::map();  // the spec's launcher / worker
    Node pod = Node::map();     // its pod overrides
    Node container = Node::map();
    std::optional<Node> image;
    bool present = false;
  };

  Node metadata(const Node& doc) {
    Node m = Node::map(doc.loc);
    const Node* md = doc.get("metadata");
    if (!md || !md->is_map()) return m;
    for (const Member& f : md->members) {
      if (f.key == "name" || f.key == "namespace" || f.key == "labels" || f.key == "annotations")
        m.add(f.key, f.key_loc, f.value);
      else
        dropped(f, "metadata." + f.key, "it is set by the API server");
    }
    return m;
  }

  void dropped(const Member& f, const std::string& path, const std::string& why) {
    diags_.warning(f.key_loc, path, "'" + f.key + "' has no spec field and is not imported",
                   why, "import/dropped");
  }
  void unsupported(SourceLoc loc, const std::string& path, const std::string& message,
                   const std::string& hint = {}) {
    diags_.error(loc, path, message, hint, "import/unsupported");
  }

  void kubeflow(const std::string& api, const Node& spec, Node& s) {
    const Node* specs = spec.get("mpiReplicaSpecs");
    bool has_clean = false;
    for (const Member& f : spec.members) {
      const std::string path = "spec." + f.key;
      if (f.key == "slotsPerWorker") s.add("slots", f.key_loc, f.value);
      else if (f.key == "runPolicy") has_clean |= run_policy(f.value, path, s);
      else if (f.key == "cleanPodPolicy" && api == kV1) {
        Node rp = Node::map(f.value.loc);
        rp.add("clean_pod_policy", clean_pod_policy(f, path));
        s.add("run_policy", f.key_loc, std::move(rp));
        has_clean = true;
      } else if (api == kV2beta1 && f.key == "sshAuthMountPath")
        s.add("ssh_auth_mount_path", f.key_loc, f.value);
      else if (api == kV2beta1 && f.key == "mpiImplementation")
        s.add("mpi_implementation", f.key_loc, f.value);
      else if (api == kV2beta1 && f.key == "launcherCreationPolicy")
        s.add("launcher_creation_policy", f.key_loc, f.value);
      else if (api == kV2beta1 && f.key == "runLauncherAsWorker")
        s.add("run_launcher_as_worker", f.key_loc, f.value);
      else if (f.key == "mpiReplicaSpecs" || (api == kV1 && f.key == "mainContainer")) continue;
      else unsupported(f.key_loc, path, "'" + f.key + "' has no spec field");
    }
    // The operators default cleanPodPolicy to None, mpijobc to RUNNING.
    if (!has_clean) {
      Node* rp = nullptr;
      for (Member& m : s.members)
        if (m.key == "run_policy") rp = &m.value;
      if (!rp) rp = &s.add("run_policy", Node::map(spec.loc));
      rp->add("clean_pod_policy", Node::string("NONE", spec.loc));
    }
    if (!specs || !specs->is_map()) {
      diags_.error(spec.loc, "spec.mpiReplicaSpecs", "the MPIJob has no mpiReplicaSpecs", {},
                   "import/no-workers");
      return;
    }
    for (const Member& r : specs->members) {
      const std::string path = "spec.mpiReplicaSpecs." + r.key;
      if (r.key == "Launcher") replica(r.value, path, launcher_, api == kV1);
      else if (r.key == "Worker") replica(r.value, path, worker_, api == kV1);
      else unsupported(r.key_loc, path, "unknown replica type '" + r.key + "'",
                       "an MPIJob has a Launcher and Workers");
    }
    if (!worker_.present)
      diags_.error(specs->loc, "spec.mpiReplicaSpecs.Worker", "the MPIJob has no Worker replicas",
                   "the spec needs worker.replicas", "import/no-workers");
  }

  void bdap(const Node& spec) {
    for (const Member& f : spec.members) {
      const std::string path = "spec." + f.key;
      if (f.key == "numWorkers") {
        worker_.fields.add("replicas", f.key_loc, f.value);
        worker_.present = true;
      } else if (f.key == "launcherTemplate") template_spec(f.value, path, launcher_, true);
      else if (f.key == "workerTemplate") template_spec(f.value, path, worker_, true);
      else unsupported(f.key_loc, path, "'" + f.key + "' has no spec field");
    }
    if (!worker_.present)
      diags_.error(spec.loc, "spec.numWorkers", "the MPIJob has no numWorkers", {},
                   "import/no-workers");
  }

  // Returns whether it set the clean pod policy.
  bool run_policy(const Node& rp, const std::string& path, Node& s) {
    Node out = Node::map(rp.loc);
    bool clean = false;
    for (const Member& f : rp.members) {
      const std::string p = path + "." + f.key;
      if (f.key == "cleanPodPolicy") {
        out.add("clean_pod_policy", f.key_loc, clean_pod_policy(f, p));
        clean = true;
      } else if (f.key == "ttlSecondsAfterFinished") out.add("ttl_seconds_after_finished", f.key_loc, f.value);
      else if (f.key == "activeDeadlineSeconds") out.add("active_deadline_seconds", f.key_loc, f.value);
      else if (f.key == "backoffLimit") out.add("backoff_limit", f.key_loc, f.value);
      else if (f.key == "suspend") out.add("suspend", f.key_loc, f.value);
      else if (f.key == "managedBy") out.add("managed_by", f.key_loc, f.value);
      else if (f.key == "schedulingPolicy") out.add("scheduling", f.key_loc, scheduling(f.value, p));
      else unsupported(f.key_loc, p, "'" + f.key + "' has no spec field");
    }
    s.add("run_policy", std::move(out));
    return clean;
  }

  Node clean_pod_policy(const Member& f, const std::string& path) {
    std::string v = map_value(f.value.text, {{"None", "NONE"}, {"Running", "RUNNING"}, {"All", "ALL"}});
    if (v.empty()) unsupported(f.value.loc, path, "unknown cleanPodPolicy '" + f.value.text + "'");
    return Node::string(v, f.value.loc);
  }

  Node scheduling(const Node& sp, const std::string& path) {
    Node out = Node::map(sp.loc);
    for (const Member& f : sp.members) {
      if (f.key == "minAvailable") out.add("min_available", f.key_loc, f.value);
      else if (f.key == "queue") out.add("queue", f.key_loc, f.value);
      else if (f.key == "minResources") out.add("min_resources", f.key_loc, resources(f.value, path + "." + f.key));
      else if (f.key == "priorityClass") out.add("priority_class", f.key_loc, f.value);
      else if (f.key == "scheduleTimeoutSeconds") out.add("schedule_timeout_seconds", f.key_loc, f.value);
      else unsupported(f.key_loc, path + "." + f.key, "'" + f.key + "' has no spec field");
    }
    return out;
  }

  Node resources(const Node& r, const std::string& path) {
    Node out = Node::map(r.loc);
    for (const Member& f : r.members) {
      std::string key = map_value(f.key, {{"cpu", "cpu"}, {"memory", "mem"}, {"nvidia.com/gpu", "gpu"},
                                          {"ephemeral-storage", "ephemeral_storage"}});
      if (key.empty())
        unsupported(f.key_loc, path + "." + f.key, "resource '" + f.key + "' has no spec field",
                    "the spec takes cpu, memory, nvidia.com/gpu and ephemeral-storage");
      else out.add(key, f.key_loc, f.value);
    }
    return out;
  }

  void replica(const Node& r, const std::string& path, Role& role, bool v1) {
    role.present = true;
    for (const Member& f : r.members) {
      const std::string p = path + "." + f.key;
      if (f.key == "replicas") role.fields.add("replicas", f.key_loc, f.value);
      else if (f.key == "restartPolicy") restart_policy(f, p, role);
      else if (f.key == "template") template_spec(f.value, p, role, false);
      else unsupported(f.key_loc, p, "'" + f.key + "' has no spec field");
    }
    // The training-operator defaults both roles to Never, mpijobc the launcher to FAILURE.
    if (v1 && !r.get("restartPolicy")) role.fields.add("restart_policy", Node::string("NEVER", r.loc));
  }

  void restart_policy(const Member& f, const std::string& path, Role& role) {
    std::string v = map_value(f.value.text, {{"Always", "ALWAYS"}, {"OnFailure", "FAILURE"}, {"Never", "NEVER"}});
    if (v.empty()) unsupported(f.value.loc, path, "restartPolicy '" + f.value.text + "' has no spec value",
                               "the spec takes Always, OnFailure and Never");
    else role.fields.add("restart_policy", f.key_loc, Node::string(v, f.value.loc));
  }

  // A PodTemplateSpec; `pod_restart` when its spec.restartPolicy is the role's (bdap).
  void template_spec(const Node& t, const std::string& path, Role& role, bool pod_restart) {
    role.present = true;
    for (const Member& f : t.members) {
      const std::string p = path + "." + f.key;
      if (f.key == "metadata") {
        for (const Member& m : f.value.members) {
          if (m.key == "labels" || m.key == "annotations") role.pod.add(m.key, m.key_loc, m.value);
          else dropped(m, p + "." + m.key, "mpijobc names the pods");
        }
      } else if (f.key == "spec") pod_spec(f.value, p, role, pod_restart);
      else unsupported(f.key_loc, p, "'" + f.key + "' has no spec field");
    }
  }

  void pod_spec(const Node& ps, const std::string& path, Role& role, bool pod_restart) {
    Node spec = Node::map(ps.loc);
    for (const Member& f : ps.members) {
      const std::string p = path + "." + f.key;
      if (f.key == "containers") containers(f.value, p, role);
      else if (f.key == "restartPolicy" && pod_restart) restart_policy(f, p, role);
      else if (f.key == "restartPolicy" || f.key == "hostname" || f.key == "subdomain")
        unsupported(f.key_loc, p, "'" + f.key + "' is set by the operator",
                    f.key == "restartPolicy" ? "set the replica's restartPolicy" : "");
      else spec.add(f.key, f.key_loc, f.value);
    }
    if (!spec.members.empty()) role.pod.add("spec", std::move(spec));
  }

  void containers(const Node& list, const std::string& path, Role& role) {
    if (!list.is_seq() || list.items.size() != 1) {
      unsupported(list.loc, path, "a role must have exactly one container to import",
                  "the spec runs one container per pod; move sidecars to initContainers");
      return;
    }
    const Node& c = list.items[0];
    const Node* command = c.get("command");
    const Node* args = c.get("args");
    Node cmd = Node::seq(command ? command->loc : args ? args->loc : c.loc);
    if (command) for (const Node& i : command->items) cmd.push(i);
    if (args) {
      if (!command)
        diags_.warning(args->loc, path + "[0].args",
                       "args without a command: imported as the command, which is what runs when "
                       "the image has no ENTRYPOINT",
                       "the spec's command replaces the image's entrypoint; check the image",
                       "import/args-as-command");
      for (const Node& i : args->items) cmd.push(i);
    }
    if (!cmd.items.empty()) role.fields.add("command", std::move(cmd));
    else if (&role == &launcher_)
      unsupported(c.loc, path + "[0]", "the launcher container has no command",
                  "the spec needs the launcher's command; the image's entrypoint is not known");
    for (const Member& f : c.members) {
      const std::string p = path + "[0]." + f.key;
      if (f.key == "command" || f.key == "args") continue;
      if (f.key == "image") role.image = f.value;
      else if (f.key == "name") continue;  // mpijobc names the containers launcher and worker
      else if (f.key == "resources") {
        for (const Member& r : f.value.members) {
          if (r.key == "requests" || r.key == "limits")
            role.fields.add(r.key, r.key_loc, resources(r.value, p + "." + r.key));
          else unsupported(r.key_loc, p + "." + r.key, "'" + r.key + "' has no spec field");
        }
      } else role.container.add(f.key, f.key_loc, f.value);
    }
  }

  // Plain NAME=value entries shared by both roles become spec.env; any
  // other env stays in the role's container, as written.
  static bool plain_env(const Node& list) {
    for (const Node& e : list.items) {
      const Node* value = e.get("value");
      if (!e.is_map() || e.members.size() != 2 || !e.get("name") || !value || !value->is_scalar())
        return false;
    }
    return list.is_seq() && !list.items.empty();
  }

  static bool same(const Node& a, const Node& b) {
    if (a.kind != b.kind || a.text != b.text || a.items.size() != b.items.size() ||
        a.members.size() != b.members.size())
      return false;
    for (size_t i = 0; i < a.items.size(); ++i)
      if (!same(a.items[i], b.items[i])) return false;
    for (size_t i = 0; i < a.members.size(); ++i)
      if (a.members[i].key != b.members[i].key || !same(a.members[i].value, b.members[i].value))
        return false;
    return true;
  }

  // Images and plain env shared by both roles become spec.image / spec.env.
  void merge_common(Node& s) {
    if (launcher_.image && worker_.image && same(*launcher_.image, *worker_.image)) {
      s.add("image", *launcher_.image);
    } else {
      if (launcher_.image) launcher_.fields.add("image", *launcher_.image);
      if (worker_.image) worker_.fields.add("image", *worker_.image);
    }
    const Node* launcher_env = launcher_.container.get("env");
    const Node* worker_env = worker_.container.get("env");
    if (launcher_env && worker_env && plain_env(*launcher_env) && same(*launcher_env, *worker_env)) {
      Node env = Node::map(launcher_env->loc);
      for (const Node& e : launcher_env->items)
        env.add(e.get("name")->text, e.get("name")->loc, *e.get("value"));
      s.add("env", std::move(env));
      for (Role* role : {&launcher_, &worker_}) drop_env(role->container);
    }
    for (Role* role : {&launcher_, &worker_}) {
      if (!role->container.members.empty()) role->pod.add("container", role->container);
      if (!role->pod.members.empty()) role->fields.add("pod", role->pod);
    }
    if (launcher_.present) s.add("launcher", launcher_.fields);
    if (worker_.present) s.add("worker", worker_.fields);
  }

  static void drop_env(Node& container) {
    auto& m = container.members;
    m.erase(std::remove_if(m.begin(), m.end(), [](const Member& x) { return x.key == "env"; }),
            m.end());
  }

  DiagnosticEngine& diags_;
  Role launcher_, worker_;
};

}  // namespace

bool is_mpijob(const Node& doc) {
  if (text_of(doc.get("kind")) != "MPIJob") return false;
  std::string api = text_of(doc.get("apiVersion"));
  return api == kV2beta1 || api == kV1 || api == kBdap || is_legacy_mpijob_version(api);
}

std::optional<Node> import_mpijob(const Node& doc, DiagnosticEngine& diags) {
  std::string api = text_of(doc.get("apiVersion"));
  if (is_legacy_mpijob_version(api)) {
    std::optional<Node> lowered = lower_legacy_mpijob(doc, diags);
    return lowered ? Importer(diags).run(*lowered) : std::nullopt;
  }
  return Importer(diags).run(doc);
}

}  // namespace mpijobc

#include "frontend/import_legacy.h"

#include <algorithm>
#include <string>

#include "lower/legacy_units.h"
#include "validate/crd_schema.h"
#include "validate/manifest_check.h"
#include "validate/rule_helpers.h"

namespace mpijobc {
namespace {

constexpr const char* kV1alpha1 = "kubeflow.org/v1alpha1";
constexpr const char* kMaster = "node-role.kubernetes.io/master";

Node* child(Node& map, std::string_view key) { return const_cast<Node*>(map.get(key)); }

// Sets `key` in `map`, in place when present (keeping the key's location).
Node& set(Node& map, const std::string& key, Node value) {
  for (Member& m : map.members)
    if (m.key == key) return m.value = std::move(value);
  return map.add(key, std::move(value));
}

// Removes `key` from `map`; returns the removed member, if any.
std::optional<Member> take(Node& map, std::string_view key) {
  auto it = std::find_if(map.members.begin(), map.members.end(),
                         [&](const Member& m) { return m.key == key; });
  if (it == map.members.end()) return std::nullopt;
  Member out = std::move(*it);
  map.members.erase(it);
  return out;
}

// The map at `key` of `map`, added (located at `loc`) when absent.
Node& map_at(Node& map, const std::string& key, SourceLoc loc) {
  if (Node* n = child(map, key); n && n->is_map()) return *n;
  return set(map, key, Node::map(loc));
}

// A pod template's spec and its first container (nullptr when absent).
Node* pod_spec(Node& tmpl) { return child(tmpl, "spec"); }
Node* first_container(Node& tmpl) {
  Node* spec = pod_spec(tmpl);
  Node* containers = spec ? child(*spec, "containers") : nullptr;
  return containers && containers->is_seq() && !containers->items.empty() ? &containers->items[0]
                                                                           : nullptr;
}

class Lowering {
 public:
  Lowering(const Node& doc, DiagnosticEngine& diags)
      : doc_(doc), diags_(diags), api_(doc.get("apiVersion")->text) {}

  // Only warnings: what the old operators refused, the checks before found.
  Node run() {
    const Node* spec = doc_.get("spec");  // a map: the schema requires it
    const Node& api = *doc_.get("apiVersion");
    Node out = Node::map(doc_.loc);
    out.add("apiVersion", Node::string("kubeflow.org/v2beta1", api.loc));
    for (const Member& m : doc_.members) {
      if (m.key == "kind" || m.key == "metadata") out.add(m.key, m.key_loc, m.value);
      else if (m.key == "status")
        dropped(m.key_loc, "status", "status is not migrated: the operator writes it");
    }
    spec_ = Node::map(spec->loc);
    spec_key_ = doc_.member("spec")->key_loc;
    if (api_ == kV1alpha1) v1alpha1(*spec);
    else v1alpha2(*spec);
    lowered(api.loc, "apiVersion",
            api_ + " lowered to kubeflow.org/v2beta1, whose launcher reaches the workers over ssh "
                   "(not kubectl exec): the workers' image needs an OpenSSH server, the launcher's "
                   "an ssh client",
            "a worker with no command runs /usr/sbin/sshd -De; for a non-root image set "
            "ssh_auth_mount_path. The old operator's gang scheduling flag is now "
            "run_policy.scheduling with the operator's --gang-scheduling");
    if (!run_policy_.members.empty()) spec_.add("runPolicy", std::move(run_policy_));
    Node specs = Node::map(spec->loc);
    if (launcher_) specs.add("Launcher", std::move(*launcher_));
    if (worker_) specs.add("Worker", std::move(*worker_));
    spec_.add("mpiReplicaSpecs", std::move(specs));
    out.add("spec", std::move(spec_));
    return out;
  }

 private:
  void lowered(SourceLoc loc, const std::string& path, const std::string& message,
               const std::string& hint = {}) {
    diags_.warning(loc, path, message, hint, "import/legacy-lowered");
  }
  void dropped(SourceLoc loc, const std::string& path, const std::string& message,
               const std::string& hint = {}) {
    diags_.warning(loc, path, message, hint, "import/legacy-dropped");
  }

  // Both versions create the launcher once the workers run: v1alpha1 waited
  // for the StatefulSet to be ready, v1alpha2's kubectl-delivery init
  // container for every worker pod to be Running. Not with a gang of another
  // size: the scheduler would wait for a launcher that waits for it
  // (mpi-operator #608).
  void wait_for_workers(const Node& spec, const std::string& how) {
    const Node* sp = run_policy_.get("schedulingPolicy");
    const Node* min = sp ? sp->get("minAvailable") : nullptr;
    const Node* workers = worker_ ? worker_->get("replicas") : nullptr;
    if (min && !(workers && min->as_int() == workers->as_int())) {
      lowered(min->loc, "spec.runPolicy.schedulingPolicy.minAvailable",
              "launcherCreationPolicy left AtStartup, though " + how +
                  ": a gang of " + min->text + " pods would wait for a launcher that waits for "
                  "the workers (mpi-operator #608)",
              "the launcher may start before the workers: set min_available to the number of "
              "workers and launcher_creation_policy WaitForWorkersReady to keep the old order");
      return;
    }
    spec_.add("launcherCreationPolicy", Node::string("WaitForWorkersReady", spec.loc));
    lowered(spec_key_, "spec",
            "launcherCreationPolicy: WaitForWorkersReady, since " + how +
                " (needs mpi-operator v0.5.0 or later)");
  }

  // ---- kubeflow.org/v1alpha1: one template, units or replicas ----

  void v1alpha1(const Node& spec) {
    const Node* tmpl = spec.get("template");
    launcher_ = *tmpl;
    worker_ = *tmpl;
    for (const Member& f : spec.members) {
      if (f.key == "backoffLimit" || f.key == "activeDeadlineSeconds")
        run_policy_.add(f.key, f.key_loc, f.value);
      else if (f.key == "launcherOnMaster" && f.value.as_bool().value_or(false))
        launcher_on_master(f);
      else if (f.key == "cleanPodPolicy") {
        arena(f, "runPolicy.cleanPodPolicy");
        run_policy_.add(f.key, f.key_loc, f.value);
      } else if (f.key == "launcherResources")
        arena(f, "the launcher container's resources");
      else if (f.key == "mountsOnLauncher" && !f.value.as_bool().value_or(true))
        arena(f, "the launcher container without volumeMounts");
    }
    if (!run_policy_.get("cleanPodPolicy")) {
      run_policy_.add("cleanPodPolicy", Node::string("Running", spec.loc));
      lowered(spec_key_, "spec",
              "runPolicy.cleanPodPolicy: Running, since the old operator scaled the workers to 0 "
              "once the launcher finished");
    }
    workers_and_slots(spec);
    launcher_template(spec);
    worker_template();
    wait_for_workers(spec, "the old operator created the launcher once every worker was ready");
    launcher_ = wrap(std::move(*launcher_), std::move(launcher_restart_),
                     Node::integer(1, spec.loc));
    worker_ = wrap(std::move(*worker_), std::nullopt, std::move(worker_replicas_));
  }

  // A replica spec around a template.
  static Node wrap(Node tmpl, std::optional<Node> restart, Node replicas) {
    Node rs = Node::map(tmpl.loc);
    rs.add("replicas", std::move(replicas));
    if (restart) rs.add("restartPolicy", std::move(*restart));
    rs.add("template", std::move(tmpl));
    return rs;
  }

  void arena(const Member& f, const std::string& what) {
    lowered(f.key_loc, "spec." + f.key,
            "'" + f.key + "' (arena's fork of v1alpha1) lowered to " + what,
            "arena's semantics of it were not verified: check the result");
  }

  // §3: gpus / processingUnits T split by the per-node value, or replicas R
  // with the units of the template's container[0] limit.
  void workers_and_slots(const Node& spec) {
    const bool gpus = spec.get("gpus") != nullptr;
    const Node* total = spec.get(gpus ? "gpus" : "processingUnits");
    const std::string total_key = gpus ? "gpus" : "processingUnits";
    const std::string per_key = gpus ? "gpusPerNode" : "processingUnitsPerNode";
    const Node* type = spec.get("processingResourceType");
    std::string resource = type ? type->text : "nvidia.com/gpu";
    int64_t workers = 0, per_worker = 0;
    SourceLoc at = spec.loc;
    std::string how;
    if (total) {
      at = total->loc;
      const Node* per = spec.get(per_key);
      int64_t per_node = per ? per->as_int().value_or(1) : 1;
      std::optional<UnitSplit> split = split_units(total->as_int().value_or(1), per_node);
      if (!split) split = UnitSplit{1, 1};  // not reached: the rules reported it
      workers = split->workers;
      per_worker = split->per_worker;
      how = total_key + " " + total->text + " split by " + per_key + " " +
            (per ? per->text : "1 (absent: the operator flag's default, assumed)");
      if (!type) how += ", resource nvidia.com/gpu (processingResourceType's default)";
      Node* c = first_container(*worker_);
      Node& resources = map_at(*c, "resources", total->loc);
      set(map_at(resources, "limits", total->loc), resource, Node::integer(per_worker, total->loc));
    } else {
      const Node* replicas = spec.get("replicas");
      at = replicas->loc;
      workers = replicas->as_int().value_or(1);
      const Node* c = first_container(*worker_);
      const Node* resources = c ? c->get("resources") : nullptr;
      const Node* limits = resources ? resources->get("limits") : nullptr;
      const Node* limit = limits ? limits->get(resource) : nullptr;
      per_worker = limit ? limit->as_int().value_or(0) : 0;
    }
    worker_replicas_ = Node::integer(workers, at);
    for (const char* key : {"gpusPerNode", "processingUnitsPerNode"})
      if (const Member* m = spec.member(key); m && (!total || key != per_key))
        dropped(m->key_loc, std::string("spec.") + key,
                std::string("ignored, as the old operator did: it applies to ") +
                    (key[0] == 'g' ? "gpus" : "processingUnits") + " only");
    const Node* slots = spec.get("slotsPerWorker");
    if (slots) spec_.add("slotsPerWorker", *slots);
    else spec_.add("slotsPerWorker", Node::integer(per_worker > 0 ? per_worker : 1, at));
    if (total)
      lowered(at, "spec." + total_key,
              how + ": Worker replicas " + std::to_string(workers) + ", each with limits " +
                  resource + ": " + std::to_string(per_worker) +
                  (slots ? "" : ", slotsPerWorker " + std::to_string(per_worker) +
                                    " (the old default: units per worker; v2beta1's is 1)"));
    else if (!slots)
      lowered(at, "spec.replicas",
              "slotsPerWorker " + std::to_string(per_worker > 0 ? per_worker : 1) +
                  (per_worker > 0 ? " (the old default: the container's " + resource + " limit)"
                                  : " (the old default without a " + resource + " limit)") +
                  "; v2beta1's default is 1");
  }

  // launcherOnMaster replaced the launcher's tolerations and affinity.
  void launcher_on_master(const Member& f) {
    Node* spec = pod_spec(*launcher_);
    SourceLoc at = f.value.loc;
    Node toleration = Node::map(at);
    toleration.add("key", Node::string(kMaster, at));
    toleration.add("effect", Node::string("NoSchedule", at));
    Node tolerations = Node::seq(at);
    tolerations.push(std::move(toleration));
    Node expression = Node::map(at);
    expression.add("key", Node::string(kMaster, at));
    expression.add("operator", Node::string("Exists", at));
    Node expressions = Node::seq(at);
    expressions.push(std::move(expression));
    Node term = Node::map(at);
    term.add("matchExpressions", std::move(expressions));
    Node terms = Node::seq(at);
    terms.push(std::move(term));
    Node required = Node::map(at);
    required.add("nodeSelectorTerms", std::move(terms));
    Node node_affinity = Node::map(at);
    node_affinity.add("requiredDuringSchedulingIgnoredDuringExecution", std::move(required));
    Node affinity = Node::map(at);
    affinity.add("nodeAffinity", std::move(node_affinity));
    std::string replaced;
    for (const char* key : {"tolerations", "affinity"})
      if (spec->get(key)) replaced += std::string(replaced.empty() ? "" : " and ") + key;
    set(*spec, "tolerations", std::move(tolerations));
    set(*spec, "affinity", std::move(affinity));
    lowered(f.key_loc, "spec.launcherOnMaster",
            "lowered to the launcher's tolerations (" + std::string(kMaster) +
                ":NoSchedule) and a required node affinity (" + kMaster + " Exists)" +
                (replaced.empty() ? "" : ", replacing the template's " + replaced),
            "current kubeadm clusters label and taint control-plane nodes "
            "node-role.kubernetes.io/control-plane instead: check your nodes");
  }

  // v1alpha1's launcher: the template without container[0]'s resources,
  // restartPolicy OnFailure unless the template says Never.
  void launcher_template(const Node& spec) {
    Node* c = first_container(*launcher_);
    if (std::optional<Member> r = take(*c, "resources"))
      lowered(r->key_loc, "spec.template.spec.containers[0].resources",
              "not on the launcher: the old operator cleared the launcher's resources");
    if (const Node* arena_resources = spec.get("launcherResources"))
      c->add("resources", *arena_resources);
    const Node* mounts = spec.get("mountsOnLauncher");
    if (mounts && !mounts->as_bool().value_or(true)) take(*c, "volumeMounts");
    Node* pod = pod_spec(*launcher_);
    std::optional<Member> restart = take(*pod, "restartPolicy");
    take(*pod_spec(*worker_), "restartPolicy");
    bool never = restart && restart->value.text == "Never";
    launcher_restart_ = Node::string(never ? "Never" : "OnFailure", restart ? restart->value.loc : spec.loc);
    if (restart)
      lowered(restart->key_loc, "spec.template.spec.restartPolicy",
              "the Launcher's restartPolicy " + launcher_restart_->text +
                  "; the workers get v2beta1's default (Never), the old ones restarted Always");
  }

  // v1alpha1's workers: the template, container[0] without command and args
  // (the old operator replaced them with `sleep 365d`; now sshd runs).
  void worker_template() {
    Node* c = first_container(*worker_);
    for (const char* key : {"command", "args"})
      if (std::optional<Member> m = take(*c, key))
        lowered(m->key_loc, std::string("spec.template.spec.containers[0].") + key,
                std::string("not on the workers: the old operator replaced their ") + key +
                    " with 'sleep 365d', v2beta1 workers run sshd instead");
  }

  // ---- kubeflow.org/v1alpha2 ----

  void v1alpha2(const Node& spec) {
    const Node* rp = spec.get("runPolicy");
    for (const Member& f : spec.members) {
      const std::string path = "spec." + f.key;
      if (f.key == "slotsPerWorker") spec_.add(f.key, f.key_loc, f.value);
      else if (f.key == "backoffLimit" || f.key == "activeDeadlineSeconds" ||
               f.key == "cleanPodPolicy") {
        const Member* over = rp ? rp->member(f.key) : nullptr;
        if (over && f.key != "cleanPodPolicy")
          dropped(f.key_loc, path, "overridden by runPolicy." + f.key + " (as in v1alpha2)");
        else run_policy_.add(f.key, f.key_loc, f.value);
      } else if (f.key == "runPolicy") run_policy(f.value, spec.get("cleanPodPolicy"));
      else if (f.key == "mpiDistribution") {
        std::string v = f.value.text == "IntelMPI" ? "Intel" : f.value.text;
        spec_.add("mpiImplementation", f.key_loc, Node::string(v, f.value.loc));
      }
    }
    const Node* specs = spec.get("mpiReplicaSpecs");
    if (const Node* l = specs->get("Launcher")) launcher_ = replica(*l, "Launcher", spec);
    if (const Node* w = specs->get("Worker")) worker_ = replica(*w, "Worker", spec);
    if (const Member* main = spec.member("mainContainer"))
      lowered(main->value.loc, "spec.mainContainer",
              "the container '" + main->value.text + "' moved first in both templates: v2beta1 "
              "runs ranks in the first container");
    wait_for_workers(spec, "the old kubectl-delivery init container held the launcher until every "
                           "worker pod was Running");
  }

  void run_policy(const Node& rp, const Node* top_clean) {
    for (const Member& f : rp.members) {
      const std::string path = "spec.runPolicy." + f.key;
      if (f.key == "cleanPodPolicy" && top_clean) {
        dropped(f.key_loc, path, "overridden by spec.cleanPodPolicy (v1alpha2 ignored this one)");
        continue;
      }
      run_policy_.add(f.key, f.key_loc, f.value);
      if (f.key == "cleanPodPolicy")
        lowered(f.key_loc, path, "kept, though v1alpha2 ignored it (and used None)",
                "v2beta1 applies it: workers are deleted when the job ends unless it is None");
      else if (f.key == "ttlSecondsAfterFinished")
        lowered(f.key_loc, path, "kept, though v1alpha2 ignored it",
                "v2beta1 deletes the finished job, launcher included, after this many seconds");
      else if (f.key == "schedulingPolicy")
        lowered(f.key_loc, path, "kept, though v1alpha2 ignored it (its PodGroup always had "
                                 "workers + 1 members)");
    }
  }

  // One v1alpha2 replica spec: restart policies as that controller applied
  // them, mainContainer first, worker commands.
  Node replica(const Node& rs, const std::string& type, const Node& spec) {
    Node out = rs;
    const std::string path = "spec.mpiReplicaSpecs." + type;
    bool launcher = type == "Launcher";
    if (std::optional<Member> restart = take(out, "restartPolicy")) {
      const std::string& v = restart->value.text;
      if (launcher && v != "Never" && v != "OnFailure") {
        set(out, "restartPolicy", Node::string("OnFailure", restart->value.loc));
        lowered(restart->value.loc, path + ".restartPolicy",
                "restartPolicy " + v + " lowered to OnFailure, what v1alpha2 gave the launcher");
      } else if (!launcher && v != "Never" && v != "OnFailure") {
        lowered(restart->value.loc, path + ".restartPolicy",
                "restartPolicy " + v + " not carried: v1alpha2 ignored it (workers restarted "
                "Always) and v2beta1 takes Never or OnFailure; the default Never applies");
      } else {
        set(out, "restartPolicy", std::move(restart->value));
      }
    }
    Node* tmpl = child(out, "template");
    if (!tmpl) return out;
    Node* pod = pod_spec(*tmpl);
    if (std::optional<Member> r = pod ? take(*pod, "restartPolicy") : std::nullopt)
      lowered(r->key_loc, path + ".template.spec.restartPolicy",
              "not carried: v1alpha2 " +
                  std::string(launcher ? "replaced it with the replica spec's" : "ran the workers Always"));
    if (const Node* main = spec.get("mainContainer"); main && pod) main_first(*main, *pod);
    Node* c = first_container(*tmpl);
    if (launcher || !c) return out;
    if (c->get("command"))
      lowered(c->get("command")->loc, path + ".template.spec.containers[0].command",
              "kept: v1alpha2 workers ran it; v2beta1 workers must run sshd, so it must start one",
              "remove it to run /usr/sbin/sshd -De, the v2beta1 default");
    else if (std::optional<Member> args = take(*c, "args"))
      lowered(args->key_loc, path + ".template.spec.containers[0].args",
              "not carried: v1alpha2 replaced them with 'sleep 365d', v2beta1 workers run sshd");
    return out;
  }

  // mainContainer: the container kubexec.sh ran ranks in; v2beta1 uses the first.
  static void main_first(const Node& main, Node& pod) {
    auto& items = child(pod, "containers")->items;
    auto it = std::find_if(items.begin(), items.end(), [&](const Node& c) {
      const Node* name = c.get("name");
      return name && name->text == main.text;
    });
    if (it != items.end()) std::rotate(items.begin(), it, it + 1);
  }

  const Node& doc_;
  DiagnosticEngine& diags_;
  std::string api_;
  Node spec_;
  SourceLoc spec_key_;  // where the lowerings of the whole spec are reported
  Node run_policy_ = Node::map();
  Node worker_replicas_;
  std::optional<Node> launcher_, worker_, launcher_restart_;
};

}  // namespace

bool is_legacy_mpijob_version(std::string_view api_version) {
  return api_version == "kubeflow.org/v1alpha1" || api_version == "kubeflow.org/v1alpha2";
}

std::optional<Node> lower_legacy_mpijob(const Node& manifest, DiagnosticEngine& diags) {
  const Node doc = without_null_fields(manifest);  // as the API server keeps it
  const Node* api = doc.get("apiVersion");
  const Node* kind = doc.get("kind");
  if (!api || !is_legacy_mpijob_version(api->text) || !kind || kind->text != "MPIJob") {
    diags.error(doc.loc, {}, "not a kubeflow.org/v1alpha1 or v1alpha2 MPIJob", {},
                "import/unsupported");
    return std::nullopt;
  }
  // The checks of `validate`, but for the warning that points at import.
  DiagnosticEngine checks;
  check_object(doc, CrdSchemas(), checks);
  for (const Diagnostic& d : checks.all())
    if (d.rule != "mpijob-legacy/unserved") diags.report(d);
  if (checks.has_errors()) return std::nullopt;
  return Lowering(doc, diags).run();
}

}  // namespace mpijobc

#include "validate/trainer_rules.h"

#include <algorithm>
#include <set>
#include <string>

#include "validate/rule_helpers.h"
#include "validate/spec_checks.h"

namespace mpijobc {
namespace {

constexpr const char* kAncestorLabel = "trainer.kubeflow.org/trainjob-ancestor-step";
constexpr const char* kReservedEnv[] = {"OMPI_MCA_orte_default_hostfile", "OMPI_MCA_plm_rsh_args",
                                        "OMPI_MCA_orte_keep_fqdn_hostnames",
                                        "OMPI_MCA_orte_set_default_slots"};

const Node* at(const Node* n, std::initializer_list<const char*> keys) {
  for (const char* k : keys) n = n ? n->get(k) : nullptr;
  return n;
}

const std::string* text(const Node* n) { return n && n->is_string() ? &n->text : nullptr; }

std::string index(const std::string& path, size_t i) { return path + "[" + std::to_string(i) + "]"; }

int64_t int_or(const Node* n, int64_t fallback) {
  auto v = n && n->kind == Node::Kind::Int ? n->as_int() : std::nullopt;
  return v ? *v : fallback;
}

// The pods of replicated job `rjob` (`replicas` child Jobs of `pods` pods
// each) are named <jobset>-<rjob>-<job index>-<pod index>-<5 random
// characters>; JobSet's webhook rejects the JobSet unless that is a
// DNS-1035 label. Trainer does not check it: the TrainJob is accepted and
// never starts.
void pod_names(RuleReporter& rules, const Node& name, const std::string& rjob, int64_t replicas,
               int64_t pods) {
  std::string host = name.text + "-" + rjob + "-" + std::to_string(std::max<int64_t>(replicas, 1) - 1) +
                     "-" + std::to_string(std::max<int64_t>(pods, 1) - 1);
  std::string pod = host + "-abcde";
  if (is_dns1035_label(pod)) return;
  size_t room = 63 > pod.size() - name.text.size() ? 63 - (pod.size() - name.text.size()) : 0;
  rules.error(name, "metadata.name",
              "the pods of replicated job '" + rjob + "' would be named \"" + host +
                  "-xxxxx\" (5 random characters), which is " +
                  (pod.size() > 63 ? "longer than 63 characters" : "not a DNS-1035 label") +
                  ": the JobSet is rejected and the TrainJob never starts",
              "trainjob/pod-name",
              "use a name of at most " + std::to_string(room) +
                  " characters that starts with a lower-case letter");
}

const Node* patch_jobs(const Node& patch) {
  return at(&patch, {"trainingRuntimeSpec", "template", "spec", "replicatedJobs"});
}

void check_patch(RuleReporter& rules, const Node& patch, const std::string& path) {
  const Node* manager = patch.get("manager");
  if (const std::string* m = text(manager)) {
    size_t slash = m->find('/');
    std::string host = m->substr(0, slash);
    if (slash == std::string::npos || slash + 1 == m->size() || host.find('.') == std::string::npos ||
        !is_dns1123_subdomain(host))
      rules.error(*manager, path + ".manager",
                  "must be a domain-prefixed path (such as \"acme.io/foo\"), got '" + *m + "'",
                  "trainjob/patch-manager", "name the patch's owner as <domain>/<name>");
  }
  const Node* jobs = patch_jobs(patch);
  if (!jobs || !jobs->is_seq()) return;
  std::string jobs_path = path + ".trainingRuntimeSpec.template.spec.replicatedJobs";
  for (size_t j = 0; j < jobs->items.size(); ++j) {
    const Node* pod = at(&jobs->items[j], {"template", "spec", "template", "spec"});
    for (const char* list : {"containers", "initContainers"}) {
      const Node* cs = pod ? pod->get(list) : nullptr;
      if (!cs || !cs->is_seq()) continue;
      for (size_t k = 0; k < cs->items.size(); ++k) {
        const std::string* name = text(cs->items[k].get("name"));
        const Node* env = cs->items[k].get("env");
        if (name && env &&
            (*name == "node" || *name == "dataset-initializer" || *name == "model-initializer"))
          rules.error(*env,
                      index(index(jobs_path, j) + ".template.spec.template.spec." + list, k) + ".env",
                      "must not have envs for the dataset-initializer, model-initializer, node "
                      "containers",
                      "trainjob/patch-env",
                      "set the trainer's env in spec.trainer.env, the initializers' in "
                      "spec.initializer");
      }
    }
  }
}

// The replicated jobs a TrainJob's runtimePatches name.
std::set<std::string> patched_jobs(const Node& trainjob) {
  std::set<std::string> out;
  const Node* patches = at(&trainjob, {"spec", "runtimePatches"});
  if (patches && patches->is_seq())
    for (const Node& p : patches->items)
      if (const Node* jobs = patch_jobs(p); jobs && jobs->is_seq())
        for (const Node& j : jobs->items)
          if (const std::string* n = text(j.get("name"))) out.insert(*n);
  return out;
}

const Node* replicated_jobs(const Node& runtime) {
  const Node* jobs = at(&runtime, {"spec", "template", "spec", "replicatedJobs"});
  return jobs && jobs->is_seq() ? jobs : nullptr;
}

const Node* job_named(const Node* jobs, const std::string& name) {
  if (jobs)
    for (const Node& j : jobs->items)
      if (const std::string* n = text(j.get("name")); n && *n == name) return &j;
  return nullptr;
}

bool has_container(const Node& rjob, const char* list, const std::string& name) {
  const Node* cs = at(&rjob, {"template", "spec", "template", "spec", list});
  if (cs && cs->is_seq())
    for (const Node& c : cs->items)
      if (const std::string* n = text(c.get("name")); n && *n == name) return true;
  return false;
}

// The MPI plugin sets the reserved names on the trainer job's container
// `node`, replacing a value the runtime gives.
void reserved_env(RuleReporter& rules, const Node& rjob, const std::string& path) {
  const Node* cs = at(&rjob, {"template", "spec", "template", "spec", "containers"});
  if (!cs || !cs->is_seq()) return;
  for (size_t k = 0; k < cs->items.size(); ++k) {
    const std::string* name = text(cs->items[k].get("name"));
    const Node* env = cs->items[k].get("env");
    if (!name || *name != "node" || !env || !env->is_seq()) continue;
    for (size_t i = 0; i < env->items.size(); ++i) {
      const Node* n = env->items[i].get("name");
      if (text(n) && trainer_reserved_env(n->text))
        rules.warning(*n,
                      index(index(path + ".template.spec.template.spec.containers", k) + ".env", i) +
                          ".name",
                      "Trainer's MPI plugin sets " + n->text + " on the launcher, replacing this value",
                      "trainingruntime/reserved-env",
                      "remove it; give mpirun options on its command line instead");
    }
  }
}

}  // namespace

bool trainer_reserved_env(std::string_view name) {
  return std::find(std::begin(kReservedEnv), std::end(kReservedEnv), name) != std::end(kReservedEnv);
}

void check_trainjob(const Node& trainjob, DiagnosticEngine& diags) {
  RuleReporter rules(diags);
  const Node* meta = trainjob.get("metadata");
  const Node* name = meta ? meta->get("name") : nullptr;
  const Node* spec = trainjob.get("spec");
  const Node* trainer = spec ? spec->get("trainer") : nullptr;
  if (name && name->is_string()) {
    if (!is_dns1035_label(name->text))
      rules.error(*name, "metadata.name",
                  name->text.size() > 63 ? "metadata.name must be no more than 63 characters"
                                         : "metadata.name must match RFC 1035 DNS label format",
                  "trainjob/name",
                  "lower-case letters, digits and '-', starting with a letter, ending with a "
                  "letter or digit");
    else {
      int64_t nodes = int_or(trainer ? trainer->get("numNodes") : nullptr, 1);
      pod_names(rules, *name, "node", 1, nodes);
      for (const std::string& rjob : patched_jobs(trainjob))
        if (rjob != "node") pod_names(rules, *name, rjob, 1, 1);
    }
  }
  if (!spec || !spec->is_map()) return;
  if (const Node* ref = spec->get("runtimeRef")) {
    rules.one_of(ref->get("kind"), "spec.runtimeRef.kind", {"ClusterTrainingRuntime", "TrainingRuntime"},
                 "trainjob/runtime-ref");
    rules.one_of(ref->get("apiGroup"), "spec.runtimeRef.apiGroup", {"trainer.kubeflow.org"},
                 "trainjob/runtime-ref");
  }
  rules.one_of(spec->get("managedBy"), "spec.managedBy",
               {"trainer.kubeflow.org/trainjob-controller", "kueue.x-k8s.io/multikueue"},
               "trainjob/managed-by");
  if (trainer) {
    rules.at_least(trainer->get("numNodes"), "spec.trainer.numNodes", 1, "trainjob/range", "trainjob");
    rules.at_least(trainer->get("numProcPerNode"), "spec.trainer.numProcPerNode", 1, "trainjob/range",
                   "trainjob");
    if (const Node* env = trainer->get("env"); env && env->is_seq())
      for (size_t i = 0; i < env->items.size(); ++i) {
        const Node* n = env->items[i].get("name");
        if (n && n->is_string() && trainer_reserved_env(n->text))
          rules.error(*n, index("spec.trainer.env", i) + ".name",
                      "must not have reserved envs, invalid envs configured: [" + n->text +
                          "]: Trainer's MPI plugin sets it on the launcher",
                      "trainjob/reserved-env",
                      "remove it; give mpirun options on its command line (mpirun_args) instead");
      }
  }
  if (const Node* patches = spec->get("runtimePatches"); patches && patches->is_seq())
    for (size_t i = 0; i < patches->items.size(); ++i)
      check_patch(rules, patches->items[i], index("spec.runtimePatches", i));
}

void check_training_runtime(const Node& runtime, DiagnosticEngine& diags) {
  RuleReporter rules(diags);
  const Node* spec = runtime.get("spec");
  if (!spec || !spec->is_map()) return;
  const Node* ml = spec->get("mlPolicy");
  const Node* mpi = ml ? ml->get("mpi") : nullptr;
  if (ml && ml->is_map()) {
    int policies = 0;
    for (const char* p : {"torch", "mpi", "jax", "xgboost", "flux"}) policies += ml->get(p) ? 1 : 0;
    if (policies > 1)
      rules.error(*ml, "spec.mlPolicy", "Only one of the policy can be configured",
                  "trainingruntime/ml-policy", "keep one of torch, mpi, jax, xgboost and flux");
  }
  const Node* jobs = replicated_jobs(runtime);
  const std::string jobs_path = "spec.template.spec.replicatedJobs";
  if (mpi && mpi->is_map()) {
    if (const Node* impl = mpi->get("mpiImplementation"); impl && impl->is_string() && impl->text != "OpenMPI")
      rules.error(*impl, "spec.mlPolicy.mpi.mpiImplementation",
                  "Trainer's MPI plugin supports OpenMPI only; the controller fails to build the job",
                  "trainingruntime/mpi-implementation", "use OpenMPI");
    for (const char* needed : {"launcher", "node"})
      if (!job_named(jobs, needed))
        rules.error(jobs ? *jobs : *spec, jobs_path,
                    std::string("an MPI runtime needs a replicated job named '") + needed +
                        "': Trainer's MPI plugin mounts the hostfile and keys by these names",
                    "trainingruntime/mpi-jobs", "name the workers' job node and the launcher's launcher");
    if (const Node* n = ml->get("numNodes"); n && int_or(n, 1) != 1)
      rules.warning(*n, "spec.mlPolicy.numNodes",
                    "for an MPI runtime this sizes the launcher job, not the nodes",
                    "trainingruntime/mpi-num-nodes",
                    "keep it 1 and set the TrainJob's trainer.numNodes");
  }
  if (!jobs) return;
  const Node* jobset = at(spec, {"template", "spec"});
  std::vector<std::string> earlier;
  for (size_t i = 0; i < jobs->items.size(); ++i) {
    const Node& rj = jobs->items[i];
    std::string path = index(jobs_path, i);
    const std::string* ancestor = text(at(&rj, {"template", "metadata", "labels", kAncestorLabel}));
    if (ancestor) {
      if (const Node* r = rj.get("replicas"); r && int_or(r, 0) != 1)
        rules.error(*r, path + ".replicas", "always must be 1 for a job labelled " +
                                                std::string(kAncestorLabel),
                    "trainingruntime/ancestor-replicas", "set replicas: 1");
      if (*ancestor == "trainer" && mpi && mpi->is_map())
        reserved_env(rules, rj, path);
      std::string container = *ancestor == "trainer" ? "node" : *ancestor;
      if (!has_container(rj, "containers", container)) {
        const Node* cs = at(&rj, {"template", "spec", "template", "spec", "containers"});
        rules.error(cs ? *cs : rj, path + ".template.spec.template.spec.containers",
                    "must contain the required container for the ancestor: " + container,
                    "trainingruntime/ancestor-container",
                    "name the container " + container);
      }
    }
    if (const Node* deps = rj.get("dependsOn"); deps && deps->is_seq()) {
      if (jobset && jobset->get("startupPolicy"))
        rules.error(*deps, path + ".dependsOn", "StartupPolicy and DependsOn APIs are mutually exclusive",
                    "trainingruntime/depends-on", "remove the JobSet's startupPolicy or the dependsOn");
      else if (i == 0)
        rules.error(*deps, path + ".dependsOn", "DependsOn can't be set for the first ReplicatedJob",
                    "trainingruntime/depends-on", "list the job it depends on before it");
      else
        for (size_t d = 0; d < deps->items.size(); ++d) {
          const Node* on = deps->items[d].get("name");
          if (const std::string* n = text(on);
              n && std::find(earlier.begin(), earlier.end(), *n) == earlier.end())
            rules.error(*on, index(path + ".dependsOn", d) + ".name",
                        "replicatedJob: " + (text(rj.get("name")) ? *text(rj.get("name")) : "") +
                            " cannot depend on replicatedJob: " + *n +
                            " (only on a job listed before it)",
                        "trainingruntime/depends-on", "list " + *n + " first");
        }
    }
    if (const std::string* n = text(rj.get("name"))) earlier.push_back(*n);
  }
  // JobSet's webhook: a success policy names replicated jobs that exist.
  const Node* targets = jobset ? at(jobset, {"successPolicy", "targetReplicatedJobs"}) : nullptr;
  if (targets && targets->is_seq())
    for (size_t i = 0; i < targets->items.size(); ++i) {
      const std::string* n = text(&targets->items[i]);
      if (n && std::find(earlier.begin(), earlier.end(), *n) == earlier.end())
        rules.error(targets->items[i], index("spec.template.spec.successPolicy.targetReplicatedJobs", i),
                    "invalid replicatedJob name '" + *n + "' does not appear in .spec.ReplicatedJobs",
                    "trainingruntime/success-policy", "name one of the runtime's replicated jobs");
    }
}

void check_trainjob_runtimes(const std::vector<Node>& objects, DiagnosticEngine& diags) {
  RuleReporter rules(diags);
  for (const Node& tj : objects) {
    if (!text(tj.get("kind")) || *text(tj.get("kind")) != "TrainJob") continue;
    const Node* ref = at(&tj, {"spec", "runtimeRef"});
    const std::string* ref_name = text(ref ? ref->get("name") : nullptr);
    const std::string* ref_kind = text(ref ? ref->get("kind") : nullptr);
    std::string kind = ref_kind ? *ref_kind : "ClusterTrainingRuntime";
    const Node* tj_ns = at(&tj, {"metadata", "namespace"});
    const Node* runtime = nullptr;
    for (const Node& o : objects) {
      const std::string* k = text(o.get("kind"));
      const std::string* n = text(at(&o, {"metadata", "name"}));
      const std::string* ns = text(at(&o, {"metadata", "namespace"}));
      bool same_ns = kind == "ClusterTrainingRuntime" ||
                     (ns ? text(tj_ns) && *ns == *text(tj_ns) : !text(tj_ns));
      if (k && *k == kind && n && ref_name && *n == *ref_name && same_ns) runtime = &o;
    }
    if (!runtime) continue;
    const Node* jobs = replicated_jobs(*runtime);
    const Node* patches = at(&tj, {"spec", "runtimePatches"});
    std::set<std::string> patched = patched_jobs(tj);
    if (const Node* name = at(&tj, {"metadata", "name"}); name && name->is_string() &&
                                                          is_dns1035_label(name->text) && jobs)
      for (const Node& rj : jobs->items)
        if (const std::string* n = text(rj.get("name")); n && *n != "node" && !patched.count(*n))
          pod_names(rules, *name, *n, int_or(rj.get("replicas"), 1),
                    int_or(at(&rj, {"template", "spec", "parallelism"}), 1));
    if (!patches || !patches->is_seq()) continue;
    for (size_t i = 0; i < patches->items.size(); ++i) {
      const Node* pjobs = patch_jobs(patches->items[i]);
      if (!pjobs || !pjobs->is_seq()) continue;
      std::string path = index("spec.runtimePatches", i) + ".trainingRuntimeSpec.template.spec.replicatedJobs";
      for (size_t j = 0; j < pjobs->items.size(); ++j) {
        const Node& pj = pjobs->items[j];
        const Node* pname = pj.get("name");
        if (!text(pname)) continue;
        const Node* rj = job_named(jobs, pname->text);
        if (!rj) {
          rules.error(*pname, index(path, j) + ".name",
                      "must not have replicated job that doesn't exist in the runtime job template: " +
                          kind + " " + *ref_name + " has no job '" + pname->text + "'",
                      "trainjob/patch-target", "patch one of the runtime's replicated jobs");
          continue;
        }
        for (const char* list : {"containers", "initContainers"}) {
          const Node* cs = at(&pj, {"template", "spec", "template", "spec", list});
          if (!cs || !cs->is_seq()) continue;
          for (size_t k = 0; k < cs->items.size(); ++k) {
            const Node* cname = cs->items[k].get("name");
            if (text(cname) && !has_container(*rj, list, cname->text))
              rules.error(*cname,
                          index(index(path, j) + ".template.spec.template.spec." + list, k) + ".name",
                          std::string("must not have ") +
                              (std::string(list) == "containers" ? "container" : "initContainer") +
                              " that doesn't exist in the runtime job " + pname->text,
                          "trainjob/patch-target",
                          "a patch changes containers the runtime has; it cannot add one");
          }
        }
      }
    }
  }
}

}  // namespace mpijobc

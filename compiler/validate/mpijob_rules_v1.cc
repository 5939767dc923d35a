#include "validate/mpijob_rules_v1.h"

#include "validate/rule_helpers.h"
#include "validate/spec_checks.h"

namespace mpijobc {

void check_mpijob_v1(const Node& job, DiagnosticEngine& diags) {
  RuleReporter rules(diags);
  const Node* meta = job.get("metadata");
  const Node* name = meta ? meta->get("name") : nullptr;
  if (!name || !name->is_string() || !is_dns1123_subdomain(name->text))
    rules.error(name ? *name : meta ? *meta : job, "metadata.name",
                "must be a DNS-1123 subdomain (lower-case letters, digits, '-' and '.')",
                "mpijob-v1/name");
  const Node* spec = job.get("spec");
  const Node* specs = spec ? spec->get("mpiReplicaSpecs") : nullptr;
  if (!specs || !specs->is_map()) {
    rules.error(spec ? *spec : job, "spec.mpiReplicaSpecs", "MPIReplicaSpecs is not valid: missing",
                "mpijob-v1/replica-specs-required");
    return;
  }
  rules.keys_among(*specs, "spec.mpiReplicaSpecs", {"Launcher", "Worker"}, "mpijob-v1/replica-type");
  for (const char* type : {"Launcher", "Worker"}) {
    const Node* rs = specs->get(type);
    std::string path = std::string("spec.mpiReplicaSpecs[") + type + "]";
    if (!rs) {
      if (std::string(type) == "Launcher")
        rules.error(*specs, path, "the Launcher replica spec must be present",
                    "mpijob-v1/launcher-required");
      continue;
    }
    const Node* replicas = rs->get("replicas");
    if (std::string(type) == "Launcher" && replicas && replicas->as_int() != 1)
      rules.error(*replicas, path + ".replicas", "there must be only 1 launcher replica, got " +
                                                    replicas->text,
                  "mpijob-v1/launcher-replicas");
    else if (replicas)
      rules.at_least(replicas, path + ".replicas", 1, "mpijob-v1/worker-replicas", "mpijob-v1");
    rules.one_of(rs->get("restartPolicy"), path + ".restartPolicy",
                 {"Always", "OnFailure", "Never", "ExitCode"}, "mpijob-v1/restart-policy");
    rules.pod_template(rs->get("template"), *rs, path + ".template", "mpijob-v1");
  }
  rules.at_least(spec->get("slotsPerWorker"), "spec.slotsPerWorker", 1, "mpijob-v1/slots-per-worker",
                 "mpijob-v1");
  // v1 still has the deprecated top-level copy of cleanPodPolicy.
  rules.one_of(spec->get("cleanPodPolicy"), "spec.cleanPodPolicy", {"All", "None", "Running"},
               "mpijob-v1/clean-pod-policy");
  const Node* run = spec->get("runPolicy");
  rules.run_policy(run, "spec.runPolicy", "mpijob-v1");
  // The values the CRD documents (the training-operator skips any other).
  if (run)
    rules.one_of(run->get("managedBy"), "spec.runPolicy.managedBy",
                 {"kubeflow.org/training-operator", "kueue.x-k8s.io/multikueue"},
                 "mpijob-v1/managed-by");
  // The controller replaces an empty worker command with `sleep 365d`
  // (ranks start through kubectl exec): a worker given only args silently
  // runs nothing of its own.
  const Node* worker = specs->get("Worker");
  const Node* tmpl = worker ? worker->get("template") : nullptr;
  const Node* pod = tmpl ? tmpl->get("spec") : nullptr;
  const Node* containers = pod ? pod->get("containers") : nullptr;
  if (containers && containers->is_seq())
    for (size_t i = 0; i < containers->items.size(); ++i) {
      const Node& c = containers->items[i];
      if (c.get("args") && !c.get("command"))
        rules.warning(*c.get("args"),
                      "spec.mpiReplicaSpecs[Worker].template.spec.containers[" + std::to_string(i) +
                          "].args",
                      "ignored: with no command the training-operator runs 'sleep 365d' in workers",
                      "mpijob-v1/worker-args-ignored",
                      "ranks reach v1 workers through kubectl exec; drop args, or set command too");
    }
}

}  // namespace mpijobc

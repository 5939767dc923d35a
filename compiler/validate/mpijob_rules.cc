#include "validate/mpijob_rules.h"

#include "validate/rule_helpers.h"
#include "validate/spec_checks.h"

namespace mpijobc {
namespace {

void check_name(RuleReporter& rules, const Node& job, const Node* worker) {
  const Node* meta = job.get("metadata");
  const Node* name = meta ? meta->get("name") : nullptr;
  if (!name || !name->is_string()) {
    rules.error(meta ? *meta : job, "metadata.name", "missing name", "mpijob/name");
    return;
  }
  int64_t workers = 1;
  if (const Node* r = worker ? worker->get("replicas") : nullptr)
    if (auto v = r->as_int(); v && *v > 0) workers = *v;
  std::string host = name->text + "-worker-" + std::to_string(workers - 1);
  if (is_dns1035_label(host)) return;
  std::string why = host.size() > 63
                        ? "longer than 63 characters"
                        : "not a DNS-1035 label (lower-case letters, digits and '-', starting "
                          "with a letter, ending with a letter or digit)";
  size_t room = 63 - (host.size() - name->text.size());
  rules.error(*name, "metadata.name",
              "worker pods would be named \"" + host + "\", which is " + why, "mpijob/name-dns1035",
              "use a name of at most " + std::to_string(room) +
                  " characters that starts with a lower-case letter");
}

void check_replica(RuleReporter& rules, const Node& specs, const char* type, bool launcher) {
  const Node* rs = specs.get(type);
  std::string path = std::string("spec.mpiReplicaSpecs[") + type + "]";
  if (!rs) {
    if (launcher)
      rules.error(specs, path, "must have a Launcher replica spec", "mpijob/launcher-required");
    return;
  }
  const Node* replicas = rs->get("replicas");
  if (launcher && replicas && replicas->kind != Node::Kind::Int)
    rules.error(*replicas, path + ".replicas", "must be an integer, got '" + replicas->text + "'",
                "mpijob/type");
  else if (launcher && replicas && replicas->as_int() != 1)
    rules.error(*replicas, path + ".replicas", "must be 1, got " + replicas->text,
                "mpijob/launcher-replicas");
  else if (!launcher && replicas)
    rules.at_least(replicas, path + ".replicas", 1, "mpijob/worker-replicas", "mpijob",
                   "for a job without workers, omit the Worker spec");
  else if (!launcher)
    rules.error(*rs, path + ".replicas",
                "missing: the operator defaults it to 0 and then rejects the job",
                "mpijob/worker-replicas", "set replicas to 1 or more, or omit the Worker spec");
  const Node* policy = rs->get("restartPolicy");
  if (policy && policy->is_string() && policy->text != "Never" && policy->text != "OnFailure")
    rules.error(*policy, path + ".restartPolicy",
                "unsupported value \"" + policy->text +
                    "\": the kubeflow.org/v2beta1 operator accepts only \"Never\" and \"OnFailure\"",
                "mpijob/restart-policy",
                policy->origin.empty() ? "use Never or OnFailure" : "use NEVER or FAILURE");
  rules.pod_template(rs->get("template"), *rs, path + ".template", "mpijob");
}

}  // namespace

void check_mpijob_v2beta1(const Node& job, DiagnosticEngine& diags) {
  RuleReporter rules(diags);
  const Node* spec = job.get("spec");
  const Node* specs = spec ? spec->get("mpiReplicaSpecs") : nullptr;
  check_name(rules, job, specs ? specs->get("Worker") : nullptr);
  if (!spec) {
    rules.error(job, "spec", "missing spec", "mpijob/replica-specs-required");
    return;
  }
  if (!specs || !specs->is_map()) {
    rules.error(*spec, "spec.mpiReplicaSpecs", "must have replica specs",
                "mpijob/replica-specs-required");
  } else {
    rules.keys_among(*specs, "spec.mpiReplicaSpecs", {"Launcher", "Worker"}, "mpijob/replica-type");
    check_replica(rules, *specs, "Launcher", true);
    check_replica(rules, *specs, "Worker", false);
  }
  rules.at_least(spec->get("slotsPerWorker"), "spec.slotsPerWorker", 0, "mpijob/slots-per-worker",
                 "mpijob");
  const Node* run = spec->get("runPolicy");
  rules.run_policy(run, "spec.runPolicy", "mpijob");
  if (run)
    rules.one_of(run->get("managedBy"), "spec.runPolicy.managedBy",
                 {"kubeflow.org/mpi-operator", "kueue.x-k8s.io/multikueue"}, "mpijob/managed-by");
  if (const Node* ssh = spec->get("sshAuthMountPath"); ssh && ssh->is_string() && ssh->text.empty())
    rules.error(*ssh, "spec.sshAuthMountPath", "must have a mount path for SSH credentials",
                "mpijob/ssh-auth-mount-path");
  // The CRD has no enum for it (a marker typo), and the controller treats
  // any value but AtStartup as WaitForWorkersReady.
  if (const Node* lcp = spec->get("launcherCreationPolicy");
      lcp && lcp->is_string() && lcp->text != "AtStartup" && lcp->text != "WaitForWorkersReady")
    rules.warning(*lcp, "spec.launcherCreationPolicy",
                  "unknown value '" + lcp->text +
                      "': the operator accepts it and acts as if it were WaitForWorkersReady",
                  "mpijob/launcher-creation-policy", "write AtStartup or WaitForWorkersReady");
  rules.one_of(spec->get("mpiImplementation"), "spec.mpiImplementation",
               {"Intel", "MPICH", "OpenMPI"}, "mpijob/mpi-implementation");
}

}  // namespace mpijobc

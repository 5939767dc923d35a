#include "validate/mpijob_rules.h"

#include "validate/spec_checks.h"

namespace mpijobc {
namespace {

class Rules {
 public:
  explicit Rules(DiagnosticEngine& diags) : diags_(diags) {}

  // Reports at `n`, naming the spec field when the node was generated.
  void error(const Node& n, const std::string& manifest_path, std::string message,
             const char* rule, std::string hint = {}) {
    const std::string& path = n.origin.empty() ? manifest_path : n.origin;
    if (!n.origin.empty() && n.origin != manifest_path) message += " (" + manifest_path + ")";
    diags_.error(n.loc, path, std::move(message), std::move(hint), rule);
  }

  void name(const Node& job, const Node* worker) {
    const Node* meta = job.get("metadata");
    const Node* name = meta ? meta->get("name") : nullptr;
    if (!name || !name->is_string()) {
      error(meta ? *meta : job, "metadata.name", "missing name", "mpijob/name");
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
    error(*name, "metadata.name",
          "worker pods would be named \"" + host + "\", which is " + why, "mpijob/name-dns1035",
          "use a name of at most " + std::to_string(room) +
              " characters that starts with a lower-case letter");
  }

  void replica(const Node& specs, const char* type, bool launcher) {
    const Node* rs = specs.get(type);
    std::string path = std::string("spec.mpiReplicaSpecs[") + type + "]";
    if (!rs) {
      if (launcher) error(specs, path, "must have a Launcher replica spec", "mpijob/launcher-required");
      return;
    }
    const Node* replicas = rs->get("replicas");
    if (replicas && replicas->kind != Node::Kind::Int) {
      error(*replicas, path + ".replicas", "must be an integer, got '" + replicas->text + "'",
            "mpijob/type");
    } else if (replicas) {
      auto n = replicas->as_int();
      if (launcher && n && *n != 1)
        error(*replicas, path + ".replicas", "must be 1, got " + replicas->text,
              "mpijob/launcher-replicas");
      if (!launcher && n && *n < 1)
        error(*replicas, path + ".replicas", "must be greater than or equal to 1, got " + replicas->text,
              "mpijob/worker-replicas", "for a job without workers, omit the Worker spec");
    } else if (!launcher) {
      error(*rs, path + ".replicas",
            "missing: the operator defaults it to 0 and then rejects the job",
            "mpijob/worker-replicas", "set replicas to 1 or more, or omit the Worker spec");
    }
    const Node* policy = rs->get("restartPolicy");
    if (policy && policy->is_string() && policy->text != "Never" && policy->text != "OnFailure")
      error(*policy, path + ".restartPolicy",
            "unsupported value \"" + policy->text +
                "\": the kubeflow.org/v2beta1 operator accepts only \"Never\" and \"OnFailure\"",
            "mpijob/restart-policy",
            policy->origin.empty() ? "use Never or OnFailure" : "use NEVER or FAILURE");
    const Node* tmpl = rs->get("template");
    const Node* pod = tmpl ? tmpl->get("spec") : nullptr;
    const Node* containers = pod ? pod->get("containers") : nullptr;
    if (!containers || !containers->is_seq() || containers->items.empty()) {
      error(pod ? *pod : tmpl ? *tmpl : *rs, path + ".template.spec.containers",
            "must define at least one container", "mpijob/containers-required");
      return;
    }
    for (size_t i = 0; i < containers->items.size(); ++i) {
      const Node& c = containers->items[i];
      const Node* image = c.get("image");
      if (!image || !image->is_string() || image->text.empty())
        error(image ? *image : c, path + ".template.spec.containers[" + std::to_string(i) + "].image",
              "the container has no image", "mpijob/container-image",
              "every container needs an image; the pod cannot start without one");
    }
  }

  void replica_types(const Node& specs) {
    for (const Member& m : specs.members)
      if (m.key != "Launcher" && m.key != "Worker")
        diags_.error(m.key_loc, "spec.mpiReplicaSpecs." + m.key,
                     "unknown replica type '" + m.key + "': the operator knows Launcher and Worker",
                     "rename it to Launcher or Worker", "mpijob/replica-type");
  }

  void one_of(const Node* n, const std::string& path, std::initializer_list<const char*> allowed,
              const char* rule) {
    if (!n || !n->is_string()) return;
    std::string list;
    for (const char* a : allowed) {
      if (n->text == a) return;
      list += std::string(list.empty() ? "" : ", ") + "\"" + a + "\"";
    }
    error(*n, path, "unsupported value \"" + n->text + "\": supported values: " + list, rule);
  }

  void non_negative(const Node* n, const std::string& path, const char* rule) {
    if (!n) return;
    auto v = n->as_int();
    if (v && *v < 0) error(*n, path, "must be greater than or equal to 0, got " + n->text, rule);
  }

 private:
  DiagnosticEngine& diags_;
};

}  // namespace

void check_mpijob_v2beta1(const Node& job, DiagnosticEngine& diags) {
  Rules rules(diags);
  const Node* spec = job.get("spec");
  const Node* specs = spec ? spec->get("mpiReplicaSpecs") : nullptr;
  rules.name(job, specs ? specs->get("Worker") : nullptr);
  if (!spec) {
    rules.error(job, "spec", "missing spec", "mpijob/replica-specs-required");
    return;
  }
  if (!specs || !specs->is_map()) {
    rules.error(*spec, "spec.mpiReplicaSpecs", "must have replica specs",
                "mpijob/replica-specs-required");
  } else {
    rules.replica_types(*specs);
    rules.replica(*specs, "Launcher", true);
    rules.replica(*specs, "Worker", false);
  }
  rules.non_negative(spec->get("slotsPerWorker"), "spec.slotsPerWorker", "mpijob/slots-per-worker");
  if (const Node* run = spec->get("runPolicy")) {
    rules.one_of(run->get("cleanPodPolicy"), "spec.runPolicy.cleanPodPolicy",
                 {"All", "None", "Running"}, "mpijob/clean-pod-policy");
    rules.non_negative(run->get("ttlSecondsAfterFinished"), "spec.runPolicy.ttlSecondsAfterFinished",
                       "mpijob/run-policy-range");
    rules.non_negative(run->get("activeDeadlineSeconds"), "spec.runPolicy.activeDeadlineSeconds",
                       "mpijob/run-policy-range");
    rules.non_negative(run->get("backoffLimit"), "spec.runPolicy.backoffLimit",
                       "mpijob/run-policy-range");
    rules.one_of(run->get("managedBy"), "spec.runPolicy.managedBy",
                 {"kubeflow.org/mpi-operator", "kueue.x-k8s.io/multikueue"}, "mpijob/managed-by");
  }
  if (const Node* ssh = spec->get("sshAuthMountPath"); ssh && ssh->is_string() && ssh->text.empty())
    rules.error(*ssh, "spec.sshAuthMountPath", "must have a mount path for SSH credentials",
                "mpijob/ssh-auth-mount-path");
  rules.one_of(spec->get("mpiImplementation"), "spec.mpiImplementation",
               {"Intel", "MPICH", "OpenMPI"}, "mpijob/mpi-implementation");
}

}  // namespace mpijobc

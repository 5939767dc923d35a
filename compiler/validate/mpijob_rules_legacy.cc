#include "validate/mpijob_rules_legacy.h"

#include "lower/legacy_units.h"
#include "validate/rule_helpers.h"

namespace mpijobc {
namespace {

// Both versions: served by no current operator.
void unserved(const Node& job, RuleReporter& rules) {
  const Node* api = job.get("apiVersion");
  rules.warning(api ? *api : job, "apiVersion",
                (api ? api->text : std::string("this version")) + " is no longer served by current operators (removed in mpi-operator "
                            "v0.4.0): the API server rejects this MPIJob",
                "mpijob-legacy/unserved",
                "migrate it: 'mpijobc import FILE > job.yaml', then 'mpijobc build job.yaml' "
                "writes a kubeflow.org/v2beta1 MPIJob (docs/import.md)");
}

int64_t int_or(const Node* n, int64_t fallback) {
  auto v = n ? n->as_int() : std::nullopt;
  return v ? *v : fallback;
}

}  // namespace

// Null fields are absent: the API server prunes them (the schema has no
// nullable field).
void check_mpijob_v1alpha1(const Node& manifest, DiagnosticEngine& diags) {
  const Node job = without_null_fields(manifest);
  RuleReporter rules(diags);
  unserved(job, rules);
  const Node* spec = job.get("spec");
  if (!spec || !spec->is_map()) return;  // the schema requires it
  const Node* gpus = spec->get("gpus");
  const Node* units = spec->get("processingUnits");
  const Node* replicas = spec->get("replicas");
  const char* total_key = gpus ? "gpus" : "processingUnits";
  const Node* total = gpus ? gpus : units;
  if (gpus && units)
    rules.error(*units, "spec.processingUnits",
                "cannot specify both GPUs and ProcessingUnits at the same time",
                "mpijob-v1alpha1/worker-count", "keep processingUnits (gpus is deprecated)");
  else if (total && replicas)
    rules.error(*replicas, "spec.replicas",
                std::string("replicas and ") + total_key + " exclude each other",
                "mpijob-v1alpha1/worker-count",
                "give either the total units, or replicas with limits in the template");
  else if (!total && !replicas)
    rules.error(*spec, "spec", "no worker count: none of gpus, processingUnits and replicas",
                "mpijob-v1alpha1/worker-count",
                "set processingUnits (the total), or replicas (workers)");
  if (total) {
    std::string path = std::string("spec.") + total_key;
    const Node* per = spec->get(gpus ? "gpusPerNode" : "processingUnitsPerNode");
    auto t = total->as_int();
    if (t && *t >= 1 && !legacy_units_allowed(*t))
      rules.error(*total, path, "must be 1, 2, 4 or a multiple of 8, got " + total->text,
                  "mpijob-v1alpha1/units", "the v1alpha1 CRD allowed these totals only");
    else if (t && *t >= 1 && int_or(per, 1) >= 1 && !split_units(*t, int_or(per, 1)))
      rules.error(*total, path,
                  "not a multiple of " + std::string(gpus ? "gpusPerNode" : "processingUnitsPerNode") +
                      " (" + per->text + "): the operator never starts this job",
                  "mpijob-v1alpha1/units", "use a multiple of " + per->text);
  }
  rules.pod_template(spec->get("template"), *spec, "spec.template", "mpijob-v1alpha1");
}

void check_mpijob_v1alpha2(const Node& manifest, DiagnosticEngine& diags) {
  const Node job = without_null_fields(manifest);
  RuleReporter rules(diags);
  unserved(job, rules);
  const Node* spec = job.get("spec");
  const Node* specs = spec ? spec->get("mpiReplicaSpecs") : nullptr;
  if (!specs || !specs->is_map()) return;  // the schema requires it
  const Node* main = spec->get("mainContainer");
  std::string missing;  // the templates without the main container
  for (const char* type : {"Launcher", "Worker"}) {
    const Node* rs = specs->get(type);
    std::string path = std::string("spec.mpiReplicaSpecs[") + type + "]";
    if (!rs) {
      rules.error(*specs, path, std::string("the ") + type + " replica spec must be present",
                  std::string("mpijob-v1alpha2/") + (type[0] == 'L' ? "launcher" : "worker") +
                      "-required");
      continue;
    }
    if (type[0] == 'W' && !rs->get("replicas"))
      rules.error(*rs, path + ".replicas",
                  "must be set: the v1alpha2 controller reads it without a default",
                  "mpijob-v1alpha2/worker-required", "set replicas: the number of workers");
    const Node* tmpl = rs->get("template");
    rules.pod_template(tmpl, *rs, path + ".template", "mpijob-v1alpha2");
    const Node* pod = tmpl ? tmpl->get("spec") : nullptr;
    const Node* containers = pod ? pod->get("containers") : nullptr;
    if (!main || !main->is_string() || !containers || !containers->is_seq()) continue;
    bool found = false;
    for (const Node& c : containers->items) {
      const Node* name = c.get("name");
      found |= name && name->text == main->text;
    }
    if (!found) missing += std::string(missing.empty() ? "" : " and ") + type;
  }
  if (!missing.empty())
    rules.error(*main, "spec.mainContainer",
                "no container '" + main->text + "' in the " + missing +
                    (missing.find(' ') == std::string::npos ? " template" : " templates"),
                "mpijob-v1alpha2/main-container",
                "kubexec.sh runs ranks in this container of each worker: name one that exists");
}

}  // namespace mpijobc

#include "validate/mpijob_rules_bdap.h"

#include "validate/rule_helpers.h"

namespace mpijobc {

void check_mpijob_bdap(const Node& job, DiagnosticEngine& diags) {
  RuleReporter rules(diags);
  const Node* spec = job.get("spec");
  if (!spec || !spec->is_map()) {
    rules.error(job, "spec", "missing spec", "mpijob-bdap/required");
    return;
  }
  for (const Member& m : spec->members)
    if (m.key != "numWorkers" && m.key != "launcherTemplate" && m.key != "workerTemplate")
      diags.warning(m.key_loc, "spec." + m.key,
                    "the batch.test.bdap.com operator has no field '" + m.key +
                        "'; the API server drops it",
                    "its spec has only numWorkers, launcherTemplate and workerTemplate",
                    "mpijob-bdap/unknown-field");
  const Node* workers = spec->get("numWorkers");
  if (!workers)
    rules.error(*spec, "spec.numWorkers", "missing: the CRD requires it", "mpijob-bdap/required");
  rules.at_least(workers, "spec.numWorkers", 1, "mpijob-bdap/num-workers", "mpijob-bdap");
  for (const char* field : {"launcherTemplate", "workerTemplate"}) {
    const Node* tmpl = spec->get(field);
    std::string path = std::string("spec.") + field;
    if (!tmpl) {
      rules.error(*spec, path, "missing: the CRD requires it", "mpijob-bdap/required");
      continue;
    }
    rules.pod_template(tmpl, *spec, path, "mpijob-bdap");
  }
  // The launcher is created only once every worker is ready; a worker with
  // no readiness probe is ready as soon as it starts, before it is set up.
  const Node* tmpl = spec->get("workerTemplate");
  const Node* pod = tmpl ? tmpl->get("spec") : nullptr;
  const Node* containers = pod ? pod->get("containers") : nullptr;
  bool probe = false;
  if (containers && containers->is_seq())
    for (const Node& c : containers->items) probe = probe || c.get("readinessProbe");
  if (tmpl && containers && containers->is_seq() && !containers->items.empty() && !probe)
    rules.warning(*containers, "spec.workerTemplate.spec.containers",
                  "no readiness probe: the operator starts the launcher once workers are ready, "
                  "which without a probe is as soon as they start",
                  "mpijob-bdap/worker-readiness",
                  "add a readinessProbe that passes when the worker is prepared (e.g. exec: cat /ready)");
}

}  // namespace mpijobc

// Trainer's rules on valid objects, and the cross-object checks (every rule
// at its line and column, on hand-written objects: tests/manifests/bad/).
#include "validate/trainer_rules.h"

#include <catch2/catch.hpp>

#include "testing/fixtures.h"
#include "validate/manifest_check.h"
#include "validate/manifest_rules.h"

using namespace mpijobc;

namespace {

std::vector<std::string> findings(const std::string& yaml) {
  auto p = testing::parse(yaml);
  REQUIRE_FALSE(p.diags.has_errors());
  DiagnosticEngine diags;
  for (const Node& doc : p.docs) {
    ManifestCheck check = manifest_check(doc.get("apiVersion")->text, doc.get("kind")->text);
    REQUIRE(check);
    check(doc, diags);
  }
  check_related_objects(p.docs, diags);
  return testing::messages(diags);
}

const char* kRuntime =
    "apiVersion: trainer.kubeflow.org/v1alpha1\nkind: TrainingRuntime\nmetadata: {name: rt}\n"
    "spec:\n  mlPolicy: {mpi: {mpiImplementation: OpenMPI}}\n  template:\n    spec:\n"
    "      replicatedJobs:\n"
    "      - {name: node, template: {spec: {template: {spec: {containers: [{name: node, image: a}]}}}}}\n"
    "      - name: launcher\n        dependsOn: [{name: node, status: Ready}]\n"
    "        template: {metadata: {labels: {trainer.kubeflow.org/trainjob-ancestor-step: trainer}},\n"
    "          spec: {template: {spec: {containers: [{name: node, image: a}]}}}}\n";

}  // namespace

TEST_CASE("trainer rules: the table has TrainJobs and both runtime kinds") {
  for (const char* kind : {"TrainJob", "TrainingRuntime", "ClusterTrainingRuntime"})
    CHECK(manifest_check("trainer.kubeflow.org/v1alpha1", kind));
  CHECK_FALSE(manifest_check("trainer.kubeflow.org/v1alpha1"));  // no MPIJob there
  CHECK(trainer_reserved_env("OMPI_MCA_plm_rsh_args"));
  CHECK_FALSE(trainer_reserved_env("OMPI_MCA_btl"));
}

TEST_CASE("trainer rules: a TrainJob on its runtime has no findings") {
  CHECK(findings(std::string(kRuntime) +
                 "---\napiVersion: trainer.kubeflow.org/v1alpha1\nkind: TrainJob\nmetadata: {name: pi}\n"
                 "spec:\n  runtimeRef: {name: rt, kind: TrainingRuntime}\n"
                 "  trainer: {numNodes: 2, env: [{name: OMPI_MCA_btl, value: tcp}]}\n"
                 "  runtimePatches:\n  - manager: acme.io/x\n"
                 "    trainingRuntimeSpec: {template: {spec: {replicatedJobs: [{name: launcher,\n"
                 "      template: {spec: {template: {spec: {containers: [{name: node, volumeMounts: []}]}}}}}]}}}\n")
            .empty());
}

TEST_CASE("trainer rules: webhook, CEL and JobSet rules on a TrainJob") {
  std::vector<std::string> f = findings(
      std::string(kRuntime) +
      "---\napiVersion: trainer.kubeflow.org/v1alpha1\nkind: TrainJob\n"
      "metadata: {name: a-name-that-is-long-enough-to-break-the-pod-names-xx}\n"
      "spec:\n  runtimeRef: {name: rt, kind: TrainingRuntime}\n  managedBy: kubeflow.org/mpi-operator\n"
      "  trainer: {numNodes: 0, env: [{name: OMPI_MCA_orte_set_default_slots, value: \"2\"}]}\n"
      "  runtimePatches:\n  - manager: nodomain\n"
      "    trainingRuntimeSpec: {template: {spec: {replicatedJobs: [{name: nope}, {name: node,\n"
      "      template: {spec: {template: {spec: {containers: [{name: side}, {name: node, env: []}]}}}}}]}}}\n");
  std::vector<std::string> rules;
  for (const std::string& m : f) rules.push_back(m.substr(m.rfind('[')));
  // Pod names: of `node`, of the patched job `nope`, then of the runtime's `launcher`.
  CHECK(rules == std::vector<std::string>{"[trainjob/pod-name]", "[trainjob/pod-name]",
                                          "[trainjob/managed-by]",
                                          "[trainjob/range]", "[trainjob/reserved-env]",
                                          "[trainjob/patch-manager]", "[trainjob/patch-env]",
                                          "[trainjob/pod-name]", "[trainjob/patch-target]",
                                          "[trainjob/patch-target]"});
  CHECK(findings("apiVersion: trainer.kubeflow.org/v1alpha1\nkind: TrainJob\nmetadata: {name: 1pi}\n"
                 "spec: {runtimeRef: {name: rt, kind: Runtime}}\n") ==
        std::vector<std::string>{
            "3:18: metadata.name: metadata.name must match RFC 1035 DNS label format [trainjob/name]",
            "4:37: spec.runtimeRef.kind: unsupported value \"Runtime\": supported values: "
            "\"ClusterTrainingRuntime\", \"TrainingRuntime\" [trainjob/runtime-ref]"});
}

TEST_CASE("trainer rules: a runtime's policies, MPI jobs, ancestors and dependsOn") {
  std::vector<std::string> f = findings(
      "apiVersion: trainer.kubeflow.org/v1alpha1\nkind: ClusterTrainingRuntime\nmetadata: {name: rt}\n"
      "spec:\n  mlPolicy: {numNodes: 2, torch: {}, mpi: {mpiImplementation: \"\"}}\n  template:\n"
      "    spec:\n      replicatedJobs:\n"
      "      - {name: worker, dependsOn: [{name: x, status: Ready}]}\n"
      "      - name: l\n        replicas: 2\n        dependsOn: [{name: y, status: Ready}]\n"
      "        template: {metadata: {labels: {trainer.kubeflow.org/trainjob-ancestor-step: trainer}},\n"
      "          spec: {template: {spec: {containers: [{name: main, image: a}]}}}}\n");
  std::vector<std::string> rules;
  for (const std::string& m : f) rules.push_back(m.substr(0, m.find(':', m.find(':') + 1)) + " " + m.substr(m.rfind('[')));
  CHECK(rules == std::vector<std::string>{
                     "5:13 [trainingruntime/ml-policy]", "5:63 [trainingruntime/mpi-implementation]",
                     "9:7 [trainingruntime/mpi-jobs]", "9:7 [trainingruntime/mpi-jobs]",
                     "5:24 [trainingruntime/mpi-num-nodes]", "9:35 [trainingruntime/depends-on]",
                     "11:19 [trainingruntime/ancestor-replicas]",
                     "14:48 [trainingruntime/ancestor-container]",
                     "12:28 [trainingruntime/depends-on]"});
}

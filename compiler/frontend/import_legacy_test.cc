#include "frontend/import_legacy.h"

#include <catch2/catch.hpp>

#include "frontend/import_mpijob.h"
#include "support/yaml_writer.h"
#include "testing/fixtures.h"

using namespace mpijobc;
using mpijobc::testing::messages;
using mpijobc::testing::parse;

namespace {

struct Lowered {
  std::optional<Node> doc;
  std::vector<std::string> messages;
  const Node& at(std::initializer_list<const char*> path) const {
    const Node* n = &*doc;
    for (const char* key : path) {
      n = n->get(key);
      REQUIRE(n);
    }
    return *n;
  }
  bool has(const std::string& part) const {
    for (const std::string& m : messages)
      if (m.find(part) != std::string::npos) return true;
    return false;
  }
};

Lowered lower(const std::string& text) {
  auto p = parse(text);
  REQUIRE_FALSE(p.diags.has_errors());
  DiagnosticEngine diags;
  Lowered out;
  out.doc = lower_legacy_mpijob(p.doc(), diags);
  out.messages = messages(diags);
  return out;
}

const char* kTemplate =
    "  template:\n"
    "    spec:\n"
    "      containers:\n"
    "      - name: t\n"
    "        image: img\n"
    "        command: [mpirun, a.out]\n"
    "        resources: {limits: {nvidia.com/gpu: 2}}\n";

}  // namespace

TEST_CASE("legacy import: the legacy versions, and no others") {
  CHECK(is_legacy_mpijob_version("kubeflow.org/v1alpha1"));
  CHECK(is_legacy_mpijob_version("kubeflow.org/v1alpha2"));
  CHECK_FALSE(is_legacy_mpijob_version("kubeflow.org/v1"));
}

TEST_CASE("legacy import: v1alpha1 gpus become workers, limits and slots, as the operator split them") {
  Lowered l = lower(std::string("apiVersion: kubeflow.org/v1alpha1\nkind: MPIJob\nmetadata: {name: j}\n"
                                "spec:\n  gpus: 32\n  gpusPerNode: 8\n") +
                    kTemplate);
  REQUIRE(l.doc);
  CHECK(l.at({"apiVersion"}).text == "kubeflow.org/v2beta1");
  CHECK(l.at({"spec", "slotsPerWorker"}).text == "8");
  CHECK(l.at({"spec", "launcherCreationPolicy"}).text == "WaitForWorkersReady");
  CHECK(l.at({"spec", "runPolicy", "cleanPodPolicy"}).text == "Running");
  const Node& worker = l.at({"spec", "mpiReplicaSpecs", "Worker"});
  CHECK(worker.get("replicas")->text == "4");
  CHECK(worker.get("replicas")->loc.line == 5);  // at gpus
  const Node& wc = worker.get("template")->get("spec")->get("containers")->items[0];
  CHECK(wc.get("resources")->get("limits")->get("nvidia.com/gpu")->text == "8");
  CHECK_FALSE(wc.get("command"));  // workers ran `sleep`, now sshd
  const Node& launcher = l.at({"spec", "mpiReplicaSpecs", "Launcher"});
  CHECK(launcher.get("replicas")->text == "1");
  CHECK(launcher.get("restartPolicy")->text == "OnFailure");
  const Node& lc = launcher.get("template")->get("spec")->get("containers")->items[0];
  CHECK_FALSE(lc.get("resources"));  // the operator cleared them
  CHECK(lc.get("command"));
  CHECK(l.has("5:9: spec.gpus: gpus 32 split by gpusPerNode 8, resource nvidia.com/gpu "
              "(processingResourceType's default): Worker replicas 4, each with limits "
              "nvidia.com/gpu: 8, slotsPerWorker 8 (the old default: units per worker; v2beta1's "
              "is 1) [import/legacy-lowered]"));
  CHECK(l.has("[import/legacy-lowered]"));
}

TEST_CASE("legacy import: v1alpha1 units below the per-node value are one worker; an absent per-node value is assumed 1") {
  Lowered one = lower(std::string("apiVersion: kubeflow.org/v1alpha1\nkind: MPIJob\nmetadata: {name: j}\n"
                                  "spec:\n  processingUnits: 4\n  processingUnitsPerNode: 8\n"
                                  "  processingResourceType: cpu\n  slotsPerWorker: 2\n") +
                      kTemplate);
  REQUIRE(one.doc);
  CHECK(one.at({"spec", "mpiReplicaSpecs", "Worker", "replicas"}).text == "1");
  CHECK(one.at({"spec", "slotsPerWorker"}).text == "2");  // given
  Lowered assumed = lower(std::string("apiVersion: kubeflow.org/v1alpha1\nkind: MPIJob\n"
                                      "metadata: {name: j}\nspec:\n  gpus: 2\n") +
                          kTemplate);
  REQUIRE(assumed.doc);
  CHECK(assumed.at({"spec", "mpiReplicaSpecs", "Worker", "replicas"}).text == "2");
  CHECK(assumed.has("gpusPerNode 1 (absent: the operator flag's default, assumed)"));
}

TEST_CASE("legacy import: v1alpha1 replicas keep the template's limit, which sets the slots") {
  Lowered l = lower(std::string("apiVersion: kubeflow.org/v1alpha1\nkind: MPIJob\nmetadata: {name: j}\n"
                                "spec:\n  replicas: 3\n  gpusPerNode: 4\n") +
                    kTemplate);
  REQUIRE(l.doc);
  CHECK(l.at({"spec", "mpiReplicaSpecs", "Worker", "replicas"}).text == "3");
  CHECK(l.at({"spec", "slotsPerWorker"}).text == "2");
  CHECK(l.has("6:3: spec.gpusPerNode: ignored, as the old operator did: it applies to gpus only "
              "[import/legacy-dropped]"));
}

TEST_CASE("legacy import: launcherOnMaster replaces the launcher's tolerations and affinity") {
  Lowered l = lower("apiVersion: kubeflow.org/v1alpha1\nkind: MPIJob\nmetadata: {name: j}\n"
                    "spec:\n  replicas: 1\n  launcherOnMaster: true\n"
                    "  template:\n    spec:\n      tolerations: [{key: a, effect: NoSchedule}]\n"
                    "      containers: [{name: t, image: img, command: [mpirun, x]}]\n");
  REQUIRE(l.doc);
  const Node& pod = l.at({"spec", "mpiReplicaSpecs", "Launcher", "template", "spec"});
  CHECK(to_yaml(*pod.get("tolerations")) ==
        "- key: node-role.kubernetes.io/master\n  effect: NoSchedule\n");
  CHECK(pod.get("affinity")->get("nodeAffinity"));
  const Node& worker_pod = l.at({"spec", "mpiReplicaSpecs", "Worker", "template", "spec"});
  CHECK(worker_pod.get("tolerations")->items[0].get("key")->text == "a");  // workers keep theirs
  CHECK(l.has("replacing the template's tolerations [import/legacy-lowered]"));
}

TEST_CASE("legacy import: v1alpha2 policies, restart policies and mainContainer as that controller applied them") {
  Lowered l = lower(
      "apiVersion: kubeflow.org/v1alpha2\nkind: MPIJob\nmetadata: {name: j}\n"
      "spec:\n"
      "  backoffLimit: 4\n"
      "  cleanPodPolicy: All\n"
      "  mainContainer: main\n"
      "  mpiDistribution: IntelMPI\n"
      "  runPolicy: {backoffLimit: 2, cleanPodPolicy: None}\n"
      "  mpiReplicaSpecs:\n"
      "    Launcher:\n"
      "      replicas: 1\n"
      "      restartPolicy: ExitCode\n"
      "      template: {spec: {containers: [{name: side, image: s}, {name: main, image: m, command: [mpirun, x]}]}}\n"
      "    Worker:\n"
      "      replicas: 2\n"
      "      restartPolicy: Always\n"
      "      template: {spec: {restartPolicy: Always, containers: [{name: main, image: m, args: [x]}]}}\n"
      "status: {}\n");
  REQUIRE(l.doc);
  CHECK(l.at({"spec", "runPolicy", "backoffLimit"}).text == "2");
  CHECK(l.at({"spec", "runPolicy", "cleanPodPolicy"}).text == "All");
  CHECK(l.at({"spec", "mpiImplementation"}).text == "Intel");
  const Node& launcher = l.at({"spec", "mpiReplicaSpecs", "Launcher"});
  CHECK(launcher.get("restartPolicy")->text == "OnFailure");
  CHECK(launcher.get("template")->get("spec")->get("containers")->items[0].get("name")->text == "main");
  const Node& worker = l.at({"spec", "mpiReplicaSpecs", "Worker"});
  CHECK_FALSE(worker.get("restartPolicy"));
  const Node& wpod = *worker.get("template")->get("spec");
  CHECK_FALSE(wpod.get("restartPolicy"));
  CHECK_FALSE(wpod.get("containers")->items[0].get("args"));
  CHECK_FALSE(l.doc->get("status"));
  CHECK(l.has("5:3: spec.backoffLimit: overridden by runPolicy.backoffLimit (as in v1alpha2) "
              "[import/legacy-dropped]"));
  CHECK(l.has("9:32: spec.runPolicy.cleanPodPolicy: overridden by spec.cleanPodPolicy"));
  CHECK(l.has("restartPolicy ExitCode lowered to OnFailure"));
  CHECK(l.has("restartPolicy Always not carried"));
  CHECK(l.has("7:18: spec.mainContainer: the container 'main' moved first in both templates"));
  CHECK(l.has("19:1: status: status is not migrated: the operator writes it [import/legacy-dropped]"));
  CHECK(l.has("[import/legacy-lowered]"));
}

TEST_CASE("legacy import: a gang of another size than the workers keeps the launcher at startup") {
  Lowered l = lower(
      "apiVersion: kubeflow.org/v1alpha2\nkind: MPIJob\nmetadata: {name: j}\n"
      "spec:\n  runPolicy: {schedulingPolicy: {minAvailable: 3}}\n  mpiReplicaSpecs:\n"
      "    Launcher: {replicas: 1, template: {spec: {containers: [{name: a, image: m}]}}}\n"
      "    Worker: {replicas: 2, template: {spec: {containers: [{name: a, image: m}]}}}\n");
  REQUIRE(l.doc);
  CHECK_FALSE(l.at({"spec"}).get("launcherCreationPolicy"));
  CHECK(l.has("launcherCreationPolicy left AtStartup"));
  Lowered same = lower(
      "apiVersion: kubeflow.org/v1alpha2\nkind: MPIJob\nmetadata: {name: j}\n"
      "spec:\n  runPolicy: {schedulingPolicy: {minAvailable: 2}}\n  mpiReplicaSpecs:\n"
      "    Launcher: {replicas: 1, template: {spec: {containers: [{name: a, image: m}]}}}\n"
      "    Worker: {replicas: 2, template: {spec: {containers: [{name: a, image: m}]}}}\n");
  REQUIRE(same.doc);
  CHECK(same.at({"spec", "launcherCreationPolicy"}).text == "WaitForWorkersReady");
}

TEST_CASE("legacy import: what validate finds stops it, without the warning to import") {
  Lowered l = lower(std::string("apiVersion: kubeflow.org/v1alpha1\nkind: MPIJob\nmetadata: {name: j}\n"
                                "spec:\n  gpus: 12\n") +
                    kTemplate);
  CHECK_FALSE(l.doc);
  REQUIRE(l.messages.size() == 1);
  CHECK(l.messages[0] ==
        "5:9: spec.gpus: must be 1, 2, 4 or a multiple of 8, got 12 [mpijob-v1alpha1/units]");
  Lowered other = lower("apiVersion: kubeflow.org/v1\nkind: MPIJob\nspec: {}\n");
  CHECK_FALSE(other.doc);
  CHECK(other.messages ==
        std::vector<std::string>{"1:1: not a kubeflow.org/v1alpha1 or v1alpha2 MPIJob [import/unsupported]"});
  Lowered no_spec = lower("apiVersion: kubeflow.org/v1alpha2\nkind: MPIJob\nmetadata: {name: j}\n");
  CHECK_FALSE(no_spec.doc);
  CHECK(no_spec.messages ==
        std::vector<std::string>{"1:1: spec: missing required field 'spec' [crd/required]"});
}

TEST_CASE("legacy import: what the spec cannot hold after the lowering is the importer's located error") {
  // Two containers and no mainContainer: the spec runs one container per pod.
  auto p = parse("apiVersion: kubeflow.org/v1alpha2\nkind: MPIJob\nmetadata: {name: j}\n"
                 "spec:\n  mpiReplicaSpecs:\n"
                 "    Launcher: {replicas: 1, template: {spec: {containers: [{name: a, image: m, "
                 "command: [mpirun, x]}, {name: b, image: m}]}}}\n"
                 "    Worker: {replicas: 1, template: {spec: {containers: [{name: a, image: m}]}}}\n");
  DiagnosticEngine diags;
  CHECK_FALSE(import_mpijob(p.doc(), diags));
  bool found = false;
  for (const std::string& m : messages(diags))
    found |= m.rfind("6:59: spec.mpiReplicaSpecs.Launcher.template.spec.containers: a role must have "
                     "exactly one container to import [import/unsupported]", 0) == 0;
  CHECK(found);
}

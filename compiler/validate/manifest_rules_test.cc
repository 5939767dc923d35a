// The apiVersion table and the v1 / bdap rule passes on valid manifests
// (broken ones, with every rule and position: tests/manifests/bad/).
#include "validate/manifest_rules.h"

#include <catch2/catch.hpp>

#include "testing/fixtures.h"

using namespace mpijobc;

namespace {

std::vector<std::string> findings(const std::string& yaml) {
  auto p = testing::parse(yaml);
  REQUIRE_FALSE(p.diags.has_errors());
  const Node* api = p.doc().get("apiVersion");
  REQUIRE(api);
  ManifestCheck check = manifest_check(api->text, p.doc().get("kind")->text);
  REQUIRE(check);
  DiagnosticEngine diags;
  check(p.doc(), diags);
  return testing::messages(diags);
}

}  // namespace

TEST_CASE("manifest rules: one pass per apiVersion, none for others") {
  CHECK(manifest_check("kubeflow.org/v2beta1", "MPIJob"));
  CHECK(manifest_check("kubeflow.org/v1", "MPIJob"));
  CHECK(manifest_check("batch.test.bdap.com/v1", "MPIJob"));
  CHECK(manifest_check("kubeflow.org/v1alpha1", "MPIJob"));
  CHECK(manifest_check("kubeflow.org/v1alpha2", "MPIJob"));
  CHECK(manifest_check("batch.volcano.sh/v1alpha1", "Job"));
  CHECK_FALSE(manifest_check("batch.volcano.sh/v1alpha1", "MPIJob"));
  CHECK_FALSE(manifest_check("kubeflow.org/v1beta1", "MPIJob"));
  CHECK(known_manifest_versions() == "kubeflow.org/v2beta1, kubeflow.org/v1, batch.test.bdap.com/v1, "
                                     "kubeflow.org/v1alpha1, kubeflow.org/v1alpha2");
}

TEST_CASE("manifest rules: a valid kubeflow.org/v1 MPIJob has no findings") {
  CHECK(findings("apiVersion: kubeflow.org/v1\nkind: MPIJob\nmetadata: {name: mnist.v1}\n"
                 "spec:\n  slotsPerWorker: 1\n  runPolicy: {cleanPodPolicy: Running}\n"
                 "  mpiReplicaSpecs:\n"
                 "    Launcher: {replicas: 1, template: {spec: {containers: [{name: mpi, image: a/b, "
                 "command: [mpirun, python, t.py]}]}}}\n"
                 "    Worker: {replicas: 2, restartPolicy: ExitCode, template: {spec: {containers: "
                 "[{name: mpi, image: a/b}]}}}\n")
            .empty());
}

TEST_CASE("manifest rules: a valid legacy MPIJob only gets the warning that it is not served") {
  const std::string unserved =
      " is no longer served by current operators (removed in mpi-operator v0.4.0): the API "
      "server rejects this MPIJob [mpijob-legacy/unserved]";
  CHECK(findings("apiVersion: kubeflow.org/v1alpha1\nkind: MPIJob\nmetadata: {name: t}\n"
                 "spec:\n  processingUnits: 16\n  processingUnitsPerNode: 8\n"
                 "  template: {spec: {containers: [{name: t, image: a/b}]}}\n") ==
        std::vector<std::string>{"1:13: apiVersion: kubeflow.org/v1alpha1" + unserved});
  CHECK(findings("apiVersion: kubeflow.org/v1alpha2\nkind: MPIJob\nmetadata: {name: t}\n"
                 "spec:\n  mainContainer: t\n  mpiReplicaSpecs:\n"
                 "    Launcher: {replicas: 1, template: {spec: {containers: [{name: t, image: a/b}]}}}\n"
                 "    Worker: {replicas: 2, template: {spec: {containers: [{name: s, image: a/b}, "
                 "{name: t, image: a/b}]}}}\n") ==
        std::vector<std::string>{"1:13: apiVersion: kubeflow.org/v1alpha2" + unserved});
  // A null field is absent, as the API server prunes it: not a second worker count.
  CHECK(findings("apiVersion: kubeflow.org/v1alpha1\nkind: MPIJob\nmetadata: {name: t}\n"
                 "spec:\n  gpus: null\n  replicas: 2\n"
                 "  template: {spec: {containers: [{name: t, image: a/b}]}}\n") ==
        std::vector<std::string>{"1:13: apiVersion: kubeflow.org/v1alpha1" + unserved});
}

TEST_CASE("manifest rules: a bdap MPIJob with probes and images has no findings") {
  CHECK(findings("apiVersion: batch.test.bdap.com/v1\nkind: MPIJob\nmetadata: {name: t}\n"
                 "spec:\n  numWorkers: 2\n"
                 "  launcherTemplate: {spec: {containers: [{name: l, image: a/b}]}}\n"
                 "  workerTemplate: {spec: {containers: [{name: w, image: a/b, "
                 "readinessProbe: {exec: {command: [cat, /ready]}}}]}}\n")
            .empty());
  CHECK(findings("apiVersion: batch.test.bdap.com/v1\nkind: MPIJob\nmetadata: {name: t}\n"
                 "spec:\n  numWorkers: 2\n"
                 "  launcherTemplate: {spec: {containers: [{name: l, image: a/b}]}}\n"
                 "  workerTemplate: {spec: {containers: [{name: w, image: a/b}]}}\n") ==
        std::vector<std::string>{"7:39: spec.workerTemplate.spec.containers: no readiness probe: the "
                                 "operator starts the launcher once workers are ready, which without "
                                 "a probe is as soon as they start [mpijob-bdap/worker-readiness]"});
}

#include "frontend/import_mpijob.h"

#include <catch2/catch.hpp>

#include "support/yaml_writer.h"
#include "testing/fixtures.h"

using namespace mpijobc;
using mpijobc::testing::messages;
using mpijobc::testing::parse;

namespace {

const char* kPi = R"(apiVersion: kubeflow.org/v2beta1
kind: MPIJob
metadata: {name: pi, uid: abc}
spec:
  slotsPerWorker: 2
  runPolicy: {cleanPodPolicy: Running}
  mpiReplicaSpecs:
    Launcher:
      replicas: 1
      template:
        spec:
          containers:
          - {name: l, image: img, command: [mpirun], args: [-n, "4", /pi],
             resources: {limits: {cpu: 1, memory: 1Gi}}, env: [{name: A, value: "1"}]}
    Worker:
      replicas: 2
      restartPolicy: OnFailure
      template:
        spec:
          nodeSelector: {pool: gpu}
          containers:
          - {name: w, image: img, env: [{name: A, value: "1"}]}
)";

std::string imported(const std::string& text, DiagnosticEngine& diags) {
  auto p = parse(text);
  std::optional<Node> spec = import_mpijob(p.doc(), diags);
  return spec ? to_yaml(*spec, Spelling::AsWritten) : std::string();
}

}  // namespace

TEST_CASE("import: a v2beta1 MPIJob becomes a spec with its fields mapped") {
  DiagnosticEngine diags;
  CHECK(imported(kPi, diags) ==
        "apiVersion: mpijobc/v1\n"
        "kind: MPIJob\n"
        "metadata:\n"
        "  name: pi\n"
        "spec:\n"
        "  slots: 2\n"
        "  run_policy:\n"
        "    clean_pod_policy: RUNNING\n"
        "  image: img\n"
        "  env:\n"
        "    A: \"1\"\n"
        "  launcher:\n"
        "    replicas: 1\n"
        "    command:\n"
        "      - mpirun\n"
        "      - -n\n"
        "      - \"4\"\n"
        "      - /pi\n"
        "    limits:\n"
        "      cpu: 1\n"
        "      mem: \"1Gi\"\n"
        "  worker:\n"
        "    replicas: 2\n"
        "    restart_policy: FAILURE\n"
        "    pod:\n"
        "      spec:\n"
        "        nodeSelector:\n"
        "          pool: gpu\n");
  auto m = messages(diags);
  REQUIRE(m.size() == 1);
  CHECK(m[0] == "3:22: metadata.uid: 'uid' has no spec field and is not imported [import/dropped]");
}

TEST_CASE("import: an MPIJob without workers is a located error") {
  DiagnosticEngine diags;
  CHECK(imported("apiVersion: kubeflow.org/v1\nkind: MPIJob\nmetadata: {name: x}\n"
                 "spec:\n  mpiReplicaSpecs:\n    Launcher: {replicas: 1}\n",
                 diags)
            .empty());
  auto m = messages(diags);
  REQUIRE(m.size() == 1);
  CHECK(m[0].find("spec.mpiReplicaSpecs.Worker: the MPIJob has no Worker replicas") !=
        std::string::npos);
}

TEST_CASE("import: a resource or field the spec cannot express is an error") {
  DiagnosticEngine diags;
  CHECK(imported("apiVersion: batch.test.bdap.com/v1\nkind: MPIJob\nmetadata: {name: x}\n"
                 "spec:\n  numWorkers: 1\n  workerTemplate:\n    spec:\n      containers:\n"
                 "      - {image: i, resources: {limits: {example.com/fpga: 1}}}\n  extra: 1\n",
                 diags)
            .empty());
  auto m = messages(diags);
  REQUIRE(m.size() == 2);
  CHECK(m[0].find("resource 'example.com/fpga' has no spec field [import/unsupported]") !=
        std::string::npos);
  CHECK(m[1].find("spec.extra: 'extra' has no spec field") != std::string::npos);
}

TEST_CASE("import: the legacy apiVersions are MPIJobs (one without a spec is an error)") {
  auto p = parse("apiVersion: kubeflow.org/v1alpha2\nkind: MPIJob\nmetadata: {name: x}\n");
  CHECK(is_mpijob(p.doc()));
  DiagnosticEngine diags;
  CHECK_FALSE(import_mpijob(p.doc(), diags));
  CHECK(diags.has_errors());
  CHECK_FALSE(is_mpijob(parse("apiVersion: v1\nkind: ConfigMap\n").doc()));
}

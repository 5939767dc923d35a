// YAML merge keys (`<<: *defaults`) in specs and in hand-written manifests:
// a spec that shares blocks through them builds what the spec written out
// builds, and `convert` writes the merged result. (Bad merges, located:
// tests/bad/bad-merge.yaml, tests/bad/merged-resources.yaml and
// tests/manifests/bad/, run by bad_input_test.cc.)
#include <catch2/catch.hpp>

#include "harness.h"

using namespace e2e;

namespace {

std::string cli(const std::string& args) { return quote(mpijobc()) + " " + args; }

const char* kMerged =
    "apiVersion: mpijobc/v1\nkind: MPIJob\nmetadata: {name: pi}\nspec:\n"
    "  image: a/b:1\n  command: [python]\n"
    "  env: &env {A: \"1\", B: \"2\"}\n"
    "  launcher:\n    requests: &res {cpu: \"1\", mem: 1Gi}\n"
    "  worker:\n    replicas: 2\n"
    "    requests: {<<: *res, mem: 512Mi}\n"
    "    limits:\n      <<: [{gpu: 1, mem: 4Gi}, *res]\n"
    "    pod: {labels: {<<: *env, C: \"3\"}}\n";

const char* kWrittenOut =
    "apiVersion: mpijobc/v1\nkind: MPIJob\nmetadata: {name: pi}\nspec:\n"
    "  image: a/b:1\n  command: [python]\n"
    "  env: {A: \"1\", B: \"2\"}\n"
    "  launcher:\n    requests: {cpu: \"1\", mem: 1Gi}\n"
    "  worker:\n    replicas: 2\n"
    "    requests: {cpu: \"1\", mem: 512Mi}\n"
    "    limits: {gpu: 1, mem: 4Gi, cpu: \"1\"}\n"
    "    pod: {labels: {A: \"1\", B: \"2\", C: \"3\"}}\n";

}  // namespace

TEST_CASE("merge keys: a spec sharing blocks builds what it builds written out") {
  TempDir dir;
  write_file(dir / "a/spec.yaml", kMerged);
  write_file(dir / "b/spec.yaml", kWrittenOut);
  TempDir a, b;
  CHECK(build_outputs(dir / "a/spec.yaml", a) == build_outputs(dir / "b/spec.yaml", b));

  Result dsl = run(cli("convert " + quote(dir / "a/spec.yaml") + " --to dsl"));
  REQUIRE(dsl.status == 0);
  CHECK(dsl.out == run(cli("convert " + quote(dir / "b/spec.yaml") + " --to dsl")).out);
  CHECK(dsl.out.find("limits { gpu 1, mem 4Gi, cpu \"1\" }") != std::string::npos);
}

TEST_CASE("merge keys: validate reads them in manifests") {
  TempDir dir;
  write_file(dir / "mpijob.yaml",
             "apiVersion: kubeflow.org/v2beta1\nkind: MPIJob\nmetadata: {name: pi}\nspec:\n"
             "  slotsPerWorker: 1\n  mpiReplicaSpecs:\n"
             "    Launcher: &role\n      replicas: 1\n      restartPolicy: OnFailure\n"
             "      template: {spec: {containers: [{name: mpi, image: mpioperator/mpi-pi:openmpi}]}}\n"
             "    Worker:\n      <<: *role\n      replicas: 2\n");
  Result r = run(cli("validate -v " + quote(dir / "mpijob.yaml")));
  INFO(r.err);
  CHECK(r.status == 0);
  CHECK(r.err == "mpijobc: 1 file, 1 MPIJob, 0 specs checked; 0 errors, 0 warnings\n");
}

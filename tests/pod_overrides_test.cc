// Pod overrides end to end: the embedded PodSpec schema is what
// scripts/podspec_schema.py extracts from the upstream CRD, and a job with
// fragments on both levels builds, for every target, to manifests that pass
// that target's CRD, with the documented precedence.
#include <catch2/catch.hpp>

#include "harness.h"

using namespace e2e;

TEST_CASE("pod overrides: schemas/k8s-podspec.schema.json is the upstream CRD's PodSpec") {
  std::string crd = upstream_dir() + "/mpi-operator/manifests/base/kubeflow.org_mpijobs.yaml";
  if (!exists(crd)) skip("upstream CRD not found at " + crd);
  Result r = run("/usr/bin/python3 scripts/podspec_schema.py " + quote(crd));
  REQUIRE(r.status == 0);
  CHECK(r.out == read_file(source_dir() + "/schemas/k8s-podspec.schema.json"));
}

TEST_CASE("pod overrides: the role's fragment wins over spec.pod, lists are appended") {
  TempDir dir;
  write_file(dir / "job.yaml",
             "apiVersion: mpijobc/v1\nkind: MPIJob\nmetadata: {name: j, labels: {tier: a}}\nspec:\n"
             "  image: a/b\n  command: [prog]\n"
             "  pod:\n    labels: {tier: b, team: t}\n    istio_sidecar: false\n"
             "    spec: {nodeSelector: {pool: cpu, zone: z}, tolerations: [{key: one, operator: Exists}]}\n"
             "    container: {env: [{name: FROM_POD, value: '1'}], workingDir: /a}\n"
             "  worker:\n    replicas: 2\n    pod:\n      labels: {tier: c}\n"
             "      spec: {nodeSelector: {pool: gpu}, tolerations: [{key: two, operator: Exists}]}\n"
             "      container: {workingDir: /b}\n");
  Result r = run(quote(mpijobc()) + " build --stdout " + quote(dir / "job.yaml"));
  INFO(r.err);
  REQUIRE(r.status == 0);
  std::string worker = r.out.substr(r.out.find("    Worker:"));
  CHECK(worker.find("          labels:\n            tier: c\n            team: t\n") != std::string::npos);
  CHECK(worker.find("            sidecar.istio.io/inject: \"false\"\n") != std::string::npos);
  CHECK(worker.find("              workingDir: /b\n") != std::string::npos);
  CHECK(worker.find("                - name: FROM_POD\n") != std::string::npos);
  CHECK(worker.find("          nodeSelector:\n            pool: gpu\n            zone: z\n") !=
        std::string::npos);
  CHECK(worker.find("            - key: one\n              operator: Exists\n            - key: two\n") !=
        std::string::npos);
  std::string launcher = r.out.substr(r.out.find("    Launcher:"), r.out.find("    Worker:") - r.out.find("    Launcher:"));
  CHECK(launcher.find("            tier: b\n") != std::string::npos);
  CHECK(launcher.find("pool: cpu") != std::string::npos);
  CHECK(launcher.find("key: two") == std::string::npos);
}

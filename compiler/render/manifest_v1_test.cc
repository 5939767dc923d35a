#include "render/manifest_v1.h"

#include <catch2/catch.hpp>

#include "testing/fixtures.h"

using namespace mpijobc;

TEST_CASE("v1 target: training-operator fields, containers named mpi, workers kept alive by it") {
  JobSpec job = testing::lower_ok(testing::spec("MPIJob", "  slots: 2\n  worker: {replicas: 3}\n"));
  DiagnosticEngine diags;
  auto docs = V1Target().manifests(job, "#!/bin/sh\n", diags);
  REQUIRE(docs.size() == 2);
  const Node& mpijob = docs[1];
  CHECK(mpijob.get("apiVersion")->text == "kubeflow.org/v1");
  const Node& spec = *mpijob.get("spec");
  CHECK(spec.get("slotsPerWorker")->text == "2");
  CHECK_FALSE(spec.get("sshAuthMountPath"));  // no SSH: kubectl exec
  const Node& worker = *spec.get("mpiReplicaSpecs")->get("Worker");
  const Node& c = worker.get("template")->get("spec")->get("containers")->items.at(0);
  CHECK(c.get("name")->text == "mpi");
  CHECK_FALSE(c.get("command"));  // the controller's sleep 365d keeps it alive
  CHECK(worker.get("replicas")->origin == "spec.worker.replicas");
  CHECK(diags.all().empty());
  V1Target().check(mpijob, diags);
  CHECK_FALSE(diags.has_errors());
}

TEST_CASE("v1 target: a worker command is kept, with a warning at the spec field") {
  JobSpec job = testing::lower_ok(testing::spec("MPIJob", "  worker: {replicas: 1, command: [x]}\n"));
  DiagnosticEngine diags;
  V1Target().manifests(job, "", diags);
  REQUIRE(diags.all().size() == 1);
  CHECK(diags.all()[0].rule == "target/worker-command");
  CHECK(diags.all()[0].loc.line == 7);
}

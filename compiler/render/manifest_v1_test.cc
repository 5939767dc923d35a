#include "render/manifest_v1.h"

#include <catch2/catch.hpp>

#include "testing/fixtures.h"
#include "validate/manifest_check.h"

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
  check_object(mpijob, CrdSchemas(), diags);
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

TEST_CASE("v1 target: v2beta1-only fields warn, a launcher that runs ranks is an error") {
  JobSpec job = testing::lower_ok(testing::spec(
      "MPIJob", "  worker: {replicas: 1}\n  ssh_auth_mount_path: /home/u/.ssh\n"
                "  launcher_creation_policy: AtStartup\n  run_launcher_as_worker: true\n"
                "  run_policy: {suspend: true, scheduling: {queue: q}}\n"));
  DiagnosticEngine diags;
  const Node mpijob = V1Target().manifests(job, "#!/bin/sh\n", diags).at(1);
  CHECK(testing::messages(diags) ==
        std::vector<std::string>{
            "8:24: spec.ssh_auth_mount_path: has no effect on kubeflow.org/v1: its ranks start "
            "through kubectl exec, not ssh [target/no-effect]",
            "9:29: spec.launcher_creation_policy: has no effect on kubeflow.org/v1: that operator "
            "decides when the launcher starts [target/no-effect]",
            "10:27: spec.run_launcher_as_worker: kubeflow.org/v1 cannot run ranks in the launcher "
            "pod: its hostfile lists only the workers, and -np would count one host too many "
            "[target/unsupported]"});
  // runPolicy's scheduling and suspend are the training-operator's too.
  const Node& run = *mpijob.get("spec")->get("runPolicy");
  CHECK(run.get("suspend")->text == "true");
  CHECK(run.get("schedulingPolicy")->get("queue")->text == "q");
}

#include "render/manifest_bdap.h"

#include <catch2/catch.hpp>

#include "testing/fixtures.h"
#include "validate/manifest_check.h"

using namespace mpijobc;

TEST_CASE("bdap target: numWorkers and two pod templates, ready and kept-alive workers") {
  JobSpec job = testing::lower_ok(testing::spec("HorovodJob", "  worker: {replicas: 3}\n"));
  DiagnosticEngine diags;
  auto docs = BdapTarget().manifests(job, "#!/bin/sh\n", diags);
  const Node& spec = *docs.back().get("spec");
  CHECK(docs.back().get("apiVersion")->text == "batch.test.bdap.com/v1");
  CHECK(spec.get("numWorkers")->text == "3");
  CHECK(spec.get("numWorkers")->origin == "spec.worker.replicas");
  const Node& worker = spec.get("workerTemplate")->get("spec")->get("containers")->items.at(0);
  CHECK(worker.get("command")->items.at(2).text == "touch /tmp/mpijobc-ready && exec sleep infinity");
  CHECK(worker.get("readinessProbe")->get("exec")->get("command")->items.at(1).text ==
        "/tmp/mpijobc-ready");
  const Node& launcher = spec.get("launcherTemplate")->get("spec")->get("containers")->items.at(0);
  CHECK(launcher.get("command")->items.at(2).text.find("slots=1$/ slots=1/") != std::string::npos);
  CHECK(diags.all().empty());  // slots 1, no run policy fields: nothing to say
  check_object(docs.back(), CrdSchemas(), diags);
  CHECK(diags.all().empty());  // not even mpijob-bdap/worker-readiness
}

TEST_CASE("bdap target: run policy, v2beta1-only fields and slots > 1 are warned about") {
  JobSpec job = testing::lower_ok(testing::spec(
      "MPIJob", "  slots: 2\n  worker: {replicas: 1}\n  ssh_auth_mount_path: /x\n"
                "  run_policy: {ttl_seconds_after_finished: 5, suspend: false,\n"
                "               managed_by: kueue.x-k8s.io/multikueue, scheduling: {queue: q}}\n"));
  DiagnosticEngine diags;
  BdapTarget().manifests(job, "", diags);
  std::vector<std::string> fields;
  for (const Diagnostic& d : diags.all()) fields.push_back(d.path + " " + d.rule);
  CHECK(fields == std::vector<std::string>{
                      "spec.run_policy.ttl_seconds_after_finished target/no-effect",
                      "spec.run_policy.scheduling target/no-effect",
                      "spec.run_policy.suspend target/no-effect",
                      "spec.run_policy.managed_by target/no-effect",
                      "spec.ssh_auth_mount_path target/no-effect",
                      "spec.slots target/slots-rewritten"});
}

TEST_CASE("bdap target: a worker command replaces the keep-alive and its readiness probe") {
  JobSpec job = testing::lower_ok(testing::spec(
      "MPIJob", "  worker:\n    replicas: 1\n    command: [sh, -c, \"touch /ready && sleep infinity\"]\n"
                "    pod:\n      container:\n        readinessProbe: {exec: {command: [cat, /ready]}}\n"));
  DiagnosticEngine diags;
  auto docs = BdapTarget().manifests(job, "", diags);
  const Node& worker = docs.back().get("spec")->get("workerTemplate")->get("spec")->get("containers")->items.at(0);
  REQUIRE(worker.get("command")->items.size() == 3);
  CHECK(worker.get("command")->items.at(2).text == "touch /ready && sleep infinity");
  CHECK(worker.get("command")->items.at(2).origin == "spec.worker.command");
  // The probe is worker.pod's own, not mpijobc's on its ready file.
  CHECK(worker.get("readinessProbe")->get("exec")->get("command")->items.at(1).text == "/ready");
  REQUIRE(diags.all().size() == 1);
  CHECK(diags.all()[0].rule == "target/worker-command");
  CHECK(diags.all()[0].loc.line == 9);
}

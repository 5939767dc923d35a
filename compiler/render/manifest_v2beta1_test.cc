#include "render/manifest_v2beta1.h"

#include <catch2/catch.hpp>

#include "testing/fixtures.h"
#include "validate/manifest_check.h"

using namespace mpijobc;

namespace {

const Node& at(const Node& n, std::initializer_list<const char*> path) {
  const Node* cur = &n;
  for (const char* key : path) {
    cur = cur->get(key);
    INFO(key);
    REQUIRE(cur);
  }
  return *cur;
}

const Node& container(const Node& mpijob, const char* role) {
  return at(mpijob, {"spec", "mpiReplicaSpecs", role, "template", "spec", "containers"}).items.at(0);
}

}  // namespace

TEST_CASE("manifests: ConfigMap with the script, MPIJob with explicit defaults") {
  JobSpec job = testing::lower_ok(testing::spec("MPIJob", "  slots: 2\n  worker: {replicas: 3}\n"));
  DiagnosticEngine diags;
  auto docs = V2beta1Target().manifests(job, "#!/bin/sh\n", diags);
  REQUIRE(docs.size() == 2);
  CHECK(at(docs[0], {"metadata", "name"}).text == "job-launcher-script");
  CHECK(at(docs[0], {"data", "launcher.sh"}).text == "#!/bin/sh\n");
  const Node& mpijob = docs[1];
  CHECK(at(mpijob, {"apiVersion"}).text == "kubeflow.org/v2beta1");
  CHECK(at(mpijob, {"spec", "slotsPerWorker"}).text == "2");
  CHECK(at(mpijob, {"spec", "runPolicy", "cleanPodPolicy"}).text == "Running");
  CHECK_FALSE(at(mpijob, {"spec", "runPolicy"}).get("backoffLimit"));
  CHECK(at(mpijob, {"spec", "sshAuthMountPath"}).text == "/root/.ssh");
  CHECK(at(mpijob, {"spec", "mpiImplementation"}).text == "OpenMPI");
  CHECK(at(mpijob, {"spec", "launcherCreationPolicy"}).text == "AtStartup");
  CHECK(at(mpijob, {"spec", "runLauncherAsWorker"}).text == "false");
  CHECK_FALSE(at(mpijob, {"spec", "runPolicy"}).get("schedulingPolicy"));
  CHECK(at(mpijob, {"spec", "mpiReplicaSpecs", "Launcher", "restartPolicy"}).text == "OnFailure");
  CHECK(at(mpijob, {"spec", "mpiReplicaSpecs", "Worker", "restartPolicy"}).text == "Never");
  CHECK(at(mpijob, {"spec", "mpiReplicaSpecs", "Worker", "replicas"}).text == "3");
  CHECK(container(mpijob, "Launcher").get("command")->items.at(1).text == "/opt/mpijobc/launcher.sh");
  CHECK_FALSE(container(mpijob, "Worker").get("command"));  // the operator starts sshd
  const Node& replicas = at(mpijob, {"spec", "mpiReplicaSpecs", "Worker", "replicas"});
  CHECK(replicas.origin == "spec.worker.replicas");
  CHECK(replicas.loc.line == 8);
}

TEST_CASE("manifests: resources, env, metadata, worker command") {
  JobSpec job = testing::lower_ok(
      "apiVersion: mpijobc/v1\nkind: MPIJob\n"
      "metadata: {name: j, namespace: ns, labels: {a: b}, annotations: {x.io/y: z}}\n"
      "spec:\n  image: i/j\n  command: [c]\n  env: {E: v}\n"
      "  worker:\n    replicas: 1\n    command: [sleep, \"10\"]\n    restart_policy: FAILURE\n"
      "    requests: {cpu: 1, mem: 1Gi, gpu: 2, ephemeral_storage: 5Gi}\n");
  DiagnosticEngine diags;
  const Node mpijob = V2beta1Target().manifests(job, "", diags).back();
  CHECK(at(mpijob, {"metadata", "namespace"}).text == "ns");
  CHECK(at(mpijob, {"metadata", "annotations", "x.io/y"}).text == "z");
  CHECK(at(mpijob, {"spec", "mpiReplicaSpecs", "Worker", "template", "metadata", "labels", "a"}).text == "b");
  CHECK(at(mpijob, {"spec", "mpiReplicaSpecs", "Worker", "restartPolicy"}).text == "OnFailure");
  const Node& w = container(mpijob, "Worker");
  CHECK(w.get("command")->items.at(1).text == "10");
  CHECK(at(w, {"env"}).items.at(0).get("value")->text == "v");
  const Node& requests = at(w, {"resources", "requests"});
  std::vector<std::string> names;
  for (const Member& m : requests.members) names.push_back(m.key);
  CHECK(names == std::vector<std::string>{"cpu", "ephemeral-storage", "memory", "nvidia.com/gpu"});
  // A GPU request alone becomes the limit too.
  CHECK(at(w, {"resources", "limits", "nvidia.com/gpu"}).text == "2");
}

TEST_CASE("manifests: the rest of v2beta1's spec, from the spec's fields") {
  JobSpec job = testing::lower_ok(testing::spec(
      "MPIJob",
      "  slots: 2\n  worker: {replicas: 3}\n  mpi_implementation: Intel\n"
      "  ssh_auth_mount_path: /home/mpiuser/.ssh\n  launcher_creation_policy: WaitForWorkersReady\n"
      "  run_launcher_as_worker: true\n"
      "  run_policy:\n    suspend: true\n    managed_by: kueue.x-k8s.io/multikueue\n"
      "    scheduling: {min_available: 3, queue: research, priority_class: high,\n"
      "                 schedule_timeout_seconds: 60, min_resources: {cpu: 8, gpu: 2}}\n"));
  DiagnosticEngine diags;
  const Node mpijob = V2beta1Target().manifests(job, "#!/bin/sh\n", diags).at(1);
  CHECK(diags.all().empty());
  CHECK(at(mpijob, {"spec", "mpiImplementation"}).text == "Intel");
  CHECK(at(mpijob, {"spec", "sshAuthMountPath"}).text == "/home/mpiuser/.ssh");
  CHECK(at(mpijob, {"spec", "launcherCreationPolicy"}).text == "WaitForWorkersReady");
  CHECK(at(mpijob, {"spec", "runLauncherAsWorker"}).text == "true");
  CHECK(job.processes() == 8);  // the launcher's 2 slots count
  const Node& run = at(mpijob, {"spec", "runPolicy"});
  CHECK(at(run, {"suspend"}).text == "true");
  CHECK(at(run, {"managedBy"}).text == "kueue.x-k8s.io/multikueue");
  const Node& sp = at(run, {"schedulingPolicy"});
  CHECK(at(sp, {"minAvailable"}).text == "3");
  CHECK(at(sp, {"queue"}).text == "research");
  CHECK(at(sp, {"priorityClass"}).text == "high");
  CHECK(at(sp, {"scheduleTimeoutSeconds"}).text == "60");
  CHECK(at(sp, {"minResources", "cpu"}).text == "8");
  CHECK(at(sp, {"minResources", "nvidia.com/gpu"}).text == "2");
  CHECK(at(sp, {"queue"}).origin == "spec.run_policy.scheduling.queue");
  check_object(mpijob, CrdSchemas(), diags);
  CHECK_FALSE(diags.has_errors());
}

TEST_CASE("manifests: env the ranks would not see is a warning, located") {
  JobSpec job = testing::lower_ok(testing::spec(
      "MPIJob",
      "  pod: {container: {env: [{name: SHARED, value: x}]}}\n"
      "  worker:\n    replicas: 1\n    pod:\n      container:\n"
      "        env: [{name: SHARED, value: y}, {name: ONLY_W, value: z}]\n"
      "        envFrom: [{secretRef: {name: s}}]\n"));
  DiagnosticEngine diags;
  V2beta1Target().manifests(job, "", diags);
  CHECK(testing::messages(diags) ==
        std::vector<std::string>{
            "13:19: spec.worker.pod.container.envFrom[0]: the ranks, started over ssh, do not see "
            "these variables: mpirun forwards only env names written in the spec "
            "[target/env-not-forwarded]",
            "12:41: spec.worker.pod.container.env[1]: the ranks, started over ssh, do not see "
            "ONLY_W: only the worker containers set it, and mpirun forwards the launcher's env "
            "[target/env-not-forwarded]"});
}

TEST_CASE("manifests: a non-root job runs as its user, and its workers start their own sshd") {
  JobSpec job = testing::lower_ok(testing::spec(
      "MPIJob", "  worker: {replicas: 2}\n  pod: {spec: {securityContext: {runAsUser: 1001}}}\n"));
  DiagnosticEngine diags;
  Node mpijob = V2beta1Target().manifests(job, "#!/bin/sh\n", diags).back();
  CHECK(at(mpijob, {"spec", "sshAuthMountPath"}).text == "/home/mpiuser/.ssh");
  for (const char* role : {"Launcher", "Worker"}) {
    const Node& sc = at(container(mpijob, role), {"securityContext"});
    CHECK(at(sc, {"runAsUser"}).text == "1001");
    CHECK(at(sc, {"runAsGroup"}).text == "1001");
  }
  const Node& command = at(container(mpijob, "Worker"), {"command"});
  REQUIRE(command.items.size() == 4);
  CHECK(command.items[0].text == "/usr/sbin/sshd");
  CHECK(command.items[1].text == "-De");
  CHECK(command.items[2].text == "-f");
  CHECK(command.items[3].text == "/home/mpiuser/.sshd_config");
  CHECK_FALSE(container(mpijob, "Launcher").get("command")->items.empty());
  // The pod's own securityContext stays, merged with the containers'.
  CHECK(at(mpijob, {"spec", "mpiReplicaSpecs", "Worker", "template", "spec", "securityContext",
                    "runAsUser"}).text == "1001");
  check_object(mpijob, CrdSchemas(), diags);
  CHECK(testing::messages(diags).empty());

  JobSpec mounted = testing::lower_ok(testing::spec(
      "MPIJob", "  worker: {replicas: 1, command: [/opt/start-sshd]}\n"
                "  ssh_auth_mount_path: /home/alice/.ssh\n"));
  Node m = V2beta1Target().manifests(mounted, "#!/bin/sh\n", diags).back();
  CHECK(at(m, {"spec", "sshAuthMountPath"}).text == "/home/alice/.ssh");
  CHECK(at(container(m, "Worker"), {"command"}).items.at(0).text == "/opt/start-sshd");
  CHECK(at(container(m, "Worker"), {"securityContext", "runAsUser"}).text == "1000");
}

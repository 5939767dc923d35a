// The Volcano Job rules on small jobs, one rule at a time (whole broken
// manifests with positions: tests/manifests/bad/volcano-*.yaml).
#include "validate/volcano_rules.h"

#include <catch2/catch.hpp>

#include "testing/fixtures.h"

using namespace mpijobc;

namespace {

// A valid MPI job: `spec_extra` goes under spec, `master_extra` under the
// master task (4-space indent), `workers` is the worker count.
std::string job(const std::string& spec_extra = "", const std::string& master_extra = "",
                int workers = 2, const std::string& name = "pi") {
  return "apiVersion: batch.volcano.sh/v1alpha1\nkind: Job\nmetadata: {name: " + name + "}\n"
         "spec:\n" + spec_extra +
         "  plugins: {mpi: [--master=m, --worker=w], ssh: [], svc: []}\n"
         "  tasks:\n"
         "  - name: m\n    replicas: 1\n" + master_extra +
         "    policies: [{event: TaskCompleted, action: CompleteJob}]\n"
         "    template: {spec: {restartPolicy: OnFailure, containers: [{name: a, image: a/b}]}}\n"
         "  - name: w\n    replicas: " + std::to_string(workers) + "\n"
         "    template: {spec: {restartPolicy: OnFailure, containers: [{name: a, image: a/b}]}}\n";
}

// "line:col: path: message [rule]" of each finding.
std::vector<std::string> check(const std::string& yaml) {
  auto p = testing::parse(yaml);
  REQUIRE_FALSE(p.diags.has_errors());
  DiagnosticEngine diags;
  check_volcano_job(p.doc(), diags);
  return testing::messages(diags);
}

// The rule ids alone.
std::vector<std::string> rules(const std::string& yaml) {
  std::vector<std::string> out;
  for (const std::string& m : check(yaml)) out.push_back(m.substr(m.rfind('[')));
  return out;
}

using Rules = std::vector<std::string>;

}  // namespace

TEST_CASE("volcano rules: a valid MPI job, with and without dependsOn, has no findings") {
  CHECK(check(job()).empty());
  CHECK(check(job("  minAvailable: 2\n", "    dependsOn: {name: [w]}\n")).empty());
  CHECK(check(job("  minAvailable: 3\n  queue: q\n  maxRetry: 2\n")).empty());
}

TEST_CASE("volcano rules: spec and tasks are required") {
  CHECK(rules("apiVersion: batch.volcano.sh/v1alpha1\nkind: Job\nmetadata: {name: x}\n") ==
        Rules{"[volcano/required]"});
  CHECK(check("apiVersion: batch.volcano.sh/v1alpha1\nkind: Job\nmetadata: {name: x}\n"
              "spec: {tasks: []}\n") ==
        Rules{"4:15: spec.tasks: No task specified in job spec [volcano/tasks-required]"});
}

TEST_CASE("volcano rules: job and pod names") {
  CHECK(check(job("", "", 2, "Pi.job")) ==
        Rules{"3:18: metadata.name: with the svc plugin the job name names its Service and is every "
              "pod's subdomain: it must be a DNS-1035 label (at most 63 lower-case letters, digits "
              "and '-', starting with a letter) [volcano/job-name]"});
  // The highest replica index counts, not only the task's position.
  std::string name(52, 'a');
  CHECK(check(job("", "", 10, name)).empty());  // aaa…-w-9: 56
  std::string longer(56, 'a');
  CHECK(check(job("", "", 10, longer)).empty());  // …-w-9: 60
  std::string longest(59, 'a');
  CHECK(check(job("", "", 11, longest)) ==
        Rules{"11:11: spec.tasks[1].name: pod name '" + longest +
              "-w-10' is not a DNS-1123 label (at most 63 lower-case letters, digits and '-'; with "
              "the svc plugin it is the pod's hostname): the pods of this task cannot be created "
              "[volcano/pod-name]"});
  // Without svc or mpi, a dotted name is fine.
  CHECK(check("apiVersion: batch.volcano.sh/v1alpha1\nkind: Job\nmetadata: {name: a.b}\nspec:\n"
              "  tasks: [{name: t, replicas: 1, template: {spec: {restartPolicy: Never, "
              "containers: [{name: a, image: a/b}]}}}]\n")
            .empty());
  CHECK(rules("apiVersion: batch.volcano.sh/v1alpha1\nkind: Job\nmetadata: {name: " +
              std::string(60, 'a') + "}\nspec:\n"
              "  tasks: [{name: t, replicas: 1, template: {spec: {restartPolicy: Never, "
              "containers: [{name: a, image: a/b}]}}}]\n") == Rules{"[volcano/pod-name]"});
}

TEST_CASE("volcano rules: duplicate task names, minAvailable against replicas") {
  std::string dup = job();
  dup.replace(dup.find("- name: w"), 9, "- name: m");
  CHECK(rules(dup) == Rules{"[volcano/duplicate-task]", "[volcano/mpi-worker]"});
  CHECK(check(job("  minAvailable: 4\n")) ==
        Rules{"5:17: spec.minAvailable: job 'minAvailable' (4) should not be greater than total "
              "replicas in tasks (3) [volcano/min-available]"});
  CHECK(check(job("", "    minAvailable: 2\n")) ==
        Rules{"9:19: spec.tasks[0].minAvailable: 'minAvailable' (2) is greater than 'replicas' (1) "
              "in task m [volcano/min-available]"});
  CHECK(rules(job("", "", -1)) == Rules{"[volcano/min-available]"});
  CHECK(check(job("  minAvailable: all\n")) ==
        Rules{"5:17: spec.minAvailable: must be an integer, got 'all' [volcano/type]"});
}

TEST_CASE("volcano rules: a task without restartPolicy never completes") {
  std::string j = job();
  j.erase(j.find("restartPolicy: OnFailure, "), 26);
  CHECK(check(j) == Rules{"10:22: spec.tasks[0].template.spec.restartPolicy: no restartPolicy: "
                          "Kubernetes' default Always restarts a finished pod, so the task never "
                          "completes [volcano/restart-policy]"});
}

TEST_CASE("volcano rules: containers and images") {
  std::string j = job();
  j.replace(j.find("containers: [{name: a, image: a/b}]"), 35, "containers: []");
  CHECK(rules(j) == Rules{"[volcano/containers-required]"});
  j = job();
  j.replace(j.find("{name: a, image: a/b}"), 21, "{name: a}");
  CHECK(rules(j) == Rules{"[volcano/container-image]"});
}

TEST_CASE("volcano rules: policies take allowed events and actions, each event once") {
  auto policies = [](const std::string& list) {
    return rules(job("  policies: " + list + "\n"));
  };
  CHECK(policies("[{event: PodEvicted, action: RestartJob}, {events: [PodFailed], action: AbortJob}]")
            .empty());
  CHECK(policies("[{event: PodRunning, action: RestartJob}]") == Rules{"[volcano/policy]"});
  CHECK(policies("[{event: PodFailed, action: SyncJob}]") == Rules{"[volcano/policy]"});
  CHECK(policies("[{event: PodFailed, action: RestartJob}, {event: PodFailed, action: AbortJob}]") ==
        Rules{"[volcano/policy]"});
  CHECK(policies("[{event: PodFailed, exitCode: 3, action: RestartJob}]") == Rules{"[volcano/policy]"});
  CHECK(policies("[{action: RestartJob}]") == Rules{"[volcano/policy]"});
  CHECK(policies("[{exitCode: 0, action: RestartJob}]") == Rules{"[volcano/policy]"});
  CHECK(policies("[{exitCode: 3, action: RestartJob}, {exitCode: 3, action: AbortJob}]") ==
        Rules{"[volcano/policy]"});
  CHECK(policies("[{event: '*', action: AbortJob}, {event: PodFailed, action: RestartJob}]") ==
        Rules{"[volcano/policy]"});
  CHECK(check(job("  policies: [{event: PodRunning, action: RestartJob}]\n")).at(0) ==
        "5:22: spec.policies[0].event: invalid policy event 'PodRunning' (valid events are *, "
        "PodFailed, PodEvicted, PodPending, Unknown, TaskCompleted, TaskFailed, JobUpdated; valid "
        "actions are AbortJob, RestartJob, RestartTask, RestartPod, RestartPartition, TerminateJob, "
        "CompleteJob, ResumeJob) [volcano/policy]");
}

TEST_CASE("volcano rules: plugins, the mpi plugin's master and worker tasks") {
  std::string j = job();
  j.replace(j.find("svc: []"), 7, "svcs: []");
  CHECK(check(j) == Rules{"5:53: spec.plugins.svcs: unable to find job plugin: svcs [volcano/plugin]"});
  j = job();
  j.replace(j.find("--master=m"), 10, "--master=x");
  CHECK(rules(j) == Rules{"[volcano/mpi-master]"});
  j = job();
  j.replace(j.find("--master=m, --worker=w"), 22, "--master=m");  // default worker task: worker
  CHECK(rules(j) == Rules{"[volcano/mpi-worker]"});
}

TEST_CASE("volcano rules: dependsOn names tasks, forms no cycle, and leaves a gang that can form") {
  CHECK(rules(job("  minAvailable: 2\n", "    dependsOn: {name: [x]}\n")) ==
        Rules{"[volcano/depends-on]"});
  std::string cycle = job("  minAvailable: 1\n", "    dependsOn: {name: [w]}\n");
  cycle.replace(cycle.find("  - name: w\n"), 12, "  - name: w\n    dependsOn: {name: [m]}\n");
  CHECK(rules(cycle) == Rules{"[volcano/depends-on]"});
  // The webhook's default gang (every task's pods) and an explicit one
  // that counts the master both wait for a master that never comes.
  CHECK(check(job("", "    dependsOn: {name: [w]}\n")) ==
        Rules{"9:16: spec.tasks[0].dependsOn: the gang needs 3 pods, but task m has none until the "
              "tasks it dependsOn are ready, which leaves 2: the job never starts "
              "[volcano/depends-on-gang]"});
  CHECK(rules(job("  minAvailable: 3\n", "    dependsOn: {name: [w]}\n")) ==
        Rules{"[volcano/depends-on-gang]"});
}

TEST_CASE("volcano rules: volumes and network topology") {
  auto volumes = [](const std::string& list) { return check(job("  volumes: " + list + "\n")); };
  CHECK(volumes("[{mountPath: /d, volumeClaimName: data}]").empty());
  CHECK(volumes("[{volumeClaimName: data}]") ==
        Rules{"5:13: spec.volumes[0].mountPath: mountPath is required [volcano/volume]"});
  CHECK(volumes("[{mountPath: /d, volumeClaimName: a}, {mountPath: /d, volumeClaimName: b}]") ==
        Rules{"5:62: spec.volumes[1].mountPath: duplicated mountPath: /d [volcano/volume]"});
  CHECK(volumes("[{mountPath: /d}]") ==
        Rules{"5:13: spec.volumes[0]: either volumeClaim or volumeClaimName must be specified "
              "[volcano/volume]"});
  CHECK(volumes("[{mountPath: /d, volumeClaimName: a, volumeClaim: {}}]").size() == 1);
  CHECK(rules(job("  networkTopology: {mode: hard, highestTierAllowed: 1, highestTierName: x}\n")) ==
        Rules{"[volcano/network-topology]"});
}

TEST_CASE("volcano rules: partitions multiply to replicas, topology policies take whole CPUs") {
  std::string j = job("", "    partitionPolicy: {totalPartitions: 1, partitionSize: 1}\n");
  CHECK(check(j).empty());
  j = job("", "", 4);
  j.replace(j.find("    replicas: 4\n"), 15,
            "    replicas: 4\n    minAvailable: 3\n"
            "    partitionPolicy: {totalPartitions: 3, partitionSize: 2, minPartitions: 1}\n");
  CHECK(check(j) == Rules{"12:15: spec.tasks[1].replicas: 'replicas' is not totalPartitions x "
                          "partitionSize (6) in task w [volcano/partition]",
                          "13:19: spec.tasks[1].minAvailable: 'minAvailable' is not minPartitions x "
                          "partitionSize (2) in task w [volcano/partition]"});
  j = job("", "    topologyPolicy: single-numa-node\n");
  CHECK(check(j).empty());  // no CPU request
  std::string whole = j, half = j;
  whole.replace(whole.find("{name: a, image: a/b}"), 21,
                "{name: a, image: a/b, resources: {requests: {cpu: 2000m}}}");
  CHECK(check(whole).empty());
  half.replace(half.find("{name: a, image: a/b}"), 21,
               "{name: a, image: a/b, resources: {requests: {cpu: 1500m}}}");
  CHECK(rules(half) == Rules{"[volcano/topology-cpu]"});
}

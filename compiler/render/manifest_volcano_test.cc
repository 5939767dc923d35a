#include "render/manifest_volcano.h"

#include <catch2/catch.hpp>

#include "support/yaml_writer.h"
#include "testing/fixtures.h"
#include "validate/manifest_check.h"

using namespace mpijobc;

namespace {

struct Built {
  DiagnosticEngine diags;
  std::vector<Node> docs;
  const Node& spec() const { return *docs.back().get("spec"); }
  const Node& task(size_t i) const { return spec().get("tasks")->items.at(i); }
};

Built build(const std::string& extra, const std::string& kind = "MPIJob") {
  Built b;
  b.docs = VolcanoTarget().manifests(testing::lower_ok(testing::spec(kind, extra)), "#!/bin/sh\n",
                                     b.diags);
  return b;
}

std::vector<std::string> rules_of(const DiagnosticEngine& diags) {
  std::vector<std::string> out;
  for (const Diagnostic& d : diags.all()) out.push_back(d.path + " " + d.rule);
  return out;
}

}  // namespace

TEST_CASE("volcano target: a master that dependsOn the workers, plugins, policies, gang of workers") {
  Built b = build("  slots: 2\n  worker: {replicas: 3}\n");
  CHECK(b.diags.all().empty());
  REQUIRE(b.docs.size() == 2);
  CHECK(b.docs[0].get("kind")->text == "ConfigMap");
  const Node& job = b.docs.back();
  CHECK(job.get("apiVersion")->text == "batch.volcano.sh/v1alpha1");
  CHECK(job.get("kind")->text == "Job");
  CHECK(to_yaml(b.spec()) ==
        "minAvailable: 3\n"
        "plugins:\n"
        "  mpi:\n    - --master=master\n    - --worker=worker\n    - --port=22\n"
        "  ssh: []\n  svc: []\n"
        "policies:\n"
        "  - event: PodEvicted\n    action: RestartJob\n"
        "  - event: PodFailed\n    action: RestartJob\n"
        "tasks:\n"
        "  - name: master\n    replicas: 1\n    template:\n      spec:\n        containers:\n"
        "          - name: launcher\n            image: example.com/img:1\n"
        "            command:\n              - /bin/sh\n              - /opt/mpijobc/launcher.sh\n"
        "            volumeMounts:\n              - name: mpijobc-launcher\n"
        "                mountPath: /opt/mpijobc\n                readOnly: true\n"
        "        volumes:\n          - name: mpijobc-launcher\n            configMap:\n"
        "              name: job-launcher-script\n              defaultMode: 365\n"
        "        restartPolicy: Never\n"
        "    policies:\n      - event: TaskCompleted\n        action: CompleteJob\n"
        "    dependsOn:\n      name:\n        - worker\n"
        "  - name: worker\n    replicas: 3\n    template:\n      spec:\n        containers:\n"
        "          - name: worker\n            image: example.com/img:1\n"
        "            command:\n              - /usr/sbin/sshd\n              - -De\n"
        "            readinessProbe:\n              tcpSocket:\n                port: 22\n"
        "              periodSeconds: 2\n"
        "        restartPolicy: Never\n");
  CHECK(b.spec().get("minAvailable")->origin == "spec.worker.replicas");
  DiagnosticEngine checked;
  CHECK(check_object(job, CrdSchemas(), checked));
  CHECK(checked.all().empty());
}

TEST_CASE("volcano target: scheduling, retries, TTL, ssh path and AtStartup map to the Job") {
  Built b = build("  worker: {replicas: 2, command: [/usr/sbin/sshd, -D, -p, '22']}\n"
                  "  ssh_auth_mount_path: /home/mpiuser/.ssh\n"
                  "  launcher_creation_policy: AtStartup\n"
                  "  launcher: {restart_policy: FAILURE}\n"
                  "  run_policy:\n    backoff_limit: 5\n    ttl_seconds_after_finished: 60\n"
                  "    scheduling: {queue: research, priority_class: high}\n");
  CHECK(b.diags.all().empty());
  const Node& spec = b.spec();
  CHECK(spec.get("minAvailable")->text == "3");  // nothing waits: launcher and workers
  CHECK(spec.get("queue")->text == "research");
  CHECK(spec.get("priorityClassName")->text == "high");
  CHECK(spec.get("maxRetry")->text == "5");
  CHECK(spec.get("maxRetry")->origin == "spec.run_policy.backoff_limit");
  CHECK(spec.get("ttlSecondsAfterFinished")->text == "60");
  CHECK(spec.get("plugins")->get("ssh")->items.at(0).text ==
        "--ssh-key-file-path=/home/mpiuser/.ssh");
  CHECK_FALSE(b.task(0).get("dependsOn"));
  CHECK(b.task(0).get("template")->get("spec")->get("restartPolicy")->text == "OnFailure");
  CHECK(b.task(1).get("template")->get("spec")->get("containers")->items.at(0).get("command")->items.at(2).text == "-p");

  Built gang = build("  worker: {replicas: 2}\n  run_policy: {scheduling: {min_available: 1}}\n");
  CHECK(gang.spec().get("minAvailable")->text == "1");
  CHECK(gang.spec().get("minAvailable")->origin == "spec.run_policy.scheduling.min_available");
}

TEST_CASE("volcano target: backoff_limit 0 terminates the job on a failed pod") {
  Built b = build("  worker: {replicas: 2}\n  run_policy: {backoff_limit: 0}\n");
  CHECK_FALSE(b.spec().get("maxRetry"));  // Volcano would make 0 a 3
  const Node& failed = b.spec().get("policies")->items.at(1);
  CHECK(failed.get("action")->text == "TerminateJob");
  CHECK(failed.origin == "spec.run_policy.backoff_limit");
}

TEST_CASE("volcano target: fields Volcano cannot express are errors, harmless ones warnings") {
  Built b = build("  worker: {replicas: 2}\n  run_launcher_as_worker: true\n"
                  "  run_policy:\n    active_deadline_seconds: 60\n    suspend: true\n"
                  "    managed_by: kueue.x-k8s.io/multikueue\n    clean_pod_policy: NONE\n"
                  "    scheduling: {schedule_timeout_seconds: 9, min_resources: {cpu: 1}}\n");
  CHECK(rules_of(b.diags) == std::vector<std::string>{
                                 "spec.run_policy.active_deadline_seconds target/unsupported",
                                 "spec.run_policy.suspend target/unsupported",
                                 "spec.run_policy.managed_by target/unsupported",
                                 "spec.run_policy.clean_pod_policy target/no-effect",
                                 "spec.run_policy.scheduling.schedule_timeout_seconds target/no-effect",
                                 "spec.run_policy.scheduling target/no-effect",
                                 "spec.run_launcher_as_worker target/unsupported"});
  CHECK(b.diags.all()[0].message ==
        "batch.volcano.sh/v1alpha1 cannot express this: its Job has no deadline, and without one "
        "a hung job would run on");
  Built resumed = build("  worker: {replicas: 2}\n  run_policy: {suspend: false}\n");
  CHECK(rules_of(resumed.diags) ==
        std::vector<std::string>{"spec.run_policy.suspend target/no-effect"});
}

TEST_CASE("volcano target: a gang larger than the workers the master waits for is an error") {
  Built b = build("  worker: {replicas: 2}\n  run_policy: {scheduling: {min_available: 3}}\n");
  DiagnosticEngine diags;
  check_object(b.docs.back(), CrdSchemas(), diags);
  REQUIRE(diags.all().size() == 1);
  CHECK(diags.all()[0].rule == "volcano/depends-on-gang");
  CHECK(diags.all()[0].path == "spec.run_policy.scheduling.min_available");
  CHECK(diags.all()[0].loc.line == 8);
}

TEST_CASE("volcano target: kustomize paths, host list, launcher start") {
  VolcanoTarget t;
  REQUIRE(t.pod_template_paths().size() == 1);
  CHECK(t.pod_template_paths()[0].kind == "Job");
  CHECK(t.pod_template_paths()[0].path == "spec/tasks/template");
  REQUIRE(t.name_references().size() == 1);
  CHECK(t.name_references()[0].kind == "PriorityClass");
  CHECK(t.name_references()[0].at.kind == "Job");
  CHECK(t.name_references()[0].at.path == "spec/priorityClassName");
  CHECK(t.worker_host_list() == "/etc/volcano/worker.host");
}

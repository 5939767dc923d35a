#include "render/manifest_trainer.h"

#include <catch2/catch.hpp>

#include "testing/fixtures.h"
#include "validate/crd_schema.h"
#include "validate/manifest_check.h"

using namespace mpijobc;

namespace {

const Node* at(const Node* n, std::initializer_list<const char*> keys) {
  for (const char* k : keys) n = n ? n->get(k) : nullptr;
  return n;
}

struct Built {
  std::vector<Node> docs;
  std::vector<std::string> findings;  // "path rule"
};

Built build(const std::string& kind, const std::string& extra) {
  DiagnosticEngine lowering;
  JobSpec job = testing::lower(testing::spec(kind, extra), lowering);
  REQUIRE_FALSE(lowering.has_errors());
  DiagnosticEngine diags;
  Built b{TrainerTarget().manifests(job, "#!/bin/sh\n", diags), {}};
  for (const Diagnostic& d : diags.all()) b.findings.push_back(d.path + " " + d.rule);
  return b;
}

// The generated objects' findings of their CRD schemas and Trainer's rules.
std::vector<std::string> checked(const std::vector<Node>& docs) {
  DiagnosticEngine diags;
  for (const Node& d : docs) check_object(d, CrdSchemas(), diags);
  check_related_objects(docs, diags);
  return testing::messages(diags);
}

}  // namespace

TEST_CASE("trainer target: a TrainingRuntime of the job's own and a TrainJob running launcher.sh") {
  Built b = build("MPIJob", "  slots: 4\n  worker: {replicas: 3, limits: {gpu: 4}}\n"
                            "  env: {NCCL_DEBUG: WARN}\n");
  REQUIRE(b.docs.size() == 3);
  CHECK(b.findings.empty());
  CHECK(b.docs[0].get("kind")->text == "ConfigMap");
  const Node& runtime = b.docs[1];
  CHECK(runtime.get("kind")->text == "TrainingRuntime");
  const Node* mpi = at(&runtime, {"spec", "mlPolicy", "mpi"});
  CHECK(mpi->get("numProcPerNode")->text == "4");
  CHECK(mpi->get("mpiImplementation")->text == "OpenMPI");
  CHECK(mpi->get("sshAuthMountPath")->text == "/root/.ssh");
  CHECK(mpi->get("runLauncherAsNode")->text == "false");
  const Node* jobs = at(&runtime, {"spec", "template", "spec", "replicatedJobs"});
  REQUIRE(jobs->items.size() == 2);
  const Node& node = jobs->items[0];
  CHECK(node.get("name")->text == "node");
  const Node& worker = at(&node, {"template", "spec", "template", "spec", "containers"})->items.at(0);
  CHECK(worker.get("name")->text == "node");
  CHECK(worker.get("command")->items.at(0).text == "/usr/sbin/sshd");
  CHECK(at(&worker, {"readinessProbe", "tcpSocket", "port"})->text == "22");
  CHECK(at(&worker, {"resources", "limits", "nvidia.com/gpu"})->text == "4");
  CHECK(worker.get("env"));  // the workers' sshd sessions see it too
  const Node& launcher = jobs->items[1];
  CHECK(launcher.get("name")->text == "launcher");
  CHECK(at(&launcher.get("dependsOn")->items.at(0), {"status"})->text == "Ready");
  CHECK(at(&launcher, {"template", "metadata", "labels", "trainer.kubeflow.org/trainjob-ancestor-step"})
            ->text == "trainer");
  const Node& lc = at(&launcher, {"template", "spec", "template", "spec", "containers"})->items.at(0);
  CHECK(lc.get("name")->text == "node");
  CHECK_FALSE(lc.get("env"));  // the TrainJob's trainer.env
  CHECK(lc.get("volumeMounts")->items.at(0).get("mountPath")->text == "/opt/mpijobc");

  const Node& tj = b.docs[2];
  CHECK(tj.get("kind")->text == "TrainJob");
  CHECK(at(&tj, {"spec", "runtimeRef", "kind"})->text == "TrainingRuntime");
  CHECK(at(&tj, {"spec", "runtimeRef", "name"})->text == "job");
  const Node* trainer = at(&tj, {"spec", "trainer"});
  CHECK(trainer->get("numNodes")->text == "3");
  CHECK(trainer->get("numNodes")->origin == "spec.worker.replicas");
  CHECK(trainer->get("numProcPerNode")->text == "4");
  CHECK(trainer->get("command")->items.at(1).text == "/opt/mpijobc/launcher.sh");
  CHECK(trainer->get("env")->items.at(0).get("name")->text == "NCCL_DEBUG");
  CHECK_FALSE(trainer->get("image"));
  CHECK(checked(b.docs).empty());
}

TEST_CASE("trainer target: spec fields land where Trainer takes them") {
  Built b = build("MPIJob", "  worker: {replicas: 2, restart_policy: NEVER}\n"
                            "  run_launcher_as_worker: true\n  ssh_auth_mount_path: /home/u/.ssh\n"
                            "  launcher_creation_policy: AtStartup\n"
                            "  run_policy: {active_deadline_seconds: 60, suspend: true, backoff_limit: 2,\n"
                            "    managed_by: kueue.x-k8s.io/multikueue}\n");
  CHECK(b.findings.empty());
  const Node& runtime = b.docs[1];
  CHECK(at(&runtime, {"spec", "mlPolicy", "mpi", "runLauncherAsNode"})->text == "true");
  CHECK(at(&runtime, {"spec", "mlPolicy", "mpi", "sshAuthMountPath"})->text == "/home/u/.ssh");
  const Node* jobs = at(&runtime, {"spec", "template", "spec", "replicatedJobs"});
  CHECK(at(&jobs->items[0], {"template", "spec", "template", "spec", "restartPolicy"})->text == "Never");
  CHECK_FALSE(jobs->items[1].get("dependsOn"));  // AtStartup
  CHECK(at(&jobs->items[1], {"template", "spec", "backoffLimit"})->text == "2");
  const Node* spec = b.docs[2].get("spec");
  CHECK(at(spec, {"trainer", "numNodes"})->text == "3");  // the launcher is a node
  CHECK(spec->get("suspend")->text == "true");
  CHECK(spec->get("activeDeadlineSeconds")->text == "60");
  CHECK(spec->get("managedBy")->text == "kueue.x-k8s.io/multikueue");
  CHECK(checked(b.docs).empty());
}

TEST_CASE("trainer target: runtime_ref emits only a TrainJob, pod settings as runtimePatches") {
  Built b = build("MPIJob", "  worker: {replicas: 2, requests: {cpu: \"2\"}}\n"
                            "  runtime_ref: {name: deepspeed-distributed}\n"
                            "  env: {A: b}\n"
                            "  pod: {labels: {team: a}, spec: {nodeSelector: {pool: gpu}},\n"
                            "        container: {volumeMounts: [{name: shm, mountPath: /dev/shm}]}}\n");
  CHECK(b.findings.empty());
  REQUIRE(b.docs.size() == 2);
  const Node* spec = b.docs[1].get("spec");
  CHECK(at(spec, {"runtimeRef", "kind"})->text == "ClusterTrainingRuntime");
  CHECK(at(spec, {"runtimeRef", "name"})->text == "deepspeed-distributed");
  CHECK(at(spec, {"trainer", "image"})->text == "example.com/img:1");
  CHECK(at(spec, {"trainer", "resourcesPerNode", "requests", "cpu"})->text == "2");
  CHECK(at(spec, {"trainer", "env"})->items.size() == 1);
  const Node& patch = spec->get("runtimePatches")->items.at(0);
  CHECK(patch.get("manager")->text == kTrainerPatchManager);
  const Node* jobs = at(&patch, {"trainingRuntimeSpec", "template", "spec", "replicatedJobs"});
  REQUIRE(jobs->items.size() == 2);
  const Node* launcher = at(&jobs->items[0], {"template", "spec", "template"});
  CHECK(jobs->items[0].get("name")->text == "launcher");
  CHECK(at(launcher, {"metadata", "labels", "team"})->text == "a");
  CHECK(at(launcher, {"spec", "nodeSelector", "pool"})->text == "gpu");
  CHECK(at(launcher, {"spec", "volumes"})->items.at(0).get("name")->text == "mpijobc-launcher");
  CHECK(at(launcher, {"spec", "containers"})->items.at(0).get("volumeMounts")->items.size() == 2);
  const Node* node = at(&jobs->items[1], {"template", "spec", "template", "spec"});
  CHECK(node->get("containers")->items.at(0).get("volumeMounts")->items.size() == 1);
  CHECK(checked(b.docs).empty());
}

TEST_CASE("trainer target: what Trainer cannot express is an error, what it ignores a warning") {
  CHECK(build("MPIJob", "  worker: {replicas: 1}\n  mpi_implementation: MPICH\n").findings ==
        std::vector<std::string>{"spec.mpi_implementation target/unsupported"});
  CHECK(build("MPIJob", "  worker: {replicas: 1, restart_policy: ALWAYS}\n"
                        "  run_policy: {scheduling: {queue: q}, ttl_seconds_after_finished: 5,\n"
                        "    clean_pod_policy: ALL}\n")
            .findings == std::vector<std::string>{"spec.run_policy.scheduling target/unsupported",
                                                  "spec.run_policy.ttl_seconds_after_finished target/no-effect",
                                                  "spec.run_policy.clean_pod_policy target/no-effect",
                                                  "spec.worker.restart_policy target/unsupported"});
  CHECK(build("MPIJob", "  worker: {replicas: 1, image: a/w, command: [w], restart_policy: NEVER}\n"
                        "  launcher: {requests: {cpu: \"1\"}}\n"
                        "  runtime_ref: {name: r, kind: TrainingRuntime}\n"
                        "  ssh_auth_mount_path: /x\n  run_policy: {backoff_limit: 1}\n"
                        "  pod: {spec: {hostNetwork: true}, container: {env: [{name: A, value: b}]}}\n")
            .findings == std::vector<std::string>{"spec.worker.image target/unsupported",
                                                  "spec.worker.command target/unsupported",
                                                  "spec.launcher.requests.cpu target/unsupported",
                                                  "spec.worker.restart_policy target/unsupported",
                                                  "spec.run_policy.backoff_limit target/unsupported",
                                                  "spec.ssh_auth_mount_path target/no-effect",
                                                  "spec.pod.spec.hostNetwork target/unsupported",
                                                  "spec.pod.container.env target/unsupported"});
}

TEST_CASE("trainer target: a HorovodJob gets a discovery script made from Trainer's hostfile") {
  Built b = build("HorovodJob", "  worker: {replicas: 2}\n");
  const Node* command = at(&b.docs.back(), {"spec", "trainer", "command"});
  REQUIRE(command->items.size() == 3);
  CHECK(command->items[2].text.find("sed \"s/ slots=/:/\" /etc/mpi/hostfile") != std::string::npos);
  Built own = build("HorovodJob", "  worker: {replicas: 2}\n  discovery_script_path: /opt/d.sh\n");
  CHECK(at(&own.docs.back(), {"spec", "trainer", "command"})->items.size() == 2);
}

TEST_CASE("trainer target: kustomize finds pod templates in both kinds and the runtime's name") {
  TrainerTarget t;
  CHECK(t.pod_template_paths().size() == 2);
  REQUIRE(t.name_references().size() == 1);
  CHECK(t.name_references()[0].at.path == "spec/runtimeRef/name");
}

TEST_CASE("trainer target: env only the workers' containers set is not forwarded to the ranks") {
  CHECK(build("MPIJob", "  worker: {replicas: 1, pod: {container: {env: [{name: W, value: x}]}}}\n")
            .findings == std::vector<std::string>{"spec.worker.pod.container.env[0] target/env-not-forwarded"});
}

TEST_CASE("trainer target: a reserved env name in the launcher's container warns at the spec") {
  Built b = build("MPIJob", "  worker: {replicas: 1}\n"
                            "  launcher: {pod: {container: {env: [{name: OMPI_MCA_plm_rsh_args, value: x}]}}}\n");
  std::vector<std::string> found = checked(b.docs);
  REQUIRE(found.size() == 1);
  INFO(found[0]);
  // At the name in the spec; the path is the runtime's, as for every pod override field.
  CHECK(found[0].rfind("8:45: spec.template.spec.replicatedJobs[1].template.spec.template.spec."
                       "containers[0].env[0].name: Trainer's MPI plugin sets OMPI_MCA_plm_rsh_args "
                       "on the launcher, replacing this value",
                       0) == 0);
  CHECK(found[0].find("[trainingruntime/reserved-env]") != std::string::npos);
}

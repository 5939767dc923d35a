// The mpi-operator's validation_test.go cases (reference:
// mpi-operator-detail.md §3.5), on manifests read from YAML, after the
// operator's defaulting (missing restartPolicy/slots/cleanPodPolicy pass).
#include "validate/mpijob_rules.h"

#include <catch2/catch.hpp>

#include "testing/fixtures.h"

using namespace mpijobc;

namespace {

std::vector<std::string> rules_of(const std::string& yaml) {
  auto p = testing::parse(yaml);
  REQUIRE_FALSE(p.diags.has_errors());
  DiagnosticEngine diags;
  check_mpijob_v2beta1(p.doc(), diags);
  std::vector<std::string> out;
  for (const Diagnostic& d : diags.all())
    out.push_back(d.path + "@" + std::to_string(d.loc.line) + " " + d.rule);
  return out;
}

const char* kContainer = "template: {spec: {containers: [{name: c, image: i}]}}";

std::string job(const std::string& name, const std::string& spec) {
  return "apiVersion: kubeflow.org/v2beta1\nkind: MPIJob\nmetadata: {name: " + name +
         "}\nspec:\n" + spec;
}

}  // namespace

TEST_CASE("operator rules: valid jobs (intel, mpich, with and without workers)") {
  for (const char* impl : {"Intel", "MPICH"}) {
    std::string base = "  slotsPerWorker: 2\n  runPolicy: {cleanPodPolicy: Running}\n"
                       "  sshAuthMountPath: /home/mpiuser/.ssh\n  mpiImplementation: " +
                       std::string(impl) + "\n  mpiReplicaSpecs:\n";
    CHECK(rules_of(job("foo", base + "    Launcher: {replicas: 1, restartPolicy: Never, " +
                                  kContainer + "}\n"))
              .empty());
    CHECK(rules_of(job("foo", base + "    Launcher: {replicas: 1, restartPolicy: OnFailure, " +
                                  kContainer + "}\n    Worker: {replicas: 3, restartPolicy: Never, " +
                                  kContainer + "}\n"))
              .empty());
  }
}

TEST_CASE("operator rules: empty, missing and invalid fields") {
  CHECK(rules_of("apiVersion: kubeflow.org/v2beta1\nkind: MPIJob\nmetadata: {name: x}\nspec: {}\n") ==
        std::vector<std::string>{"spec.mpiReplicaSpecs@4 mpijob/replica-specs-required"});
  CHECK(rules_of(job("x", "  mpiReplicaSpecs: {}\n")) ==
        std::vector<std::string>{"spec.mpiReplicaSpecs[Launcher]@5 mpijob/launcher-required"});
  CHECK(rules_of(job("x", "  mpiReplicaSpecs:\n    Launcher: {}\n    Worker: {}\n")) ==
        std::vector<std::string>{
            "spec.mpiReplicaSpecs[Launcher].template.spec.containers@6 mpijob/containers-required",
            "spec.mpiReplicaSpecs[Worker].replicas@7 mpijob/worker-replicas",
            "spec.mpiReplicaSpecs[Worker].template.spec.containers@7 mpijob/containers-required"});
  CHECK(rules_of(job("x", std::string("  mpiReplicaSpecs:\n") +
                              "    Launcher: {replicas: 2, restartPolicy: Always, " + kContainer +
                              "}\n    Worker: {replicas: 0, restartPolicy: Invalid, " + kContainer +
                              "}\n")) ==
        std::vector<std::string>{"spec.mpiReplicaSpecs[Launcher].replicas@6 mpijob/launcher-replicas",
                                 "spec.mpiReplicaSpecs[Launcher].restartPolicy@6 mpijob/restart-policy",
                                 "spec.mpiReplicaSpecs[Worker].replicas@7 mpijob/worker-replicas",
                                 "spec.mpiReplicaSpecs[Worker].restartPolicy@7 mpijob/restart-policy"});
  std::string fields = std::string("  mpiReplicaSpecs:\n    Launcher: {replicas: 1, ") + kContainer +
                       "}\n    Worker: {replicas: 1000, " + kContainer +
                       "}\n  runPolicy: {cleanPodPolicy: unknown, ttlSecondsAfterFinished: -1,"
                       " activeDeadlineSeconds: -1, backoffLimit: -1, managedBy: invalid.com/c}\n"
                       "  mpiImplementation: Unknown\n  sshAuthMountPath: \"\"\n"
                       "  launcherCreationPolicy: Later\n";
  CHECK(rules_of(job("this-name-is-waaaaaaaay-too-long-for-a-worker-hostname", fields)) ==
        std::vector<std::string>{"metadata.name@3 mpijob/name-dns1035",
                                 "spec.runPolicy.cleanPodPolicy@8 mpijob/clean-pod-policy",
                                 "spec.runPolicy.ttlSecondsAfterFinished@8 mpijob/run-policy-range",
                                 "spec.runPolicy.activeDeadlineSeconds@8 mpijob/run-policy-range",
                                 "spec.runPolicy.backoffLimit@8 mpijob/run-policy-range",
                                 "spec.runPolicy.managedBy@8 mpijob/managed-by",
                                 "spec.sshAuthMountPath@10 mpijob/ssh-auth-mount-path",
                                 "spec.launcherCreationPolicy@11 mpijob/launcher-creation-policy",
                                 "spec.mpiImplementation@9 mpijob/mpi-implementation"});
  CHECK(rules_of(job("1-foo", std::string("  mpiReplicaSpecs:\n    Launcher: {replicas: 1, ") +
                                  kContainer + "}\n")) ==
        std::vector<std::string>{"metadata.name@3 mpijob/name-dns1035"});
}

TEST_CASE("operator rules: generated nodes are reported at their spec field") {
  Node mpijob = Node::map();
  mpijob.add("metadata", Node::map()).add("name", Node::string("ok"));
  Node& specs = mpijob.add("spec", Node::map()).add("mpiReplicaSpecs", Node::map());
  Node& launcher = specs.add("Launcher", Node::map());
  launcher.add("replicas", Node::integer(1));
  launcher.add("restartPolicy",
               Node::string("Always").from({1, 12, 21}, "spec.launcher.restart_policy"));
  launcher.add("template", Node::map()).add("spec", Node::map()).add("containers", Node::seq())
      .push(Node::map()).add("image", Node::string("a/b"));
  DiagnosticEngine diags;
  check_mpijob_v2beta1(mpijob, diags);
  REQUIRE(diags.error_count() == 1);
  const Diagnostic& d = diags.all()[0];
  CHECK(d.path == "spec.launcher.restart_policy");
  CHECK(d.loc.line == 12);
  CHECK(d.message ==
        "unsupported value \"Always\": the kubeflow.org/v2beta1 operator accepts only \"Never\" "
        "and \"OnFailure\" (spec.mpiReplicaSpecs[Launcher].restartPolicy)");
  CHECK(d.hint == "use NEVER or FAILURE");
}

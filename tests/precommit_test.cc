// The mpijobc-validate hook of .pre-commit-hooks.yaml, run by the real
// pre-commit (`pre-commit try-repo`) over a scratch git repository that keeps
// specs, hand-written MPIJobs and generated manifests among other tools' YAML:
// a Helm chart, GitLab CI files with !reference, a CloudFormation template
// with !Sub. Those pass untouched; broken specs and MPIJobs fail, located.
#include <catch2/catch.hpp>

#include <filesystem>

#include "harness.h"

using namespace e2e;

namespace {

const char* const kMpiJob =
    "apiVersion: kubeflow.org/v2beta1\n"
    "kind: MPIJob\n"
    "metadata: {name: pi}\n"
    "spec:\n"
    "  slotsPerWorker: 1\n"
    "  mpiReplicaSpecs:\n"
    "    Launcher:\n"
    "      replicas: 1\n"
    "      template: {spec: {containers: [{name: l, image: mpioperator/mpi-pi:openmpi}]}}\n"
    "    Worker:\n"
    "      replicas: 2\n"
    "      template: {spec: {containers: [{name: w, image: mpioperator/mpi-pi:openmpi}]}}\n";

struct Repo {
  TempDir dir;
  // pre-commit, git and the hook's mpijobc, kept from the user's own
  // configuration and caches.
  std::string env = "HOME=" + quote(dir / "home") + " PRE_COMMIT_HOME=" + quote(dir / "cache") +
                    " GIT_CONFIG_NOSYSTEM=1 GIT_AUTHOR_NAME=t GIT_AUTHOR_EMAIL=t@example.com" +
                    " GIT_COMMITTER_NAME=t GIT_COMMITTER_EMAIL=t@example.com PATH=" +
                    quote(std::filesystem::path(mpijobc()).parent_path().string()) + ":\"$PATH\" ";

  Repo() {
    // The hooks repository: this repository's .pre-commit-hooks.yaml, committed.
    write_file(dir / "hooks/.pre-commit-hooks.yaml",
               read_file(source_dir() + "/.pre-commit-hooks.yaml"));
    REQUIRE(sh("hooks", "git init -q && git add -A && git commit -qm hooks").status == 0);

    write_file(dir / "repo/jobs/pi.yaml", read_file(source_dir() + "/samples/mpi-pi.yaml"));
    write_file(dir / "repo/jobs/mnist.mpijob",
               read_file(source_dir() + "/samples/horovod-mnist.mpijob"));
    write_file(dir / "repo/manifests/pi.yaml", kMpiJob);
    write_file(dir / "repo/chart/Chart.yaml", "apiVersion: v2\nname: svc\nversion: 0.1.0\n");
    write_file(dir / "repo/chart/values.yaml", "name: svc\nport: 80\n");
    write_file(dir / "repo/chart/templates/service.yaml",
               "apiVersion: v1\nkind: Service\nmetadata:\n  name: {{ .Values.name }}\n"
               "  labels:\n    {{- include \"svc.labels\" . | nindent 4 }}\n"
               "spec: {ports: [{port: {{ .Values.port }}}]}\n");
    // GitLab CI: the main file also applies an MPIJob as a JSON one-liner,
    // which the hook's pattern leaves out; an included file is left to
    // mpijobc, which does not parse it.
    write_file(dir / "repo/.gitlab-ci.yml",
               "include: [ci/setup.yml]\n"
               "deploy:\n"
               "  script:\n"
               "    - !reference [.setup, script]\n"
               "    - kubectl apply -f - <<< '{\"apiVersion\": \"kubeflow.org/v2beta1\", "
               "\"kind\": \"MPIJob\"}'\n");
    write_file(dir / "repo/ci/setup.yml",
               ".setup:\n  script: [echo setup]\n"
               "test:\n  script:\n    - !reference [.setup, script]\n    - make test\n");
    write_file(dir / "repo/cloudformation/bucket.yaml",
               "AWSTemplateFormatVersion: \"2010-09-09\"\n"
               "Resources:\n"
               "  Bucket:\n"
               "    Type: AWS::S3::Bucket\n"
               "    Properties:\n"
               "      BucketName: !Sub \"${AWS::StackName}-data\"\n");
    REQUIRE(sh("repo", "git init -q && " + quote(mpijobc()) + " build jobs -o deploy -q").status ==
            0);
  }

  Result sh(const std::string& in, const std::string& command) const {
    return run("cd " + quote(dir / in) + " && " + env + "sh -c " + quote(command));
  }
  Result hook() const {
    return sh("repo", "git add -A && pre-commit try-repo ../hooks mpijobc-validate --all-files");
  }
};

}  // namespace

TEST_CASE("pre-commit: the validate hook passes other tools' YAML and fails broken jobs, located") {
  if (!have_tool("pre-commit") || !have_tool("git"))
    skip("pre-commit or git is not installed on this machine (Debian: pre-commit, git)");
  Repo repo;
  REQUIRE(exists(repo.dir / "repo/deploy/pi/kustomizeconfig.yaml"));
  Result clean = repo.hook();
  INFO(clean.out << clean.err);
  CHECK(clean.status == 0);
  CHECK(clean.out.find("mpijobc validate") != std::string::npos);
  CHECK(clean.out.find("Passed") != std::string::npos);

  // Other tools' YAML reaches mpijobc: one that holds an MPIJob is checked
  // whole, custom tag included.
  write_file(repo.dir / "repo/cloudformation/job.yaml",
             std::string(kMpiJob) + "---\nBucketName: !Sub \"${AWS::StackName}-data\"\n");
  // A broken spec and a broken hand-written MPIJob.
  write_file(repo.dir / "repo/jobs/bad.yaml",
             read_file(source_dir() + "/tests/bad/wrong-types.yaml"));
  std::string mpijob = kMpiJob;
  mpijob.replace(mpijob.find("replicas: 1"), 11, "replicas: 2");
  write_file(repo.dir / "repo/manifests/bad.yaml", mpijob);
  Result broken = repo.hook();
  INFO(broken.out << broken.err);
  CHECK(broken.status == 1);
  CHECK(broken.out.find("Failed") != std::string::npos);
  for (const char* line :
       {"cloudformation/job.yaml:14:13: error: unsupported YAML tag '!Sub' [yaml/syntax]",
        "jobs/bad.yaml:7:22: error: spec.worker.replicas: expected integer, got '4' [schema/type]",
        "manifests/bad.yaml:8:17: error: spec.mpiReplicaSpecs[Launcher].replicas: must be 1, got 2 "
        "[mpijob/launcher-replicas]"})
    CHECK(broken.out.find(line) != std::string::npos);
  for (const char* other : {"chart/", ".gitlab-ci.yml", "ci/setup.yml", "cloudformation/bucket",
                            "deploy/", "jobs/pi.yaml", "jobs/mnist.mpijob", "manifests/pi.yaml"})
    CHECK(broken.out.find(other) == std::string::npos);
}

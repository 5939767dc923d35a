// The targets: every sample (and jobs of hostile strings) compiles for
// every target and MPI implementation it runs (Trainer: Open MPI only; the
// others are located errors), or fails with the located target/unsupported
// error the target owes it, and each output passes that operator's CRD
// schemas (the independent python3-jsonschema oracle), its rules (`mpijobc
// validate`) and shellcheck at its default severity; spec.target picks a
// target and --target overrides it.
#include <catch2/catch.hpp>

#include <algorithm>

#include "harness.h"

using namespace e2e;

namespace {

struct TargetCase {
  const char* api;
  std::vector<const char*> crds;  // under upstream_dir(): one per kind generated
  std::vector<const char*> impls;  // the MPI implementations it runs
  // An input (file name) the target cannot express, and the located error
  // it gives (after the file name); null: none.
  const char* unsupported = nullptr;
  const char* error = nullptr;
};

const TargetCase kTargets[] = {
    {"kubeflow.org/v2beta1", {"/mpi-operator/manifests/base/kubeflow.org_mpijobs.yaml"},
     {"OpenMPI", "Intel", "MPICH"}},
    {"kubeflow.org/v1", {"/training-operator/manifests/base/crds/kubeflow.org_mpijobs.yaml"},
     {"OpenMPI", "Intel", "MPICH"}},
    {"batch.test.bdap.com/v1",
     {"/bdap-mpi-operator/config/crd/bases/batch.test.bdap.com_mpijobs.yaml"},
     {"OpenMPI", "Intel", "MPICH"}},
    {"trainer.kubeflow.org/v1alpha1",
     {"/trainer/crds/trainer.kubeflow.org_trainjobs.yaml",
      "/trainer/crds/trainer.kubeflow.org_trainingruntimes.yaml"},
     {"OpenMPI"}, "hello-mpi-volcano.yaml",
     ":21:5: error: spec.run_policy.scheduling: trainer.kubeflow.org/v1alpha1 cannot express it: "
     "Trainer's gang scheduling is the runtime's podGroupPolicy"},
    {"batch.volcano.sh/v1alpha1", {"/volcano/crds/batch.volcano.sh_jobs.yaml"},
     {"OpenMPI", "Intel", "MPICH"}, "gpu-resnet.yaml",
     ":41:30: error: spec.run_policy.active_deadline_seconds: batch.volcano.sh/v1alpha1 cannot "
     "express this: its Job has no deadline, and without one a hung job would run on "
     "[target/unsupported]"},
};

std::string cli(const std::string& args) { return quote(mpijobc()) + " " + args; }

// Jobs whose strings shellcheck would flag, were they not literal on purpose.
const char* kHostileJobs = R"(apiVersion: mpijobc/v1
kind: MPIJob
metadata: {name: hostile}
spec:
  image: a/b
  command: [sh, -c, 'echo "$HOME" `id` ${X:-y} \ ~/x ‘q’ it''s', done]
  worker: {replicas: 2}
---
apiVersion: mpijobc/v1
kind: HorovodJob
metadata: {name: hostile-hvd}
spec:
  image: a/b
  command: [python, $HOME/t.py, ~/data, then]
  discovery_script_path: /opt/$HOME/`id`/it's\.sh
  worker: {replicas: 2}
  build: {framework: {name: pytorch}}
---
apiVersion: mpijobc/v1
kind: MPIJob
metadata: {name: hostile-custom}
spec:
  image: a/b
  launcher: {command: [mpirun, -np, "2", sh, -c, 'exec "$0" `id`', ~/x, "a\\"]}
  worker: {replicas: 2}
)";

// The samples and kHostileJobs rewritten to use MPI implementation `impl`, in `dir`.
std::vector<std::string> jobs_with(const std::string& impl, const TempDir& dir) {
  std::vector<std::pair<std::string, std::string>> inputs;  // file name, text
  for (const std::string& s : samples())
    inputs.emplace_back(s.substr(s.find('/') + 1), read_file(source_dir() + "/" + s));
  inputs.emplace_back("hostile.yaml", kHostileJobs);
  std::vector<std::string> out;
  for (const auto& [name, text] : inputs) {
    std::string rewritten;
    for (size_t start = 0, end; start < text.size(); start = end + 1) {
      end = text.find('\n', start);
      if (end == std::string::npos) end = text.size();
      rewritten += text.substr(start, end - start) + "\n";
      if (text.compare(start, end - start, "spec:") == 0)
        rewritten += "  mpi_implementation: " + impl + "\n";
    }
    out.push_back(dir / name);
    write_file(out.back(), rewritten);
  }
  return out;
}

// Runs the `sh -c` script that the last object of `manifest` holds at
// `field` (a Python subscript, read back with PyYAML), with the operator's
// paths pointed into `dir` (work/, hostfile, launcher.sh); shellcheck must
// pass it.
Result run_command_script(const TempDir& dir, const std::string& manifest, const std::string& field) {
  Result script = run("/usr/bin/python3 -c \"import sys,yaml; d=list(yaml.safe_load_all(open(sys.argv[1])))[-1]; "
                      "print(d" + field + ", end='')\" " + quote(manifest));
  REQUIRE(script.status == 0);
  std::string text = script.out;
  auto replace = [&](const std::string& from, const std::string& to) {
    for (size_t at = 0; (at = text.find(from, at)) != std::string::npos; at += to.size())
      text.replace(at, from.size(), to);
  };
  replace("/tmp/mpijobc", dir / "work");  // first: the test directory is under /tmp too
  replace("/etc/mpi/hostfile", dir / "hostfile");
  replace("/opt/mpijobc/launcher.sh", dir / "launcher.sh");
  write_file(dir / "preamble.sh", text);
  if (have_tool("shellcheck")) {
    Result sc = run("shellcheck -s sh " + quote(dir / "preamble.sh"));
    INFO(sc.out);
    CHECK(sc.status == 0);
  }
  Result ran = run("/bin/sh " + quote(dir / "preamble.sh"));
  INFO(text << "\n" << ran.err);
  CHECK(ran.status == 0);
  return ran;
}

}  // namespace

TEST_CASE("targets: every sample and hostile strings, built for each target and MPI, pass its CRD, "
          "its rules and shellcheck") {
  for (const TargetCase& t : kTargets) {
    std::vector<std::string> crds;
    for (const char* c : t.crds) crds.push_back(upstream_dir() + c);
    for (const std::string& crd : crds)
      if (!exists(crd)) skip("upstream CRD not found at " + crd);
    for (const char* impl : {"OpenMPI", "Intel", "MPICH"}) {
      TempDir in, out;
      std::string cmd = cli("build -q --target " + std::string(t.api) + " -o " + quote(out.path()));
      std::vector<std::string> inputs;
      for (const std::string& s : jobs_with(impl, in)) {
        if (t.unsupported && s == in / t.unsupported) {
          Result refused = run(cli("build -q --target " + std::string(t.api) + " -o " +
                                   quote(out / "refused") + " " + quote(s)));
          INFO(refused.err);
          CHECK(refused.status == 1);
          CHECK(refused.err.find(s + t.error) != std::string::npos);
          CHECK_FALSE(exists(out / "refused"));
          continue;
        }
        inputs.push_back(s);
        cmd += " " + quote(s);
      }
      Result built = run(cmd);
      INFO(t.api << " " << impl << "\n" << built.err);
      if (std::find(t.impls.begin(), t.impls.end(), std::string(impl)) == t.impls.end()) {
        // Every job fails at the mpi_implementation line jobs_with wrote.
        CHECK(built.status == 1);
        for (const std::string& s : inputs) {
          std::string text = read_file(s);
          size_t line = 1 + std::count(text.begin(), text.begin() + text.find("  mpi_implementation:"), '\n');
          CHECK(built.err.find(s + ":" + std::to_string(line) + ":23: error: spec.mpi_implementation: " +
                               t.api + " cannot express it") != std::string::npos);
        }
        CHECK(built.err.find("[target/unsupported]") != std::string::npos);
        continue;
      }
      REQUIRE(built.status == 0);
      std::string manifests, launchers;
      for (const std::string& f : list_files(out.path())) {
        if (f.find("/mpijob.yaml") != std::string::npos) {
          std::string text = read_file(out / f);
          CHECK(text.find("apiVersion: " + std::string(t.api)) != std::string::npos);
          if (std::string(t.api) == "batch.volcano.sh/v1alpha1")
            CHECK(text.find("\n      dependsOn:\n        name:\n          - worker\n") != std::string::npos);
          if (std::string(t.api) == "kubeflow.org/v2beta1" ||
              std::string(t.api) == "trainer.kubeflow.org/v1alpha1")
            CHECK(text.find(std::string("mpiImplementation: ") + impl) != std::string::npos);
          manifests += " " + quote(out / f);
        }
        if (f.find("/launcher.sh") != std::string::npos) launchers += " " + quote(out / f);
      }
      std::string crd_args;
      for (const std::string& crd : crds) {
        Result oracle = run("/usr/bin/python3 tests/tools/crd_check.py " + quote(crd) + manifests);
        INFO(crd << "\n" << oracle.out << oracle.err);
        CHECK(oracle.status == 0);
        crd_args += " --crd " + quote(crd);
      }
      Result rules = run(cli("validate -v" + crd_args + manifests));
      INFO(rules.err);
      CHECK(rules.status == 0);
      CHECK(rules.err.find(": error:") == std::string::npos);
      if (have_tool("shellcheck")) {  // at its default severity: style and info included
        Result sc = run("shellcheck" + launchers);
        INFO(sc.out);
        CHECK(sc.status == 0);
      }
    }
  }
}

TEST_CASE("targets: spec.target picks the operator, --target overrides it, unknown ones fail") {
  TempDir dir;
  write_file(dir / "job.yaml",
             "apiVersion: mpijobc/v1\nkind: MPIJob\nmetadata: {name: j}\nspec:\n"
             "  image: a/b\n  command: [prog]\n  target: kubeflow.org/v1\n  worker: {replicas: 2}\n");
  Result spec = run(cli("build --stdout " + quote(dir / "job.yaml")));
  CHECK(spec.out.find("apiVersion: kubeflow.org/v1\nkind: MPIJob") != std::string::npos);
  Result flag = run(cli("build --stdout --target batch.test.bdap.com/v1 " + quote(dir / "job.yaml")));
  CHECK(flag.out.find("apiVersion: batch.test.bdap.com/v1\nkind: MPIJob") != std::string::npos);
  CHECK(flag.out.find("numWorkers: 2") != std::string::npos);
  CHECK(run(cli("build --stdout --target kubeflow.org/v9 " + quote(dir / "job.yaml"))).status == 2);
  write_file(dir / "bad.yaml",
             "apiVersion: mpijobc/v1\nkind: MPIJob\nmetadata: {name: j}\nspec:\n"
             "  image: a/b\n  command: [prog]\n  target: kubeflow.org/v1beta1\n  worker: {replicas: 2}\n");
  Result bad = run(cli("build --stdout " + quote(dir / "bad.yaml")));
  CHECK(bad.status == 1);
  CHECK(bad.err.find(":7:11: error: spec.target: 'kubeflow.org/v1beta1' is not one of "
                     "kubeflow.org/v2beta1, kubeflow.org/v1, batch.test.bdap.com/v1, "
                     "trainer.kubeflow.org/v1alpha1, batch.volcano.sh/v1alpha1 [schema/enum]") !=
        std::string::npos);
}

TEST_CASE("targets: fields a target ignores are warnings, located at the spec field") {
  TempDir dir;
  write_file(dir / "job.yaml",
             "apiVersion: mpijobc/v1\nkind: MPIJob\nmetadata: {name: j}\nspec:\n"
             "  image: a/b\n  command: [prog]\n  slots: 4\n"
             "  worker: {replicas: 2, command: [sleep, \"9\"]}\n"
             "  run_policy: {backoff_limit: 3}\n");
  Result bdap = run(cli("build --stdout --target batch.test.bdap.com/v1 " + quote(dir / "job.yaml")));
  INFO(bdap.err);
  CHECK(bdap.status == 0);
  for (const char* w :
       {":7:10: warning: spec.slots: batch.test.bdap.com/v1 writes slots=1 for every worker in its "
        "hostfile; the generated launcher rewrites it to slots=4 [target/slots-rewritten]",
        ":8:34: warning: spec.worker.command: on batch.test.bdap.com/v1 a worker command replaces "
        "the keep-alive",
        ":9:31: warning: spec.run_policy.backoff_limit: has no effect on batch.test.bdap.com/v1: "
        "that operator has no runPolicy [target/no-effect]"})
    CHECK(bdap.err.find(w) != std::string::npos);
  Result v1 = run(cli("build --stdout --target kubeflow.org/v1 --werror " + quote(dir / "job.yaml")));
  CHECK(v1.status == 1);
  CHECK(v1.err.find(":8:34: warning: spec.worker.command: on kubeflow.org/v1 a worker command "
                    "replaces the controller's keep-alive") != std::string::npos);
}

TEST_CASE("targets: the bdap launcher fixes the operator's slots=1 hostfile, then runs launcher.sh") {
  TempDir dir;
  write_file(dir / "job.yaml",
             "apiVersion: mpijobc/v1\nkind: MPIJob\nmetadata: {name: j}\nspec:\n"
             "  image: a/b\n  command: [prog]\n  slots: 3\n  worker: {replicas: 2}\n");
  Result r = run(cli("build -q --target batch.test.bdap.com/v1 -o " + quote(dir / "out") + " " +
                     quote(dir / "job.yaml")));
  REQUIRE(r.status == 0);
  // The launcher container's `sh -c` script, run with a launcher.sh that
  // reports what it was given.
  write_file(dir / "hostfile", "j-worker-0 slots=1\nj-worker-1 slots=1\n");
  write_file(dir / "launcher.sh",
             "cat \"$MPIJOBC_HOSTFILE\"; \"$MPIJOBC_HOST_DISCOVERY_SCRIPT\"; grep -c np=\\${MPIJOBC_NP:-6} " +
                 quote(dir / "out/j/launcher.sh") + "\n");
  Result ran = run_command_script(dir, dir / "out/j/mpijob.yaml",
                                  "['spec']['launcherTemplate']['spec']['containers'][0]['command'][2]");
  CHECK(ran.out == "j-worker-0 slots=3\nj-worker-1 slots=3\nj-worker-0:3\nj-worker-1:3\n1\n");
}

TEST_CASE("targets: on Trainer, a HorovodJob's launcher makes its discovery script from the hostfile") {
  TempDir dir;
  write_file(dir / "job.yaml",
             "apiVersion: mpijobc/v1\nkind: HorovodJob\nmetadata: {name: j}\nspec:\n"
             "  image: a/b\n  command: [prog]\n  slots: 3\n  worker: {replicas: 2}\n"
             "  build: {framework: {name: pytorch}}\n");
  Result r = run(cli("build -q --target trainer.kubeflow.org/v1alpha1 -o " + quote(dir / "out") + " " +
                     quote(dir / "job.yaml")));
  REQUIRE(r.status == 0);
  write_file(dir / "hostfile", "j-node-0-0.j slots=3\nj-node-0-1.j slots=3\n");
  write_file(dir / "launcher.sh", "\"$MPIJOBC_HOST_DISCOVERY_SCRIPT\"; grep -c ^np=\\${MPIJOBC_NP:-6} " +
                                      quote(dir / "out/j/launcher.sh") + "\n");
  Result ran = run_command_script(dir, dir / "out/j/mpijob.yaml", "['spec']['trainer']['command'][2]");
  CHECK(ran.out == "j-node-0-0.j:3\nj-node-0-1.j:3\n1\n");
}

TEST_CASE("targets: on Trainer, runtime_ref makes only a TrainJob, which passes the upstream CRD") {
  std::string crd = upstream_dir() + "/trainer/crds/trainer.kubeflow.org_trainjobs.yaml";
  if (!exists(crd)) skip("upstream CRD not found at " + crd);
  TempDir dir;
  write_file(dir / "job.yaml",
             "apiVersion: mpijobc/v1\nkind: MPIJob\nmetadata: {name: ds, namespace: ml}\nspec:\n"
             "  target: trainer.kubeflow.org/v1alpha1\n"
             "  runtime_ref: {name: deepspeed-distributed}\n"
             "  image: ghcr.io/kubeflow/trainer/deepspeed-runtime\n  command: [python3, train.py]\n"
             "  slots: 2\n  worker: {replicas: 4, limits: {gpu: 2}}\n  run_launcher_as_worker: true\n"
             "  env: {NCCL_DEBUG: WARN}\n"
             "  pod: {spec: {tolerations: [{key: gpu, operator: Exists}]}}\n"
             "  run_policy: {suspend: true, active_deadline_seconds: 3600}\n");
  Result r = run(cli("build -q -o " + quote(dir / "out") + " " + quote(dir / "job.yaml")));
  INFO(r.err);
  REQUIRE(r.status == 0);
  std::string text = read_file(dir / "out/ds/mpijob.yaml");
  CHECK(text.find("kind: TrainingRuntime") == std::string::npos);
  CHECK(text.find("    kind: ClusterTrainingRuntime\n    name: deepspeed-distributed\n") != std::string::npos);
  CHECK(text.find("    numNodes: 5\n") != std::string::npos);
  Result oracle = run("/usr/bin/python3 tests/tools/crd_check.py " + quote(crd) + " " +
                      quote(dir / "out/ds/mpijob.yaml"));
  INFO(oracle.out << oracle.err);
  CHECK(oracle.status == 0);
  // A field a runtime's patch cannot set is an error at the field.
  write_file(dir / "bad.yaml", read_file(dir / "job.yaml") + "  launcher: {pod: {spec: {hostNetwork: true}}}\n");
  Result bad = run(cli("build --stdout " + quote(dir / "bad.yaml")));
  CHECK(bad.status == 1);
  CHECK(bad.err.find("bad.yaml:15:27: error: spec.launcher.pod.spec.hostNetwork: trainer.kubeflow.org/v1alpha1 "
                     "cannot express it: a TrainJob's runtimePatches set only") != std::string::npos);
}

#include "frontend/launcher_command.h"

#include <catch2/catch.hpp>

#include "render/launcher.h"
#include "testing/fixtures.h"

using namespace mpijobc;

namespace {

using Words = std::vector<std::string>;

// A lowered job with a verbatim launcher command, as the importer makes it.
JobSpec job_with(const std::string& extra, const std::string& kind = "MPIJob") {
  return testing::lower_ok("apiVersion: mpijobc/v1\nkind: " + kind +
                           "\nmetadata: {name: job}\nspec:\n  image: example.com/img:1\n"
                           "  launcher: {command: [sh]}\n" + extra);
}

const Words kOpenMpi = {"mpirun", "--allow-run-as-root", "-bind-to", "none", "-map-by", "slot",
                        "-x", "LD_LIBRARY_PATH", "-x", "PATH", "-x", "NCCL_DEBUG=INFO"};

Words concat(Words a, const Words& b) {
  a.insert(a.end(), b.begin(), b.end());
  return a;
}

// What mpijobc builds from the decomposition, for `job` with its fields.
Words rebuilt(JobSpec job, const LauncherDecomposition& d) {
  job.launcher.command = {};
  job.kind = d.kind;
  job.command.assign(d.command, {});
  if (d.mpirun_args) job.mpirun_args.assign(*d.mpirun_args, {});
  return launcher_argv(job);
}

}  // namespace

TEST_CASE("launcher command: a shell script of one simple command splits into its words") {
  CHECK(simple_command_words("mpirun -np 2 python 'a b' \"c d\" e''f\n") ==
        Words{"mpirun", "-np", "2", "python", "a b", "c d", "ef"});
  CHECK(simple_command_words("  exec horovodrun -np 2 x  ") == Words{"horovodrun", "-np", "2", "x"});
  CHECK(simple_command_words("mpirun -mca btl ^openib -x NCCL_DEBUG=INFO p ''") ==
        Words{"mpirun", "-mca", "btl", "^openib", "-x", "NCCL_DEBUG=INFO", "p", ""});
  // Anything the shell would expand, redirect, chain or assign is not a simple command.
  for (const char* script :
       {"mpirun $X", "mpirun \"$X\"", "mpirun `id`", "mpirun ~/p", "mpirun p*", "mpirun p?",
        "mpirun [ab]", "mpirun a\\ b", "mpirun a; b", "mpirun a && b", "mpirun a | b",
        "mpirun a > f", "mpirun a < f", "mpirun (a)", "mpirun {a,b}", "mpirun a # c",
        "mpirun a\nb", "X=1 mpirun a", "if true", "mpirun 'open", "mpirun \"open", "",
        "exec", "-x a", "mpirun !a"}) {
    INFO(script);
    CHECK_FALSE(simple_command_words(script));
  }
}

TEST_CASE("launcher command: the program of sh -c and bash -c, or the command itself") {
  CHECK(launcher_program({"/bin/sh", "-c", "mpirun -np 2 p"}) == Words{"mpirun", "-np", "2", "p"});
  CHECK(launcher_program({"bash", "-c", "exec horovodrun x"}) == Words{"horovodrun", "x"});
  CHECK(launcher_program({"mpirun", "-np", "2", "p"}) == Words{"mpirun", "-np", "2", "p"});
  CHECK_FALSE(launcher_program({"sh", "-c", "cd /w && mpirun p"}));
  CHECK_FALSE(launcher_program({"sh", "-c", "mpirun p", "name"}));
  CHECK_FALSE(launcher_program({"sh", "run.sh"}));
  CHECK_FALSE(launcher_program({}));
}

TEST_CASE("launcher command: mpijobc's own mpirun line decomposes into command and mpirun_args") {
  JobSpec job = job_with("  slots: 2\n  worker: {replicas: 3}\n");
  Words flytekit = concat(kOpenMpi, {"-mca", "pml", "ob1", "-mca", "btl", "^openib", "-np", "6",
                                     "python", "train.py", "-np", "1"});
  auto d = decompose_launcher(flytekit, job);
  REQUIRE(d);
  CHECK(d->kind == JobKind::MPIJob);
  CHECK(d->command == Words{"python", "train.py", "-np", "1"});
  CHECK_FALSE(d->mpirun_args);
  CHECK(rebuilt(job, *d) == flytekit);

  Words ucx = concat(kOpenMpi, {"-mca", "pml", "ucx", "-np", "6", "python"});
  d = decompose_launcher(ucx, job);
  REQUIRE(d);
  CHECK(d->mpirun_args == Words{"-mca", "pml", "ucx"});
  CHECK(rebuilt(job, *d) == ucx);
}

TEST_CASE("launcher command: the env mpijobc forwards and Hydra's flags are part of the line") {
  JobSpec job = job_with("  worker: {replicas: 2}\n  env: {NCCL_DEBUG: WARN, FOO: x}\n");
  Words line = {"mpirun", "--allow-run-as-root", "-bind-to", "none", "-map-by", "slot", "-x",
                "LD_LIBRARY_PATH", "-x", "PATH", "-x", "NCCL_DEBUG", "-x", "FOO", "-mca", "pml",
                "ob1", "-mca", "btl", "^openib", "-np", "2", "p"};
  auto d = decompose_launcher(line, job);
  REQUIRE(d);
  CHECK(rebuilt(job, *d) == line);
  // Without -x FOO the line is not what mpijobc builds for this env.
  Words no_foo = line;
  no_foo.erase(no_foo.begin() + 12, no_foo.begin() + 14);
  CHECK_FALSE(decompose_launcher(no_foo, job));

  JobSpec mpich = job_with("  worker: {replicas: 2}\n  mpi_implementation: MPICH\n");
  Words hydra = {"mpirun", "-genvlist", "LD_LIBRARY_PATH,PATH", "-genv", "NCCL_DEBUG", "INFO",
                 "-np", "2", "./pi"};
  d = decompose_launcher(hydra, mpich);
  REQUIRE(d);
  CHECK_FALSE(d->mpirun_args);
  CHECK(rebuilt(mpich, *d) == hydra);
}

TEST_CASE("launcher command: mpirun lines of other shapes do not decompose") {
  JobSpec job = job_with("  slots: 2\n  worker: {replicas: 3}\n");
  Words tail = {"-mca", "pml", "ob1", "-mca", "btl", "^openib"};
  CHECK_FALSE(decompose_launcher(concat(kOpenMpi, concat(tail, {"-np", "4", "p"})), job));  // not 6
  CHECK_FALSE(decompose_launcher(concat(kOpenMpi, concat(tail, {"-np", "6"})), job));  // no program
  CHECK_FALSE(decompose_launcher(concat(kOpenMpi, concat(tail, {"-n", "6", "p"})), job));
  CHECK_FALSE(decompose_launcher({"mpirun", "-np", "6", "p"}, job));  // flags missing
  CHECK_FALSE(decompose_launcher({"mpirun", "-np", "6", "--allow-run-as-root", "p"}, job));
  CHECK_FALSE(decompose_launcher({"mpiexec", "-np", "6", "p"}, job));
  CHECK_FALSE(decompose_launcher({"python", "train.py"}, job));
  CHECK_FALSE(decompose_launcher({}, job));
}

TEST_CASE("launcher command: flytekit's horovodrun line decomposes into the Horovod fields") {
  JobSpec job = job_with("  slots: 2\n  worker: {replicas: 3}\n");
  Words line = {"horovodrun", "-np", "6", "--log-level", "DEBUG", "--network-interface", "ib0",
                "--min-np", "2", "--max-np", "10", "--slots-per-host", "2",
                "--host-discovery-script", "/d.sh", "--elastic-timeout", "60", "--verbose",
                "python", "t.py"};
  auto d = decompose_launcher(line, job);
  REQUIRE(d);
  CHECK(d->kind == JobKind::HorovodJob);
  CHECK(d->command == Words{"python", "t.py"});
  Words keys;
  for (const auto& [key, value] : d->horovod) keys.push_back(key + "=" + value.text);
  CHECK(keys == Words{"log_level=DEBUG", "network_interface=ib0", "discovery_script_path=/d.sh",
                      "elastic_timeout=60", "min_replicas=1", "max_replicas=5", "verbose=true"});
  // min/max equal to the workers are the defaults, left out.
  line[8] = "6";
  line[10] = "6";
  line.erase(line.begin() + 17);
  d = decompose_launcher(line, job);
  REQUIRE(d);
  CHECK(d->horovod.size() == 4);
  for (auto [at, value] : std::vector<std::pair<size_t, const char*>>{
           {2, "4"}, {8, "3"}, {8, "06"}, {12, "1"}, {16, "x"}, {3, "--log"}}) {
    Words bad = line;
    bad[at] = value;
    INFO(at << " " << value);
    CHECK_FALSE(decompose_launcher(bad, job));
  }
  CHECK_FALSE(decompose_launcher(Words(line.begin(), line.begin() + 17), job));  // no program
}

TEST_CASE("launcher command: the spec with the decomposition in place of launcher.command") {
  testing::Parsed p = testing::parse(
      "apiVersion: mpijobc/v1\nkind: MPIJob\nmetadata: {name: j}\nspec:\n  target: kubeflow.org/v1\n"
      "  image: i\n  slots: 2\n  launcher:\n    command: [sh]\n  worker: {replicas: 1}\n");
  LauncherDecomposition d;
  d.kind = JobKind::HorovodJob;
  d.command = {"python", "2"};
  d.horovod.emplace_back("elastic_timeout", Node::integer(5));
  Node out = with_decomposition(p.doc(), d);
  CHECK(testing::dump(out) == testing::dump(testing::parse(
      "apiVersion: mpijobc/v1\nkind: HorovodJob\nmetadata: {name: j}\nspec:\n  target: kubeflow.org/v1\n"
      "  image: i\n  slots: 2\n  command: [python, \"2\"]\n  elastic_timeout: 5\n"
      "  worker: {replicas: 1}\n").doc()));
  CHECK(out.get("spec")->get("command")->loc.line == 9);
}

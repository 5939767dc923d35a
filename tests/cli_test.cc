// The command line: help, version, exit codes, all-or-nothing output.
#include <catch2/catch.hpp>

#include "harness.h"

using namespace e2e;

TEST_CASE("help and version") {
  Result help = run(quote(mpijobc()) + " --help");
  CHECK(help.status == 0);
  CHECK(help.out.find("build") != std::string::npos);
  CHECK(help.out.find("Exit codes") != std::string::npos);

  Result build_help = run(quote(mpijobc()) + " build --help");
  CHECK(build_help.status == 0);
  for (const char* opt : {"--output", "--stdout", "--templates", "--werror", "--quiet"})
    CHECK(build_help.out.find(opt) != std::string::npos);

  // Every subcommand is listed and has its own --help with an example.
  for (const char* cmd : {"build", "run", "validate", "schema", "convert", "fmt"}) {
    INFO(cmd);
    CHECK(help.out.find(std::string("  ") + cmd) != std::string::npos);
    Result sub = run(quote(mpijobc()) + " " + cmd + " --help");
    CHECK(sub.status == 0);
    CHECK(sub.out.find("Example") != std::string::npos);
  }

  Result version = run(quote(mpijobc()) + " --version");
  CHECK(version.status == 0);
  CHECK(version.out.rfind("mpijobc ", 0) == 0);
}

TEST_CASE("usage errors exit 2") {
  CHECK(run(quote(mpijobc())).status == 2);
  CHECK(run(quote(mpijobc()) + " build").status == 2);
  CHECK(run(quote(mpijobc()) + " build --no-such-flag samples/mpi-pi.yaml").status == 2);
  CHECK(run(quote(mpijobc()) + " frobnicate").status == 2);
  CHECK(run(quote(mpijobc()) + " build --templates /no/such/dir samples/mpi-pi.yaml").status == 2);
  // Options that take one of a few values (one_of) refuse any other.
  Result target = run(quote(mpijobc()) + " build --target kubeflow.org/v3 samples/mpi-pi.yaml");
  CHECK(target.status == 2);
  CHECK(target.err.find("--target: 'kubeflow.org/v3' is not one of kubeflow.org/v2beta1, ") == 0);
  Result xml = run(quote(mpijobc()) + " validate --format xml samples/mpi-pi.yaml");
  CHECK(xml.status == 2);
  CHECK(xml.err.find("--format: 'xml' is not one of text, json, sarif\n") == 0);
  // Not taken as the second format, as CLI11's IsMember would.
  CHECK(run(quote(mpijobc()) + " validate --format 1 samples/mpi-pi.yaml").status == 2);
  CHECK(run(quote(mpijobc()) + " convert --to toml samples/mpi-pi.yaml").status == 2);
}

TEST_CASE("an unknown command is named, with the command it was probably meant to be") {
  Result typo = run(quote(mpijobc()) + " bild samples/mpi-pi.yaml");
  CHECK(typo.status == 2);
  CHECK(typo.err == "mpijobc: error: unknown command 'bild'\nnote: did you mean 'build'?\n");
  Result other = run(quote(mpijobc()) + " frobnicate");
  CHECK(other.status == 2);
  CHECK(other.err.find("note: the commands are build, run, validate,") != std::string::npos);
}

TEST_CASE("build --help shows --templates DIR and -j N in plain words") {
  Result help = run(quote(mpijobc()) + " build --help");
  CHECK(help.out.find("--templates DIR ") != std::string::npos);
  CHECK(help.out.find("DIR:DIR") == std::string::npos);
  CHECK(help.out.find("-j,--threads N=0 ") != std::string::npos);
  CHECK(help.out.find("INT in [") == std::string::npos);
  CHECK(help.out.find("--strict-templates") != std::string::npos);
  Result run_help = run(quote(mpijobc()) + " run --help");
  CHECK(run_help.out.find("--np N ") != std::string::npos);
  CHECK(run_help.out.find("INT in [") == std::string::npos);
}

TEST_CASE("an unreadable input is an error with nothing written") {
  TempDir out;
  Result r = run(quote(mpijobc()) + " build /no/such/spec.yaml -o " + quote(out / "deploy"));
  CHECK(r.status == 1);
  CHECK(r.err.find("/no/such/spec.yaml: error: cannot read: No such file or directory [io/read]\n") !=
        std::string::npos);
  CHECK_FALSE(exists(out / "deploy"));
}

TEST_CASE("build writes one directory per job and lists the files") {
  TempDir out;
  Result r = run(quote(mpijobc()) + " build samples/two-jobs.yaml samples/mpi-pi.yaml -o " +
                 quote(out.path()));
  REQUIRE(r.status == 0);
  CHECK(r.err.empty());
  CHECK(list_files(out.path()) ==
        std::vector<std::string>{
            "bert-large/Dockerfile", "bert-large/kustomization.yaml", "bert-large/kustomizeconfig.yaml",
            "bert-large/launcher.sh", "bert-large/mpijob.yaml",
            "bert-small/Dockerfile", "bert-small/kustomization.yaml", "bert-small/kustomizeconfig.yaml",
            "bert-small/launcher.sh", "bert-small/mpijob.yaml",
            "pi/Dockerfile", "pi/kustomization.yaml", "pi/kustomizeconfig.yaml", "pi/launcher.sh",
            "pi/mpijob.yaml"});
  CHECK(r.out.rfind("wrote " + out.path() + "/bert-small/mpijob.yaml, ", 0) == 0);
  CHECK(run("test -x " + quote(out / "pi/launcher.sh")).status == 0);

  // The output directory holds what the last build produced: the jobs of
  // two-jobs.yaml are removed, with their directories.
  Result again = run(quote(mpijobc()) + " build samples/mpi-pi.yaml -o " + quote(out.path()));
  CHECK(again.out.rfind("wrote nothing (5 file(s) unchanged)\nremoved " + out.path() +
                            "/bert-large/Dockerfile, ",
                        0) == 0);
  CHECK(list_files(out.path()) == std::vector<std::string>{"pi/Dockerfile", "pi/kustomization.yaml",
                                                           "pi/kustomizeconfig.yaml", "pi/launcher.sh",
                                                           "pi/mpijob.yaml"});
  CHECK(run(quote(mpijobc()) + " build samples/mpi-pi.yaml -o " + quote(out.path())).out ==
        "wrote nothing (5 file(s) unchanged)\n");
}

TEST_CASE("one bad document means nothing is written, and old outputs stay") {
  TempDir out;
  REQUIRE(run(quote(mpijobc()) + " build samples/mpi-pi.yaml -q -o " + quote(out.path())).status == 0);
  std::string before = read_file(out / "pi/mpijob.yaml");
  write_file(out / "spec.yaml", read_file(source_dir() + "/samples/mpi-pi.yaml") +
                                    "---\n" + read_file(source_dir() + "/samples/two-jobs.yaml") +
                                    "---\napiVersion: mpijobc/v1\nkind: MPIJob\nmetadata: {name: x}\n"
                                    "spec: {image: a, command: [b], worker: {replicas: 0}}\n");
  // Changing pi's spec must not reach the disk either.
  std::string spec = read_file(out / "spec.yaml");
  spec.replace(spec.find("replicas: 2"), 11, "replicas: 3");
  write_file(out / "spec.yaml", spec);
  Result r = run(quote(mpijobc()) + " build " + quote(out / "spec.yaml") + " -o " + quote(out.path()));
  CHECK(r.status == 1);
  CHECK(r.err.find("spec.worker.replicas: must be at least 1, got 0") != std::string::npos);
  CHECK(r.err.find("nothing written") != std::string::npos);
  CHECK(read_file(out / "pi/mpijob.yaml") == before);
  CHECK_FALSE(exists(out / "bert-small"));
  CHECK(list_files(out.path()).size() == 6);  // pi's five files and spec.yaml
}

TEST_CASE("warnings go to stderr and fail the build only with --werror") {
  TempDir out;
  Result r = run(quote(mpijobc()) + " build samples/legacy-num-workers.yaml -o " + quote(out.path()));
  CHECK(r.status == 0);
  CHECK(r.err.find("samples/legacy-num-workers.yaml:13:16: warning: spec.num_workers: "
                   "'num_workers' is deprecated; read as spec.worker.replicas: 3") !=
        std::string::npos);
  CHECK(r.err.find("note: replace 'num_workers: 3' with 'worker: {replicas: 3}'") !=
        std::string::npos);

  TempDir strict;
  Result w = run(quote(mpijobc()) + " build --werror samples/legacy-num-workers.yaml -o " +
                 quote(strict.path()));
  CHECK(w.status == 1);
  CHECK(w.err.find("warnings treated as errors") != std::string::npos);
  CHECK(list_files(strict.path()).empty());
}

TEST_CASE("build --stdout prints the manifests and writes nothing") {
  TempDir out;
  Result r = run("cd " + quote(out.path()) + " && " + quote(mpijobc()) + " build --stdout " +
                 quote(source_dir() + "/samples/two-jobs.yaml"));
  REQUIRE(r.status == 0);
  CHECK(list_files(out.path()).empty());
  size_t docs = 0;
  for (size_t at = r.out.find("---\n"); at != std::string::npos; at = r.out.find("---\n", at + 1))
    ++docs;
  CHECK(docs == 4);  // a ConfigMap and an MPIJob per job
  CHECK(r.out.find("name: bert-small\n") != std::string::npos);
  CHECK(r.out.find("name: bert-large\n") != std::string::npos);
}

TEST_CASE("your own templates (build --templates) are used, and a broken one is a located error") {
  TempDir dir;
  write_file(dir / "tmpl/launcher.sh.mustache",
             "#!/bin/sh\n{{! a comment line goes whole }}\nexec{{#mpirun}}{{#program}} {{.}}{{/program}}{{/mpirun}}\n");
  Result ok = run(quote(mpijobc()) + " build -q samples/mpi-pi.yaml --templates " +
                  quote(dir / "tmpl") + " -o " + quote(dir / "out"));
  REQUIRE(ok.status == 0);
  CHECK(read_file(dir / "out/pi/launcher.sh") ==
        "#!/bin/sh\nexec python /workspace/pi.py --samples 100000000\n");

  write_file(dir / "bad/launcher.sh.mustache", "#!/bin/sh\n{{#mpirun}}\nexec mpirun\n");
  Result bad = run(quote(mpijobc()) + " build samples/mpi-pi.yaml --templates " +
                   quote(dir / "bad") + " -o " + quote(dir / "out2"));
  CHECK(bad.status == 1);
  CHECK(bad.err.find(dir / "bad/launcher.sh.mustache" +
                     ":2:1: error: section 'mpirun' is not closed [template/syntax]") != std::string::npos);
  CHECK_FALSE(exists(dir / "out2"));

  // Partials are not supported (templates/README.md): a located error too.
  write_file(dir / "partial/Dockerfile.mustache", "FROM x\n{{> more}}\n");
  Result partial = run(quote(mpijobc()) + " build samples/mpi-pi.yaml --templates " +
                       quote(dir / "partial") + " -o " + quote(dir / "out3"));
  CHECK(partial.status == 1);
  CHECK(partial.err.find(dir / "partial/Dockerfile.mustache" +
                         ":2:1: error: partials ('{{>name}}') are not supported [template/syntax]") !=
        std::string::npos);
  CHECK_FALSE(exists(dir / "out3"));
}

TEST_CASE("a name your template writes and the data does not have: a warning, or with --strict-templates an error") {
  TempDir dir;
  write_file(dir / "tmpl/Dockerfile.mustache", "# {{name}}\nFROM {{base_imag}}\n");
  std::string build = quote(mpijobc()) + " build samples/mpi-pi.yaml --templates " + quote(dir / "tmpl");
  Result warned = run(build + " -o " + quote(dir / "out"));
  CHECK(warned.status == 0);
  CHECK(warned.err.find(dir / "tmpl/Dockerfile.mustache" +
                        ":2:6: warning: 'base_imag' is not a name of the data here: it renders empty "
                        "[template/unknown-name]\n") != std::string::npos);
  CHECK(warned.err.find("note: did you mean 'base_image'?") != std::string::npos);
  CHECK(read_file(dir / "out/pi/Dockerfile") == "# pi\nFROM \n");
  // Jobs share the template: its finding is reported once.
  Result two = run(quote(mpijobc()) + " build samples/two-jobs.yaml --templates " + quote(dir / "tmpl") +
                   " -o " + quote(dir / "two"));
  CHECK(two.status == 0);
  size_t first = two.err.find("'base_imag' is not a name");
  CHECK(first != std::string::npos);
  CHECK(two.err.find("'base_imag' is not a name", first + 1) == std::string::npos);
  Result strict = run(build + " --strict-templates -o " + quote(dir / "out2"));
  CHECK(strict.status == 1);
  CHECK(strict.err.find(":2:6: error: 'base_imag' is not a name of the data here") != std::string::npos);
  CHECK_FALSE(exists(dir / "out2"));
}

TEST_CASE("lint warnings point at the value that is wrong: the -np element, the apt package") {
  TempDir dir;
  write_file(dir / "lint.yaml",
             "apiVersion: mpijobc/v1\nkind: MPIJob\nmetadata: {name: lint}\nspec:\n"
             "  image: a/b\n  command: [python]\n  worker: {replicas: 2}\n  mpi_implementation: MPICH\n"
             "  launcher: {command: [mpirun, -np, 8, python]}\n  build: {apt: [git, libopenmpi-dev]}\n");
  Result r = run(quote(mpijobc()) + " build " + quote(dir / "lint.yaml") + " -o " + quote(dir / "out"));
  CHECK(r.status == 0);
  CHECK(r.err.find("lint.yaml:9:37: warning: spec.launcher.command[2]: -np 8 asks for more ranks") !=
        std::string::npos);
  CHECK(r.err.find("lint.yaml:10:22: warning: spec.build.apt[1]: apt package 'libopenmpi-dev' is "
                   "OpenMPI") != std::string::npos);
}

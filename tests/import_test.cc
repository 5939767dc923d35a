// `mpijobc import`: Kubernetes MPIJobs -> job specs that build them again.
#include <catch2/catch.hpp>

#include <filesystem>

#include "harness.h"

using namespace e2e;

namespace {

// The upstream MPIJob examples of the three operators mpijobc targets.
std::vector<std::string> upstream_examples() {
  std::vector<std::string> files;
  for (const char* dir : {"/mpi-operator/examples/v2beta1", "/training-operator/examples/mpi",
                          "/bdap-mpi-operator/config/samples"}) {
    std::string examples = upstream_dir() + dir;
    if (!exists(examples)) skip("no upstream examples at " + examples);
    for (const auto& e : std::filesystem::recursive_directory_iterator(examples))
      if (e.path().extension() == ".yaml") files.push_back(e.path().string());
  }
  return files;
}

}  // namespace

TEST_CASE("import: every upstream example imports, builds, and its MPIJob validates") {
  for (const std::string& example : upstream_examples()) {
    TempDir dir;
    Result imported = run(quote(mpijobc()) + " import " + quote(example) + " > " + quote(dir / "spec.yaml"));
    INFO(example << "\n" << imported.err);
    REQUIRE(imported.status == 0);
    Result built = run(quote(mpijobc()) + " build -q " + quote(dir / "spec.yaml") + " -o " + quote(dir / "out"));
    INFO(read_file(dir / "spec.yaml") << built.err);
    REQUIRE(built.status == 0);
    std::string manifests;
    for (const std::string& f : list_files(dir / "out"))
      if (f.find("/mpijob.yaml") != std::string::npos) manifests += " " + quote(dir / ("out/" + f));
    Result validated = run(quote(mpijobc()) + " validate" + manifests);
    INFO(validated.err);
    CHECK(validated.status == 0);
  }
}

TEST_CASE("import: --to dsl prints specs that build the same files as the YAML") {
  std::string example = upstream_dir() + "/mpi-operator/examples/v2beta1/pi/pi.yaml";
  if (!exists(example)) skip("no upstream example " + example);
  TempDir dir;
  REQUIRE(run(quote(mpijobc()) + " import " + quote(example) + " > " + quote(dir / "pi.yaml")).status == 0);
  Result dsl = run(quote(mpijobc()) + " import --to dsl " + quote(example) + " > " + quote(dir / "pi.mpijob"));
  INFO(dsl.err);
  REQUIRE(dsl.status == 0);
  CHECK(build_outputs(dir / "pi.yaml", dir) == build_outputs(dir / "pi.mpijob", dir));
}

TEST_CASE("import -o: one file per job, and an existing file is not overwritten") {
  std::string example = upstream_dir() + "/mpi-operator/examples/v2beta1/pi/pi.yaml";
  if (!exists(example)) skip("no upstream example " + example);
  TempDir dir;
  std::string cmd = quote(mpijobc()) + " import " + quote(example) + " -o " + quote(dir / "specs");
  Result first = run(cmd);
  INFO(first.err);
  REQUIRE(first.status == 0);
  CHECK(list_files(dir / "specs") == std::vector<std::string>{"pi.yaml"});
  Result again = run(cmd);
  CHECK(again.status == 1);
  CHECK(again.err.find("pi.yaml exists: not overwritten") != std::string::npos);
}

TEST_CASE("import: documents of other kinds are skipped, and a file of none is an error") {
  TempDir dir;
  write_file(dir / "cm.yaml", "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: c}\n");
  Result r = run(quote(mpijobc()) + " import -v " + quote(dir / "cm.yaml"));
  CHECK(r.status == 1);
  CHECK(r.err.find("document 1 skipped: not an MPIJob") != std::string::npos);
  CHECK(r.err.find("no MPIJobs found") != std::string::npos);
  CHECK(run(quote(mpijobc()) + " import").status == 2);
}

TEST_CASE("import: an MPIJob without workers is a located error, nothing printed") {
  TempDir dir;
  write_file(dir / "j.yaml", "apiVersion: kubeflow.org/v2beta1\nkind: MPIJob\nmetadata: {name: j}\n"
                             "spec:\n  mpiReplicaSpecs:\n    Launcher: {replicas: 1}\n");
  Result r = run(quote(mpijobc()) + " import " + quote(dir / "j.yaml"));
  CHECK(r.status == 1);
  CHECK(r.out.empty());
  CHECK(r.err.find("j.yaml:6:5") != std::string::npos);
  CHECK(r.err.find("no Worker replicas") != std::string::npos);
}

TEST_CASE("import: mpijobc's own mpirun line becomes spec.command, -v says so") {
  Result r = run(quote(mpijobc()) + " import -v " + quote(source_dir() + "/tests/import/v1-flytekit.yaml"));
  INFO(r.err);
  REQUIRE(r.status == 0);
  CHECK(r.out.find("  command:\n    - python\n    - /opt/venv/bin/entrypoint.py\n") != std::string::npos);
  CHECK(r.out.find("mpirun") == std::string::npos);
  CHECK(r.err.find("v1-flytekit.yaml:18:19: note: the launcher command is mpijobc's own line") !=
        std::string::npos);
}

TEST_CASE("import: a launcher line no spec builds stays verbatim, -v says so") {
  TempDir dir;
  // mpijobc's flags, but the program is mpirun again: spec.command may not
  // start with it (spec/command-launcher), so the decomposition does not build.
  write_file(dir / "j.yaml",
             "apiVersion: kubeflow.org/v2beta1\nkind: MPIJob\nmetadata: {name: j}\nspec:\n"
             "  mpiReplicaSpecs:\n    Launcher:\n      template:\n        spec:\n          containers:\n"
             "          - name: l\n            image: i\n"
             "            command: [sh, -c, \"mpirun --allow-run-as-root -bind-to none -map-by slot -x "
             "LD_LIBRARY_PATH -x PATH -x NCCL_DEBUG=INFO -np 1 mpirun x\"]\n"
             "    Worker:\n      replicas: 1\n      template: {spec: {containers: [{name: w, image: i}]}}\n");
  Result r = run(quote(mpijobc()) + " import -v " + quote(dir / "j.yaml"));
  INFO(r.err);
  REQUIRE(r.status == 0);
  CHECK(r.out.find("  launcher:\n    command:\n      - sh\n      - -c\n") != std::string::npos);
  CHECK(r.err.find("j.yaml:12:22: note: kept verbatim as launcher.command: no spec builds this "
                   "mpirun line") != std::string::npos);
}

// `mpijobc validate`: specs and hand-written MPIJobs, nothing written.
// (Broken manifests with their expected findings: tests/manifests/bad/, run
// by bad_input_test.cc.)
#include <catch2/catch.hpp>

#include <filesystem>

#include "harness.h"

using namespace e2e;

TEST_CASE("validate: every sample spec and every generated MPIJob passes") {
  std::string files;
  for (const std::string& s : samples()) files += " " + s;
  Result specs = run(quote(mpijobc()) + " validate -v" + files);
  INFO(specs.err);
  CHECK(specs.status == 0);
  CHECK(specs.err.find(std::to_string(samples().size() + 1) + " document(s) checked, no errors") !=
        std::string::npos);  // two-jobs.yaml has two

  TempDir out;
  REQUIRE(run(quote(mpijobc()) + " build -q" + files + " -o " + quote(out.path())).status == 0);
  std::string manifests;
  for (const std::string& f : list_files(out.path()))
    if (f.find("/mpijob.yaml") != std::string::npos) manifests += " " + quote(out / f);
  Result generated = run(quote(mpijobc()) + " validate -v" + manifests);
  INFO(generated.err);
  CHECK(generated.status == 0);
  CHECK(generated.err.find("document 1 skipped") != std::string::npos);  // the ConfigMap
}

TEST_CASE("validate: the upstream examples of all three operators pass") {
  // Each directory, and whether its examples are also free of warnings.
  const std::pair<const char*, bool> dirs[] = {{"/mpi-operator/examples/v2beta1", true},
                                               {"/training-operator/examples/mpi", true},
                                               {"/bdap-mpi-operator/config/samples", false}};
  size_t count = 0;
  for (const auto& [dir, clean] : dirs) {
    std::string examples = upstream_dir() + dir;
    if (!exists(examples)) skip("no upstream examples at " + examples);
    for (const auto& e : std::filesystem::recursive_directory_iterator(examples)) {
      if (e.path().extension() != ".yaml") continue;
      ++count;
      Result r = run(quote(mpijobc()) + " validate " + quote(e.path().string()));
      INFO(e.path() << "\n" << r.err);
      CHECK(r.status == 0);
      if (clean) CHECK(r.err.empty());
    }
  }
  CHECK(count >= 11);
}

TEST_CASE("validate: a spec error fails it, nothing is written, other kinds are skipped") {
  TempDir dir;
  write_file(dir / "mixed.yaml",
             "apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: web}\n---\n"
             "apiVersion: mpijobc/v1\nkind: MPIJob\nmetadata: {name: pi}\n"
             "spec: {image: a/b, command: [x], worker: {replicas: 0}}\n");
  Result r = run("cd " + quote(dir.path()) + " && " + quote(mpijobc()) + " validate mixed.yaml");
  CHECK(r.status == 1);
  CHECK(r.err.find("mixed.yaml:8:53: error: spec.worker.replicas:") != std::string::npos);
  CHECK(list_files(dir.path()) == std::vector<std::string>{"mixed.yaml"});
}

TEST_CASE("validate: MPIJobs of a dialect without rules are a warning, --werror makes it fail") {
  TempDir dir;
  write_file(dir / "v1.yaml", "apiVersion: example.com/v9\nkind: MPIJob\nmetadata: {name: x}\n");
  Result r = run(quote(mpijobc()) + " validate " + quote(dir / "v1.yaml"));
  CHECK(r.status == 0);
  CHECK(r.err.find("1:13: warning: apiVersion: not checked: mpijobc has no rules for MPIJob "
                   "apiVersion 'example.com/v9' [manifest/unchecked-version]") != std::string::npos);
  CHECK(run(quote(mpijobc()) + " validate --werror " + quote(dir / "v1.yaml")).status == 1);
  CHECK(run(quote(mpijobc()) + " validate /no/such.yaml").status == 1);
  CHECK(run(quote(mpijobc()) + " validate").status == 2);
}

TEST_CASE("schema prints the spec schema that validates the samples") {
  Result r = run(quote(mpijobc()) + " schema");
  REQUIRE(r.status == 0);
  CHECK(r.out == read_file(source_dir() + "/schemas/mpijobc-v1.schema.json"));
}


// The property of `mpijobc import` (docs/import.md): import an MPIJob, build
// the spec for the MPIJob's own apiVersion, and the MPIJob comes back equal
// after the documented normalisations, its launcher running the same argv
// (tests/tools/roundtrip_check.py, with stub mpirun/horovodrun); and the
// DSL import builds byte-identical files to the YAML import.
#include <catch2/catch.hpp>

#include <algorithm>
#include <filesystem>

#include "harness.h"

using namespace e2e;

namespace {

// The *.yaml files directly in `dir` holding an MPIJob of a current dialect.
std::vector<std::string> mpijob_files(const std::string& dir) {
  std::vector<std::string> files;
  if (!exists(dir)) return files;
  for (const auto& e : std::filesystem::recursive_directory_iterator(dir)) {
    const std::string path = e.path().string();
    if (e.path().extension() != ".yaml" || path.find("/bad/") != std::string::npos) continue;
    std::string text = read_file(path);
    if (text.find("kind: MPIJob") != std::string::npos &&
        text.find("/v1alpha") == std::string::npos && text.find("CustomResourceDefinition") ==
                                                          std::string::npos)
      files.push_back(path);
  }
  std::sort(files.begin(), files.end());
  return files;
}

// The apiVersion of the file's MPIJobs (one per file).
std::string api_of(const std::string& file) {
  std::string text = read_file(file);
  for (const char* api : {"kubeflow.org/v2beta1", "kubeflow.org/v1\n", "batch.test.bdap.com/v1"})
    if (text.find(std::string("apiVersion: ") + api) != std::string::npos) {
      std::string a = api;
      return a.back() == '\n' ? a.substr(0, a.size() - 1) : a;
    }
  return "";
}

void require_oracle() {
  if (run("/usr/bin/python3 -c 'import yaml'").status != 0)
    skip("python3-yaml is not installed (the round-trip oracle needs it)");
}

void round_trip(const std::string& manifest) {
  INFO(manifest);
  TempDir dir;
  Result imported = run(quote(mpijobc()) + " import " + quote(manifest) + " -o " + quote(dir / "specs"));
  INFO(imported.err);
  REQUIRE(imported.status == 0);
  std::string api = api_of(manifest);
  REQUIRE_FALSE(api.empty());
  std::string specs;
  for (const std::string& f : list_files(dir / "specs")) specs += " " + quote(dir / ("specs/" + f));
  Result built = run(quote(mpijobc()) + " build -q --target " + api + specs + " -o " + quote(dir / "out"));
  INFO(built.err);
  REQUIRE(built.status == 0);
  Result same = run("/usr/bin/python3 " + quote(source_dir() + "/tests/tools/roundtrip_check.py") +
                    " " + quote(manifest) + " " + quote(dir / "out"));
  INFO(same.out << same.err);
  CHECK(same.status == 0);

  // The DSL import builds the same files, byte for byte.
  Result dsl = run(quote(mpijobc()) + " import --to dsl " + quote(manifest) + " -o " + quote(dir / "dsl"));
  INFO(dsl.err);
  REQUIRE(dsl.status == 0);
  std::vector<std::string> yaml_specs = list_files(dir / "specs"), dsl_specs = list_files(dir / "dsl");
  REQUIRE(yaml_specs.size() == dsl_specs.size());
  for (size_t i = 0; i < yaml_specs.size(); ++i) {
    TempDir a, b;
    CHECK(build_outputs(dir / ("specs/" + yaml_specs[i]), a) ==
          build_outputs(dir / ("dsl/" + dsl_specs[i]), b));
  }
}

}  // namespace

TEST_CASE("import round trip: the corpus of tests/import and tests/manifests") {
  require_oracle();
  std::vector<std::string> files = mpijob_files(source_dir() + "/tests/import");
  for (const std::string& f : mpijob_files(source_dir() + "/tests/manifests")) files.push_back(f);
  REQUIRE(files.size() >= 6);
  for (const std::string& f : files) round_trip(f);
}

TEST_CASE("import round trip: every upstream MPIJob of mpi-operator, training-operator, bdap") {
  require_oracle();
  std::vector<std::string> files;
  for (const char* project : {"/mpi-operator", "/training-operator", "/bdap-mpi-operator"}) {
    std::string dir = upstream_dir() + project;
    if (!exists(dir)) skip("no upstream MPIJobs at " + dir);
    for (const std::string& f : mpijob_files(dir)) files.push_back(f);
  }
  REQUIRE(files.size() >= 10);
  for (const std::string& f : files) round_trip(f);
}

TEST_CASE("import round trip: the oracle tells a changed MPIJob from the original") {
  require_oracle();
  // The same job, imported and built, checked against an original that
  // differs in a pod field, a resource, the worker command and the launcher argv.
  TempDir dir;
  std::string original = source_dir() + "/tests/import/v2beta1-mpich.yaml";
  Result imported = run(quote(mpijobc()) + " import " + quote(original) + " > " + quote(dir / "s.yaml"));
  REQUIRE(imported.status == 0);
  REQUIRE(run(quote(mpijobc()) + " build -q " + quote(dir / "s.yaml") + " -o " + quote(dir / "out")).status == 0);
  std::string text = read_file(original);
  for (auto [from, to] : std::vector<std::pair<std::string, std::string>>{
           {"-iface eth0 -np 2", "-iface eth1 -np 2"},
           {"/home/mpiuser/.sshd_config", "/etc/ssh/sshd_config"},
           {"mpiImplementation: MPICH\n", "mpiImplementation: MPICH\n  slotsPerWorker: 2\n"},
           {"      replicas: 2\n", "      replicas: 3\n"},
           {"          - name: worker\n", "          - name: worker\n            tty: true\n"}}) {
    std::string changed = text;
    REQUIRE(changed.find(from) != std::string::npos);
    changed.replace(changed.find(from), from.size(), to);
    write_file(dir / "changed.yaml", changed);
    Result r = run("/usr/bin/python3 " + quote(source_dir() + "/tests/tools/roundtrip_check.py") +
                   " " + quote(dir / "changed.yaml") + " " + quote(dir / "out"));
    INFO(from << " -> " << to << "\n" << r.out);
    CHECK(r.status == 1);
  }
}

// Every sample builds, and what it produces passes the real tools: the
// upstream CRD schema, shellcheck, dockerfilelint, yamllint and kustomize.
// Outputs are byte-identical across builds and match the reviewed copies in
// tests/golden/ (MPIJOBC_UPDATE_GOLDEN=1 rewrites them after a deliberate
// change; review the diff).
#include <catch2/catch.hpp>

#include <cstdlib>
#include <filesystem>

#include "harness.h"

using namespace e2e;

namespace {

// Builds every sample into one directory; returns the job directories.
std::vector<std::string> build_samples(const TempDir& out) {
  std::string cmd = quote(mpijobc()) + " build -q -o " + quote(out.path());
  for (const std::string& s : samples()) cmd += " " + s;
  Result r = run(cmd);
  INFO(r.err);
  REQUIRE(r.status == 0);
  std::vector<std::string> jobs;
  for (const auto& e : std::filesystem::directory_iterator(out.path()))
    jobs.push_back(e.path().string());
  std::sort(jobs.begin(), jobs.end());
  REQUIRE(jobs.size() >= 6);
  return jobs;
}

}  // namespace

TEST_CASE("samples: generated objects validate against their upstream CRDs") {
  // The CRDs of each target's objects, under upstream_dir().
  const std::pair<const char*, std::vector<const char*>> crds[] = {
      {"kubeflow.org/v2beta1", {"/mpi-operator/manifests/base/kubeflow.org_mpijobs.yaml"}},
      {"trainer.kubeflow.org/v1alpha1",
       {"/trainer/crds/trainer.kubeflow.org_trainjobs.yaml",
        "/trainer/crds/trainer.kubeflow.org_trainingruntimes.yaml"}}};
  for (const auto& [api, files] : crds)
    for (const char* f : files)
      if (!exists(upstream_dir() + f))
        skip("upstream CRD not found at " + upstream_dir() + f + " (set MPIJOBC_UPSTREAM)");
  TempDir out;
  size_t checked = 0;
  for (const std::string& job : build_samples(out)) {
    std::string text = read_file(job + "/mpijob.yaml");
    for (const auto& [api, files] : crds) {
      if (text.find("\napiVersion: " + std::string(api) + "\n") == std::string::npos) continue;
      for (const char* f : files) {
        Result r = run("/usr/bin/python3 tests/tools/crd_check.py " + quote(upstream_dir() + f) + " " +
                       quote(job + "/mpijob.yaml"));
        INFO(job << "\n" << r.out << r.err);
        CHECK(r.status == 0);
        ++checked;
      }
    }
  }
  CHECK(checked >= 8);  // every sample, hello-trainer's two objects
}

TEST_CASE("samples: the CRD check rejects what the operator's API server would") {
  // Guards the oracle itself: a manifest with an unknown field must fail.
  std::string crd = upstream_dir() + "/mpi-operator/manifests/base/kubeflow.org_mpijobs.yaml";
  if (!exists(crd)) skip("upstream CRD not found at " + crd);
  TempDir out;
  std::string job = build_samples(out).front();
  std::string text = read_file(job + "/mpijob.yaml");
  text.replace(text.find("  slotsPerWorker:"), 0, "  slotz: 1\n");
  write_file(out / "broken.yaml", text);
  Result r = run("/usr/bin/python3 tests/tools/crd_check.py " + quote(crd) + " " +
                 quote(out / "broken.yaml"));
  CHECK(r.status == 1);
  CHECK(r.out.find("'slotz' was unexpected") != std::string::npos);
}

TEST_CASE("samples: launcher.sh passes shellcheck") {
  TempDir out;
  for (const std::string& job : build_samples(out)) {
    Result r = run("shellcheck " + quote(job + "/launcher.sh"));
    INFO(job << "\n" << r.out << r.err);
    CHECK(r.status == 0);
  }
}

TEST_CASE("samples: Dockerfile passes dockerfilelint") {
  std::string lint = source_dir() + "/tests/npm/node_modules/.bin/dockerfilelint";
  INFO("dockerfilelint missing: run scripts/setup.sh --test");
  REQUIRE(exists(lint));
  TempDir out;
  for (const std::string& job : build_samples(out)) {
    Result r = run(quote(lint) + " " + quote(job + "/Dockerfile"));
    INFO(job << "\n" << r.out << r.err);
    CHECK(r.status == 0);
  }
}

TEST_CASE("samples: YAML outputs pass yamllint") {
  TempDir out;
  for (const std::string& job : build_samples(out)) {
    // The launcher script embedded in the ConfigMap has long lines.
    Result r = run("yamllint -s -d '{extends: default, rules: {line-length: disable}}' " +
                   quote(job + "/mpijob.yaml") + " " + quote(job + "/kustomization.yaml") + " " +
                   quote(job + "/kustomizeconfig.yaml"));
    INFO(job << "\n" << r.out << r.err);
    CHECK(r.status == 0);
  }
}

TEST_CASE("samples: kubectl kustomize renders each job directory") {
  if (!have_tool("kubectl")) skip("kubectl is not installed on this machine");
  TempDir out;
  for (const std::string& job : build_samples(out)) {
    Result r = run("kubectl kustomize " + quote(job));
    INFO(job << "\n" << r.err);
    CHECK(r.status == 0);
    CHECK((r.out.find("kind: MPIJob") != std::string::npos ||
           r.out.find("kind: TrainJob") != std::string::npos));
    CHECK(r.out.find("kind: ConfigMap") != std::string::npos);
  }
}

TEST_CASE("samples: a rebuild is byte-identical, and --stdout matches mpijob.yaml") {
  TempDir a, b;
  std::vector<std::string> jobs = build_samples(a);
  build_samples(b);
  CHECK(list_files(a.path()) == list_files(b.path()));
  for (const std::string& f : list_files(a.path())) {
    INFO(f);
    CHECK(read_file(a / f) == read_file(b / f));
  }
  for (const std::string& s : samples()) {
    Result r = run(quote(mpijobc()) + " build --stdout " + s);
    REQUIRE(r.status == 0);
    // The stream holds each of the sample's mpijob.yaml files, in document order.
    size_t total = 0;
    for (const std::string& job : jobs) {
      std::string manifest = read_file(job + "/mpijob.yaml");
      if (manifest.find("from " + s + ";") == std::string::npos) continue;
      INFO(s << ": " << job);
      CHECK(r.out.find(manifest) != std::string::npos);
      total += manifest.size();
    }
    CHECK(r.out.size() == total);
  }
}

TEST_CASE("samples: outputs match tests/golden") {
  TempDir out;
  build_samples(out);
  std::string golden = source_dir() + "/tests/golden";
  const char* update = std::getenv("MPIJOBC_UPDATE_GOLDEN");
  if (update && std::string(update) == "1") {
    std::filesystem::remove_all(golden);
    std::filesystem::copy(out.path(), golden, std::filesystem::copy_options::recursive);
  }
  REQUIRE(list_files(out.path()) == list_files(golden));
  for (const std::string& f : list_files(golden)) {
    INFO(f << " differs from tests/golden; if the change is intended, rerun with "
              "MPIJOBC_UPDATE_GOLDEN=1 and review the diff");
    CHECK(read_file(out / f) == read_file(golden + "/" + f));
  }
}

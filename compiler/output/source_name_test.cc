#include "output/source_name.h"

#include <unistd.h>

#include <catch2/catch.hpp>
#include <filesystem>
#include <thread>

#include "testing/fixtures.h"

using namespace mpijobc;
namespace fs = std::filesystem;

namespace {

// Runs `f` with the working directory at `dir`.
template <typename F>
auto in_dir(const std::string& dir, F f) {
  std::string before = fs::current_path();
  fs::current_path(dir);
  auto result = f();
  fs::current_path(before);
  return result;
}

}  // namespace

TEST_CASE("source name: relative to the git repository's root, however the spec was typed") {
  testing::TempDir t;
  fs::create_directories(t / "repo/.git");
  t.write("repo/jobs/a.yaml", "");
  fs::create_directories(t / "repo/sub");
  for (const std::string& typed : {t / "repo/jobs/a.yaml", t / "repo/sub/../jobs/./a.yaml"})
    CHECK(SourceNamer(t / "repo/deploy")(typed) == "jobs/a.yaml");
  CHECK(in_dir(t / "repo", [] { return SourceNamer("deploy")("jobs/a.yaml"); }) == "jobs/a.yaml");
  CHECK(in_dir(t / "repo", [] { return SourceNamer("out/x")("./jobs/a.yaml"); }) == "jobs/a.yaml");
  CHECK(in_dir(t / "repo/sub", [] { return SourceNamer("../deploy")("../jobs/a.yaml"); }) == "jobs/a.yaml");
  // Through a symbolic link to the repository.
  fs::create_directory_symlink(t / "repo", t / "link");
  CHECK(SourceNamer("deploy")(t / "link/jobs/a.yaml") == "jobs/a.yaml");
}

TEST_CASE("source name: one namer names every file of a directory, from any thread") {
  testing::TempDir t;
  fs::create_directories(t / "repo/.git");
  SourceNamer name(t / "repo/deploy");
  CHECK(name(t / "repo/jobs/a.yaml") == "jobs/a.yaml");
  CHECK(name(t / "repo/jobs/b.mpijob") == "jobs/b.mpijob");
  CHECK(name(t / "repo/x.yaml") == "x.yaml");
  std::vector<std::string> names(400);
  std::vector<std::thread> threads;
  for (int k = 0; k < 4; ++k)
    threads.emplace_back([&, k] {
      for (int i = k; i < 400; i += 4) names[i] = name(t / ("repo/d" + std::to_string(i % 7) + "/s.yaml"));
    });
  for (std::thread& th : threads) th.join();
  for (int i = 0; i < 400; ++i) CHECK(names[i] == "d" + std::to_string(i % 7) + "/s.yaml");
}

TEST_CASE("source name: a worktree's or submodule's .git file marks the root too") {
  testing::TempDir t;
  t.write("wt/.git", "gitdir: /elsewhere\n");
  t.write("wt/jobs/a.yaml", "");
  CHECK(SourceNamer(t / "wt/deploy")(t / "wt/jobs/a.yaml") == "jobs/a.yaml");
}

TEST_CASE("source name: outside a repository, relative to the output directory") {
  testing::TempDir t;
  for (fs::path p = t.path(); p != p.root_path(); p = p.parent_path())
    if (fs::exists(p / ".git")) return;  // $TMPDIR is inside a repository here
  t.write("jobs/a.yaml", "");
  CHECK(SourceNamer(t / "deploy")(t / "jobs/a.yaml") == "../jobs/a.yaml");
  CHECK(SourceNamer(t / "deploy/")(t / "jobs/a.yaml") == "../jobs/a.yaml");
  CHECK(SourceNamer(t / "jobs")(t / "jobs/a.yaml") == "a.yaml");
  CHECK(in_dir(t / "jobs", [] { return SourceNamer("../out/deep")("a.yaml"); }) == "../../jobs/a.yaml");
  CHECK(in_dir(t.path(), [] { return SourceNamer(".")("jobs/a.yaml"); }) == "jobs/a.yaml");
}

#include "output/source_name.h"

#include <unistd.h>

#include <catch2/catch.hpp>
#include <filesystem>

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
    CHECK(source_name(typed, t / "repo/deploy") == "jobs/a.yaml");
  CHECK(in_dir(t / "repo", [] { return source_name("jobs/a.yaml", "deploy"); }) == "jobs/a.yaml");
  CHECK(in_dir(t / "repo", [] { return source_name("./jobs/a.yaml", "out/x"); }) == "jobs/a.yaml");
  CHECK(in_dir(t / "repo/sub", [] { return source_name("../jobs/a.yaml", "../deploy"); }) == "jobs/a.yaml");
  // Through a symbolic link to the repository.
  fs::create_directory_symlink(t / "repo", t / "link");
  CHECK(source_name(t / "link/jobs/a.yaml", "deploy") == "jobs/a.yaml");
}

TEST_CASE("source name: a worktree's or submodule's .git file marks the root too") {
  testing::TempDir t;
  t.write("wt/.git", "gitdir: /elsewhere\n");
  t.write("wt/jobs/a.yaml", "");
  CHECK(source_name(t / "wt/jobs/a.yaml", t / "wt/deploy") == "jobs/a.yaml");
}

TEST_CASE("source name: outside a repository, relative to the output directory") {
  testing::TempDir t;
  for (fs::path p = t.path(); p != p.root_path(); p = p.parent_path())
    if (fs::exists(p / ".git")) return;  // $TMPDIR is inside a repository here
  t.write("jobs/a.yaml", "");
  CHECK(source_name(t / "jobs/a.yaml", t / "deploy") == "../jobs/a.yaml");
  CHECK(source_name(t / "jobs/a.yaml", t / "deploy/") == "../jobs/a.yaml");
  CHECK(source_name(t / "jobs/a.yaml", t / "jobs") == "a.yaml");
  CHECK(in_dir(t / "jobs", [] { return source_name("a.yaml", "../out/deep"); }) == "../../jobs/a.yaml");
  CHECK(in_dir(t.path(), [] { return source_name("jobs/a.yaml", "."); }) == "jobs/a.yaml");
}

// Builds killed with SIGKILL at random points (an OOM kill, a cancelled CI
// job), and builds racing each other into one directory: `--check` never
// reports a killed build's staged files, the next build removes them, and
// after it the directory is up to date.
#include <catch2/catch.hpp>

#include <chrono>
#include <filesystem>
#include <random>

#include "harness.h"

using namespace e2e;

namespace {

// Two corpora of `n` specs: "a" holds job0..job<n-1>, "b" the second half
// of those (changed) and as many new ones, so that building one over the
// other replaces files, creates directories and removes others.
struct Corpora {
  TempDir dir;
  explicit Corpora(int n) {
    for (int i = 0; i < n; ++i) {
      write_file(dir / ("a/job" + std::to_string(i) + ".yaml"), job_spec("job" + std::to_string(i)));
      int j = i + n / 2;
      write_file(dir / ("b/job" + std::to_string(j) + ".yaml"), job_spec("job" + std::to_string(j), "", 2));
    }
  }
  std::string build(const std::string& corpus, const std::string& extra = "") const {
    return "cd " + quote(dir.path()) + " && " + quote(mpijobc()) + " build " + corpus + " -o deploy -q" + extra;
  }
  bool has_staged_names() const {
    for (const std::string& e : list_all(dir.path()))
      if (e.find(".mpijobc-") != std::string::npos) return true;
    return false;
  }
};

double seconds(const std::string& command) {
  auto start = std::chrono::steady_clock::now();
  run(command);
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}

}  // namespace

TEST_CASE("killed builds: the next build cleans up, --check never reports the leftovers") {
  Corpora c(80);
  const std::string corpora[] = {"a", "b"};
  // The kills fall anywhere in a build, from its start to its commit: as
  // long as one of b over a takes.
  REQUIRE(run(c.build("a")).status == 0);
  double full = seconds(c.build("b") + " -j1");
  std::mt19937 rng(std::random_device{}());
  unsigned seed = rng();
  INFO("seed " << seed << ", a build takes " << full << " s");
  rng.seed(seed);
  int left_behind = 0;
  for (int i = 0; i < 6; ++i) {
    const std::string& built = corpora[(i + 1) % 2];  // b first
    const std::string& next = corpora[i % 2];
    double delay = std::uniform_real_distribution<double>(0, full)(rng);
    INFO("round " << i << ": " << next << " over " << built << ", killed after " << delay << " s");
    Result killed = run(c.build(next, " -j1") + " & pid=$!; sleep " + std::to_string(delay) +
                        "; kill -KILL $pid; wait $pid; echo $?");
    if (c.has_staged_names()) ++left_behind;
    // Whatever the kill left, --check names none of it.
    Result check = run(c.build(built, " --check"));
    CHECK(check.out.find(".mpijobc-") == std::string::npos);
    Result build = run(c.build(next));
    INFO(killed.out << build.err);
    REQUIRE(build.status == 0);
    CHECK_FALSE(c.has_staged_names());
    Result clean = run(c.build(next, " --check"));
    INFO(clean.out << clean.err);
    CHECK(clean.status == 0);
    CHECK(list_files(c.dir / "deploy").size() == 400);  // 80 jobs, 5 files each
  }
  // The rounds did kill builds mid-way.
  CHECK(left_behind > 0);
}

TEST_CASE("killed builds: a build killed while creating the output directory leaves nothing in the way") {
  Corpora c(40);
  double full = seconds(c.build("a") + " -j1");
  int left_behind = 0;
  for (int i = 0; i < 4; ++i) {
    std::filesystem::remove_all(c.dir / "deploy");
    // The output directory is staged beside it, in the scratch directory.
    run(c.build("a", " -j1") + " & pid=$!; sleep " + std::to_string(full * i / 4) +
        "; kill -KILL $pid; wait $pid");
    if (c.has_staged_names()) ++left_behind;
    REQUIRE(run(c.build("a")).status == 0);
    CHECK_FALSE(c.has_staged_names());
    CHECK(run(c.build("a", " --check")).status == 0);
  }
  CHECK(left_behind > 0);
}

TEST_CASE("concurrent builds into one directory take turns") {
  Corpora c(40);
  // Three builds at once, the directory not there yet, then again over it.
  for (int round = 0; round < 2; ++round) {
    Result r = run("(" + c.build("a") + ") & p1=$!; (" + c.build("b") + ") & p2=$!; (" + c.build("a") +
                   "); s=$?; wait $p1 || s=1; wait $p2 || s=1; exit $s");
    INFO(r.out << r.err);
    CHECK(r.status == 0);
    CHECK_FALSE(c.has_staged_names());
    // The directory is what one of them wrote, whole.
    bool a = run(c.build("a", " --check")).status == 0, b = run(c.build("b", " --check")).status == 0;
    CHECK(a != b);
    CHECK(list_files(c.dir / "deploy").size() == 200);  // 40 jobs, 5 files each
  }
}

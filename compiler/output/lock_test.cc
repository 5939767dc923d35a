#include "output/lock.h"

#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <catch2/catch.hpp>
#include <chrono>
#include <filesystem>

#include "testing/fixtures.h"

using namespace mpijobc;

namespace {

// A child process that holds `mode` on `dir` for `ms` milliseconds (then
// creates `creates`, when given, as a build commits); returns once it holds it.
pid_t hold_in_child(const std::string& dir, OutputLock::Mode mode, int ms, const std::string& creates = "") {
  int ready[2];
  REQUIRE(::pipe(ready) == 0);
  pid_t child = ::fork();
  if (child == 0) {
    OutputLock lock(dir, mode);
    (void)!::write(ready[1], "x", 1);
    ::usleep(ms * 1000);
    if (!creates.empty()) ::mkdir(creates.c_str(), 0777);
    ::_exit(0);
  }
  char c;
  REQUIRE(::read(ready[0], &c, 1) == 1);
  ::close(ready[0]);
  ::close(ready[1]);
  return child;
}

double seconds_to_lock(const std::string& dir, OutputLock::Mode mode) {
  auto start = std::chrono::steady_clock::now();
  OutputLock lock(dir, mode);
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}

}  // namespace

TEST_CASE("lock: a build waits for another build, --check only for builds") {
  testing::TempDir t;
  std::filesystem::create_directory(t / "out");
  pid_t child = hold_in_child(t / "out", OutputLock::exclusive, 300);
  CHECK(seconds_to_lock(t / "out", OutputLock::exclusive) > 0.2);
  ::waitpid(child, nullptr, 0);

  child = hold_in_child(t / "out", OutputLock::shared, 300);
  CHECK(seconds_to_lock(t / "out", OutputLock::shared) < 0.2);
  CHECK(seconds_to_lock(t / "out", OutputLock::exclusive) > 0.1);
  ::waitpid(child, nullptr, 0);

  // A killed holder's lock is released with it.
  child = hold_in_child(t / "out", OutputLock::exclusive, 10000);
  ::kill(child, SIGKILL);
  ::waitpid(child, nullptr, 0);
  CHECK(seconds_to_lock(t / "out", OutputLock::exclusive) < 0.2);
}

TEST_CASE("lock: before the output directory exists, the nearest directory above it") {
  testing::TempDir t;
  CHECK(OutputLock(t / "out", OutputLock::exclusive).dir() == t.path());
  CHECK(OutputLock(t / "a/b/out/", OutputLock::shared).dir() == t.path());
  CHECK(OutputLock(t / "a/b/out/", OutputLock::shared).above());
  std::filesystem::create_directory(t / "out");
  CHECK(OutputLock(t / "out", OutputLock::exclusive).dir() == t / "out");
  CHECK_FALSE(OutputLock(t / "out", OutputLock::exclusive).above());
  // A build waiting while another creates the directory then locks the
  // directory itself, as every later build will.
  pid_t child = hold_in_child(t / "new", OutputLock::exclusive, 300, t / "new");
  auto start = std::chrono::steady_clock::now();
  OutputLock lock(t / "new", OutputLock::exclusive);
  CHECK(std::chrono::steady_clock::now() - start > std::chrono::milliseconds(200));
  CHECK(lock.dir() == t / "new");
  ::waitpid(child, nullptr, 0);
}

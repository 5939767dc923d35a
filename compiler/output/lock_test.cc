#include "output/lock.h"

#include <signal.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <catch2/catch.hpp>
#include <filesystem>

#include "testing/fixtures.h"

using namespace mpijobc;
namespace fs = std::filesystem;

namespace {

// A child process that holds `mode` on `dir` for `ms` milliseconds, then
// creates the directory `creates` (as a build commits) and ends; returns
// its pid once it holds the lock.
pid_t hold_in_child(const std::string& dir, OutputLock::Mode mode, int ms, const std::string& creates) {
  int ready[2];
  REQUIRE(::pipe(ready) == 0);
  pid_t child = ::fork();
  if (child == 0) {
    OutputLock lock(dir, mode);
    (void)!::write(ready[1], "x", 1);
    ::usleep(ms * 1000);
    ::mkdir(creates.c_str(), 0777);
    ::_exit(0);
  }
  char c;
  REQUIRE(::read(ready[0], &c, 1) == 1);
  ::close(ready[0]);
  ::close(ready[1]);
  return child;
}

void end(pid_t child) {
  ::kill(child, SIGKILL);
  ::waitpid(child, nullptr, 0);
}

}  // namespace

TEST_CASE("lock: a build waits for another build, --check only for builds") {
  testing::TempDir t;
  fs::create_directory(t / "out");
  // Each lock below is taken only once the holder has ended: its marker
  // is there.
  pid_t child = hold_in_child(t / "out", OutputLock::exclusive, 200, t / "built");
  { OutputLock lock(t / "out", OutputLock::exclusive); }
  CHECK(fs::exists(t / "built"));
  end(child);

  child = hold_in_child(t / "out", OutputLock::exclusive, 200, t / "built-2");
  { OutputLock lock(t / "out", OutputLock::shared); }
  CHECK(fs::exists(t / "built-2"));
  end(child);

  child = hold_in_child(t / "out", OutputLock::shared, 200, t / "checked");
  { OutputLock lock(t / "out", OutputLock::exclusive); }
  CHECK(fs::exists(t / "checked"));
  end(child);

  // Checks share: this one does not wait a minute for the other.
  child = hold_in_child(t / "out", OutputLock::shared, 60000, t / "never");
  { OutputLock lock(t / "out", OutputLock::shared); }
  CHECK_FALSE(fs::exists(t / "never"));
  // A killed holder's lock goes with it.
  end(child);
  { OutputLock lock(t / "out", OutputLock::exclusive); }
  CHECK_FALSE(fs::exists(t / "never"));
}

TEST_CASE("lock: before the output directory exists, the nearest directory above it") {
  testing::TempDir t;
  CHECK(OutputLock(t / "out", OutputLock::exclusive).dir() == t.path());
  CHECK(OutputLock(t / "a/b/out/", OutputLock::shared).dir() == t.path());
  CHECK(OutputLock(t / "a/b/out/", OutputLock::shared).above());
  fs::create_directory(t / "out");
  CHECK(OutputLock(t / "out", OutputLock::exclusive).dir() == t / "out");
  CHECK_FALSE(OutputLock(t / "out", OutputLock::exclusive).above());
  // A build waiting while another creates the directory then locks the
  // directory itself, as every later build will.
  pid_t child = hold_in_child(t / "new", OutputLock::exclusive, 200, t / "new");
  OutputLock lock(t / "new", OutputLock::exclusive);
  CHECK(lock.dir() == t / "new");
  CHECK_FALSE(lock.above());
  end(child);
}

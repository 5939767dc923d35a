#include "output/staging_names.h"

#include <sys/wait.h>
#include <unistd.h>

#include <catch2/catch.hpp>

using namespace mpijobc;

namespace {

// The pid of a process that has ended (and been reaped).
long ended_pid() {
  pid_t child = ::fork();
  if (child == 0) ::_exit(0);
  ::waitpid(child, nullptr, 0);
  return child;
}

}  // namespace

TEST_CASE("staging names: this process's prefix, and which names are a dead build's") {
  const std::string mine = staging_prefix();
  CHECK(mine == ".mpijobc-" + std::to_string(::getpid()) + "-");
  CHECK_FALSE(is_left_over(mine + "0.tmp"));  // this build's own

  const std::string dead = ".mpijobc-" + std::to_string(ended_pid()) + "-";
  CHECK(is_left_over(dead + "0.tmp"));
  CHECK(is_left_over(dead + "12.dir"));
  CHECK_FALSE(is_left_over(dead + "12.txt"));
  CHECK_FALSE(is_left_over(dead.substr(1) + "0.tmp"));  // not hidden
  CHECK_FALSE(is_left_over(dead + ".tmp"));
  CHECK_FALSE(is_left_over(dead + "x.tmp"));
  CHECK_FALSE(is_left_over(".mpijobc--1-0.tmp"));
  CHECK_FALSE(is_left_over(".mpijobc-0-0.tmp"));
  CHECK_FALSE(is_left_over(".mpijobc-1234567890-0.tmp"));  // not a pid
  CHECK_FALSE(is_left_over(".mpijobc-1-0.tmp"));           // init runs
  CHECK_FALSE(is_left_over(".mpijobc-" + std::to_string(::getppid()) + "-0.dir"));
}

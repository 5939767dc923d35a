#include "output/staging_names.h"

#include <signal.h>
#include <unistd.h>

#include <cerrno>
#include <cstdlib>

namespace mpijobc {
namespace {

constexpr char kPrefix[] = ".mpijobc-";

bool digits(const std::string& s, size_t from, size_t to) {
  if (from >= to) return false;
  for (size_t i = from; i < to; ++i)
    if (s[i] < '0' || s[i] > '9') return false;
  return true;
}

bool running(long pid) { return ::kill(pid_t(pid), 0) == 0 || errno == EPERM; }

}  // namespace

std::string staging_prefix() { return kPrefix + std::to_string(::getpid()) + "-"; }

bool is_left_over(const std::string& name) {
  // .mpijobc-<pid>-<n>.tmp or .mpijobc-<pid>-<n>.dir, the pid of at most 9 digits
  const size_t start = sizeof kPrefix - 1, dash = name.find('-', start), dot = name.size() - 4;
  if (name.rfind(kPrefix, 0) != 0 || name.size() < start + 7 || dash == std::string::npos ||
      dash >= dot || dash - start > 9 || !digits(name, start, dash) || !digits(name, dash + 1, dot) ||
      (name.compare(dot, 4, ".tmp") != 0 && name.compare(dot, 4, ".dir") != 0))
    return false;
  long pid = std::strtol(name.c_str() + start, nullptr, 10);
  return pid > 0 && pid != ::getpid() && !running(pid);
}

}  // namespace mpijobc

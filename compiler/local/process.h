// Runs a program in its own process group with extra environment, passing
// its stdout and stderr through RankOutput filters line by line. SIGINT or
// SIGTERM to mpijobc stops the whole group (SIGTERM, then SIGKILL after a
// grace period), so Ctrl-C stops every rank.
#pragma once

#include <iosfwd>
#include <string>
#include <utility>
#include <vector>

#include "local/rank_output.h"

namespace mpijobc {

struct ProcessResult {
  bool started = false;
  std::string error;      // why it did not start
  int exit_code = 0;      // 128 + signal when killed by one
  int signal = 0;         // the signal that killed it, else 0
  int interrupted_by = 0; // SIGINT or SIGTERM received by mpijobc, else 0
  double seconds = 0;     // wall time
};

struct ProcessOutput {
  RankOutput out, err;
};

ProcessResult run_process(const std::vector<std::string>& argv,
                          const std::vector<std::pair<std::string, std::string>>& env,
                          ProcessOutput& filters, std::ostream& out, std::ostream& err);

// Whether `program` names an executable file, or one in a PATH directory.
bool on_path(const std::string& program);

}  // namespace mpijobc

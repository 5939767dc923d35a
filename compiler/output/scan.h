// What an output directory holds besides a build's own files: generated
// files no build produces any more, and the staged leftovers of builds that
// were killed. Hidden names (".git", a dotfile) are not looked at: no job
// produces one. Symbolic links are neither followed nor reported.
#pragma once

#include <string>
#include <unordered_set>
#include <vector>

namespace mpijobc {

struct OutputScan {
  // Files mpijobc generated that are not in `produced`, relative to the
  // output directory, sorted.
  std::vector<std::string> extra;
  // Staged files and directories of builds no longer running (paths
  // including the output directory).
  std::vector<std::string> left_over;
};

// Walks `out_dir` (nothing when it does not exist). `produced` holds paths
// relative to it ("<job>/mpijob.yaml").
OutputScan scan_outputs(const std::string& out_dir, const std::unordered_set<std::string>& produced);

// The staged leftovers directly in `dir`, where a build that creates the
// output directory stages it.
std::vector<std::string> left_over_in(const std::string& dir);

}  // namespace mpijobc

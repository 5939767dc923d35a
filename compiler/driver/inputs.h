// The files a build reads: files named on the command line as they are ("-",
// standard input, too),
// directories walked for *.yaml, *.yml and *.mpijob (sorted, so the order and the
// output are the same on every machine; hidden directories and the output
// directory are not entered).
#pragma once

#include <string>
#include <vector>

namespace mpijobc {

struct SpecInput {
  std::string path;
  bool discovered = false;  // found in a directory: may hold other YAML
};

std::vector<SpecInput> expand_inputs(const std::vector<std::string>& args,
                                     const std::string& exclude_dir);

}  // namespace mpijobc

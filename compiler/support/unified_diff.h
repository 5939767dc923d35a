// A unified diff of two texts, line by line (longest common subsequence),
// with three lines of context: what `build --check --diff` prints.
#pragma once

#include <string>

namespace mpijobc {

// Empty when the texts are equal.
std::string unified_diff(const std::string& before, const std::string& after,
                         const std::string& before_label, const std::string& after_label);

}  // namespace mpijobc

// "Did you mean ...?" for misspelt keys and enum values.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace mpijobc {

// The candidate closest to `word` by edit distance (case-insensitive), or ""
// when none is close enough to be a plausible typo.
std::string closest_match(std::string_view word, const std::vector<std::string>& candidates);

}  // namespace mpijobc

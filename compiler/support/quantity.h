// Kubernetes resource quantities ("500m", "1.5", "4Gi", "1e3"), read as
// numbers so that requests and limits can be compared.
#pragma once

#include <optional>
#include <string_view>

namespace mpijobc {

// The quantity's value in base units (cores, bytes), or nullopt when `text`
// is not a quantity. Precision is that of long double: enough to order any
// two quantities a pod spec can hold.
std::optional<long double> parse_quantity(std::string_view text);

}  // namespace mpijobc

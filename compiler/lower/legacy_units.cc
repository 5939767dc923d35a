#include "lower/legacy_units.h"

namespace mpijobc {

std::optional<UnitSplit> split_units(int64_t total, int64_t per_node) {
  if (total < per_node) return UnitSplit{1, total};
  if (total % per_node != 0) return std::nullopt;
  return UnitSplit{total / per_node, per_node};
}

bool legacy_units_allowed(int64_t total) {
  return total == 1 || total == 2 || total == 4 || (total >= 8 && total % 8 == 0);
}

}  // namespace mpijobc

// Files compiled into the binary (schemas, default templates), by file name.
#pragma once

#include <optional>
#include <string_view>

namespace mpijobc {

std::optional<std::string_view> embedded_file(std::string_view name);

}  // namespace mpijobc

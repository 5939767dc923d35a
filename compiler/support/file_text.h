// Reads a whole file: one open, fstat and read, where streams cost a build
// of ten thousand small specs a noticeable share of its time.
#pragma once

#include <optional>
#include <string>

namespace mpijobc {

// The file's bytes, or nullopt with errno set when it cannot be read (a
// directory cannot be read). At most `max_bytes` are read, so a device or a
// FIFO that never ends (/dev/zero) cannot fill the memory.
std::optional<std::string> read_file_text(const std::string& path,
                                          size_t max_bytes = std::string::npos);
// The same for standard input, read to its end (or to `max_bytes`).
std::optional<std::string> read_stdin_text(size_t max_bytes = std::string::npos);

}  // namespace mpijobc

// The names a build stages under: ".mpijobc-<pid>-<n>.tmp" for a file written
// beside the one it replaces, ".mpijobc-<pid>-<n>.dir" for a new directory.
// A build killed before it commits (SIGKILL, an OOM kill, a cancelled CI
// job) leaves them behind; the pid tells whether their build still runs.
#pragma once

#include <string>

namespace mpijobc {

// ".mpijobc-<pid>-": what this process's staged names start with.
std::string staging_prefix();

// Whether `name` (a file name, no directory) is a staged name whose
// process no longer runs.
bool is_left_over(const std::string& name);

}  // namespace mpijobc

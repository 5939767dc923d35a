// The bash completion of a program with subcommands, from its command line
// (cli_model.h): the subcommands, each one's options, the values of the
// options that take one of a few, directories for a DIR and files for a FILE
// (options and positionals alike).
#pragma once

#include <string>

#include "driver/cli_model.h"

namespace mpijobc {

// A script to source in bash; it completes the words of `cli.program.name`.
std::string bash_completion(const CliModel& cli);

}  // namespace mpijobc

// The whole command line of mpijobc: the program's description, --version,
// and every subcommand. main.cc parses with it; docs_main.cc writes the man
// page and the bash completion from it, so that they say what --help says.
#pragma once

#include <ostream>
#include <string>
#include <vector>

#include "driver/command.h"

namespace mpijobc {

// Sets up `app` and adds every subcommand. A subcommand adds its options only
// when it is chosen, before its arguments are parsed (command.h says why);
// add_all_options adds them all at once, for the man page and the completion.
std::vector<Command> define_cli(CLI::App& app);
void add_all_options(const std::vector<Command>& commands);

// The first argument, when not an option, must name a command: otherwise
// prints the error, with the command it was probably meant to be, and
// returns false.
bool check_command_name(const std::vector<Command>& commands, const std::string& word,
                        std::ostream& err);

}  // namespace mpijobc

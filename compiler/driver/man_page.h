// The man page of a program with subcommands (section 1, the man macros),
// from its command line (cli_model.h): the same descriptions, options,
// defaults and footers as --help, in roff.
#pragma once

#include <string>

#include "driver/cli_model.h"

namespace mpijobc {

// `summary` is the NAME line's (whatis); `version` goes in the page's footer.
std::string man_page(const CliModel& cli, const std::string& summary, const std::string& version);

}  // namespace mpijobc

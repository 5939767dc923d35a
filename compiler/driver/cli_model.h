// The command line as the man page and the bash completion see it: read from
// CLI11's model of the app (describe), so that both say what --help says.
// The generators (man_page.h, completion.h) need only these structs; what
// reads CLI11 is compiled with the command line (mpijobc_cli).
//
// Options that take one of a few values (--target, --format, --to) are made
// with one_of (command.h): the list CLI11 checks a value against is the one
// --help shows as the option's type name (a|b|c), and the one describe reads
// back.
#pragma once

#include <string>
#include <vector>

namespace CLI {
class App;
class Option;
}  // namespace CLI

namespace mpijobc {

// Separates the choices in the type name of a one_of option.
inline constexpr char kChoiceSeparator = '|';

struct CliOption {
  std::vector<std::string> names;    // "-o", "--output"; empty for a positional
  std::string value;                 // what it takes ("FILE", "DIR", "N", "a|b"); empty for a flag
  std::vector<std::string> choices;  // the values of a one_of option
  std::string check;                 // what --help adds to the value ("UINT in [0 - 256]"), if anything
  std::string default_value;
  std::string description;
  bool required = false;
  bool repeated = false;  // several values (FILE...)
  std::vector<std::string> needs, excludes;
};

struct CliCommand {
  std::string name;
  std::string description, footer;
  std::vector<CliOption> positionals, options;
};

// A program and its subcommands, in the order --help lists them.
struct CliModel {
  CliCommand program;
  std::vector<CliCommand> commands;
};

// Reads every option that is added: add a subcommand's options before
// (cli.h, add_all_options). Throws std::logic_error for a subcommand with
// subcommands of its own, which neither the man page nor the completion
// describes.
CliModel describe(const CLI::App& app);

}  // namespace mpijobc

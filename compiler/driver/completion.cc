#include "driver/completion.h"

#include <sstream>
#include <stdexcept>

namespace mpijobc {
namespace {

// One word for bash, quoted unless it is plain.
std::string word(const std::string& text) {
  if (!text.empty() && text.find_first_not_of("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ"
                                              "0123456789-_./:@%+,=") == std::string::npos)
    return text;
  std::string out = "'";
  for (char c : text) out += c == '\'' ? std::string("'\\''") : std::string(1, c);
  return out + "'";
}

std::string words(const std::vector<std::string>& items, const std::string& separator) {
  std::string out;
  for (const std::string& item : items) out += (out.empty() ? "" : separator) + word(item);
  return out;
}

// What completes the value of `option` (or a positional), as bash commands.
std::string complete_value(const CliOption& option) {
  if (!option.choices.empty()) return "_{program}_words \"$cur\" " + words(option.choices, " ");
  if (option.value == "DIR") return "compopt -o dirnames 2>/dev/null";
  if (option.value == "FILE") return "compopt -o default 2>/dev/null";
  return ":";  // nothing to offer: a number, a name
}

std::vector<std::string> option_names(const CliCommand& command) {
  std::vector<std::string> out;
  for (const CliOption& option : command.options) out.insert(out.end(), option.names.begin(), option.names.end());
  return out;
}

// The case branch of one (sub)command: the value of the option before the
// cursor, else an option, else what the command takes next.
void write_command(std::ostream& out, const CliCommand& command, const std::string& next) {
  bool takes_values = false;
  for (const CliOption& option : command.options) takes_values |= !option.value.empty();
  if (takes_values) {
    out << "      case $prev in\n";
    for (const CliOption& option : command.options)
      if (!option.value.empty())
        out << "        " << words(option.names, "|") << ") " << complete_value(option) << "; return ;;\n";
    out << "      esac\n";
  }
  out << "      case $cur in\n"
      << "        -*) _{program}_words \"$cur\" " << words(option_names(command), " ") << " ;;\n"
      << "        *) " << next << " ;;\n"
      << "      esac ;;\n";
}

std::string replace_all(std::string text, const std::string& from, const std::string& to) {
  for (size_t at = 0; (at = text.find(from, at)) != std::string::npos; at += to.size()) text.replace(at, from.size(), to);
  return text;
}

}  // namespace

std::string bash_completion(const CliModel& cli) {
  if (cli.commands.empty()) throw std::invalid_argument(cli.program.name + " has no subcommands to complete");
  std::vector<std::string> names;
  for (const CliCommand& command : cli.commands) names.push_back(command.name);
  std::ostringstream out;
  out << "# bash completion for {program}: its subcommands, their options, and the values of the\n"
         "# options that take one of a few. Generated from the command-line definitions of\n"
         "# {program} (the ones --help prints); do not edit.\n"
         "\n"
         "# Adds to COMPREPLY the words (after the first argument) that start with the first.\n"
         "_{program}_words() {\n"
         "  local word\n"
         "  for word in \"${@:2}\"; do\n"
         "    [[ $word == \"$1\"* ]] && COMPREPLY+=(\"$word\")\n"
         "  done\n"
         "}\n"
         "\n"
         "_{program}() {\n"
         "  local cur=${COMP_WORDS[COMP_CWORD]} prev=${COMP_WORDS[COMP_CWORD-1]} command='' i\n"
         "  # bash splits --option=value at the '=': complete the value of --option.\n"
         "  if [[ $cur == = ]]; then\n"
         "    cur=\n"
         "  elif [[ $prev == = ]]; then\n"
         "    prev=${COMP_WORDS[COMP_CWORD-2]}\n"
         "  fi\n"
         "  for ((i = 1; i < COMP_CWORD; i++)); do\n"
         "    case ${COMP_WORDS[i]} in\n"
         "      "
      << words(names, "|") << ") command=${COMP_WORDS[i]}; break ;;\n"
      << "    esac\n"
         "  done\n"
         "  COMPREPLY=()\n"
         "  case $command in\n"
         "    '')\n";
  write_command(out, cli.program, "_{program}_words \"$cur\" " + words(names, " "));
  for (const CliCommand& command : cli.commands) {
    out << "    " << word(command.name) << ")\n";
    const CliOption* positional = command.positionals.empty() ? nullptr : &command.positionals.front();
    write_command(out, command, positional ? complete_value(*positional) : ":");
  }
  out << "  esac\n"
         "}\n"
         "\n"
         "complete -F _{program} {program}\n";
  return replace_all(out.str(), "{program}", cli.program.name);
}

}  // namespace mpijobc

#include "driver/man_page.h"

#include <cctype>
#include <sstream>

namespace mpijobc {
namespace {

// Text for roff: backslashes and minus signs escaped (a "-" is a hyphen in
// roff; options must read as minus signs, to be copied), a line that would
// start with a control character ('.' or '\'') made plain, and a break point
// after each '|' (a list of values too long for a line: the targets).
std::string roff(const std::string& text) {
  std::string out;
  bool line_start = true;
  for (char c : text) {
    if (line_start && (c == '.' || c == '\'')) out += "\\&";
    if (c == '\\') out += "\\(rs";
    else if (c == '-') out += "\\-";
    else if (c == '|') out += "|\\:";
    else out += c;
    line_start = c == '\n';
  }
  return out;
}

std::string bold(const std::string& text) { return "\\fB" + roff(text) + "\\fR"; }
std::string italic(const std::string& text) { return "\\fI" + roff(text) + "\\fR"; }

// Descriptions and footers are wrapped for a terminal: a line that starts
// with a lowercase letter goes on with the sentence of the line before, and
// roff fills it in; any other line (an example, an indented line, a new
// sentence) starts a line of its own, as --help shows it.
std::string paragraph(const std::string& text) {
  std::string out = roff(text);
  while (!out.empty() && out.back() == '\n') out.pop_back();
  for (size_t at = 0; (at = out.find('\n', at)) != std::string::npos; ++at)
    if (!std::islower(static_cast<unsigned char>(out[at + 1]))) {
      out.insert(at, "\n.br");
      at += 4;
    }
  return out;
}

std::string join(const std::vector<std::string>& items, const std::string& separator) {
  std::string out;
  for (const std::string& item : items) out += (out.empty() ? "" : separator) + item;
  return out;
}

std::string positional_usage(const CliOption& positional) {
  std::string usage = italic(positional.value) + (positional.repeated ? "..." : "");
  return positional.required ? usage : "[" + usage + "]";
}

// "mpijobc build [OPTIONS] FILE...", as `invocation` runs `command`.
std::string usage(const std::string& invocation, const CliCommand& command) {
  std::string out = bold(invocation);
  if (!command.options.empty()) out += " [" + italic("OPTIONS") + "]";
  for (const CliOption& positional : command.positionals) out += " " + positional_usage(positional);
  return out;
}

void write_option(std::ostream& out, const CliOption& option) {
  std::vector<std::string> names;
  for (const std::string& name : option.names) names.push_back(bold(name));
  std::string tag = option.names.empty() ? positional_usage(option) : join(names, ", ");
  if (!option.names.empty() && !option.value.empty())
    tag += " " + italic(option.value) + (option.repeated ? " ..." : "");
  std::vector<std::string> notes;
  if (!option.description.empty()) notes.push_back(paragraph(option.description));
  if (option.required) notes.push_back("Required.");
  if (!option.check.empty()) notes.push_back("Value: " + roff(option.check));
  if (!option.default_value.empty()) notes.push_back("Default: " + roff(option.default_value));
  if (!option.needs.empty()) notes.push_back("Needs: " + roff(join(option.needs, ", ")));
  if (!option.excludes.empty()) notes.push_back("Excludes: " + roff(join(option.excludes, ", ")));
  out << ".TP\n" << tag << "\n" << join(notes, "\n.br\n") << "\n";
}

void write_options(std::ostream& out, const CliCommand& command) {
  for (const CliOption& positional : command.positionals) write_option(out, positional);
  for (const CliOption& option : command.options) write_option(out, option);
}

std::string upper(std::string text) {
  for (char& c : text) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  return text;
}

}  // namespace

std::string man_page(const CliModel& cli, const std::string& summary, const std::string& version) {
  const std::string& program = cli.program.name;
  std::ostringstream out;
  out << ".\\\" Generated from the command-line definitions of " << program
      << " (the ones --help prints); do not edit.\n"
      << ".TH " << upper(roff(program)) << " 1 \"\" \"" << roff(program + " " + version)
      << "\" \"User Commands\"\n"
      // Names, paths and identifiers read better neither hyphenated nor stretched.
      << ".nh\n.ad l\n"
      << ".SH NAME\n"
      << roff(program) << " \\- " << roff(summary) << "\n"
      << ".SH SYNOPSIS\n"
      << usage(program, cli.program) << (cli.commands.empty() ? "" : " " + italic("COMMAND")) << "\n";
  for (const CliCommand& command : cli.commands)
    out << ".br\n" << usage(program + " " + command.name, command) << "\n";
  out << ".SH DESCRIPTION\n" << paragraph(cli.program.description) << "\n";
  if (!cli.program.footer.empty()) out << ".PP\n" << paragraph(cli.program.footer) << "\n";
  out << ".SH OPTIONS\n";
  write_options(out, cli.program);
  if (!cli.commands.empty()) out << ".SH COMMANDS\n";
  for (const CliCommand& command : cli.commands) {
    out << ".SS " << roff(command.name) << "\n" << usage(program + " " + command.name, command) << "\n";
    if (!command.description.empty()) out << ".PP\n" << paragraph(command.description) << "\n";
    write_options(out, command);
    if (!command.footer.empty()) out << ".PP\n" << paragraph(command.footer) << "\n";
  }
  return out.str();
}

}  // namespace mpijobc

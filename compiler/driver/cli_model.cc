#include "driver/cli_model.h"

#include <algorithm>
#include <stdexcept>

#include <CLI/CLI.hpp>

namespace mpijobc {
namespace {

std::vector<std::string> split(const std::string& text, char separator) {
  std::vector<std::string> out;
  size_t start = 0;
  for (size_t end; (end = text.find(separator, start)) != std::string::npos; start = end + 1)
    out.push_back(text.substr(start, end - start));
  out.push_back(text.substr(start));
  return out;
}

// Sorted: a set of pointers has no stable order.
std::vector<std::string> names_of(const std::set<CLI::Option*>& options) {
  std::vector<std::string> out;
  for (const CLI::Option* option : options) out.push_back(option->get_name());
  std::sort(out.begin(), out.end());
  return out;
}

CliOption describe_option(const CLI::Option& option) {
  CliOption out;
  for (const std::string& name : option.get_snames()) out.names.push_back("-" + name);
  for (const std::string& name : option.get_lnames()) out.names.push_back("--" + name);
  // The type name, then what each check adds to it: "N:UINT in [0 - 256]"
  // (ExistingDirectory adds "DIR" to a DIR: nothing new).
  std::string type = option.get_type_name();
  size_t colon = type.find(':');
  out.value = type.substr(0, colon);
  if (colon != std::string::npos && type.compare(colon + 1, std::string::npos, out.value) != 0)
    out.check = type.substr(colon + 1);
  if (out.value.find(kChoiceSeparator) != std::string::npos)
    out.choices = split(out.value, kChoiceSeparator);
  out.default_value = option.get_default_str();
  out.description = option.get_description();
  out.required = option.get_required();
  out.repeated = option.get_expected_max() >= CLI::detail::expected_max_vector_size;
  out.needs = names_of(option.get_needs());
  out.excludes = names_of(option.get_excludes());
  return out;
}

CliCommand describe_command(const CLI::App& app) {
  CliCommand out;
  out.name = app.get_name();
  out.description = app.get_description();
  out.footer = app.get_footer();
  for (const CLI::Option* option : app.get_options())
    (option->get_positional() ? out.positionals : out.options).push_back(describe_option(*option));
  return out;
}

}  // namespace

CliModel describe(const CLI::App& app) {
  CliModel out{describe_command(app), {}};
  for (const CLI::App* command : app.get_subcommands([](const CLI::App*) { return true; })) {
    if (!command->get_subcommands([](const CLI::App*) { return true; }).empty())
      throw std::logic_error(app.get_name() + " " + command->get_name() +
                             ": the man page and the completion describe one level of subcommands");
    out.commands.push_back(describe_command(*command));
  }
  return out;
}

}  // namespace mpijobc

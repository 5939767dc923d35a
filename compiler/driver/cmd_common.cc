// What several subcommands share: options that take one of a few values,
// the diagnostics format and threads options, and the output of findings.
#include <unistd.h>

#include <algorithm>
#include <cstdlib>
#include <iostream>
#include <stdexcept>
#include <utility>

#include "driver/cli_model.h"
#include "driver/command.h"
#include "dsl/from_node.h"
#include "dsl/printer.h"
#include "frontend/documents.h"
#include "support/yaml_writer.h"

namespace mpijobc {

CLI::Option* one_of(CLI::Option* option, const std::vector<std::string>& values) {
  std::string type, list;
  for (const std::string& value : values) {
    // describe() (cli_model.h) could not read it back from the type name.
    if (value.empty() || value.find(':') != std::string::npos ||
        value.find(kChoiceSeparator) != std::string::npos)
      throw std::invalid_argument("one_of: '" + value + "' cannot be a choice");
    type += (type.empty() ? "" : std::string(1, kChoiceSeparator)) + value;
    list += (list.empty() ? "" : ", ") + value;
  }
  // Names only: CLI11's IsMember also takes what converts to one of them.
  auto is_one = [values, list](std::string& value) -> std::string {
    if (std::find(values.begin(), values.end(), value) != values.end()) return "";
    return "'" + value + "' is not one of " + list;
  };
  return option->type_name(type)->check(CLI::Validator(is_one, ""));
}

void add_format_option(CLI::App* cmd, DiagnosticFormat& format) {
  static const std::vector<std::pair<std::string, DiagnosticFormat>> formats = {
      {"text", DiagnosticFormat::Text}, {"json", DiagnosticFormat::Json}, {"sarif", DiagnosticFormat::Sarif}};
  std::vector<std::string> names;
  for (const auto& [name, value] : formats) names.push_back(name);
  // one_of checks the name first; then it becomes the format.
  auto set_format = [&format](const std::string& name) {
    for (const auto& [known, value] : formats)
      if (known == name) format = value;
  };
  one_of(cmd->add_option_function<std::string>("--format", set_format,
                                               "How findings are reported: text (stderr, GCC style), "
                                               "json or sarif (stdout; SARIF 2.1.0 for GitHub code scanning)"),
         names)
      ->default_str("text");
}

void add_threads_option(CLI::App* cmd, unsigned& threads) {
  cmd->add_option("-j,--threads", threads,
                  "Files are compiled on N threads, at most 256; the output is the same for any N "
                  "(default: 0, one per CPU)")
      ->type_name("N")
      ->check(CLI::Validator(CLI::Range(0u, 256u)).description(""))  // not "INT in [0 - 256]"
      ->default_str("0");
}

void add_stdin_option(CLI::App* cmd, std::string& name, bool picks_syntax) {
  cmd->add_option("--stdin-filename", name,
                  picks_syntax ? "The name standard input ('-') has in findings and outputs; a "
                                 "name ending in .mpijob reads it as the DSL (default: <stdin>, "
                                 "YAML)"
                               : "The name standard input ('-') has in findings (default: <stdin>)")
      ->type_name("NAME");
}

bool check_stdin_args(const std::string& command, const std::vector<std::string>& inputs,
                      const std::string& stdin_name) {
  size_t count = std::count(inputs.begin(), inputs.end(), kStdinArg);
  std::string problem;
  if (count > 1) problem = "'-' (standard input) can be read only once";
  else if (stdin_name.empty()) problem = "--stdin-filename needs a name";
  else if (count == 0 && stdin_name != kStdinName)
    problem = "--stdin-filename names standard input: give '-' too";
  if (!problem.empty()) std::cerr << "mpijobc " << command << ": " << problem << "\n";
  return problem.empty();
}

std::string print_specs(const std::vector<Node>& specs, const std::string& syntax) {
  if (syntax == "yaml") {
    std::string out;
    for (const Node& spec : specs) out += "---\n" + to_yaml(spec, Spelling::AsWritten);
    return out;
  }
  dsl::File out;
  for (const Node& spec : specs) out.jobs.push_back(dsl::from_document(spec));
  return dsl::print(out);
}

void emit_diagnostics(DiagnosticFormat format, const SourceManager& sources,
                      const std::vector<Diagnostic>& diags, const RunCounts& counts) {
  switch (format) {
    case DiagnosticFormat::Text:
      print_text(std::cerr, sources, diags, isatty(STDERR_FILENO) && !std::getenv("NO_COLOR"));
      break;
    case DiagnosticFormat::Json:
      std::cout << to_json(sources, diags, counts);
      break;
    case DiagnosticFormat::Sarif:
      std::cout << to_sarif(sources, diags, MPIJOBC_VERSION, MPIJOBC_DOCS_URL, counts);
      break;
  }
}

}  // namespace mpijobc

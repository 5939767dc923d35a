// What several subcommands share: the diagnostics format and threads
// options, and the output of findings.
#include <unistd.h>

#include <cstdlib>
#include <iostream>
#include <utility>

#include "driver/cli_model.h"
#include "driver/command.h"

namespace mpijobc {

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
                  "Files are compiled on N threads; the output is the same for any N "
                  "(default: one per CPU)")
      ->type_name("N")
      ->check(CLI::Range(0u, 256u))
      ->default_str("0");
}

void emit_diagnostics(DiagnosticFormat format, const SourceManager& sources,
                      const std::vector<Diagnostic>& diags) {
  switch (format) {
    case DiagnosticFormat::Text:
      print_text(std::cerr, sources, diags, isatty(STDERR_FILENO) && !std::getenv("NO_COLOR"));
      break;
    case DiagnosticFormat::Json:
      std::cout << to_json(sources, diags);
      break;
    case DiagnosticFormat::Sarif:
      std::cout << to_sarif(sources, diags, MPIJOBC_VERSION);
      break;
  }
}

}  // namespace mpijobc

// What several subcommands share: the diagnostics format option and output.
#include <unistd.h>

#include <cstdlib>
#include <iostream>
#include <map>

#include "driver/command.h"

namespace mpijobc {

void add_format_option(CLI::App* cmd, DiagnosticFormat& format) {
  const std::map<std::string, DiagnosticFormat> names = {
      {"text", DiagnosticFormat::Text}, {"json", DiagnosticFormat::Json}, {"sarif", DiagnosticFormat::Sarif}};
  cmd->add_option("--format", format,
                  "How findings are reported: text (stderr, GCC style), json or sarif (stdout; "
                  "SARIF 2.1.0 for GitHub code scanning)")
      ->transform(CLI::CheckedTransformer(names).description(""))
      ->type_name("text|json|sarif")
      ->default_str("text");
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

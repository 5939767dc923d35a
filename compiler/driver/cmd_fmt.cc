// `mpijobc fmt FILE...`: rewrites .mpijob files in the canonical layout
// (dsl/printer.h), keeping every comment. --check only lists the files that
// are not formatted (the pre-commit hook); --stdout prints instead of
// writing. A file with syntax errors is reported and nothing is written.
#include <iostream>
#include <memory>

#include "driver/command.h"
#include "driver/inputs.h"
#include "dsl/parser.h"
#include "dsl/printer.h"
#include "frontend/documents.h"
#include "output/writer.h"

namespace mpijobc {
namespace {

struct FmtArgs {
  std::vector<std::string> inputs;
  bool check = false;
  bool to_stdout = false;
  DiagnosticFormat format = DiagnosticFormat::Text;
};

int run_fmt(const FmtArgs& args) {
  SourceManager sources;
  DiagnosticEngine diags;
  std::vector<OutputFile> changed;
  std::string printed;
  for (const SpecInput& input : expand_inputs(args.inputs, {})) {
    if (!is_dsl_path(input.path)) {
      if (!input.discovered)
        diags.error({}, {}, input.path + " is not a DSL file (*.mpijob)",
                    "fmt formats the DSL; YAML files are left to your YAML formatter", "io/read");
      continue;
    }
    uint32_t file = load_file(sources, input.path, diags);
    std::optional<dsl::File> parsed = file ? dsl::parse(sources, file, diags) : std::nullopt;
    if (!parsed) continue;
    std::string formatted = dsl::print(*parsed);
    if (args.to_stdout) printed += formatted;
    else if (formatted != sources.text(file)) changed.push_back({input.path, formatted});
  }
  emit_diagnostics(args.format, sources, diags.all());
  if (diags.has_errors()) {
    std::cerr << "mpijobc: " << diags.error_count() << " error(s); nothing formatted\n";
    return kExitFindings;
  }
  if (args.to_stdout) {
    std::cout << printed;
    return kExitOk;
  }
  if (args.check) {
    for (const OutputFile& f : changed) std::cout << f.path << "\n";
    if (changed.empty()) return kExitOk;
    std::cerr << "mpijobc: " << changed.size()
              << " file(s) not formatted: run mpijobc fmt on them\n";
    return kExitFindings;
  }
  if (!write_all("", changed, diags).ok) {
    emit_diagnostics(args.format, sources, diags.all());
    return kExitFindings;
  }
  for (const OutputFile& f : changed) std::cerr << "formatted " << f.path << "\n";
  return kExitOk;
}

}  // namespace

Command add_fmt_command(CLI::App& app) {
  auto args = std::make_shared<FmtArgs>();
  CLI::App* cmd = app.add_subcommand("fmt", "Rewrite DSL files (*.mpijob) in the canonical layout");
  auto add_options = [cmd, args] {
    cmd->add_option("files", args->inputs, "DSL files, or directories to search for *.mpijob")
        ->required()
        ->type_name("FILE");
    auto* check = cmd->add_flag("--check", args->check,
                                "Write nothing; list the files that are not formatted, exit 1 if any");
    cmd->add_flag("--stdout", args->to_stdout, "Print the formatted files instead of writing them")
        ->excludes(check);
    add_format_option(cmd, args->format);
    cmd->footer(
        "Comments are kept. Files with syntax errors are reported and nothing is written.\n"
        "Example (pre-commit): mpijobc fmt --check jobs/");
  };
  return {cmd, add_options, [args] { return run_fmt(*args); }};
}

}  // namespace mpijobc

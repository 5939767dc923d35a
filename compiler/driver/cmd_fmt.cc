// `mpijobc fmt FILE...`: rewrites .mpijob files in the canonical layout
// (dsl/printer.h), keeping every comment. --check only lists the files that
// are not formatted (the pre-commit hook); --stdout prints instead of
// writing. "-" reads standard input and prints it formatted (format-on-save).
// A file with syntax errors is reported and nothing is written.
#include <algorithm>
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
  std::string stdin_name{kStdinName};
  bool check = false;
  bool to_stdout = false;
  DiagnosticFormat format = DiagnosticFormat::Text;
};

int run_fmt(const FmtArgs& args) {
  if (!check_stdin_args("fmt", args.inputs, args.stdin_name)) return kExitUsage;
  bool prints = args.to_stdout ||
                (!args.check && std::find(args.inputs.begin(), args.inputs.end(), kStdinArg) !=
                                    args.inputs.end());
  if (prints && args.format != DiagnosticFormat::Text) {
    std::cerr << "mpijobc fmt: --stdout (or '-') and --format json|sarif all write to stdout; "
                 "choose one\n";
    return kExitUsage;
  }
  SourceManager sources;
  DiagnosticEngine diags;
  std::vector<OutputFile> changed;
  std::string printed;
  for (const SpecInput& input : expand_inputs(args.inputs, {})) {
    bool from_stdin = input.path == kStdinArg;  // always the DSL
    if (!from_stdin && !is_dsl_path(input.path)) {
      if (!input.discovered)
        diags.error({}, {}, input.path + " is not a DSL file (*.mpijob)",
                    "fmt formats the DSL; YAML files are left to your YAML formatter", "io/read");
      continue;
    }
    uint32_t file = add_input(sources, input.path, args.stdin_name);
    std::optional<dsl::File> parsed =
        read_file(sources, file, diags) ? dsl::parse(sources, file, diags) : std::nullopt;
    if (!parsed) continue;
    std::string formatted = dsl::print(*parsed);
    if (args.to_stdout || (from_stdin && !args.check)) printed += formatted;
    else if (formatted != sources.text(file)) changed.push_back({sources.path(file), formatted});
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
  std::cout << printed;  // standard input
  return kExitOk;
}

}  // namespace

Command add_fmt_command(CLI::App& app) {
  auto args = std::make_shared<FmtArgs>();
  CLI::App* cmd = app.add_subcommand("fmt", "Rewrite DSL files (*.mpijob) in the canonical layout");
  auto add_options = [cmd, args] {
    cmd->add_option("files", args->inputs,
                    "DSL files, or directories to search for *.mpijob; '-' reads standard input "
                    "and prints it formatted")
        ->required()
        ->type_name("FILE");
    auto* check = cmd->add_flag("--check", args->check,
                                "Write nothing; list the files that are not formatted, exit 1 if any");
    cmd->add_flag("--stdout", args->to_stdout, "Print the formatted files instead of writing them")
        ->excludes(check);
    add_stdin_option(cmd, args->stdin_name, false);
    add_format_option(cmd, args->format);
    cmd->footer(
        "Comments are kept. Files with syntax errors are reported and nothing is written.\n"
        "Example (pre-commit): mpijobc fmt --check jobs/\n"
        "Example (format-on-save): mpijobc fmt --stdin-filename jobs/pi.mpijob - < buffer");
  };
  return {cmd, add_options, [args] { return run_fmt(*args); }};
}

}  // namespace mpijobc

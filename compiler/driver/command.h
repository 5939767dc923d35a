// One CLI subcommand per file (driver/cmd_<name>.cc): each registers itself
// on the app and returns what adds its options and what runs it once its
// arguments are parsed. main.cc adds only the chosen subcommand's options
// (registering every subcommand's options took 4 % of a one-spec build).
#pragma once

#include <functional>

#include <CLI/CLI.hpp>

#include "support/diagnostic_formats.h"
#include "support/node.h"

namespace mpijobc {

// Exit codes, the same for every subcommand (README, --help).
inline constexpr int kExitOk = 0;
inline constexpr int kExitFindings = 1;  // errors in the input, stale outputs, failed runs
inline constexpr int kExitUsage = 2;

struct Command {
  CLI::App* app = nullptr;
  std::function<void()> add_options;  // may be empty
  std::function<int()> run;
};

// The option takes one of `values` (none empty, none with ':' or '|'):
// CLI11 refuses any other, and --help shows them as the option's type name,
// a|b|c, from which the man page and the bash completion read them
// (cli_model.h). Returns the option.
CLI::Option* one_of(CLI::Option* option, const std::vector<std::string>& values);
// --format text|json|sarif, for the commands that report findings.
void add_format_option(CLI::App* cmd, DiagnosticFormat& format);
// -j/--threads N, for the commands that compile or check many files (0, the
// default: one thread per CPU; the output does not depend on it).
void add_threads_option(CLI::App* cmd, unsigned& threads);
// --stdin-filename NAME, for the commands that read "-" (standard input);
// for all but fmt, which reads only the DSL, the name also picks the syntax.
void add_stdin_option(CLI::App* cmd, std::string& name, bool picks_syntax = true);
// The usage rules of "-": at most once, and --stdin-filename (non-empty)
// only with it. Prints the usage error and returns false when broken.
bool check_stdin_args(const std::string& command, const std::vector<std::string>& inputs,
                      const std::string& stdin_name);
// Job spec documents as one text in `syntax`: "yaml", a stream of documents,
// or "dsl", one file of jobs (as convert and import print them).
std::string print_specs(const std::vector<Node>& specs, const std::string& syntax);

// Reports findings: text on stderr (in colour on a terminal, unless NO_COLOR
// is set), JSON or SARIF on stdout, these with the run's counts.
void emit_diagnostics(DiagnosticFormat format, const SourceManager& sources,
                      const std::vector<Diagnostic>& diags, const RunCounts& counts = {});

Command add_build_command(CLI::App& app);
Command add_run_command(CLI::App& app);
Command add_validate_command(CLI::App& app);
Command add_schema_command(CLI::App& app);
Command add_convert_command(CLI::App& app);
Command add_fmt_command(CLI::App& app);
Command add_import_command(CLI::App& app);

}  // namespace mpijobc

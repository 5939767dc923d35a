#include "driver/man_page.h"

#include <catch2/catch.hpp>

namespace mpijobc {
namespace {

using Strings = std::vector<std::string>;

CliOption option(const Strings& names, const std::string& value, const std::string& default_value,
                 const std::string& description) {
  CliOption out;
  out.names = names;
  out.value = value;
  out.default_value = default_value;
  out.description = description;
  return out;
}

CliModel program() {
  CliModel cli;
  cli.program.name = "prog";
  cli.program.description = "prog builds things\nfrom specs.\n.Lines that start with a dot are text";
  cli.program.footer = "Exit codes: 0 ok.";
  cli.program.options = {option({"-h", "--help"}, "", "", "Print this help message and exit"),
                         option({"--version"}, "", "", "Display program version information and exit")};
  CliCommand build;
  build.name = "build";
  build.description = "Build specs into a directory";
  build.footer = "Example: prog build a.yaml\n  'quoted' \\ backslash\n";
  CliOption specs = option({}, "FILE", "", "Spec files");
  specs.required = true;
  specs.repeated = true;
  build.positionals = {specs};
  CliOption threads = option({"-j", "--threads"}, "N", "0", "Threads");
  threads.check = "UINT in [0 - 256]";
  CliOption format = option({"--format"}, "text|json", "text", "How findings are reported");
  format.choices = {"text", "json"};
  CliOption diff = option({"--diff"}, "", "", "Print diffs");
  diff.needs = {"--check"};
  diff.excludes = {"--stdout", "--quiet"};
  build.options = {option({"-o", "--output"}, "DIR", "deploy", "Output directory"), threads, format, diff};
  CliCommand schema;
  schema.name = "schema";
  schema.description = "Print the schema";
  cli.commands = {build, schema};
  return cli;
}

TEST_CASE("man page: title, NAME for whatis, a synopsis line per command") {
  std::string page = man_page(program(), "compile job specs into manifests", "1.2.3");
  CHECK(page.rfind(".\\\" Generated from the command-line definitions of prog", 0) == 0);
  CHECK(page.find("\n.TH PROG 1 \"\" \"prog 1.2.3\" \"User Commands\"\n.nh\n.ad l\n") != std::string::npos);
  CHECK(page.find("\n.SH NAME\nprog \\- compile job specs into manifests\n") != std::string::npos);
  CHECK(page.find("\n.SH SYNOPSIS\n"
                  "\\fBprog\\fR [\\fIOPTIONS\\fR] \\fICOMMAND\\fR\n"
                  ".br\n"
                  "\\fBprog build\\fR [\\fIOPTIONS\\fR] \\fIFILE\\fR...\n"
                  ".br\n"
                  "\\fBprog schema\\fR\n"
                  ".SH DESCRIPTION\n") != std::string::npos);
}

TEST_CASE("man page: text is escaped for roff, lines that go on with a sentence are filled") {
  std::string page = man_page(program(), "s", "1");
  // A line that starts with a dot would be a request; hyphens are minus signs.
  CHECK(page.find("\n.SH DESCRIPTION\nprog builds things\nfrom specs.\n.br\n"
                  "\\&.Lines that start with a dot are text\n.PP\nExit codes: 0 ok.\n") != std::string::npos);
  // A trailing newline makes no empty line.
  CHECK(page.find("Example: prog build a.yaml\n.br\n  'quoted' \\(rs backslash\n.SS schema\n") !=
        std::string::npos);
  CHECK(page.find("\n'") == std::string::npos);
}

TEST_CASE("man page: every option with its value, default, check and relations") {
  std::string page = man_page(program(), "s", "1");
  CHECK(page.find(".SH OPTIONS\n"
                  ".TP\n\\fB\\-h\\fR, \\fB\\-\\-help\\fR\nPrint this help message and exit\n"
                  ".TP\n\\fB\\-\\-version\\fR\nDisplay program version information and exit\n"
                  ".SH COMMANDS\n") != std::string::npos);
  CHECK(page.find(".SS build\n"
                  "\\fBprog build\\fR [\\fIOPTIONS\\fR] \\fIFILE\\fR...\n"
                  ".PP\nBuild specs into a directory\n"
                  ".TP\n\\fIFILE\\fR...\nSpec files\n.br\nRequired.\n"
                  ".TP\n\\fB\\-o\\fR, \\fB\\-\\-output\\fR \\fIDIR\\fR\nOutput directory\n.br\nDefault: deploy\n"
                  ".TP\n\\fB\\-j\\fR, \\fB\\-\\-threads\\fR \\fIN\\fR\nThreads\n.br\n"
                  "Value: UINT in [0 \\- 256]\n.br\nDefault: 0\n"
                  ".TP\n\\fB\\-\\-format\\fR \\fItext|\\:json\\fR\nHow findings are reported\n.br\nDefault: text\n"
                  ".TP\n\\fB\\-\\-diff\\fR\nPrint diffs\n.br\nNeeds: \\-\\-check\n.br\n"
                  "Excludes: \\-\\-stdout, \\-\\-quiet\n"
                  ".PP\nExample: prog build a.yaml\n") != std::string::npos);
  CHECK(page.find(".SS schema\n\\fBprog schema\\fR\n.PP\nPrint the schema\n") != std::string::npos);
}

}  // namespace
}  // namespace mpijobc

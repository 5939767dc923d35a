#include "driver/cli_model.h"

#include <CLI/CLI.hpp>
#include <catch2/catch.hpp>

#include "driver/command.h"

namespace mpijobc {
namespace {

using Strings = std::vector<std::string>;

// That one_of refuses other values is tested on mpijobc's own options
// (tests/cli_test.cc): parsing here took this file's build from 8 to 10 s.
TEST_CASE("one_of: the values are shown as the type name and read back as choices") {
  CLI::App app{"", "prog"};
  std::string to;
  one_of(app.add_option("--to", to, "The syntax"), {"dsl", "yaml"});
  CHECK(app.get_option("--to")->get_type_name() == "dsl|yaml");
  CHECK(describe(app).program.options.back().choices == Strings{"dsl", "yaml"});

  CHECK_THROWS_AS(one_of(app.add_option("--bad", to), {"a:b"}), std::invalid_argument);
  CHECK_THROWS_AS(one_of(app.add_option("--worse", to), {"a|b"}), std::invalid_argument);
}

TEST_CASE("describe reads options, positionals and subcommands in the order of --help") {
  CLI::App app{"The program.", "prog"};
  app.footer("Exit codes: none.");
  app.set_version_flag("--version", "prog 1");
  CLI::App* build = app.add_subcommand("build", "Build things");
  build->footer("Example: prog build x");
  std::vector<std::string> files;
  std::string out = "deploy";
  unsigned threads = 0;
  bool check = false, diff = false;
  build->add_option("specs", files, "Spec files")->required()->type_name("FILE");
  build->add_option("-o,--output", out, "Output directory")->type_name("DIR")->capture_default_str();
  build->add_option("--templates", out, "Templates")->type_name("DIR")->check(CLI::ExistingDirectory);
  build->add_option("-j,--threads", threads, "Threads")->type_name("N")->check(CLI::Range(0u, 256u));
  CLI::Option* check_flag = build->add_flag("--check", check, "Check only");
  build->add_flag("--diff", diff, "Diffs")->needs(check_flag);
  app.add_subcommand("schema", "Print the schema");

  CliModel model = describe(app);
  CHECK(model.program.name == "prog");
  CHECK(model.program.description == "The program.");
  CHECK(model.program.footer == "Exit codes: none.");
  REQUIRE(model.program.options.size() == 2);
  CHECK(model.program.options[0].names == Strings{"-h", "--help"});
  CHECK(model.program.options[0].value.empty());  // a flag
  CHECK(model.program.options[1].names == Strings{"--version"});
  CHECK(model.program.positionals.empty());

  REQUIRE(model.commands.size() == 2);
  const CliCommand& b = model.commands[0];
  CHECK(b.name == "build");
  CHECK(b.description == "Build things");
  CHECK(b.footer == "Example: prog build x");
  REQUIRE(b.positionals.size() == 1);
  CHECK(b.positionals[0].names.empty());
  CHECK(b.positionals[0].value == "FILE");
  CHECK(b.positionals[0].required);
  CHECK(b.positionals[0].repeated);

  REQUIRE(b.options.size() == 6);  // --help first
  const CliOption& output = b.options[1];
  CHECK(output.names == Strings{"-o", "--output"});
  CHECK(output.value == "DIR");
  CHECK(output.default_value == "deploy");
  CHECK(output.description == "Output directory");
  CHECK_FALSE(output.required);
  CHECK_FALSE(output.repeated);
  CHECK(output.check.empty());
  CHECK(output.choices.empty());
  CHECK(b.options[2].value == "DIR");  // ExistingDirectory adds "DIR" again
  CHECK(b.options[2].check.empty());
  CHECK(b.options[3].value == "N");
  CHECK(b.options[3].check == "UINT in [0 - 256]");
  CHECK(b.options[5].names == Strings{"--diff"});
  CHECK(b.options[5].needs == Strings{"--check"});
  CHECK(b.options[4].excludes.empty());

  CHECK(model.commands[1].name == "schema");
  CHECK(model.commands[1].positionals.empty());
}

TEST_CASE("describe refuses a second level of subcommands") {
  CLI::App app{"", "prog"};
  app.add_subcommand("remote")->add_subcommand("add");
  CHECK_THROWS_AS(describe(app), std::logic_error);
}

}  // namespace
}  // namespace mpijobc

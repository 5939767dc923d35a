#include "render/templates.h"

#include <catch2/catch.hpp>
#include <cstdlib>
#include <filesystem>
#include <fstream>

using namespace mpijobc;

TEST_CASE("shell_quote: bare when safe, single-quoted otherwise") {
  CHECK(shell_quote("--epochs") == "--epochs");
  CHECK(shell_quote("ghcr.io/a:1,2@x%y+z") == "ghcr.io/a:1,2@x%y+z");
  CHECK(shell_quote("") == "''");
  CHECK(shell_quote("a b") == "'a b'");
  CHECK(shell_quote("it's") == "'it'\\''s'");
  for (const char* special : {"$HOME", "`id`", "a\nb", "x=1", "~", "*", "^openib", "a;b"})
    CHECK(shell_quote(special) == std::string("'") + special + "'");
  for (const char* reserved : {"done", "then", "fi", "esac", "time"})
    CHECK(shell_quote(reserved) == std::string("'") + reserved + "'");
  CHECK(shell_quote("doner") == "doner");
}

TEST_CASE("comment_safe and tidy_layout") {
  CHECK(comment_safe("a\nb\tc\x7f") == "a?b?c?");
  CHECK(tidy_layout("a\n\n\n\nb\n\n") == "a\n\nb\n");
  CHECK(tidy_layout("a") == "a\n");
}

TEST_CASE("Templates: --templates dir overrides, bad templates are errors") {
  std::string tmpl = (std::filesystem::temp_directory_path() / "mpijobc-tmpl-XXXXXX").string();
  std::string dir = ::mkdtemp(tmpl.data());
  std::ofstream(dir + "/launcher.sh.mustache") << "run{{#args}} {{.}}{{/args}}\n";
  std::ofstream(dir + "/Dockerfile.mustache") << "{{#open}}\n";
  TemplateData data;
  data["args"] = string_list({"a b", "c"});
  DiagnosticEngine diags;
  SourceManager sources;
  CHECK(Templates(sources, dir, false).render("launcher.sh.mustache", data, diags) == "run 'a b' c\n");
  CHECK_FALSE(Templates(sources, dir, false).render("Dockerfile.mustache", data, diags));
  CHECK(diags.error_count() == 1);
  // Located in the file, at the tag.
  CHECK(diags.all()[0].message == "section 'open' is not closed");
  CHECK(sources.path(diags.all()[0].loc.file) == dir + "/Dockerfile.mustache");
  CHECK((diags.all()[0].loc.line == 1 && diags.all()[0].loc.column == 1));
  CHECK_FALSE(Templates().render("nope.mustache", data, diags));
  CHECK(diags.all()[1].message == "no template named nope.mustache");
  // Sections nested over a list: 2^40 copies, stopped at the limit.
  std::string open_40, close_40;
  for (int i = 0; i < 40; ++i) open_40 += "{{#args}}", close_40 += "{{/args}}";
  std::ofstream(dir + "/big.mustache") << open_40 << "x" << close_40;
  CHECK_FALSE(Templates(sources, dir, false).render("big.mustache", data, diags));
  REQUIRE(diags.error_count() == 3);
  CHECK(diags.all()[2].message == dir + "/big.mustache renders to more than 16 MiB");
  // A file missing from the directory falls back to the built-in template.
  std::filesystem::remove(dir + "/launcher.sh.mustache");
  auto builtin = Templates(sources, dir, false).render("launcher.sh.mustache", data, diags);
  REQUIRE(builtin);
  CHECK(builtin->rfind("#!/bin/sh\n", 0) == 0);
  std::filesystem::remove_all(dir);
}

TEST_CASE("Templates: a name the data does not have is a located warning, or with strict an error") {
  std::string tmpl = (std::filesystem::temp_directory_path() / "mpijobc-tmpl-XXXXXX").string();
  std::string dir = ::mkdtemp(tmpl.data());
  std::ofstream(dir + "/Dockerfile.mustache")
      << "# {{name}}\nFROM {{base_imag}}\n{{#pip}}{{requirement}} {{zzz}}{{/pip}}{{#nope}}{{/nope}}\n";
  TemplateData data;
  data["name"] = "job";
  data["base_image"] = "debian:12";
  data["pip"]["requirements"] = string_list({"x"});
  SourceManager sources;
  DiagnosticEngine diags;
  CHECK(Templates(sources, dir, false).render("Dockerfile.mustache", data, diags) ==
        "# job\nFROM \n \n");
  REQUIRE(diags.all().size() == 3);
  const Diagnostic& typo = diags.all()[0];
  CHECK(typo.severity == Severity::Warning);
  CHECK(sources.path(typo.loc.file) == dir + "/Dockerfile.mustache");
  CHECK((typo.loc.line == 2 && typo.loc.column == 6));
  CHECK(typo.message == "'base_imag' is not a name of the data here: it renders empty");
  CHECK(typo.hint == "did you mean 'base_image'?");
  CHECK(typo.rule == "template/unknown-name");
  // Inside a section, the section's names count too.
  CHECK(diags.all()[1].message == "'requirement' is not a name of the data here: it renders empty");
  CHECK(diags.all()[1].hint == "did you mean 'requirements'?");
  CHECK(diags.all()[2].hint == "the names here are listed in templates/README.md");
  CHECK(diags.error_count() == 0);

  DiagnosticEngine strict;
  CHECK_FALSE(Templates(sources, dir, true).render("Dockerfile.mustache", data, strict));
  CHECK(strict.error_count() == 3);
  // The built-in templates are not checked: their names are the data's by construction.
  DiagnosticEngine builtin;
  CHECK(Templates().render("Dockerfile.mustache", data, builtin));
  CHECK(builtin.all().empty());
  std::filesystem::remove_all(dir);
}

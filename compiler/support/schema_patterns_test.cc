#include "support/schema_patterns.h"

#include <catch2/catch.hpp>
#include <thread>

#include "support/located_schema.h"
#include "testing/fixtures.h"

using namespace mpijobc;
using nlohmann::json;

TEST_CASE("schema patterns: keywords are renamed, properties called 'pattern' are not") {
  json schema = json::parse(R"({
    "type": "object", "pattern": "^a",
    "properties": {"pattern": {"type": "string", "pattern": "^b"}},
    "items": [{"pattern": "^c"}],
    "allOf": [{"pattern": "^d"}], "additionalProperties": {"pattern": "^e"},
    "definitions": {"X": {"pattern": "^f"}},
    "enum": [{"pattern": "data, not a keyword"}]})");
  json renamed = rename_patterns(schema);
  CHECK(renamed[kPatternKeyword] == "^a");
  CHECK(!renamed.contains("pattern"));
  CHECK(renamed["properties"].contains("pattern"));
  CHECK(renamed["properties"]["pattern"][kPatternKeyword] == "^b");
  CHECK(renamed["items"][0][kPatternKeyword] == "^c");
  CHECK(renamed["allOf"][0][kPatternKeyword] == "^d");
  CHECK(renamed["additionalProperties"][kPatternKeyword] == "^e");
  CHECK(renamed["definitions"]["X"][kPatternKeyword] == "^f");
  CHECK(renamed["enum"][0]["pattern"] == "data, not a keyword");
}

TEST_CASE("schema patterns: ECMAScript search semantics, as std::regex") {
  for (const char* pattern : {"^[a-z0-9]([-a-z0-9]*[a-z0-9])?$", "[[:digit:]]+", "\\d\\w\\s",
                              "^[^\\u0000-\\u001f\\u007f]*$", "[A-Z]", "(?:ab|cd){2}", "[.]"}) {
    std::regex ours_as_std(pattern);
    SchemaRegex ours(pattern);
    for (const char* text : {"abc", "a-b", "-ab", "ABC", "12", "x1_ y", "abcd", "cdab", "a.b",
                             "tab\there", "", "Z9"}) {
      INFO(pattern << " on '" << text << "'");
      CHECK(std::regex_search(text, ours) == std::regex_search(text, ours_as_std));
    }
  }
}

TEST_CASE("schema patterns: a located schema reports mismatches and invalid patterns") {
  LocatedSchema schema(json::parse(R"({"type": "object", "properties": {
      "name": {"type": "string", "pattern": "^[a-z]+$"},
      "broken": {"type": "string", "pattern": "([a-z"}}})"),
                       "t");
  testing::Parsed ok = testing::parse("name: abc\n");
  DiagnosticEngine none;
  CHECK(schema.check(ok.doc(), "", none));

  testing::Parsed bad = testing::parse("name: Abc\nbroken: x\n");
  DiagnosticEngine diags;
  CHECK(!schema.check(bad.doc(), "", diags));
  std::vector<std::string> found = testing::messages(diags);
  REQUIRE(found.size() == 2);
  CHECK(found[0] == "1:7: name: 'Abc' does not have the form this field requires [t/format]");
  CHECK(found[1].find("2:9: broken: the schema's pattern is not a valid regular expression: ([a-z") == 0);
}

TEST_CASE("schema patterns: one schema checks documents on several threads") {
  LocatedSchema schema(json::parse(R"({"type": "object", "properties": {
      "name": {"type": "string", "pattern": "^[a-z]+$"}}})"),
                       "t");
  testing::Parsed good = testing::parse("name: abc\n");
  testing::Parsed bad = testing::parse("name: ABC\n");
  std::vector<size_t> errors(4);
  std::vector<std::thread> threads;
  for (size_t t = 0; t < errors.size(); ++t)
    threads.emplace_back([&, t] {
      for (int i = 0; i < 200; ++i) {
        DiagnosticEngine diags;
        schema.check(good.doc(), "", diags);
        schema.check(bad.doc(), "", diags);
        errors[t] += diags.error_count();
      }
    });
  for (std::thread& t : threads) t.join();
  for (size_t e : errors) CHECK(e == 200);
}

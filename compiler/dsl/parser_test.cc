#include "dsl/parser.h"

#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>
#include <random>
#include <sstream>

#include "dsl/printer.h"
#include "testing/fixtures.h"

using namespace mpijobc;

namespace {

struct Parsed {
  SourceManager sources;
  DiagnosticEngine diags;
  std::optional<dsl::File> file;
  explicit Parsed(const std::string& text, const dsl::DslLimits& limits = {}) {
    file = dsl::parse(sources, sources.add("t.mpijob", text), diags, limits);
  }
  std::vector<std::string> errors() const { return testing::messages(diags); }
};

}  // namespace

TEST_CASE("dsl parser: jobs, entries and every kind of value, with positions") {
  Parsed p(
      "MPIJob pi {\n"
      "  slots 2\n"
      "  worker { replicas 4, limits { cpu 500m, mem 1.5Gi } }\n"
      "  command [python, \"a b\", -3, 2.5e3]\n"
      "}\n"
      "HorovodJob \"3d-unet\" { verbose true }\n");
  REQUIRE(p.file);
  REQUIRE(p.file->jobs.size() == 2);
  const dsl::Job& pi = p.file->jobs[0];
  CHECK(pi.kind.text == "MPIJob");
  CHECK(pi.name.text == "pi");
  REQUIRE(pi.body.entries.size() == 3);
  const dsl::Entry& worker = pi.body.entries[1];
  CHECK(worker.key == "worker");
  CHECK(worker.key_loc.line == 3);
  CHECK(worker.key_loc.column == 3);
  const dsl::Value& limits = worker.value.entries[1].value;
  CHECK(limits.entries[0].value.kind == dsl::Value::Kind::Unit);
  CHECK(limits.entries[1].value.text == "1.5Gi");
  CHECK(limits.entries[1].value.loc.column == 47);
  const dsl::Value& command = pi.body.entries[2].value;
  REQUIRE(command.items.size() == 4);
  CHECK(command.items[0].value.kind == dsl::Value::Kind::Word);
  CHECK(command.items[1].value.kind == dsl::Value::Kind::String);
  CHECK(command.items[1].value.text == "a b");
  CHECK(command.items[2].value.kind == dsl::Value::Kind::Int);
  CHECK(command.items[3].value.kind == dsl::Value::Kind::Float);
  CHECK(p.file->jobs[1].name.kind == dsl::Value::Kind::String);
  CHECK(p.file->jobs[1].name.text == "3d-unet");
}

TEST_CASE("dsl parser: string escapes, UTF-8 and byte columns") {
  Parsed p("MPIJob x { a \"q\\\" b\\\\ n\\n t\\t \\u{1F600} \\u{e9}\" b \"été\" c d }\n");
  REQUIRE(p.file);
  const auto& entries = p.file->jobs[0].body.entries;
  CHECK(entries[0].value.text == "q\" b\\ n\n t\t \xF0\x9F\x98\x80 \xC3\xA9");
  CHECK(entries[1].value.text == "\xC3\xA9t\xC3\xA9");
  CHECK(entries[2].key_loc.column == 59);  // after "été": columns count bytes (57 code points)
}

TEST_CASE("dsl parser: every error of a file, in order, with actionable messages") {
  Parsed p(
      "MPIJob pi {\n"
      "  image: \"x\"\n"
      "  worker { replicas }\n"
      "  command [--epochs, 1e3Gi, 'a']\n"
      "  labels { app.kubernetes.io/name x }\n"
      "  env { A \"bad\\q\" B \"open\n"
      "}\n");
  CHECK_FALSE(p.file);
  CHECK(p.errors() == std::vector<std::string>{
      "2:8: unexpected ':' after 'image' [dsl/syntax]",
      "3:21: expected a value for 'replicas', found '}' [dsl/syntax]",
      "4:12: '--epochs' is not a bare word (bare words start with a letter or '_' and hold only "
      "letters, digits, '_', '.' and '-') [dsl/syntax]",
      "4:22: '1e3Gi' is not a number, a quantity (4Gi, 500m) or a duration (90s, 30min, 1h, 2d) "
      "[dsl/syntax]",
      "4:29: 'a' is in single quotes [dsl/syntax]",
      "5:12: 'app.kubernetes.io/name' is not a bare word (bare words start with a letter or '_' "
      "and hold only letters, digits, '_', '.' and '-') [dsl/syntax]",
      "6:7: the '{' at line 6 is never closed [dsl/syntax]",
      "6:15: invalid escape in a string [dsl/syntax]",
      "6:21: this string is not closed on its line [dsl/syntax]",
  });
  CHECK(p.diags.all()[1].hint.find("a { block }") != std::string::npos);
  CHECK(p.diags.all()[2].hint == "quote it if it is a string: \"--epochs\"");
  CHECK(p.diags.all()[4].hint == "strings are written in double quotes: \"a\"");
}

TEST_CASE("dsl parser: a word after a key is its value unless what follows says otherwise") {
  // 'b' cannot be a's value: the '{' after it would then need a key. The
  // parser looks ahead (SLL, in both the first pass and the reporting one) and finds
  // 'a' without a value, whichever pass reports.
  Parsed ok("MPIJob x { a b c { d 1 } }\n");
  REQUIRE(ok.file);
  const auto& entries = ok.file->jobs[0].body.entries;
  REQUIRE(entries.size() == 2);
  CHECK(entries[0].value.text == "b");
  CHECK(entries[1].key == "c");
  CHECK(entries[1].value.kind == dsl::Value::Kind::Block);
  Parsed missing("MPIJob x { a b { c 1 } d 2 }\n");
  CHECK(missing.errors() == std::vector<std::string>{
      "1:14: expected a value for 'a', found 'b' [dsl/syntax]"});
  // With a syntax error too, the second pass reports all of them; a stray
  // character that starts the file is also a syntax error there.
  Parsed both("`MPIJob x { a b { c 1 } d 2 ] }\n");
  CHECK(both.errors() == std::vector<std::string>{
      "1:1: unexpected character '`' [dsl/syntax]",
      "1:1: expected a job such as 'MPIJob NAME { ... }' or 'HorovodJob NAME { ... }', found '`' "
      "[dsl/syntax]",
      "1:15: expected a value for 'a', found 'b' [dsl/syntax]",
      "1:29: expected a key or '}' to close the '{' at line 1, found ']' [dsl/syntax]",
  });
}

TEST_CASE("dsl parser: numbers in YAML's spellings are tokens, near misses are errors") {
  Parsed ok("MPIJob x { a [0x1F, 0o17, +3, -0, 010, .5, 1., +2.0, 1.e-2, .inf, -.Inf, .NaN, 0xffGi] }\n");
  REQUIRE(ok.file);
  const auto& items = ok.file->jobs.at(0).body.entries.at(0).value.items;
  std::vector<std::pair<dsl::Value::Kind, std::string>> got;
  for (const dsl::Item& i : items) got.emplace_back(i.value.kind, i.value.text);
  using V = dsl::Value::Kind;
  CHECK(got == std::vector<std::pair<dsl::Value::Kind, std::string>>{
      {V::Int, "0x1F"}, {V::Int, "0o17"}, {V::Int, "+3"}, {V::Int, "-0"}, {V::Int, "010"},
      {V::Float, ".5"}, {V::Float, "1."}, {V::Float, "+2.0"}, {V::Float, "1.e-2"},
      {V::Float, ".inf"}, {V::Float, "-.Inf"}, {V::Float, ".NaN"}, {V::Unit, "0xffGi"}});
  CHECK(Parsed("MPIJob x { a [.5Gi, 0o8, 1_000, .infinity, -.nan, +x] }\n").errors() ==
        std::vector<std::string>{
            "1:15: '.5Gi' is not a number, a quantity (4Gi, 500m) or a duration (90s, 30min, 1h, "
            "2d) [dsl/syntax]",
            "1:21: '0o8' is not a number, a quantity (4Gi, 500m) or a duration (90s, 30min, 1h, "
            "2d) [dsl/syntax]",
            "1:26: '1_000' is not a number, a quantity (4Gi, 500m) or a duration (90s, 30min, 1h, "
            "2d) [dsl/syntax]",
            "1:33: '.infinity' is not a bare word (bare words start with a letter or '_' and hold "
            "only letters, digits, '_', '.' and '-') [dsl/syntax]",
            "1:44: '-.nan' is not a bare word (bare words start with a letter or '_' and hold only "
            "letters, digits, '_', '.' and '-') [dsl/syntax]",
            "1:51: '+x' is not a bare word (bare words start with a letter or '_' and hold only "
            "letters, digits, '_', '.' and '-') [dsl/syntax]"});
}

TEST_CASE("dsl parser: structure errors name what was expected and where it opened") {
  using V = std::vector<std::string>;
  CHECK(Parsed("MPIJob {\n}\n").errors() ==
        V{"1:8: expected the job's name after 'MPIJob', found '{' [dsl/syntax]"});
  CHECK(Parsed("job x {}\nfoo\n").errors() ==
        V{"2:1: 'foo' does not start a job: expected 'MPIJob NAME { ... }' or "
          "'HorovodJob NAME { ... }' [dsl/syntax]"});
  CHECK(Parsed("MPIJob x {\n  worker { replicas 2\n").errors() ==
        V{"2:10: the '{' at line 2 is never closed [dsl/syntax]"});
  // The '}' that starts line 6 is indented as the job's: the worker's '{' is
  // the one left open, not the job's.
  CHECK(Parsed("MPIJob x {\n  image a\n  command [a]\n  slots 2\n  worker { replicas 2\n}\n")
            .errors() == V{"5:10: the '{' at line 5 is never closed [dsl/syntax]"});
  CHECK(Parsed("MPIJob x {\n  command [a b]\n}\n").errors() ==
        V{"2:14: expected ',' or ']' after a list item (the '[' is at line 2), found 'b' "
          "[dsl/syntax]"});
  CHECK(Parsed("MPIJob x {\n  2\n}\n").errors() ==
        V{"2:3: expected a key or '}' to close the '{' at line 1, found '2' [dsl/syntax]"});
  CHECK(Parsed("MPIJob x {\n  a \"\\u{D800}\"\n}\n").errors() ==
        V{"2:6: invalid escape in a string [dsl/syntax]"});
}

TEST_CASE("dsl parser: nesting beyond the limit is an error, not a stack overflow") {
  std::string deep = "MPIJob x { a " + std::string(5000, '[') + std::string(5000, ']') + " }\n";
  Parsed p(deep);
  CHECK_FALSE(p.file);
  CHECK(p.errors() == std::vector<std::string>{"1:141: nesting deeper than 128 levels [dsl/syntax]"});
  dsl::DslLimits small;
  small.max_scalar_bytes = 8;
  CHECK(Parsed("MPIJob x { a \"0123456789\" }\n", small).errors() ==
        std::vector<std::string>{"1:14: string longer than 8 bytes [dsl/syntax]"});
}

TEST_CASE("dsl parser: the text checks run first (NUL, UTF-8, controls)") {
  CHECK(Parsed(std::string("MPIJob x {\0}", 12)).errors() ==
        std::vector<std::string>{"1:11: NUL byte in the input [input/encoding]"});
  CHECK(Parsed("MPIJob x { a \"\xFF\" }").errors() ==
        std::vector<std::string>{"1:15: invalid UTF-8 in the input [input/encoding]"});
}

TEST_CASE("dsl parser: an empty file or one with only comments has no jobs") {
  CHECK(Parsed("").file->jobs.empty());
  CHECK(Parsed("# nothing\n// here\n").file->jobs.empty());
}

TEST_CASE("dsl parser: a byte order mark that starts the file is skipped, and positions stay right") {
  Parsed p("\xEF\xBB\xBF" "MPIJob x { a }\n");
  // The '}' is the 17th byte of the line: columns count bytes, the mark too.
  CHECK(p.errors() == std::vector<std::string>{
      "1:17: expected a value for 'a', found '}' [dsl/syntax]"});
}

// parser.cc predicts with SLL, where ANTLR's default is full LL: the same
// trees and the same messages (hints included), on every .mpijob file of the
// repository and on edits of them that break them in every way (a fixed
// seed: the same inputs each run).
TEST_CASE("dsl parser: SLL prediction gives what full LL gives, trees and messages") {
  std::vector<std::string> files;
  for (const char* dir : {"samples", "tests", "docs"})
    for (const auto& e : std::filesystem::recursive_directory_iterator(
             std::filesystem::path(MPIJOBC_SOURCE_DIR) / dir))
      if (e.path().extension() == ".mpijob") {
        std::ifstream in(e.path(), std::ios::binary);
        std::stringstream text;
        text << in.rdbuf();
        files.push_back(text.str());
      }
  REQUIRE(files.size() > 10);
  const std::vector<std::string> pieces = {"{", "}", "[", "]", ",", " x ", "\"", "\n", "1", "1Gi",
                                           "key value", "#c\n", "\"s\"", "MPIJob a {", "}}", "]]"};
  std::mt19937 random(1);
  auto below = [&](size_t n) { return std::uniform_int_distribution<size_t>(0, n)(random); };
  std::vector<std::string> inputs = files;
  for (int i = 0; i < 3000; ++i) {
    std::string s = files[below(files.size() - 1)];
    for (size_t edits = 1 + below(3); edits > 0; --edits) {
      size_t at = below(s.size()), op = below(2);
      if (op == 0) s.insert(at, pieces[below(pieces.size() - 1)]);
      else if (op == 1) s.erase(at, 1 + below(7));
      else s.insert(at, s.substr(below(s.size()), 1 + below(19)));
    }
    inputs.push_back(s);
  }
  size_t with_errors = 0;
  for (const std::string& text : inputs) {
    dsl::DslLimits reference;
    reference.full_ll = true;
    Parsed sll(text), ll(text, reference);
    INFO(text);
    REQUIRE(sll.errors() == ll.errors());
    for (size_t d = 0; d < sll.diags.all().size(); ++d)
      REQUIRE(sll.diags.all()[d].hint == ll.diags.all()[d].hint);
    REQUIRE(sll.file.has_value() == ll.file.has_value());
    if (sll.file) REQUIRE(dsl::print(*sll.file) == dsl::print(*ll.file));
    with_errors += sll.diags.has_errors();
  }
  CHECK(with_errors > 1500);  // the edits break most files
}

#include "support/text_checks.h"

#include <catch2/catch.hpp>

using namespace mpijobc;

namespace {

struct Checked {
  SourceManager sources;
  DiagnosticEngine diags;
  bool ok;
  explicit Checked(std::string text, TextLimits limits = {}) {
    ok = check_text(sources, sources.add("t.yaml", std::move(text)), diags, limits);
  }
  const Diagnostic& first() const { return diags.all().at(0); }
};

}  // namespace

TEST_CASE("UTF-8 text passes, including multi-byte characters") {
  Checked c("name: caf\xC3\xA9 \xE2\x82\xAC \xF0\x9F\x9A\x80\n");
  CHECK(c.ok);
  CHECK_FALSE(c.diags.has_errors());
}

TEST_CASE("invalid UTF-8 is located at its first bad byte") {
  Checked c("a: 1\nb: x\xFFy\n");
  REQUIRE_FALSE(c.ok);
  CHECK(c.first().message == "invalid UTF-8 in the input");
  CHECK(c.first().loc.line == 2);
  CHECK(c.first().loc.column == 5);
  CHECK(c.first().rule == "input/encoding");
}

TEST_CASE("overlong forms, surrogates, truncated and out-of-range sequences are invalid") {
  for (const char* bad : {"\xC0\xAF", "\xE0\x80\xAF", "\xED\xA0\x80", "\xF4\x90\x80\x80", "\xE2\x82",
                          "\x80", "\xF8\x88\x80\x80\x80"})
    CHECK(valid_utf8_prefix(std::string("ok") + bad) == 2);
  CHECK(valid_utf8_prefix("\xF4\x8F\xBF\xBF") == 4);  // U+10FFFF is the last valid one
}

TEST_CASE("NUL bytes are located errors") {
  Checked c(std::string("a: 1\nbb: x\0y\n", 13));
  REQUIRE_FALSE(c.ok);
  CHECK(c.first().message == "NUL byte in the input");
  CHECK(c.first().loc.line == 2);
  CHECK(c.first().loc.column == 6);
}

TEST_CASE("C0 control characters other than tab, CR and LF are located errors") {
  Checked c("key: 1\nresource\x06s:\n");
  REQUIRE_FALSE(c.ok);
  CHECK(c.first().message == "control character U+0006 in the input");
  CHECK(c.first().loc.line == 2);
  CHECK(c.first().loc.column == 9);
  CHECK(c.first().rule == "input/encoding");
  CHECK(Checked("a: \x1b[0m\n").first().message == "control character U+001B in the input");
  // DEL and C1 controls are legal in JSON strings; the writer escapes them.
  CHECK(Checked("a:\tb\r\nc: \x7F \xC2\x9B\n").ok);
}

TEST_CASE("files above the size limit are refused before parsing") {
  Checked c(std::string(2048, '#'), TextLimits{1024});
  REQUIRE_FALSE(c.ok);
  CHECK(c.first().message == "file too large: 2048 bytes, the limit is 1024");
  CHECK(c.first().rule == "input/too-large");
}

TEST_CASE("printable masks control characters and stray bytes but keeps tabs and UTF-8") {
  CHECK(printable("a\x1b[31mb\tc\xC3\xA9\n") == "a?[31mb\tc\xC3\xA9?");
  CHECK(printable("caf\xE9!\xC3") == "caf?!?");
}

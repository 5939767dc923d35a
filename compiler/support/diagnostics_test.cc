#include "support/diagnostics.h"

#include <catch2/catch.hpp>
#include <sstream>

using namespace mpijobc;

TEST_CASE("text diagnostics: location, path, caret and note") {
  SourceManager sources;
  uint32_t f = sources.add("job.yaml", "spec:\n  slots: two\n");
  DiagnosticEngine diags;
  diags.error({f, 2, 10}, "spec.slots", "expected integer, got string", "write a number, e.g. 2");
  diags.warning({}, {}, "no position");
  CHECK(diags.error_count() == 1);
  CHECK(diags.warning_count() == 1);
  std::ostringstream out;
  print_text(out, sources, diags.all());
  CHECK(out.str() ==
        "job.yaml:2:10: error: spec.slots: expected integer, got string\n"
        " 2 |   slots: two\n"
        "   |          ^\n"
        "job.yaml:2:10: note: write a number, e.g. 2\n"
        "mpijobc: warning: no position\n");
}

TEST_CASE("text diagnostics show a long line as a window around the column") {
  SourceManager sources;
  std::string line = std::string(5000, 'a') + "X" + std::string(5000, 'b');
  uint32_t f = sources.add("big.yaml", line + "\n");
  DiagnosticEngine diags;
  diags.error({f, 1, 5001}, {}, "here");
  std::ostringstream out;
  print_text(out, sources, diags.all());
  CHECK(out.str() == "big.yaml:1:5001: error: here\n"
                     " 1 | ..." + std::string(80, 'a') + "X" + std::string(79, 'b') + "...\n"
                     "   |    " + std::string(80, ' ') + "^\n");
  // At the start of the line, the window starts there too.
  diags = DiagnosticEngine();
  diags.error({f, 1, 2}, {}, "start");
  std::ostringstream start;
  print_text(start, sources, diags.all());
  CHECK(start.str() == "big.yaml:1:2: error: start\n"
                       " 1 | " + std::string(160, 'a') + "...\n"
                       "   |  ^\n");
}

TEST_CASE("text diagnostics cannot drive the terminal with user text") {
  SourceManager sources;
  uint32_t f = sources.add("job.yaml", "a: \"\x1b]0;pwned\x07\"\n");
  DiagnosticEngine diags;
  diags.error({f, 1, 4}, "a", "bad value '\x1b]0;pwned\x07'", "remove \x1b[2J");
  std::ostringstream out;
  print_text(out, sources, diags.all());
  CHECK(out.str().find('\x1b') == std::string::npos);
  CHECK(out.str().find('\x07') == std::string::npos);
  CHECK(out.str().find("bad value '?]0;pwned?'") != std::string::npos);
}

TEST_CASE("text diagnostics in colour, as GCC prints them on a terminal") {
  SourceManager sources;
  uint32_t f = sources.add("job.yaml", "a: 1\n");
  DiagnosticEngine diags;
  diags.error({f, 1, 4}, "a", "bad", "fix it");
  std::ostringstream out;
  print_text(out, sources, diags.all(), true);
  CHECK(out.str() ==
        "\033[1mjob.yaml:1:4: \033[0m\033[1;31merror: \033[0ma: bad\n"
        " 1 | a: 1\n"
        "   |    \033[1;32m^\033[0m\n"
        "\033[1mjob.yaml:1:4: \033[0m\033[1;36mnote: \033[0mfix it\n");
}

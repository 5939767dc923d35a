// Property test: random hostile strings (quotes, $(), backticks, newlines,
// CR, backslashes, YAML indicators, Dockerfile continuations, unicode) in
// every user field that reaches an output; tests/tools/injection_check.py
// checks each output with an independent oracle (PyYAML, /bin/sh with stub
// mpirun and horovodrun, shellcheck at its default severity, bash reading
// the Dockerfile's pip line). Fixed seed: reproducible.
#include <catch2/catch.hpp>

#include "harness.h"

using namespace e2e;

TEST_CASE("injection: no user string breaks out of its context in any output") {
  if (run("/usr/bin/python3 -c 'import yaml'").status != 0)
    skip("PyYAML is not installed (Debian package python3-yaml)");
  Result r = run("/usr/bin/python3 tests/tools/injection_check.py " + quote(mpijobc()) +
                 " 20261124 150");
  INFO(r.out << r.err);
  CHECK(r.status == 0);
  CHECK(r.out.find("150 passed, 0 failed") != std::string::npos);
}

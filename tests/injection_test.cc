// Property test: random hostile strings (quotes, $(), backticks, newlines,
// CR, backslashes, YAML indicators, Dockerfile continuations, unicode) in
// every user field that reaches an output, built for all five targets;
// tests/tools/injection_check.py checks each output with an independent
// oracle (PyYAML field by field in each target's objects, /bin/sh with stub
// mpirun and horovodrun, shellcheck at its default severity, bash reading
// the Dockerfile's pip line). Fixed seed: reproducible.
#include <catch2/catch.hpp>

#include <sstream>

#include "harness.h"

using namespace e2e;

namespace {

Result injection_check(const std::string& args) {
  if (run("/usr/bin/python3 -c 'import yaml'").status != 0)
    skip("PyYAML is not installed (Debian package python3-yaml)");
  return run("/usr/bin/python3 tests/tools/injection_check.py " + quote(mpijobc()) + " " + args);
}

}  // namespace

TEST_CASE("injection: no user string breaks out of its context in any output of any target") {
  // 100 specs, each for every target that can express it (Trainer: Open MPI only).
  Result r = injection_check("20261124 100");
  INFO(r.out << r.err);
  CHECK(r.status == 0);
  CHECK(r.out.find("431 passed, 0 failed") != std::string::npos);
}

TEST_CASE("injection: the oracle finds an env value changed in a Volcano Job") {
  // A stray quote in the first env value of every Volcano Job, as a quoting
  // bug would leave: each of the 6 specs fails there, and nowhere else.
  Result r = injection_check("20261124 6 --tamper Job");
  INFO(r.out << r.err);
  CHECK(r.status == 1);
  CHECK(r.out.find("21 passed, 6 failed") != std::string::npos);
  std::istringstream lines(r.out);
  for (std::string line; std::getline(lines, line);)
    if (line.rfind("FAIL ", 0) == 0)
      CHECK(line.find(", batch.volcano.sh/v1alpha1 (seed 20261124): Job spec.tasks.*.template.spec."
                      "containers.0.env changed: ") != std::string::npos);
}

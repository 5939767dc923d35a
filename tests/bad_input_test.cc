// Every file in tests/bad/ is a spec with mistakes, every file in
// tests/manifests/bad/ a hand-written MPIJob with mistakes. Its "# expect: "
// lines give diagnostics that must appear (each as the start of a stderr
// line, after "<file>:"; "# expect-unlocated: " after "mpijobc: "), and
// "# errors: N" the exact error count. `build` (specs), `validate`
// (manifests) or `import` (tests/import/bad) must exit 1, and build and
// import must write nothing.
#include <catch2/catch.hpp>

#include <filesystem>
#include <sstream>

#include "harness.h"

using namespace e2e;

namespace {

void check_bad_inputs(const std::string& dir, const std::string& command, size_t at_least) {
  std::vector<std::string> cases;
  for (const auto& e : std::filesystem::directory_iterator(source_dir() + "/" + dir))
    cases.push_back(dir + "/" + e.path().filename().string());
  std::sort(cases.begin(), cases.end());
  REQUIRE(cases.size() >= at_least);
  for (const std::string& c : cases) {
    std::vector<std::string> expect;
    std::string errors;
    std::istringstream in(read_file(source_dir() + "/" + c));
    for (std::string line; std::getline(in, line);) {
      if (line.rfind("# expect: ", 0) == 0) expect.push_back(c + ":" + line.substr(10));
      if (line.rfind("# expect-unlocated: ", 0) == 0) expect.push_back("mpijobc: " + line.substr(20));
      if (line.rfind("# errors: ", 0) == 0) errors = line.substr(10);
    }
    TempDir out;
    Result r = run(quote(mpijobc()) + " " + command + " " + c +
                   (command != "validate" ? " -o " + quote(out / "deploy") : ""));
    INFO(c << "\n--- stderr:\n" << r.err);
    REQUIRE_FALSE(expect.empty());
    CHECK(r.status == 1);
    CHECK_FALSE(exists(out / "deploy"));
    for (const std::string& e : expect)
      CHECK(("\n" + r.err).find("\n" + e) != std::string::npos);
    // build, import: "mpijobc: N error(s); nothing …"; validate's summary: "...; N errors, ...".
    std::string count = command != "validate" ? "mpijobc: " + errors + " error(s)"
                                              : "; " + errors + (errors == "1" ? " error, " : " errors, ");
    if (!errors.empty()) CHECK(r.err.find(count) != std::string::npos);
    CHECK(r.err.find("terminate") == std::string::npos);
  }
}

}  // namespace

TEST_CASE("bad inputs: located errors, exit 1, nothing written") {
  check_bad_inputs("tests/bad", "build", 25);
}

TEST_CASE("bad manifests: validate reports every operator rule at its line and column") {
  check_bad_inputs("tests/manifests/bad", "validate", 4);
}

TEST_CASE("bad imports: located errors, exit 1, nothing written with -o") {
  check_bad_inputs("tests/import/bad", "import", 5);
}

TEST_CASE("bad inputs: an input that never ends is refused as too large, nothing written") {
  TempDir out;
  // A device has no size to trust: reading stops one byte past the limit.
  Result r = run(quote(mpijobc()) + " build /dev/zero -o " + quote(out / "deploy"));
  INFO(r.err);
  CHECK(r.status == 1);
  CHECK(r.err.find("/dev/zero:1:1: error: file too large: 16777217 bytes, the limit is 16777216") !=
        std::string::npos);
  CHECK(r.err.size() < 1000);  // the 16 MiB line shows as a window
  CHECK_FALSE(exists(out / "deploy"));
}

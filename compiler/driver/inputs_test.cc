#include "driver/inputs.h"

#include <catch2/catch.hpp>
#include <filesystem>
#include <fstream>

using namespace mpijobc;

TEST_CASE("inputs: files as given, directories walked in sorted order") {
  namespace fs = std::filesystem;
  char tmpl[] = "/tmp/mpijobc-inputs-XXXXXX";
  REQUIRE(mkdtemp(tmpl));
  fs::path d(tmpl);
  for (const char* f : {"b/z.yaml", "b/a.yml", "a.yaml", "notes.txt", ".git/x.yaml", "deploy/pi/mpijob.yaml",
                        "c/.hidden/y.yaml", "c/d/e.yaml"}) {
    fs::create_directories((d / f).parent_path());
    std::ofstream(d / f) << "x: 1\n";
  }
  std::vector<SpecInput> in = expand_inputs({"named.yaml", d.string()}, (d / "deploy").string());
  std::vector<std::string> paths;
  for (const SpecInput& i : in) paths.push_back(i.path);
  std::string root = d.generic_string();
  CHECK(paths == std::vector<std::string>{"named.yaml", root + "/a.yaml", root + "/b/a.yml",
                                          root + "/b/z.yaml", root + "/c/d/e.yaml"});
  CHECK_FALSE(in[0].discovered);
  CHECK(in[1].discovered);
  fs::remove_all(d);
}

TEST_CASE("inputs: '-' is standard input, never a directory to walk") {
  namespace fs = std::filesystem;
  char tmpl[] = "/tmp/mpijobc-inputs-XXXXXX";
  REQUIRE(mkdtemp(tmpl));
  fs::path cwd = fs::current_path();
  fs::current_path(tmpl);
  fs::create_directories("-");
  std::ofstream("-/x.yaml") << "x: 1\n";
  std::vector<SpecInput> in = expand_inputs({"-"}, "deploy");
  fs::current_path(cwd);
  REQUIRE(in.size() == 1);
  CHECK(in[0].path == "-");
  CHECK_FALSE(in[0].discovered);
  fs::remove_all(tmpl);
}

// -j/--threads: files compile on several threads, and nothing a user sees
// depends on how many: the outputs, the findings and their order are those
// of one thread.
#include <catch2/catch.hpp>

#include "harness.h"

using namespace e2e;

namespace {

std::string replace_all(std::string s, const std::string& from, const std::string& to) {
  for (size_t at = s.find(from); at != std::string::npos; at = s.find(from, at + to.size()))
    s.replace(at, from.size(), to);
  return s;
}

// Every sample (YAML and DSL) once, and 60 copies of mpi-pi under other
// names: enough files that the threads overtake each other.
void good_tree(const TempDir& dir) {
  for (const std::string& sample : samples()) {
    std::string name = sample.substr(sample.rfind('/') + 1);
    std::string stem = name.substr(0, name.rfind('.'));
    std::string dsl = source_dir() + "/samples/" + stem + ".mpijob";
    // Each sample once: half as YAML, half as its DSL twin.
    if (stem.size() % 2 && exists(dsl)) write_file(dir / ("specs/" + stem + ".mpijob"), read_file(dsl));
    else write_file(dir / ("specs/" + name), read_file(source_dir() + "/" + sample));
  }
  std::string pi = read_file(source_dir() + "/samples/mpi-pi.yaml");
  for (int i = 0; i < 60; ++i)
    write_file(dir / ("specs/copies/pi-" + std::to_string(100 + i) + ".yaml"),
               replace_all(pi, "name: pi\n", "name: pi-" + std::to_string(i) + "\n"));
}

}  // namespace

TEST_CASE("parallel: build -j 1 and -j 4 write byte-identical trees") {
  TempDir dir;
  good_tree(dir);
  Result one = run(quote(mpijobc()) + " build -q -j 1 " + quote(dir / "specs") + " -o " + quote(dir / "one"));
  Result four = run(quote(mpijobc()) + " build -q -j 4 " + quote(dir / "specs") + " -o " + quote(dir / "four"));
  INFO(one.err << four.err);
  REQUIRE(one.status == 0);
  REQUIRE(four.status == 0);
  CHECK(one.err == four.err);
  std::vector<std::string> files = list_files(dir / "one");
  CHECK(files.size() >= 4 * 66);
  REQUIRE(files == list_files(dir / "four"));
  for (const std::string& f : files) {
    INFO(f);
    CHECK(read_file(dir / ("one/" + f)) == read_file(dir / ("four/" + f)));
  }
}

TEST_CASE("parallel: findings come in input order whatever the threads") {
  TempDir dir;
  good_tree(dir);
  // Every bad input, and a name defined twice across files.
  for (const std::string& bad : list_files(source_dir() + "/tests/bad"))
    write_file(dir / ("specs/bad/" + bad), read_file(source_dir() + "/tests/bad/" + bad));
  write_file(dir / "specs/zz-duplicate.yaml", read_file(source_dir() + "/samples/mpi-pi.yaml"));
  for (const char* command : {"build -o out", "validate"}) {
    INFO(command);
    // validate takes files: the same ones, by glob.
    std::string files = quote(dir / "specs");
    if (std::string(command) == "validate") files += "/*/* " + quote(dir / "specs") + "/*.yaml";
    Result one = run(quote(mpijobc()) + " " + command + " -j 1 --format json " + files);
    Result four = run(quote(mpijobc()) + " " + command + " -j 4 --format json " + files);
    CHECK(one.status == 1);
    CHECK(four.status == 1);
    CHECK(one.out.find("spec/duplicate-name") != std::string::npos);
    CHECK(one.out.size() > 10000);  // the findings of every bad input
    CHECK(one.out == four.out);
  }
  CHECK_FALSE(exists(dir / "out"));
}

TEST_CASE("parallel: --threads is checked") {
  Result r = run(quote(mpijobc()) + " build --threads -1 " + quote(source_dir() + "/samples/mpi-pi.yaml"));
  CHECK(r.status == 2);
  CHECK(r.err.find("--threads") != std::string::npos);
}

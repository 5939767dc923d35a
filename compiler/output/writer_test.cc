#include "output/writer.h"

#include <sys/stat.h>

#include <catch2/catch.hpp>
#include <filesystem>
#include <fstream>
#include <sstream>

using namespace mpijobc;
namespace fs = std::filesystem;

namespace {

struct TempDir {
  std::string path;
  TempDir() {
    std::string t = (fs::temp_directory_path() / "mpijobc-writer-XXXXXX").string();
    path = ::mkdtemp(t.data());
  }
  ~TempDir() { fs::remove_all(path); }
};

std::string read(const std::string& p) {
  std::ifstream in(p);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

std::vector<std::string> tree(const std::string& dir) {
  std::vector<std::string> out;
  for (const auto& e : fs::recursive_directory_iterator(dir)) out.push_back(e.path().string());
  std::sort(out.begin(), out.end());
  return out;
}

}  // namespace

TEST_CASE("writer: creates directories, skips unchanged files, sets the exec bit") {
  TempDir t;
  std::vector<OutputFile> files = {{"a/b/x.yaml", "x\n"}, {"a/run.sh", "#!/bin/sh\n", true}};
  DiagnosticEngine diags;
  WriteResult r = write_all(t.path + "/out", files, diags);
  REQUIRE(r.ok);
  CHECK(r.written.size() == 2);
  CHECK(read(t.path + "/out/a/b/x.yaml") == "x\n");
  CHECK(fs::status(t.path + "/out/a/run.sh").permissions() != fs::status(t.path + "/out/a/b/x.yaml").permissions());
  struct stat before, after;
  ::stat((t.path + "/out/a/b/x.yaml").c_str(), &before);
  files[1].content = "#!/bin/sh\necho\n";
  r = write_all(t.path + "/out", files, diags);
  REQUIRE(r.ok);
  CHECK(r.unchanged == std::vector<std::string>{t.path + "/out/a/b/x.yaml"});
  CHECK(r.written == std::vector<std::string>{t.path + "/out/a/run.sh"});
  ::stat((t.path + "/out/a/b/x.yaml").c_str(), &after);
  CHECK(before.st_ino == after.st_ino);
  CHECK(before.st_mtim.tv_nsec == after.st_mtim.tv_nsec);
}

TEST_CASE("writer: a failure leaves the disk exactly as before") {
  TempDir t;
  DiagnosticEngine diags;
  REQUIRE(write_all(t.path, {{"keep/x.yaml", "old\n"}}, diags).ok);
  std::ofstream(t.path + "/blocker") << "a regular file";
  auto before = tree(t.path);
  // The second file's parent is a regular file: staging fails after the
  // first file was staged and a directory created.
  WriteResult r = write_all(t.path, {{"keep/x.yaml", "new\n"}, {"fresh/dir/y", "y"},
                                     {"blocker/z", "z"}},
                            diags);
  CHECK_FALSE(r.ok);
  CHECK(diags.error_count() == 1);
  CHECK(diags.all()[0].message.find("cannot create directory " + t.path + "/blocker") == 0);
  CHECK(tree(t.path) == before);
  CHECK(read(t.path + "/keep/x.yaml") == "old\n");
}

TEST_CASE("writer: a new directory appears at commit, complete, and not at all otherwise") {
  TempDir t;
  DiagnosticEngine diags;
  {
    StagedWrite w(t.path + "/out", diags);
    REQUIRE(w.stage({"job/a.yaml", "a\n"}));
    REQUIRE(w.stage({"job/sub/b.sh", "b\n", true}));
    CHECK_FALSE(fs::exists(t.path + "/out"));  // staged under a hidden name
    REQUIRE(w.commit());
  }
  const std::string out = t.path + "/out";
  auto committed = tree(t.path);
  CHECK(committed == std::vector<std::string>{out, out + "/job", out + "/job/a.yaml",
                                              out + "/job/sub", out + "/job/sub/b.sh"});
  CHECK(read(out + "/job/sub/b.sh") == "b\n");
  {
    StagedWrite w(out, diags);
    REQUIRE(w.stage({"job/a.yaml", "changed\n"}));
    REQUIRE(w.stage({"job2/c.yaml", "c\n"}));
    REQUIRE(w.stage({"job/new/d.yaml", "d\n"}));
  }  // given up before commit
  CHECK(tree(t.path) == committed);
  CHECK(read(out + "/job/a.yaml") == "a\n");
  CHECK_FALSE(diags.has_errors());
}

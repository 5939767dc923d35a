// The .deb: cpack packs the build (cmake/package.cmake), and unpacked into a
// temporary root its mpijobc runs and prints the package's version, links
// SARIF rules to the docs it installs, its man page renders, and its bash
// completion completes subcommands, options and their values.
#include <catch2/catch.hpp>

#include <filesystem>

#include "harness.h"

using namespace e2e;

namespace {

// `dpkg-deb -f DEB FIELD`, without the newline.
std::string field(const std::string& deb, const std::string& name) {
  Result r = run("dpkg-deb -f " + quote(deb) + " " + name);
  REQUIRE(r.status == 0);
  return r.out.substr(0, r.out.find('\n'));
}

// The completions that `script` gives for the words of a command line, the
// last one being completed, one per line: what bash would offer on Tab.
std::string complete(const TempDir& tmp, const std::string& script, const std::string& words) {
  std::string driver = tmp / "complete.sh";
  write_file(driver,
             "source \"$1\"; shift\n"
             "read -r -a spec < <(complete -p mpijobc)  # complete -F FUNCTION mpijobc\n"
             "COMP_WORDS=(\"$@\"); COMP_CWORD=$(($# - 1))\n"
             "\"${spec[2]}\"\n"
             "printf '%s\\n' \"${COMPREPLY[@]}\"\n");
  Result r = run("bash " + quote(driver) + " " + quote(script) + " " + words);
  CHECK(r.err.empty());
  return r.out;
}

}  // namespace

TEST_CASE("the .deb installs mpijobc, its docs, its man page and its bash completion") {
  std::string config = std::filesystem::path(mpijobc()).parent_path() / "CPackConfig.cmake";
  if (!exists(config)) skip("this build makes no package (sanitizer builds do not)");
  if (!have_tool("cpack") || !have_tool("dpkg-deb")) skip("cpack or dpkg-deb is not installed");
  TempDir tmp;
  Result pack = run("cpack -G DEB --config " + quote(config) + " -B " + quote(tmp / "out"));
  INFO(pack.out << pack.err);
  REQUIRE(pack.status == 0);
  std::string deb;
  for (const std::string& file : list_files(tmp / "out"))
    if (file.find('/') == std::string::npos && file.size() > 4 && file.substr(file.size() - 4) == ".deb")
      deb = tmp / ("out/" + file);
  REQUIRE(!deb.empty());

  std::string version = field(deb, "Version");
  CHECK(field(deb, "Package") == "mpijobc");
  CHECK(std::filesystem::path(deb).filename() ==
        "mpijobc_" + version + "_" + field(deb, "Architecture") + ".deb");
  CHECK(field(deb, "Description") == "compile MPI and Horovod job specs into Kubeflow MPIJobs and Dockerfiles");
  CHECK(!field(deb, "Maintainer").empty());

  std::string root = tmp / "root";
  REQUIRE(run("dpkg-deb -x " + quote(deb) + " " + quote(root)).status == 0);
  std::string binary = root + "/usr/bin/mpijobc";
  Result v = run(quote(binary) + " --version");
  CHECK(v.status == 0);
  CHECK(v.out == "mpijobc " + version + "\n");
  CHECK(run(quote(binary) + " build samples/mpi-pi.yaml --stdout").status == 0);
  // SARIF links each rule to the docs; by default to those the package installs.
  Result sarif = run(quote(binary) + " build --format sarif tests/bad/wrong-types.yaml");
  std::string key = "\"helpUri\": \"file:///usr/";
  size_t at = sarif.out.find(key);
  if (at == std::string::npos) {
    WARN("this build links SARIF rules to docs elsewhere (MPIJOBC_DOCS_URL, CMAKE_INSTALL_PREFIX)");
  } else {
    size_t path = at + key.size() - 5, end = sarif.out.find('#', path);
    REQUIRE(end != std::string::npos);
    CHECK(sarif.out.substr(path, end - path) == "/usr/share/doc/mpijobc/spec.md");
    CHECK(exists(root + sarif.out.substr(path, end - path)));
  }
  // A static binary needs no package; a dynamic one (-DMPIJOBC_STATIC=OFF) its libraries'.
  bool is_static = run("readelf -d " + quote(binary) + " | grep -q NEEDED").status != 0;
  CHECK(field(deb, "Depends").empty() == is_static);

  std::string script = root + "/usr/share/bash-completion/completions/mpijobc";
  REQUIRE(exists(script));
  CHECK(complete(tmp, script, "mpijobc bu") == "build\n");
  CHECK(complete(tmp, script, "mpijobc build --tar") == "--target\n");
  CHECK(complete(tmp, script, "mpijobc build --target ''") ==
        "kubeflow.org/v2beta1\nkubeflow.org/v1\nbatch.test.bdap.com/v1\ntrainer.kubeflow.org/v1alpha1\n"
        "batch.volcano.sh/v1alpha1\n");
  CHECK(complete(tmp, script, "mpijobc validate a.yaml --format ''") == "text\njson\nsarif\n");
  CHECK(complete(tmp, script, "mpijobc convert a.yaml --to y") == "yaml\n");
  if (have_tool("shellcheck")) CHECK(run("shellcheck -s bash " + quote(script)).status == 0);

  std::string page = root + "/usr/share/man/man1/mpijobc.1.gz";
  REQUIRE(exists(page));
  if (!have_tool("man")) {
    WARN("man is not installed (Debian's man-db): the man page was not rendered");
    return;
  }
  Result whatis = run("lexgrog " + quote(page));
  CHECK(whatis.out.find("\"mpijobc - compile MPI and Horovod job specs") != std::string::npos);
  Result shown = run("MANWIDTH=100 man --warnings -E UTF-8 -l " + quote(page));
  CHECK(shown.status == 0);
  CHECK(shown.err.empty());
  for (const char* text : {"COMMANDS", "mpijobc build [OPTIONS] FILE...", "--target", "Exit codes"})
    CHECK(shown.out.find(text) != std::string::npos);
}

#include "driver/completion.h"

#include <unistd.h>

#include <catch2/catch.hpp>
#include <cstdio>
#include <filesystem>
#include <fstream>

namespace mpijobc {
namespace {

using Strings = std::vector<std::string>;

CliOption option(const Strings& names, const std::string& value = "", const Strings& choices = {}) {
  CliOption out;
  out.names = names;
  out.value = value;
  out.choices = choices;
  return out;
}

CliModel program() {
  CliModel cli;
  cli.program.name = "prog";
  cli.program.options = {option({"-h", "--help"}), option({"--version"})};
  CliCommand build;
  build.name = "build";
  build.positionals = {option({}, "FILE")};
  build.options = {option({"-h", "--help"}), option({"-o", "--output"}, "DIR"),
                   option({"--target"}, "v1|v2beta1|it's", {"v1", "v2beta1", "it's"}),
                   option({"-j", "--threads"}, "N"), option({"--werror"})};
  CliCommand bind;
  bind.name = "bind";
  cli.commands = {build, bind};
  return cli;
}

std::string quote(const std::string& s) {
  std::string out = "'";
  for (char c : s) out += c == '\'' ? std::string("'\\''") : std::string(1, c);
  return out + "'";
}

// What the script puts in COMPREPLY for the words of a command line, the
// last one being completed, as bash's programmable completion would call it.
Strings complete(const std::string& script, const Strings& words) {
  std::string path = (std::filesystem::temp_directory_path() / "mpijobc-completion-XXXXXX").string();
  int fd = mkstemp(path.data());
  REQUIRE(fd >= 0);
  close(fd);
  std::ofstream(path) << script;
  std::string command = "bash -c 'source \"$0\"; COMP_WORDS=(\"$@\"); COMP_CWORD=$(($# - 1)); "
                        "_prog; printf \"%s\\n\" \"${COMPREPLY[@]}\"' " +
                        quote(path);
  for (const std::string& word : words) command += " " + quote(word);
  FILE* out = popen(command.c_str(), "r");
  REQUIRE(out);
  std::string text;
  char buffer[256];
  while (size_t n = fread(buffer, 1, sizeof buffer, out)) text.append(buffer, n);
  pclose(out);
  unlink(path.c_str());
  Strings reply;
  for (size_t start = 0, end; (end = text.find('\n', start)) != std::string::npos; start = end + 1)
    if (end > start) reply.push_back(text.substr(start, end - start));
  return reply;
}

TEST_CASE("bash completion: subcommands, options, and the values of one_of options") {
  std::string script = bash_completion(program());
  CHECK(script.find("\ncomplete -F _prog prog\n") != std::string::npos);
  CHECK(complete(script, {"prog", ""}) == Strings{"build", "bind"});
  CHECK(complete(script, {"prog", "bu"}) == Strings{"build"});
  CHECK(complete(script, {"prog", "--v"}) == Strings{"--version"});
  CHECK(complete(script, {"prog", "build", "--t"}) == Strings{"--target", "--threads"});
  CHECK(complete(script, {"prog", "build", "-"}) ==
        Strings{"-h", "--help", "-o", "--output", "--target", "-j", "--threads", "--werror"});
  CHECK(complete(script, {"prog", "build", "--target", ""}) == Strings{"v1", "v2beta1", "it's"});
  CHECK(complete(script, {"prog", "build", "a.yaml", "--target", "v2"}) == Strings{"v2beta1"});
  CHECK(complete(script, {"prog", "build", "--target", "i"}) == Strings{"it's"});
  // --target=v: bash splits the word at the '='.
  CHECK(complete(script, {"prog", "build", "--target", "=", "v"}) == Strings{"v1", "v2beta1"});
  CHECK(complete(script, {"prog", "build", "--target", "="}) == Strings{"v1", "v2beta1", "it's"});
  // A number, a directory or a file: nothing from the script itself (bash
  // completes directories and files by compopt, in a completion only).
  CHECK(complete(script, {"prog", "build", "-j", ""}).empty());
  CHECK(complete(script, {"prog", "build", "-o", ""}).empty());
  CHECK(complete(script, {"prog", "build", ""}).empty());
  CHECK(complete(script, {"prog", "bind", ""}).empty());
}

TEST_CASE("bash completion: directories for DIR, files for FILE, nothing else") {
  std::string script = bash_completion(program());
  CHECK(script.find("-o|--output) compopt -o dirnames 2>/dev/null; return ;;") != std::string::npos);
  CHECK(script.find("-j|--threads) :; return ;;") != std::string::npos);
  CHECK(script.find("*) compopt -o default 2>/dev/null ;;") != std::string::npos);
  CHECK(script.find("_prog_words \"$cur\" v1 v2beta1 'it'\\''s'; return ;;") != std::string::npos);
}

TEST_CASE("bash completion needs subcommands") {
  CliModel cli;
  cli.program.name = "prog";
  CHECK_THROWS_AS(bash_completion(cli), std::invalid_argument);
}

}  // namespace
}  // namespace mpijobc

// The console excerpts of README.md and docs/*.md are run, so that the tour
// cannot drift from what the tool prints. In a ```console block, a line
// "$ COMMAND" is run with /bin/sh and the lines up to the next "$ " are its
// output (stdout and stderr as one stream). In the expected text, a line
// "..." stands for any number of lines, and "..." inside a line for any
// text on that line (a host name, a duration). The commands of one file run
// one after another in one scratch directory, where `build/mpijobc` (and
// `mpijobc`, on PATH) is the built binary and samples/, tests/ and
// templates/ are the repository's.
#include <catch2/catch.hpp>

#include <filesystem>
#include <sstream>

#include "harness.h"

using namespace e2e;

namespace {

struct Excerpt {
  int line = 0;  // of the command in the Markdown file
  std::string command;
  std::vector<std::string> expected;
};

std::vector<Excerpt> console_excerpts(const std::string& markdown) {
  std::vector<Excerpt> out;
  std::istringstream in(markdown);
  std::string line;
  bool inside = false;
  for (int number = 1; std::getline(in, line); ++number) {
    if (!inside) {
      inside = line == "```console";
    } else if (line.rfind("```", 0) == 0) {
      inside = false;
    } else if (line.rfind("$ ", 0) == 0) {
      out.push_back({number, line.substr(2), {}});
    } else if (!out.empty()) {
      out.back().expected.push_back(line);
    }
  }
  return out;
}

// `text` against `pattern`, where "..." matches any text.
bool line_matches(const std::string& pattern, const std::string& text) {
  size_t gap = pattern.find("...");
  if (gap == std::string::npos) return pattern == text;
  if (text.compare(0, gap, pattern, 0, gap) != 0) return false;
  std::string rest = pattern.substr(gap + 3);
  for (size_t from = gap; from <= text.size(); ++from)
    if (line_matches(rest, text.substr(from))) return true;
  return false;
}

bool lines_match(const std::vector<std::string>& want, size_t w, const std::vector<std::string>& have,
                 size_t h) {
  if (w == want.size()) return h == have.size();
  if (want[w] == "...") {
    for (size_t from = h; from <= have.size(); ++from)
      if (lines_match(want, w + 1, have, from)) return true;
    return false;
  }
  return h < have.size() && line_matches(want[w], have[h]) && lines_match(want, w + 1, have, h + 1);
}

std::vector<std::string> split_lines(const std::string& text) {
  std::vector<std::string> lines;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);) lines.push_back(line);
  return lines;
}

std::string join(const std::vector<std::string>& lines) {
  std::string out;
  for (const std::string& l : lines) out += l + "\n";
  return out;
}

void check_excerpts(const std::string& doc) {
  std::vector<Excerpt> excerpts = console_excerpts(read_file(source_dir() + "/" + doc));
  REQUIRE_FALSE(excerpts.empty());
  TempDir scratch;
  namespace fs = std::filesystem;
  fs::create_directory(scratch / "build");
  fs::create_symlink(mpijobc(), scratch / "build/mpijobc");
  for (const char* dir : {"samples", "tests", "templates"})
    fs::create_directory_symlink(source_dir() + "/" + dir, scratch / dir);
  for (const Excerpt& e : excerpts) {
    Result r = run("cd " + quote(scratch.path()) + " && export PATH=" + quote(scratch / "build") +
                   ":\"$PATH\" NO_COLOR=1 && exec 2>&1 && " + e.command);
    INFO(doc << ":" << e.line << ": $ " << e.command << "\nexpected:\n"
              << join(e.expected) << "got:\n" << r.out);
    CHECK(lines_match(e.expected, 0, split_lines(r.out), 0));
  }
}

}  // namespace

TEST_CASE("docs: the matcher takes '...' for lines and for text within a line") {
  CHECK(line_matches("a ... s wall", "a 1.77 s wall"));
  CHECK_FALSE(line_matches("a ... s wall", "a 1.77 s"));
  CHECK(lines_match({"x", "...", "z"}, 0, {"x", "y1", "y2", "z"}, 0));
  CHECK(lines_match({"x", "...", "z"}, 0, {"x", "z"}, 0));
  CHECK_FALSE(lines_match({"x", "z"}, 0, {"x", "y", "z"}, 0));
  CHECK_FALSE(lines_match({"x"}, 0, {"x", "extra"}, 0));
}

TEST_CASE("docs: README's console excerpts print what the tool prints") { check_excerpts("README.md"); }

TEST_CASE("docs: docs/dsl.md's console excerpts print what the tool prints") {
  check_excerpts("docs/dsl.md");
}

TEST_CASE("docs: docs/run.md's console excerpts print what the tool prints") {
  if (!have_tool("mpirun")) skip("mpirun (openmpi-bin) is not installed");
  check_excerpts("docs/run.md");
}

#include "support/unified_diff.h"

#include <catch2/catch.hpp>
#include <cstdlib>
#include <fstream>

using namespace mpijobc;

TEST_CASE("unified diff: equal texts have none") { CHECK(unified_diff("a\nb\n", "a\nb\n", "x", "y").empty()); }

TEST_CASE("unified diff: one change with three lines of context") {
  CHECK(unified_diff("1\n2\n3\n4\n5\n6\n7\n8\n", "1\n2\n3\n4\nfive\n6\n7\n8\n", "a/f", "b/f") ==
        "--- a/f\n+++ b/f\n@@ -2,7 +2,7 @@\n 2\n 3\n 4\n-5\n+five\n 6\n 7\n 8\n");
}

TEST_CASE("unified diff: distant changes make two hunks, close ones one") {
  std::string a, b;
  for (int i = 1; i <= 20; ++i) {
    a += std::to_string(i) + "\n";
    b += (i == 2 || i == 18 ? "x" : std::to_string(i)) + "\n";
  }
  std::string d = unified_diff(a, b, "a", "b");
  CHECK(d == "--- a\n+++ b\n@@ -1,5 +1,5 @@\n 1\n-2\n+x\n 3\n 4\n 5\n"
             "@@ -15,6 +15,6 @@\n 15\n 16\n 17\n-18\n+x\n 19\n 20\n");
}

TEST_CASE("unified diff: additions to an empty text, and deletions") {
  CHECK(unified_diff("", "a\nb\n", "old", "new") == "--- old\n+++ new\n@@ -0,0 +1,2 @@\n+a\n+b\n");
  CHECK(unified_diff("a\nb\nc\n", "a\nc\n", "old", "new") ==
        "--- old\n+++ new\n@@ -1,3 +1,2 @@\n a\n-b\n c\n");
}

TEST_CASE("unified diff: patch(1) applies it") {
  std::string before = "apiVersion: v1\nkind: MPIJob\nspec:\n  slots: 1\n  x: 1\n  y: 2\n  z: 3\n  w: 4\n";
  std::string after = "apiVersion: v1\nkind: MPIJob\nspec:\n  slots: 2\n  x: 1\n  y: 2\n  z: 3\n  w: 5\n  v: 6\n";
  char dir[] = "/tmp/mpijobc-diff-XXXXXX";
  REQUIRE(mkdtemp(dir));
  std::string d(dir);
  std::ofstream(d + "/f") << before;
  std::ofstream(d + "/p") << unified_diff(before, after, "f", "f");
  REQUIRE(std::system("command -v patch >/dev/null") == 0);  // scripts/setup.sh --test installs it
  REQUIRE(std::system(("cd " + d + " && patch -s f < p").c_str()) == 0);
  std::ifstream in(d + "/f");
  std::string patched((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  CHECK(patched == after);
  std::system(("rm -rf " + d).c_str());
}

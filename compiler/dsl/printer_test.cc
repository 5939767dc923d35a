#include "dsl/printer.h"

#include <catch2/catch.hpp>

#include "dsl/parser.h"

using namespace mpijobc;

namespace {

std::string fmt(const std::string& text) {
  SourceManager sources;
  DiagnosticEngine diags;
  std::optional<dsl::File> file = dsl::parse(sources, sources.add("t.mpijob", text), diags);
  REQUIRE(file);
  return dsl::print(*file);
}

}  // namespace

TEST_CASE("dsl printer: one canonical layout whatever the input layout") {
  std::string messy =
      "MPIJob   pi{image \"example.com/img:1\" worker{replicas 2 limits{cpu 1,mem 1Gi,}}\n"
      "command[python,\n \"a b\",]   \"odd key\" 1 env {}\n"
      "build { copy [ { src \"a\" dest \"/b\" } ] apt [] }}   HorovodJob h { verbose true }";
  std::string canonical =
      "MPIJob pi {\n"
      "  image \"example.com/img:1\"\n"
      "  worker {\n"
      "    replicas 2\n"
      "    limits { cpu 1, mem 1Gi }\n"
      "  }\n"
      "  command [python, \"a b\"]\n"
      "  \"odd key\" 1\n"
      "  env {}\n"
      "  build {\n"
      "    copy [{ src \"a\", dest \"/b\" }]\n"
      "    apt []\n"
      "  }\n"
      "}\n"
      "\n"
      "HorovodJob h {\n"
      "  verbose true\n"
      "}\n";
  CHECK(fmt(messy) == canonical);
  CHECK(fmt(canonical) == canonical);
}

TEST_CASE("dsl printer: long or large values go one item per line") {
  std::string text = "MPIJob pi {\n  command [" + std::string(30, 'a') + ", " +
                     std::string(30, 'b') + ", " + std::string(30, 'c') + "]\n"
                     "  limits { cpu 1, mem 1Gi, gpu 1, ephemeral_storage 1Gi, x 1 }\n}\n";
  CHECK(fmt(text) == "MPIJob pi {\n  command [\n    " + std::string(30, 'a') + ",\n    " +
                         std::string(30, 'b') + ",\n    " + std::string(30, 'c') + ",\n  ]\n"
                         "  limits {\n    cpu 1\n    mem 1Gi\n    gpu 1\n"
                         "    ephemeral_storage 1Gi\n    x 1\n  }\n}\n");
}

TEST_CASE("dsl printer: every comment is kept, in its place, blank lines at most one") {
  std::string text =
      "# file header\n"
      "\n"
      "// about pi\n"
      "MPIJob pi {  # opens pi\n"
      "  image \"x\"  # trailing\n"
      "\n"
      "\n"
      "  # leads worker\n"
      "  worker { replicas 2 }\n"
      "  command [  # opens the list\n"
      "    a,  # after a\n"
      "    # leads b\n"
      "    b\n"
      "    # closes the list\n"
      "  ]\n"
      "  slots\n"
      "    # between key and value\n"
      "    2\n"
      "  # closes pi\n"
      "}  # after pi\n"
      "# the end\n";
  std::string canonical =
      "# file header\n"
      "\n"
      "// about pi\n"
      "MPIJob pi {  # opens pi\n"
      "  image \"x\"  # trailing\n"
      "\n"
      "  # leads worker\n"
      "  worker { replicas 2 }\n"
      "  command [  # opens the list\n"
      "    a,  # after a\n"
      "    # leads b\n"
      "    b,\n"
      "    # closes the list\n"
      "  ]\n"
      "  # between key and value\n"
      "  slots 2\n"
      "  # closes pi\n"
      "}  # after pi\n"
      "# the end\n";
  CHECK(fmt(text) == canonical);
  CHECK(fmt(canonical) == canonical);
}

TEST_CASE("dsl printer: a block or list with a comment inside is never joined onto one line") {
  std::string text = "MPIJob pi {\n  worker {\n    replicas 2  # two\n  }\n}\n";
  CHECK(fmt(text) == text);
}

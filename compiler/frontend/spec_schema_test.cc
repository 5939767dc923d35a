#include "frontend/spec_schema.h"

#include <catch2/catch.hpp>

#include "testing/fixtures.h"

using namespace mpijobc;
using mpijobc::testing::messages;
using mpijobc::testing::parse;
using mpijobc::testing::spec;

namespace {

std::vector<std::string> check(const std::string& text) {
  auto p = parse(text);
  DiagnosticEngine diags;
  bool ok = SpecSchema::builtin().check(p.doc(), diags);
  CHECK(ok == !diags.has_errors());
  return messages(diags);
}

}  // namespace

TEST_CASE("schema: valid specs of both kinds pass") {
  CHECK(check(spec("MPIJob", "  worker: {replicas: 2}\n")).empty());
  CHECK(check(spec("HorovodJob", "  worker: {replicas: 2}\n  verbose: true\n"
                                 "  build: {gpu: true, copy: [{src: a, dest: b}]}\n"))
            .empty());
}

TEST_CASE("schema: every unknown key, in order, with suggestions") {
  auto m = check(spec("MPIJob", "  worker: {replicas: 2, imgae: x}\n  slotz: 2\n  verbose: true\n"));
  REQUIRE(m.size() == 3);
  CHECK(m[0] == "7:25: spec.worker.imgae: unknown field 'imgae' [schema/unknown-field]");
  CHECK(m[1] == "8:3: spec.slotz: unknown field 'slotz' [schema/unknown-field]");
  CHECK(m[2] == "9:3: spec.verbose: unknown field 'verbose' [schema/unknown-field]");
  auto p = parse(spec("MPIJob", "  slotz: 2\n  verbose: true\n"));
  DiagnosticEngine diags;
  SpecSchema::builtin().check(p.doc(), diags);
  CHECK(diags.all().at(0).hint == "did you mean 'slots'?");
  CHECK(diags.all().at(1).hint == "'verbose' is only valid in a HorovodJob");
}

TEST_CASE("schema: types, enums, formats and ranges") {
  auto m = check(spec("HorovodJob",
                      "  slots: \"2\"\n  worker: {replicas: 0, restart_policy: never}\n"
                      "  log_level: info\n  launcher: {image: UPPER/case}\n"));
  CHECK(m == std::vector<std::string>{
                 "7:10: spec.slots: expected integer, got '2' [schema/type]",
                 "8:22: spec.worker.replicas: must be at least 1, got 0 [schema/range]",
                 "8:41: spec.worker.restart_policy: 'never' is not one of ALWAYS, FAILURE, NEVER "
                 "[schema/enum]",
                 "9:14: spec.log_level: 'info' is not one of TRACE, DEBUG, INFO, WARNING, ERROR, "
                 "FATAL [schema/enum]",
                 "10:21: spec.launcher.image: 'UPPER/case' must be a container image reference "
                 "such as ghcr.io/acme/train:1.4 (lower-case repository, optional :tag and "
                 "@digest) [schema/format]"});
}

TEST_CASE("schema: missing required fields are located at their holder") {
  auto m = check("apiVersion: mpijobc/v1\nkind: MPIJob\nmetadata:\n  labels: {}\nspec: {}\n");
  CHECK(m == std::vector<std::string>{
                 "3:1: metadata.name: missing required field 'name' [schema/required]"});
  CHECK(check("kind: MPIJob\nmetadata: {name: a}\nspec: {}\n") ==
        std::vector<std::string>{
            "1:1: apiVersion: missing required field 'apiVersion' [schema/required]"});
}

TEST_CASE("schema: to_json keeps YAML types") {
  auto p = parse("a: 1\nb: '1'\nc: 1.5\nd: true\ne: ~\nf: [x]\n");
  CHECK(to_json(p.doc()).dump() == R"({"a":1,"b":"1","c":1.5,"d":true,"e":null,"f":["x"]})");
}

TEST_CASE("schema: a value the front end refused is not reported again, and the spec is not valid") {
  auto p = parse("MPIJob x {\n  image \"a/b\"\n  command [python]\n  worker { replicas 1h }\n}\n",
                 "t.mpijob");
  REQUIRE(p.diags.error_count() == 1);  // the DSL's, at 4:21
  CHECK_FALSE(SpecSchema::builtin().check(p.doc(), p.diags));
  CHECK(p.diags.error_count() == 1);  // not "expected integer, got null" there too
  // Without the DSL's error the schema finds the value wrong itself.
  DiagnosticEngine fresh;
  CHECK_FALSE(SpecSchema::builtin().check(p.doc(), fresh));
  CHECK(messages(fresh) ==
        std::vector<std::string>{"4:21: spec.worker.replicas: expected integer, got null [schema/type]"});
}

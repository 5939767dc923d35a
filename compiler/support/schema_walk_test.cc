#include "support/schema_walk.h"

#include <catch2/catch.hpp>

using namespace mpijobc;
using nlohmann::json;

TEST_CASE("schema walk: annotations go, properties and data of the same name stay") {
  json schema = json::parse(R"({
    "title": "T", "description": "top", "$comment": "c", "type": "object",
    "properties": {
      "description": {"type": "string", "description": "a property called description"},
      "title": {"type": "string", "default": "x", "examples": ["y"]}},
    "definitions": {"D": {"description": "d", "enum": [{"description": "data"}]}},
    "items": [{"description": "i"}], "anyOf": [{"title": "a"}],
    "additionalProperties": {"description": "ap"},
    "dependencies": {"description": ["title"]},
    "default": {"description": "data, not a keyword"}})");
  strip_annotations(schema);
  CHECK(schema == json::parse(R"({
    "type": "object",
    "properties": {"description": {"type": "string"}, "title": {"type": "string", "default": "x"}},
    "definitions": {"D": {"enum": [{"description": "data"}]}},
    "items": [{}], "anyOf": [{}], "additionalProperties": {},
    "dependencies": {"description": ["title"]},
    "default": {"description": "data, not a keyword"}})"));
}

TEST_CASE("schema walk: every subschema keyword is visited once") {
  json schema = json::parse(R"({
    "properties": {"p": {}}, "patternProperties": {"^x": {}}, "definitions": {"d": {}},
    "$defs": {"e": {}}, "dependencies": {"q": {}}, "items": {}, "additionalItems": {},
    "allOf": [{}, {}], "anyOf": [{}], "oneOf": [{}], "not": {}, "if": {}, "then": {},
    "else": {}, "contains": {}, "propertyNames": {}, "additionalProperties": {},
    "enum": [{}], "const": {}, "default": {}})");
  int visited = 0;
  for_each_subschema(schema, [&](json& sub) {
    ++visited;
    sub["seen"] = true;
  });
  CHECK(visited == 18);
  CHECK(!schema["enum"][0].contains("seen"));
  CHECK(!schema["const"].contains("seen"));
  CHECK(!schema["default"].contains("seen"));
  CHECK(schema["allOf"][1]["seen"] == true);
}

TEST_CASE("schema walk: an entry schema has the definitions its entry reaches") {
  json root = json::parse(R"({"definitions": {
    "A": {"properties": {"b": {"$ref": "#/definitions/B"}}, "items": [{"$ref": "#/definitions/C"}]},
    "B": {"anyOf": [{"$ref": "#/definitions/B"}]},
    "C": {"type": "string", "enum": [{"$ref": "#/definitions/D"}]},
    "D": {}, "E": {"$ref": "#/definitions/A"}}})");
  json entry = entry_schema(root, "A");
  CHECK(entry["$ref"] == "#/definitions/A");
  CHECK(entry["definitions"] == json{{"A", root["definitions"]["A"]},
                                     {"B", root["definitions"]["B"]},
                                     {"C", root["definitions"]["C"]}});
  CHECK_THROWS(entry_schema(root, "missing"));
}

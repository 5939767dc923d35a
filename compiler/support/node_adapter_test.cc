#include "support/node_adapter.h"

#include <algorithm>

#include <catch2/catch.hpp>
#include <valijson/adapters/nlohmann_json_adapter.hpp>
#include <valijson/schema.hpp>
#include <valijson/validator.hpp>

#include "support/located_schema.h"
#include "support/schema_patterns.h"
#include "testing/fixtures.h"

using namespace mpijobc;

namespace {

// Every error valijson reports, as "context: description", sorted: a
// mapping's members come in file order from the tree, by name from JSON.
template <typename Adapter>
std::vector<std::string> errors(const valijson::Schema& schema, const Adapter& value) {
  valijson::ValidationResults results;
  valijson::Validator(valijson::Validator::kStrongTypes).validate(schema, value, &results);
  std::vector<std::string> out;
  valijson::ValidationResults::Error e;
  while (results.popError(e)) {
    std::string context;
    for (const std::string& step : e.context) context += step;
    out.push_back(context + ": " + e.description);
  }
  std::sort(out.begin(), out.end());
  return out;
}

}  // namespace

TEST_CASE("node adapter: valijson finds what it finds in the JSON copy of the tree") {
  auto schema = compile_schema(rename_patterns(nlohmann::json::parse(R"({
    "type": "object",
    "properties": {
      "s": {"type": "string", "pattern": "^[a-z]+$", "maxLength": 5, "enum": ["abc", "x"]},
      "i": {"type": "integer", "minimum": 1, "maximum": 10, "multipleOf": 2},
      "f": {"type": "number", "exclusiveMaximum": 1e300},
      "b": {"type": "boolean", "const": true},
      "n": {"type": "null"},
      "list": {"type": "array", "items": {"type": "integer"}, "uniqueItems": true, "maxItems": 3},
      "obj": {"type": "object", "required": ["k"], "additionalProperties": false,
              "properties": {"k": {"oneOf": [{"type": "string"}, {"type": "integer"}]}},
              "minProperties": 1},
      "any": {"anyOf": [{"type": "array"}, {"type": "object", "maxProperties": 1}]}
    },
    "additionalProperties": false, "required": ["s"]})")));
  const char* docs[] = {
      "s: abc\ni: 4\nf: 0.5\nb: true\nn: null\nlist: [1, 2]\nobj: {k: v}\nany: [1]\n",
      "s: ABCDEFG\ni: 11\nf: .inf\nb: false\nn: 0\nlist: [1, 1, x, 4]\nobj: {z: 1}\nany: {a: 1, b: 2}\n",
      "i: 3.5\nf: -.inf\nlist: {}\nobj: []\nextra: 1\n",
      "s: x\ni: '4'\nf: 1e3\nb: 'true'\nobj: {k: [1]}\nany: 1\n",
      "- not\n- a map\n",
  };
  size_t found = 0;
  for (const char* text : docs) {
    testing::Parsed p = testing::parse(text);
    INFO(text);
    REQUIRE(p.diags.error_count() == 0);
    nlohmann::json copy = to_json(p.doc());
    std::vector<std::string> ours = errors(*schema, NodeAdapter(p.doc()));
    CHECK(ours == errors(*schema, valijson::adapters::NlohmannJsonAdapter(copy)));
    found += ours.size();
  }
  CHECK(found > 20);  // the documents after the first break most rules
}

TEST_CASE("node adapter: scalars read as their JSON values") {
  testing::Parsed p = testing::parse("a: 12\nb: 0x10\nc: 2.5\nd: -.inf\ne: true\nf: ~\ng: text\n");
  REQUIRE(p.diags.error_count() == 0);
  NodeAdapter doc(p.doc());
  CHECK(doc.asObject().size() == 7);
  CHECK(doc.asObject().find("a")->second.getInteger() == 12);
  CHECK(doc.asObject().find("b")->second.getInteger() == 16);
  CHECK(doc.asObject().find("c")->second.getDouble() == 2.5);
  CHECK(doc.asObject().find("d")->second.getDouble() == -HUGE_VAL);
  CHECK(doc.asObject().find("e")->second.getBool());
  CHECK(doc.asObject().find("f")->second.isNull());
  CHECK(doc.asObject().find("g")->second.getString() == "text");
  CHECK(doc.asObject().find("h") == doc.asObject().end());
  CHECK(!doc.isArray());
  std::vector<std::string> keys;
  for (const NodeAdapterMember& m : doc.asObject()) keys.push_back(m.first);
  CHECK(keys == std::vector<std::string>{"a", "b", "c", "d", "e", "f", "g"});
}

#include "support/yaml_writer.h"

#include <catch2/catch.hpp>
#include <random>

#include "support/yaml_reader.h"

using namespace mpijobc;

namespace {

Node read_one(const std::string& text) {
  SourceManager sources;
  DiagnosticEngine diags;
  auto docs = read_yaml(sources, sources.add("t", text), diags);
  INFO(text);
  REQUIRE_FALSE(diags.has_errors());
  REQUIRE(docs.size() == 1);
  return docs[0];
}

}  // namespace

TEST_CASE("block layout with indented sequences") {
  Node doc = Node::map();
  doc.add("name", Node::string("mnist"));
  Node& list = doc.add("containers", Node::seq());
  Node& c = list.push(Node::map());
  c.add("name", Node::string("worker"));
  c.add("args", Node::seq()).push(Node::string("-np"));
  doc.add("empty", Node::map());
  doc.add("replicas", Node::integer(4));
  CHECK(to_yaml(doc) ==
        "name: mnist\n"
        "containers:\n"
        "  - name: worker\n"
        "    args:\n"
        "      - -np\n"
        "empty: {}\n"
        "replicas: 4\n");
}

TEST_CASE("strings that would read back as something else are quoted") {
  CHECK(yaml_scalar("mnist") == "mnist");
  CHECK(yaml_scalar("ghcr.io/acme/train:1.4") == "ghcr.io/acme/train:1.4");
  CHECK(yaml_scalar("10") == "\"10\"");
  CHECK(yaml_scalar("yes") == "\"yes\"");
  CHECK(yaml_scalar("Off") == "\"Off\"");
  CHECK(yaml_scalar("null") == "\"null\"");
  CHECK(yaml_scalar("") == "\"\"");
  CHECK(yaml_scalar("a: b") == "\"a: b\"");
  CHECK(yaml_scalar("x #y") == "\"x #y\"");
  CHECK(yaml_scalar("-np") == "-np");
  CHECK(yaml_scalar("--epochs") == "--epochs");
  CHECK(yaml_scalar("-1") == "\"-1\"");
  CHECK(yaml_scalar("---") == "\"---\"");
  CHECK(yaml_scalar("-_x") == "\"-_x\"");
  CHECK(yaml_scalar("say \"hi\"\n") == "\"say \\\"hi\\\"\\n\"");
  CHECK(yaml_scalar(std::string("\x01\x7f", 2)) == "\"\\u0001\\u007F\"");
  CHECK(yaml_scalar("\xe2\x80\xa8") == "\"\\u2028\"");
  CHECK(yaml_scalar("\xc2\x85\xef\xbf\xbe") == "\"\\u0085\\uFFFE\"");
  CHECK(yaml_scalar("\xff") == "\"\\xFF\"");
}

TEST_CASE("manifests spell integers and booleans canonically, specs as written") {
  Node doc = read_one("a: 010\nb: 0x1F\nc: +3\nd: True\ne: .5\nf: '010'\ng: ~\n");
  CHECK(to_yaml(doc) == "a: 10\nb: 31\nc: 3\nd: true\ne: .5\nf: \"010\"\ng: null\n");
  std::string spec = to_yaml(doc, Spelling::AsWritten);
  CHECK(spec == "a: 010\nb: 0x1F\nc: +3\nd: True\ne: .5\nf: \"010\"\ng: null\n");
  CHECK(to_yaml(read_one(spec), Spelling::AsWritten) == spec);
}

TEST_CASE("multi-line text becomes a literal block") {
  Node doc = Node::map();
  doc.add("script", Node::string("#!/bin/sh\necho 'a: b'\n"));
  CHECK(to_yaml(doc) == "script: |\n  #!/bin/sh\n  echo 'a: b'\n");
  CHECK(read_one(to_yaml(doc)).get("script")->text == "#!/bin/sh\necho 'a: b'\n");
}

TEST_CASE("any string reads back unchanged (randomised)") {
  // The property that makes manifests injection-proof: whatever a user
  // writes, the emitted YAML parses back to the same strings.
  std::mt19937 rng(20261123);
  const std::vector<std::string> tokens = {
      "a", "b", ":", " ", "-", "#", "'", "\"", "\\", "\n", "\t", "\r", "{", "}", "[", "]", ",",
      "&", "*", "!", "|", ">", "%", "@", "`", "?", "=", "~", "yes", "no", "NULL", "0", "1", ".",
      "+", "\xc3\xa9", "\xe2\x80\xa8", std::string(1, '\0'), "\x01", "---", "...", "\x7f",
      "\xc2\x85", "\xc2\x9f", "\xef\xbb\xbf", "\xef\xbf\xbe", "\xf0\x9f\x9a\x80"};
  auto random_string = [&](size_t max_tokens, size_t min_tokens) {
    std::string s;
    size_t n = min_tokens + rng() % (max_tokens - min_tokens + 1);
    for (size_t i = 0; i < n; ++i) s += tokens[rng() % tokens.size()];
    return s;
  };
  for (int iter = 0; iter < 3000; ++iter) {
    std::string key = random_string(5, 1), value = random_string(20, 0);
    Node doc = Node::map();
    doc.add(key, Node::string(value));
    doc.add("list", Node::seq()).push(Node::string(value));
    std::string text = to_yaml(doc);
    INFO("key=" << key << " value=" << value << "\n" << text);
    Node back = read_one(text);
    REQUIRE(back.members.size() == 2);
    CHECK(back.members[0].key == key);
    CHECK(back.members[0].value.text == value);
    CHECK(back.get("list")->items.at(0).text == value);
  }
}

TEST_CASE("bytes that are not UTF-8 cannot break the structure") {
  Node doc = Node::map();
  doc.add("k", Node::string("a\xff\nb: c"));
  Node back = read_one(to_yaml(doc));
  REQUIRE(back.members.size() == 1);
  CHECK(back.get("k")->text == "a\xc3\xbf\nb: c");
}

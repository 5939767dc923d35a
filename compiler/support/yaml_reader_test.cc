#include "support/yaml_reader.h"

#include <catch2/catch.hpp>

using namespace mpijobc;

namespace {

struct Read {
  SourceManager sources;
  DiagnosticEngine diags;
  std::vector<Node> docs;
  explicit Read(std::string text, YamlLimits limits = {}) {
    uint32_t f = sources.add("t.yaml", std::move(text));
    docs = read_yaml(sources, f, diags, limits);
  }
  const Diagnostic& first() const { return diags.all().at(0); }
};

}  // namespace

TEST_CASE("plain scalars resolve by the YAML 1.2 core schema") {
  Read r("a: 10\nb: '10'\nc: yes\nd: true\ne: ~\nf: 1.5e3\ng: 0x1F\nh: -7\ni:\nj: 1_000\n");
  REQUIRE_FALSE(r.diags.has_errors());
  const Node& d = r.docs.at(0);
  CHECK(d.get("a")->kind == Node::Kind::Int);
  CHECK(d.get("b")->kind == Node::Kind::String);
  CHECK(d.get("c")->kind == Node::Kind::String);  // YAML 1.1 bool, 1.2 string
  CHECK(d.get("d")->kind == Node::Kind::Bool);
  CHECK(d.get("e")->is_null());
  CHECK(d.get("f")->kind == Node::Kind::Float);
  CHECK(d.get("g")->as_int() == 31);
  CHECK(d.get("h")->as_int() == -7);
  CHECK(d.get("i")->is_null());
  CHECK(d.get("j")->kind == Node::Kind::String);
}

TEST_CASE("scalars keep their text as written, null is empty") {
  Read r("a: 0x1F\nb: +3\nc: 010\nd: True\ne: FALSE\nf: .5\ng: NULL\nh: !!float 1\n");
  REQUIRE_FALSE(r.diags.has_errors());
  const Node& d = r.docs.at(0);
  CHECK(d.get("a")->text == "0x1F");
  CHECK(d.get("b")->text == "+3");
  CHECK(d.get("c")->as_int() == 10);
  CHECK(d.get("c")->text == "010");
  CHECK(d.get("d")->as_bool() == true);
  CHECK(d.get("d")->text == "True");
  CHECK(d.get("e")->as_bool() == false);
  CHECK(d.get("f")->text == ".5");
  CHECK(d.get("g")->text.empty());
  CHECK(d.get("h")->kind == Node::Kind::Float);
}

TEST_CASE("every node and key carries its 1-based position") {
  Read r("top:\n  inner: [1, two]\n");
  const Member* top = r.docs.at(0).member("top");
  REQUIRE(top);
  CHECK(top->key_loc.line == 1);
  CHECK(top->key_loc.column == 1);
  const Member* inner = top->value.member("inner");
  CHECK(inner->key_loc.line == 2);
  CHECK(inner->key_loc.column == 3);
  CHECK(inner->value.items.at(1).loc.column == 14);
  CHECK(inner->value.items.at(1).text == "two");
}

TEST_CASE("several documents, empty ones skipped") {
  Read r("---\na: 1\n---\n---\nb: 2\n");
  REQUIRE(r.docs.size() == 2);
  CHECK(r.docs[1].get("b"));
}

TEST_CASE("duplicate keys are located errors naming the first occurrence") {
  Read r("a: 1\nb: 2\na: 3\n");
  REQUIRE(r.diags.error_count() == 1);
  CHECK(r.first().loc.line == 3);
  CHECK(r.first().message == "duplicate key 'a'");
  CHECK(r.first().hint.find("line 1") != std::string::npos);
}

TEST_CASE("syntax errors are located") {
  Read r("a: [1, 2\nb: 3\n");
  REQUIRE(r.diags.error_count() == 1);
  CHECK(r.first().message.rfind("invalid YAML:", 0) == 0);
  CHECK(r.first().loc.line >= 1);
}

TEST_CASE("after an error in a document, the documents after it are read on") {
  Read r("a: 1\n---\nb: [1, 2\nc: &x 3\n---\nd: 4\ne: {f: 5}\n---\ng: *x\n---\nh: 1\nh: 2\n---\ni: 6\n");
  // The broken document's anchor is gone with it; a duplicate key breaks its
  // document only.
  REQUIRE(r.diags.error_count() == 3);
  CHECK(r.diags.all()[0].message.rfind("invalid YAML:", 0) == 0);
  CHECK(r.diags.all()[1].loc.line == 9);
  CHECK(r.diags.all()[1].message == "unknown alias '*x'");
  CHECK(r.diags.all()[2].loc.line == 12);
  CHECK(r.diags.all()[2].message == "duplicate key 'h'");
  REQUIRE(r.docs.size() == 3);
  CHECK(r.docs[0].get("a"));
  const Node* f = r.docs[1].get("e") ? r.docs[1].get("e")->get("f") : nullptr;
  REQUIRE(f);  // located in the whole file
  CHECK((f->loc.line == 7 && f->loc.column == 8));
  CHECK(r.docs[2].get("i"));
  // A limit of the file's ends the reading.
  YamlLimits limits;
  limits.max_documents = 2;
  Read many("a: [\n---\nb: 2\n---\nc: 3\n---\nd: 4\n", limits);
  CHECK(many.diags.error_count() == 2);
  CHECK(many.diags.all()[1].message == "more than 2 YAML documents in one file");
}

TEST_CASE("integers beyond int64 are errors, not silent wrap-around") {
  Read r("a: 99999999999999999999\n");
  REQUIRE(r.diags.error_count() == 1);
  CHECK(r.first().message == "integer 99999999999999999999 is out of range");
  CHECK(r.first().loc.column == 4);
}

TEST_CASE("aliases expand, within a budget of nodes and bytes") {
  Read ok("a: &x {k: v}\nb: *x\n");
  REQUIRE_FALSE(ok.diags.has_errors());
  CHECK(ok.docs[0].get("b")->get("k")->text == "v");

  std::string bomb = "a: &a [x, x, x, x, x, x, x, x, x, x]\n";
  for (char c = 'b'; c <= 'j'; ++c)
    bomb += std::string(1, c) + ": &" + c + " [*" + char(c - 1) + ", *" + char(c - 1) + ", *" +
            char(c - 1) + ", *" + char(c - 1) + ", *" + char(c - 1) + ", *" + char(c - 1) +
            ", *" + char(c - 1) + ", *" + char(c - 1) + ", *" + char(c - 1) + ", *" +
            char(c - 1) + "]\n";
  Read r(bomb);
  REQUIRE(r.diags.error_count() == 1);
  CHECK(r.first().message == "aliases expand to more than 100000 nodes or 4 MiB of text");

  // Few nodes, but each copies a long value: 1,111 copies of 30 kB would be
  // 33 MB from a 30 kB file.
  std::string wide = "a: &a " + std::string(30000, 'x') + "\n";
  for (char c = 'b'; c <= 'd'; ++c) {
    wide += std::string(1, c) + ": &" + c + " [";
    for (int i = 0; i < 10; ++i) wide += std::string(i ? ", *" : "*") + char(c - 1);
    wide += "]\n";
  }
  Read w(wide);
  REQUIRE(w.diags.error_count() == 1);
  CHECK(w.first().message == "aliases expand to more than 100000 nodes or 4 MiB of text");
  CHECK(w.first().loc.line == 4);
}

TEST_CASE("documents are bounded in nodes") {
  YamlLimits limits;
  limits.max_nodes = 10;
  Read r("[1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11]\n", limits);
  REQUIRE(r.diags.error_count() == 1);
  CHECK(r.first().message == "document too large: more than 10 nodes (after expanding aliases)");
}

TEST_CASE("nesting is bounded") {
  Read r(std::string(200, '[') + std::string(200, ']'), YamlLimits{64, 1000});
  REQUIRE(r.diags.error_count() == 1);
}

TEST_CASE("complex keys and unknown tags are rejected") {
  CHECK(Read("? [a]\n: 1\n").diags.error_count() == 1);
  Read r("a: !custom 1\n");
  REQUIRE(r.diags.error_count() == 1);
  CHECK(r.first().message == "unsupported YAML tag '!custom'");
}

TEST_CASE("keys that are not strings are located errors") {
  Read r("env:\n  true: x\n");
  REQUIRE(r.diags.error_count() == 1);
  CHECK(r.first().message == "mapping key 'true' is not a string (it reads as boolean)");
  CHECK(r.first().loc.line == 2);
  CHECK(r.first().hint == "quote it: \"true\"");
  CHECK(Read("1: a\n").diags.error_count() == 1);
  CHECK(Read("'1': a\n").diags.error_count() == 0);
}

TEST_CASE("huge scalars and too many documents are refused") {
  YamlLimits limits;
  limits.max_scalar_bytes = 8;
  Read big("a: 123456789\n", limits);
  REQUIRE(big.diags.error_count() == 1);
  CHECK(big.first().message == "value too long: 9 bytes, the limit is 8");
  CHECK(big.first().loc.column == 4);

  limits = {};
  limits.max_documents = 2;
  Read many("a: 1\n---\nb: 2\n---\nc: 3\n", limits);
  REQUIRE(many.diags.error_count() == 1);
  CHECK(many.first().message == "more than 2 YAML documents in one file");
}

TEST_CASE("text checks run before the parser") {
  Read r("a: \xFF\n");
  REQUIRE(r.diags.error_count() == 1);
  CHECK(r.first().rule == "input/encoding");
  CHECK(r.docs.empty());
}

TEST_CASE("keys longer than YAML's implicit-key limit are located errors") {
  CHECK_FALSE(Read(std::string(kMaxKeyBytes, 'k') + ": 1\n").diags.has_errors());
  // Only an explicit key can be longer; written out, it would not read back.
  Read r("a: 1\n? \"" + std::string(kMaxKeyBytes + 1, 'k') + "\"\n: 1\n");
  REQUIRE(r.diags.error_count() == 1);
  CHECK(r.first().message == "mapping key of 1025 bytes; keys are at most 1024");
  CHECK(r.first().loc.line == 2);
}

TEST_CASE("columns count bytes, after multi-byte characters and a byte order mark") {
  Read r("a: \xc3\xa9\nb: [\xc3\xa9, x]\n");
  REQUIRE_FALSE(r.diags.has_errors());
  CHECK(r.docs.at(0).get("b")->items.at(1).loc.column == 9);  // 8th character, 9th byte
  Read bom("\xef\xbb\xbf" "a: [1, x]\n");
  REQUIRE_FALSE(bom.diags.has_errors());
  CHECK(bom.docs.at(0).get("a")->items.at(1).loc.column == 11);
}

TEST_CASE("syntax errors name what was being read and where it started") {
  Read r("a: 1\nb: [1,\n  2\nc: 3\n");
  REQUIRE(r.diags.error_count() == 1);
  CHECK(r.first().message == "invalid YAML: did not find expected ',' or ']'");
  CHECK(r.first().hint == "while parsing a flow sequence that starts at line 2, column 4");
}

TEST_CASE("characters YAML does not allow raw are located errors with the escape to use") {
  Read r("a: x\nb: \"1\x7f\"\n");
  REQUIRE(r.diags.error_count() == 1);
  CHECK(r.first().message == "invalid YAML: character U+007F is not allowed");
  CHECK(r.first().loc.line == 2);
  CHECK(r.first().loc.column == 6);
  CHECK(r.first().hint == "in a double-quoted string write it as an escape, e.g. \\u007F");
  Read escaped("b: \"1\\u007f\"\n");
  REQUIRE_FALSE(escaped.diags.has_errors());
  CHECK(escaped.docs.at(0).get("b")->text == "1\x7f");
}

TEST_CASE("an alias to an anchor not defined yet is a located error") {
  Read r("a: *x\nb: &x 1\n");
  REQUIRE(r.diags.error_count() == 1);
  CHECK(r.first().message == "unknown alias '*x'");
  CHECK(r.first().loc.column == 4);
}

TEST_CASE("a duplicate among thousands of keys names the first") {
  std::string text = "env:\n";
  for (int i = 0; i < 5000; ++i) text += "  K" + std::to_string(i) + ": v\n";
  text += "  K1234: again\n";
  Read r(text);
  REQUIRE(r.diags.error_count() == 1);
  CHECK(r.first().message == "duplicate key 'K1234'");
  CHECK(r.first().loc.line == 5002);
  CHECK(r.first().hint == "the first 'K1234' is at line 1236; keep only one");
}

TEST_CASE("merge keys add the keys a mapping does not write, where the << is") {
  Read r("base: &base {cpu: 1, mem: 1Gi}\n"
         "extra: &extra {mem: 2Gi, gpu: 1}\n"
         "one: {a: 0, <<: *base, mem: 4Gi}\n"
         "two:\n  <<: [*extra, *base]\n  z: 9\n"
         "three: {<<: {x: 1}, '<<': quoted}\n");
  for (const Diagnostic& d : r.diags.all()) INFO(d.message);
  REQUIRE_FALSE(r.diags.has_errors());
  const Node& d = r.docs.at(0);
  auto keys = [](const Node& map) {
    std::string out;
    for (const Member& m : map.members) out += m.key + "=" + m.value.text + " ";
    return out;
  };
  CHECK(keys(*d.get("one")) == "a=0 cpu=1 mem=4Gi ");
  CHECK(keys(*d.get("two")) == "mem=2Gi gpu=1 cpu=1 z=9 ");
  CHECK(keys(*d.get("three")) == "x=1 <<=quoted ");
  // Merged values are located at their definition, written ones where written.
  CHECK(d.get("one")->member("cpu")->key_loc.line == 1);
  CHECK(d.get("one")->get("cpu")->loc.column == 19);
  CHECK(d.get("one")->get("mem")->loc.line == 3);
  CHECK(d.get("two")->get("gpu")->loc.line == 2);
}

TEST_CASE("a bad merge is a located yaml/merge error") {
  auto error_of = [](const std::string& text) {
    Read r(text);
    REQUIRE(r.diags.error_count() == 1);
    const Diagnostic& d = r.first();
    return std::to_string(d.loc.line) + ":" + std::to_string(d.loc.column) + ": " + d.message +
           " [" + d.rule + "]";
  };
  CHECK(error_of("s: &s text\nm: {<<: *s}\n") ==
        "2:9: '<<' merges a mapping or a list of mappings, not a string [yaml/merge]");
  CHECK(error_of("m:\n  <<: 3\n") ==
        "2:7: '<<' merges a mapping or a list of mappings, not an integer [yaml/merge]");
  CHECK(error_of("m:\n  <<:\n  a: 1\n") ==
        "2:6: '<<' merges a mapping or a list of mappings, not null [yaml/merge]");
  CHECK(error_of("a: &a {x: 1}\nl: &l [1]\nm: {<<: [*a, *l]}\n") ==
        "3:14: a list merged by '<<' may only hold mappings, not a list [yaml/merge]");
  CHECK(error_of("m: {<<: [{x: 1}, y]}\n") ==
        "1:18: a list merged by '<<' may only hold mappings, not a string [yaml/merge]");
  CHECK(error_of("a: &a {x: 1}\nm: {<<: *a, <<: *a}\n") == "2:13: duplicate key '<<' [yaml/merge]");
  // An explicit key written twice is still a duplicate, merged or not.
  CHECK(error_of("a: &a {x: 1}\nm: {<<: *a, x: 2, x: 3}\n") == "2:19: duplicate key 'x' [yaml/syntax]");
}

TEST_CASE("merged content counts toward the alias limits") {
  YamlLimits small;
  small.max_alias_nodes = 10;
  std::string text = "a: &a {k0: 0, k1: 1, k2: 2, k3: 3}\n";
  for (int i = 0; i < 3; ++i) text += "m" + std::to_string(i) + ": {<<: *a}\n";
  Read r(text, small);
  REQUIRE(r.diags.error_count() == 1);
  CHECK(r.first().message.find("aliases expand to more than 10 nodes") != std::string::npos);
}

#include "dsl/from_node.h"

#include <catch2/catch.hpp>
#include <random>

#include "dsl/printer.h"
#include "testing/fixtures.h"

using namespace mpijobc;
using testing::dump;
using testing::parse;

namespace {

// Random documents of the spec's shape, with hostile strings: quotes,
// escapes, comment and bracket characters, strings that look like numbers,
// booleans, durations or quantities, controls, bidi overrides, emoji.
class RandomDocs {
 public:
  explicit RandomDocs(uint32_t seed) : rng_(seed) {}

  Node doc() {
    Node d = Node::map();
    d.add("apiVersion", Node::string("mpijobc/v1"));
    d.add("kind", Node::string(pick({"MPIJob", "HorovodJob"})));
    Node& meta = d.add("metadata", Node::map());
    meta.add("name", Node::string(text()));
    if (chance(2)) meta.add("namespace", Node::string(text()));
    if (chance(2)) meta.add("labels", map(0, true));
    if (chance(3)) meta.add("annotations", map(0, true));
    d.add("spec", map(0, false));
    return d;
  }

 private:
  Node map(int depth, bool strings_only) {
    Node m = Node::map();
    for (int i = int(below(5)); i > 0; --i) {
      std::string key = text();
      if (m.member(key) || (depth == 0 && !strings_only && (key == "namespace" || key == "labels" ||
                                                             key == "annotations")))
        continue;
      m.add(key, strings_only ? Node::string(text()) : value(depth + 1));
    }
    return m;
  }

  Node value(int depth) {
    switch (below(depth > 3 ? 5 : 7)) {
      case 0: return Node::null();
      case 1: return scalar(Node::Kind::Bool, pick({"true", "false", "True", "FALSE"}));
      case 2:
        if (chance(2)) return scalar(Node::Kind::Int, pick({"0x1F", "0o17", "+3", "010", "-0"}));
        return Node::integer(static_cast<int64_t>(rng_()) - (int64_t{1} << 31));
      case 3:
        return scalar(Node::Kind::Float, pick({"1.5", "-0.25", "2.5e3", "1e-5", "3.0", ".5", "1.",
                                               "+2.0", "1E3", ".inf", "-.Inf", ".NaN"}));
      case 4: return Node::string(text());
      case 5: return map(depth, false);
      default: {
        Node s = Node::seq();
        for (int i = int(below(4)); i > 0; --i) s.push(value(depth + 1));
        return s;
      }
    }
  }

  std::string text() {
    static const std::vector<std::string> pieces = {
        "a", "Z", "_", "-", ".", "0", "7", " ", "\"", "\\", "\n", "\t", "#", "//", "{", "}", "[",
        "]", ",", ":", "'", "$(id)", "`", "true", "null", "1h", "30min", "4Gi", "500m", "-np",
        "1e3", "0x1F", "0xff", ".5", "+3", "True", "NULL", "~", "\x7F", "\xC2\x85", "\xE2\x80\xAE",
        "\xF0\x9F\x9A\x80", "\xC3\xA9", "\\u{41}"};
    std::string s;
    for (int i = int(below(4)); i >= 0; --i) s += pieces[below(pieces.size())];
    return s;
  }

  static Node scalar(Node::Kind kind, std::string text) {
    Node n;
    n.kind = kind;
    n.text = std::move(text);
    return n;
  }

  std::string pick(std::initializer_list<const char*> options) {
    return *(options.begin() + below(options.size()));
  }
  bool chance(uint32_t n) { return below(n) == 0; }
  size_t below(size_t n) { return std::uniform_int_distribution<size_t>(0, n - 1)(rng_); }

  std::mt19937 rng_;
};

}  // namespace

TEST_CASE("dsl from_node: random spec documents survive YAML tree -> DSL text -> tree") {
  RandomDocs random(20261125);
  for (int i = 0; i < 300; ++i) {
    Node doc = random.doc();
    dsl::File file;
    file.jobs.push_back(dsl::from_document(doc));
    std::string text = dsl::print(file);
    INFO(text);
    auto back = parse(text, "t.mpijob");
    for (const std::string& m : testing::messages(back.diags)) INFO(m);
    REQUIRE_FALSE(back.diags.has_errors());
    REQUIRE(back.docs.size() == 1);
    CHECK(dump(back.doc()) == dump(doc));
  }
}

TEST_CASE("dsl from_node: strings that would read as other kinds are quoted, scalars keep their text") {
  auto yaml = parse(
      "apiVersion: mpijobc/v1\nkind: MPIJob\nmetadata: {name: 3d-unet}\n"
      "spec: {a: 'true', b: '1', c: 1h, d: 4Gi, e: 0x1F, f: .5, g: plain, h: ~, "
      "ttl_seconds: 4Gi, i: True, j: 'False', k: NULL, l: +3, m: -.inf, n: '.5', o: 010, "
      "p: '0xff'}\n");
  dsl::File file;
  file.jobs.push_back(dsl::from_document(yaml.doc()));
  CHECK(dsl::print(file) ==
        "MPIJob \"3d-unet\" {\n"
        "  a \"true\"\n"
        "  b \"1\"\n"
        "  c \"1h\"\n"
        "  d 4Gi\n"
        "  e 0x1F\n"
        "  f .5\n"
        "  g plain\n"
        "  h null\n"
        "  ttl_seconds \"4Gi\"\n"
        "  i True\n"
        "  j \"False\"\n"
        "  k null\n"
        "  l +3\n"
        "  m -.inf\n"
        "  n \".5\"\n"
        "  o 010\n"
        "  p \"0xff\"\n"
        "}\n");
}

TEST_CASE("dsl from_node: a job with values the DSL refused reads back as the same document") {
  // What fuzz/dsl_fuzzer.cc checks of every job to_documents keeps.
  auto p = parse("MPIJob x {\n  worker { replicas 1h }\n  slots 99999999999999999999\n"
                 "  run_policy { ttl_seconds_after_finished 1hh, active_deadline_seconds 1.5h }\n"
                 "  command [2h]\n}\n",
                 "t.mpijob");
  REQUIRE(p.diags.error_count() == 5);
  REQUIRE(p.docs.size() == 1);
  dsl::File file;
  file.jobs.push_back(dsl::from_document(p.doc()));
  auto back = parse(dsl::print(file), "t.mpijob");
  REQUIRE(back.docs.size() == 1);
  CHECK(dump(back.doc()) == dump(p.doc()));
}

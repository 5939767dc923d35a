// One scalar resolution for every command: a scalar in a field that takes
// text (command items, env values) is used as written, in YAML and in the
// DSL alike, and `convert` keeps it, so a spec and its converted twin build
// byte-identical files (docs/spec.md, docs/dsl.md).
#include <catch2/catch.hpp>

#include <algorithm>
#include <random>

#include "harness.h"

using namespace e2e;

namespace {

std::string cli(const std::string& args) { return quote(mpijobc()) + " " + args; }

// Random scalars as YAML writes them: numbers in every base, sign and
// notation YAML 1.2 knows (and some it does not), booleans and nulls in all
// spellings, YAML 1.1 words, strings with quotes, colons, '#', unicode —
// plain, single- or double-quoted. A plain null is quoted (command and env
// take no null).
class RandomScalars {
 public:
  explicit RandomScalars(uint32_t seed) : rng_(seed) {}

  std::string next() {
    std::string text = scalar_text();
    bool plain_ok = text.find_first_not_of(kPlainChars) == std::string::npos && text != "-" &&
                    !is_null(text);
    switch (below(plain_ok ? 4 : 2)) {
      case 0: return double_quoted(text);
      case 1: return "'" + replace_all(text, "'", "''") + "'";
      default: return text;
    }
  }

 private:
  static constexpr const char* kPlainChars =
      "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_.+-~";

  std::string scalar_text() {
    switch (below(6)) {
      case 0: {  // integers: sign, leading zeros, octal, hex
        switch (below(3)) {
          case 0: return pick({"", "+", "-"}) + std::string(below(3), '0') + digits("0123456789");
          case 1: return "0o" + digits("01234567");
          default: return "0x" + digits("0123456789abcdefABCDEF");
        }
      }
      case 1: {  // floats
        std::string whole = digits("0123456789"), frac = chance(2) ? digits("0123456789") : "";
        std::string exp =
            chance(2) ? pick({"e", "E"}) + pick({"", "+", "-"}) + digits("0123456789") : "";
        switch (below(5)) {
          case 0: return pick({"", "+", "-"}) + whole + "." + frac + exp;
          case 1: return pick({"", "+", "-"}) + "." + digits("0123456789") + exp;
          case 2: return whole + exp;
          case 3: return pick({"", "+", "-"}) + pick({".inf", ".Inf", ".INF"});
          default: return pick({".nan", ".NaN", ".NAN", "-.nan"});
        }
      }
      case 2:
        return pick({"true", "True", "TRUE", "false", "False", "FALSE", "tRUE", "~", "null", "Null",
                     "NULL", "", "yes", "No", "on", "OFF", "y", "n"});
      case 3:
        return pick({"1_000", "0b101", "1e3Gi", "4Gi", "500m", "1h", "30min", "0x", "0o8", "1.2.3",
                     "-0x1F", "+.5e+3", "--epochs", "-np", "."});
      default: {
        static const std::vector<std::string> pieces = {
            "a", "Z", "_", "-", ".", "0", "7", " ", "\"", "'", "\\", "#", ": ", ":", ",", "[", "]",
            "{", "}", "&", "*", "!", "|", ">", "%", "@", "`", "\xC3\xA9", "\xF0\x9F\x9A\x80",
            "\xE2\x80\xAE", "\t"};
        std::string s;
        for (size_t i = below(5) + 1; i > 0; --i) s += pieces[below(pieces.size())];
        return s;
      }
    }
  }

  static bool is_null(const std::string& s) {
    return s.empty() || s == "~" || s == "null" || s == "Null" || s == "NULL";
  }
  static std::string double_quoted(const std::string& s) {
    std::string out = "\"";
    for (char c : s)
      out += c == '"' ? "\\\"" : c == '\\' ? "\\\\" : c == '\t' ? "\\t" : std::string(1, c);
    return out + "\"";
  }
  static std::string replace_all(std::string s, const std::string& from, const std::string& to) {
    for (size_t at = 0; (at = s.find(from, at)) != std::string::npos; at += to.size())
      s.replace(at, from.size(), to);
    return s;
  }
  std::string digits(const char* alphabet) {
    std::string a = alphabet, s;
    for (size_t i = below(4) + 1; i > 0; --i) s += a[below(a.size())];
    return s;
  }
  std::string pick(std::initializer_list<const char*> options) {
    return *(options.begin() + below(options.size()));
  }
  bool chance(size_t n) { return below(n) == 0; }
  size_t below(size_t n) { return std::uniform_int_distribution<size_t>(0, n - 1)(rng_); }

  std::mt19937 rng_;
};

// `jobs` jobs, each with random scalars in its command and env, and integer
// and quantity fields spelled in YAML's notations.
std::string random_specs(uint32_t seed, int jobs) {
  RandomScalars random(seed);
  std::mt19937 rng(seed);
  const char* ints[] = {"30", "0x1E", "0o36", "+30", "030"};
  const char* quantities[] = {"2", ".5", "1.", "+3", "1e3", "2.5E-1", "500m", "\"1.5\""};
  std::string out;
  for (int j = 0; j < jobs; ++j) {
    out += "---\napiVersion: mpijobc/v1\nkind: " + std::string(j % 2 ? "HorovodJob" : "MPIJob") +
           "\nmetadata: {name: job" + std::to_string(j) + "}\nspec:\n  image: a/b:1\n"
           "  worker:\n    replicas: 1\n    requests: {cpu: " + quantities[rng() % 8] + "}\n"
           "  pod: {spec: {terminationGracePeriodSeconds: " + ints[rng() % 5] + "}}\n"
           "  build: {framework: {name: pytorch}}\n"
           "  command:\n    - python\n";
    for (int i = 0; i < 5; ++i) out += "    - " + random.next() + "\n";
    out += "  env:\n";
    for (int i = 0; i < 4; ++i) out += "    V" + std::to_string(i) + ": " + random.next() + "\n";
  }
  return out;
}

}  // namespace

TEST_CASE("scalars: a spec and its converted twins build byte-identical files (random scalars)") {
  TempDir dir;
  std::string yaml = dir / "jobs.yaml", dsl = dir / "jobs.mpijob", back = dir / "back/jobs.yaml";
  write_file(yaml, random_specs(20261130, 60));  // 540 random scalars

  Result to_dsl = run(cli("convert " + quote(yaml) + " --to dsl"));
  INFO(read_file(yaml) << to_dsl.err);
  REQUIRE(to_dsl.status == 0);
  write_file(dsl, to_dsl.out);
  Result to_yaml = run(cli("convert " + quote(dsl) + " --to yaml"));
  INFO(to_dsl.out << to_yaml.err);
  REQUIRE(to_yaml.status == 0);
  write_file(back, to_yaml.out);
  // Converting again changes nothing.
  CHECK(run(cli("convert " + quote(back) + " --to dsl")).out == to_dsl.out);
  CHECK(run(cli("convert " + quote(dsl) + " --to dsl")).out == to_dsl.out);

  TempDir a, b, c;
  auto original = build_outputs(yaml, a);
  CHECK(std::count_if(original.begin(), original.end(), [](const auto& f) {
          return f.first.size() > 12 && f.first.substr(f.first.size() - 12) == "/mpijob.yaml";
        }) == 60);
  CHECK(build_outputs(dsl, b) == original);
  CHECK(build_outputs(back, c) == original);
}

TEST_CASE("scalars: command and env take numbers and booleans as written, in both syntaxes") {
  TempDir dir;
  write_file(dir / "x.mpijob",
             "MPIJob x {\n  image \"a/b:1\"\n  worker { replicas 1 }\n"
             "  command [python, 010, -0, 0x1F, 0o755, +3, .5, 1., True, \"1_000\"]\n"
             "  env { A 010, B -0, C True }\n}\n");
  Result yaml = run(cli("convert " + quote(dir / "x.mpijob") + " --to yaml"));
  REQUIRE(yaml.status == 0);
  CHECK(yaml.out.find("    - 010\n    - -0\n    - 0x1F\n    - 0o755\n    - +3\n    - .5\n    - 1.\n"
                      "    - True\n    - \"1_000\"\n") != std::string::npos);
  CHECK(yaml.out.find("    A: 010\n    B: -0\n    C: True\n") != std::string::npos);
  write_file(dir / "x.yaml", yaml.out);

  Result built = run(cli("build --stdout " + quote(dir / "x.yaml")));
  REQUIRE(built.status == 0);
  CHECK(built.out.find("python 010 -0 0x1F 0o755 +3 .5 1. True 1_000\n") != std::string::npos);
  CHECK(built.out.find("- name: A\n                  value: \"010\"\n") != std::string::npos);
  CHECK(built.out.find("- name: C\n                  value: \"True\"\n") != std::string::npos);
  Result from_dsl = run(cli("build --stdout " + quote(dir / "x.mpijob")));
  REQUIRE(from_dsl.status == 0);
  CHECK(from_dsl.out.find("python 010 -0 0x1F 0o755 +3 .5 1. True 1_000\n") != std::string::npos);
}

TEST_CASE("scalars: a quantity written as a number that is no quantity is a located error") {
  TempDir dir;
  write_file(dir / "q.yaml",
             "apiVersion: mpijobc/v1\nkind: MPIJob\nmetadata: {name: q}\nspec:\n  image: a/b:1\n"
             "  command: [python]\n  worker: {replicas: 1, limits: {cpu: 0x1F}}\n");
  Result r = run(cli("build " + quote(dir / "q.yaml") + " -o " + quote(dir / "out")));
  CHECK(r.status == 1);
  CHECK(r.err.find("q.yaml:7:39: error: spec.worker.limits.cpu: '0x1F' is not a Kubernetes "
                   "quantity [spec/quantity]") != std::string::npos);
  CHECK_FALSE(exists(dir / "out"));
}

#include "dsl/to_node.h"

#include <catch2/catch.hpp>

#include "testing/fixtures.h"

using namespace mpijobc;
using testing::dump;
using testing::messages;
using testing::parse;

TEST_CASE("dsl to_node: a job reads as the same document as its YAML twin") {
  auto dsl = parse(
      "MPIJob pi {\n"
      "  namespace ml\n"
      "  labels { team vision, \"app.kubernetes.io/part-of\" bench }\n"
      "  image \"example.com/img:1\"\n"
      "  command [python, \"--x\", 3, 2.5, true, null]\n"
      "  worker { replicas 2, limits { cpu 500m, mem 1Gi } }\n"
      "  run_policy { ttl_seconds_after_finished 2h, active_deadline_seconds 30min }\n"
      "  elastic_timeout 90s\n"
      "}\n",
      "t.mpijob");
  auto yaml = parse(
      "apiVersion: mpijobc/v1\n"
      "kind: MPIJob\n"
      "metadata:\n"
      "  name: pi\n"
      "  namespace: ml\n"
      "  labels: {team: vision, app.kubernetes.io/part-of: bench}\n"
      "spec:\n"
      "  image: example.com/img:1\n"
      "  command: [python, --x, 3, 2.5, true, null]\n"
      "  worker: {replicas: 2, limits: {cpu: 500m, mem: 1Gi}}\n"
      "  run_policy: {ttl_seconds_after_finished: 7200, active_deadline_seconds: 1800}\n"
      "  elastic_timeout: 90\n");
  REQUIRE(dsl.docs.size() == 1);
  REQUIRE(yaml.docs.size() == 1);
  CHECK(dump(dsl.doc()) == dump(yaml.doc()));
}

TEST_CASE("dsl to_node: bare scalars resolve as YAML resolves them, keeping their text") {
  const std::string values =
      "0x1F, 0o17, +3, 010, -0, .5, 1., +2.0, 1E3, 1.e-2, .inf, -.Inf, .NaN, True, FALSE, NULL, "
      "Null, yes, Off, \"0x1F\", \"True\"";
  auto dsl = parse("MPIJob pi {\n  command [" + values + "]\n}\n", "t.mpijob");
  auto yaml = parse("apiVersion: mpijobc/v1\nkind: MPIJob\nmetadata: {name: pi}\n"
                    "spec: {command: [" + values + "]}\n");
  for (const std::string& m : messages(dsl.diags)) INFO(m);
  REQUIRE(dsl.docs.size() == 1);
  REQUIRE(yaml.docs.size() == 1);
  CHECK(dump(dsl.doc()) == dump(yaml.doc()));
  const Node& command = *dsl.doc().get("spec")->get("command");
  CHECK(command.items[0].kind == Node::Kind::Int);
  CHECK(command.items[0].text == "0x1F");
  CHECK(command.items[5].kind == Node::Kind::Float);
  CHECK(command.items[13].as_bool() == true);
  CHECK(command.items[13].text == "True");
  CHECK(command.items[15].is_null());
  CHECK(command.items[17].is_string());
}

TEST_CASE("dsl to_node: nodes carry the DSL positions") {
  auto p = parse("MPIJob pi {\n  worker {\n    replicas 2\n  }\n}\n", "t.mpijob");
  const Node& doc = p.doc();
  CHECK(doc.get("kind")->loc.line == 1);
  CHECK(doc.get("metadata")->get("name")->loc.column == 8);
  const Member* replicas = doc.get("spec")->get("worker")->member("replicas");
  CHECK(replicas->key_loc.line == 3);
  CHECK(replicas->key_loc.column == 5);
  CHECK(replicas->value.loc.column == 14);
}

TEST_CASE("dsl to_node: durations and quantities are told apart, with located errors") {
  using V = std::vector<std::string>;
  auto errors = [](const std::string& body) {
    return messages(parse("MPIJob x {\n" + body + "\n}\n", "t.mpijob").diags);
  };
  CHECK(errors("  run_policy { ttl_seconds_after_finished 30m }") ==
        V{"2:43: '30m' is a quantity, not a duration [dsl/duration]"});
  CHECK(parse("MPIJob x {\n  elastic_timeout 5m\n}\n", "t.mpijob").diags.all()[0].hint ==
        "for minutes write 5min (m is milli)");
  CHECK(errors("  env { TIMEOUT 1h }") ==
        V{"2:17: a duration only fits a field in seconds (named *seconds* or *timeout*) "
          "[dsl/duration]"});
  CHECK(errors("  elastic_timeout 1.5h") ==
        V{"2:19: a duration is a whole number of its unit [dsl/duration]"});
  CHECK(errors("  elastic_timeout 999999999999999999d") ==
        V{"2:19: duration 999999999999999999d is out of range [dsl/duration]"});
  CHECK(errors("  slots 99999999999999999999") ==
        V{"2:9: integer 99999999999999999999 is out of range [dsl/syntax]"});
}

TEST_CASE("dsl to_node: a value with an error stays in its place, for the schema to check the rest") {
  auto p = parse("MPIJob x {\n  worker { replicas 1h }\n  slots 99999999999999999999\n"
                 "  run_policy { ttl_seconds_after_finished 1hh }\n  slotz 2\n}\n",
                 "t.mpijob");
  CHECK(messages(p.diags) ==
        std::vector<std::string>{
            "2:21: a duration only fits a field in seconds (named *seconds* or *timeout*) "
            "[dsl/duration]",
            "3:9: integer 99999999999999999999 is out of range [dsl/syntax]",
            "4:43: '1hh' is a quantity, not a duration [dsl/duration]"});
  REQUIRE(p.docs.size() == 1);
  const Node& spec = *p.doc().get("spec");
  CHECK(spec.get("worker")->get("replicas")->is_null());
  CHECK(spec.get("slots")->text == "99999999999999999999");
  CHECK(spec.get("run_policy")->get("ttl_seconds_after_finished")->text == "1hh");
  CHECK(spec.get("slotz") != nullptr);
}

TEST_CASE("dsl to_node: a duplicate key is an error at the second one") {
  auto p = parse("MPIJob x {\n  namespace a\n  worker { replicas 1, replicas 2 }\n  namespace b\n}\n",
                 "t.mpijob");
  CHECK(messages(p.diags) == std::vector<std::string>{
                                 "3:24: duplicate key 'replicas' [dsl/syntax]",
                                 "4:3: duplicate key 'namespace' [dsl/syntax]"});
  CHECK(p.diags.all()[1].hint == "the first 'namespace' is at line 2; keep only one");
  CHECK(p.docs.empty());  // a job with a key error is left out
}

TEST_CASE("dsl to_node: a duplicate among thousands of keys names the first") {
  std::string text = "MPIJob x {\n  env {\n";
  for (int i = 0; i < 5000; ++i) text += "    K" + std::to_string(i) + " \"v\"\n";
  text += "    K1234 \"again\"\n  }\n}\n";
  auto p = parse(text, "t.mpijob");
  REQUIRE(p.diags.error_count() == 1);
  CHECK(p.diags.all()[0].message == "duplicate key 'K1234'");
  CHECK(p.diags.all()[0].loc.line == 5003);
  CHECK(p.diags.all()[0].hint == "the first 'K1234' is at line 1237; keep only one");
}

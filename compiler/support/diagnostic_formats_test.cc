#include "support/diagnostic_formats.h"

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

using namespace mpijobc;

namespace {

struct Findings {
  SourceManager sources;
  DiagnosticEngine diags;
  Findings() {
    uint32_t f = sources.add("jobs/my job.yaml", "spec:\n  slots: two\n");
    diags.error({f, 2, 10}, "spec.slots", "expected integer, got 'two'", "write a number", "schema/type");
    diags.warning({f, 1, 1}, {}, "deprecated", {}, "spec/deprecated-field");
    diags.error({}, {}, "no job specs found", {}, "input/empty");
    uint32_t gone = sources.add("/abs/gone.yaml", "");
    diags.error({gone, 0, 0}, {}, "cannot read: No such file or directory", {}, "io/read");
  }
};

}  // namespace

TEST_CASE("json: one object per finding, unlocated ones with null positions, and a summary") {
  Findings f;
  nlohmann::json out = nlohmann::json::parse(to_json(f.sources, f.diags.all(), {{"files", 1}, {"MPIJobs", 0}}));
  CHECK(out["summary"] == nlohmann::json{{"files", 1}, {"mpijobs", 0}, {"errors", 3}, {"warnings", 1}});
  const nlohmann::json& j = out["findings"];
  REQUIRE(j.size() == 4);
  CHECK(j[0] == nlohmann::json{{"file", "jobs/my job.yaml"}, {"line", 2}, {"column", 10},
                               {"severity", "error"}, {"rule", "schema/type"},
                               {"message", "expected integer, got 'two'"}, {"path", "spec.slots"},
                               {"hint", "write a number"}});
  CHECK(j[1]["severity"] == "warning");
  CHECK(j[2]["file"].is_null());
  CHECK(j[2]["line"].is_null());
  // A file that cannot be read: the file, no line.
  CHECK(j[3]["file"] == "/abs/gone.yaml");
  CHECK(j[3]["line"].is_null());
  CHECK(j[3]["column"].is_null());
}

TEST_CASE("sarif: results with levels, locations as URIs, the rules that fired, unlocated findings as notifications") {
  Findings f;
  nlohmann::json s = nlohmann::json::parse(to_sarif(f.sources, f.diags.all(), "1.2.3",
                                                    "https://example.org/mpijobc/docs", {{"files", 1}}));
  CHECK(s["version"] == "2.1.0");
  const nlohmann::json& run = s["runs"][0];
  CHECK(run["tool"]["driver"]["name"] == "mpijobc");
  CHECK(run["tool"]["driver"]["version"] == "1.2.3");
  // Each rule with what it checks, where docs/spec.md says more (an absolute
  // URI under the docs' base), and its level.
  CHECK(run["tool"]["driver"]["rules"] == nlohmann::json::parse(R"([
    {"id": "io/read", "shortDescription": {"text": "Input and output: read"},
     "helpUri": "https://example.org/mpijobc/docs/spec.md#checks", "defaultConfiguration": {"level": "error"}},
    {"id": "schema/type", "shortDescription": {"text": "Job spec schema: type"},
     "helpUri": "https://example.org/mpijobc/docs/spec.md#checks", "defaultConfiguration": {"level": "error"}},
    {"id": "spec/deprecated-field", "shortDescription": {"text": "Job spec: deprecated field"},
     "helpUri": "https://example.org/mpijobc/docs/spec.md#checks", "defaultConfiguration": {"level": "warning"}}])"));
  const nlohmann::json& r = run["results"][0];
  CHECK(r["ruleId"] == "schema/type");
  CHECK(r["level"] == "error");
  CHECK(r["message"]["text"] == "spec.slots: expected integer, got 'two' (write a number)");
  const nlohmann::json& loc = r["locations"][0]["physicalLocation"];
  CHECK(loc["artifactLocation"]["uri"] == "jobs/my%20job.yaml");
  CHECK(loc["region"] == nlohmann::json{{"startLine", 2}, {"startColumn", 10}});
  CHECK(run["results"][1]["level"] == "warning");
  // An absolute path is a file: URI; a file as a whole has no region.
  REQUIRE(run["results"].size() == 3);
  const nlohmann::json& gone = run["results"][2]["locations"][0]["physicalLocation"];
  CHECK(gone["artifactLocation"]["uri"] == "file:///abs/gone.yaml");
  CHECK_FALSE(gone.contains("region"));
  // Code scanning drops results without a location.
  const nlohmann::json& invocation = run["invocations"][0];
  CHECK(invocation["executionSuccessful"] == false);
  CHECK(invocation["toolExecutionNotifications"] ==
        nlohmann::json::parse(R"([{"level":"error","message":{"text":"no job specs found"},
                                   "descriptor":{"id":"input/empty"}}])"));
  CHECK(run["properties"]["summary"] == nlohmann::json{{"files", 1}, {"errors", 3}, {"warnings", 1}});
}

TEST_CASE("summary line: counts with their nouns, one or many") {
  Findings f;
  CHECK(summary_line(f.diags.all(), {{"files", 12}, {"MPIJobs", 1}, {"specs", 3}}) ==
        "12 files, 1 MPIJob, 3 specs checked; 3 errors, 1 warning");
  CHECK(summary_line({}, {}) == "0 errors, 0 warnings");
}

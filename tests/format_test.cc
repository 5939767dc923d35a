// --format json|sarif on build and validate: the findings as data on stdout,
// checked by Python's json and jsonschema (SARIF against the part of SARIF
// 2.1.0 that GitHub code scanning requires, tests/tools/sarif-subset.schema.json,
// and against the SARIF 2.1.0 schema itself, from tests/npm).
#include <catch2/catch.hpp>

#include "harness.h"

using namespace e2e;

namespace {

// Runs python3 on `script` (sys.argv[1] is `arg`) with the command's stdout as its stdin.
Result python_on(const std::string& command, const std::string& script, const std::string& arg = {}) {
  return run(command + " | /usr/bin/python3 -c " + quote(script) + " " + quote(arg));
}

}  // namespace

TEST_CASE("format json: one object per finding, with the rule id, position and field path") {
  Result r = python_on(
      quote(mpijobc()) + " validate --format json tests/manifests/bad/launcher-replicas.yaml",
      "import json, sys\n"
      "out = json.load(sys.stdin)\n"
      "f = out['findings']\n"
      "print(len(f), f[0]['file'], f[0]['line'], f[0]['column'], f[0]['severity'], f[0]['rule'], f[0]['path'])\n"
      "print(out['summary'])\n");
  INFO(r.err);
  CHECK(r.out == "4 tests/manifests/bad/launcher-replicas.yaml 6 19 error mpijob/slots-per-worker "
                 "spec.slotsPerWorker\n"
                 "{'errors': 4, 'files': 1, 'mpijobs': 1, 'specs': 0, 'warnings': 0}\n");
  Result status = run(quote(mpijobc()) + " validate --format json tests/manifests/bad/launcher-replicas.yaml");
  CHECK(status.status == 1);
  CHECK(status.err.empty());  // no text findings, and the summary is in the JSON
  Result clean = python_on(quote(mpijobc()) + " validate --format json samples/mpi-pi.yaml",
                           "import json, sys\nprint(json.load(sys.stdin))\n");
  CHECK(clean.out == "{'findings': [], 'summary': {'errors': 0, 'files': 1, 'mpijobs': 0, 'specs': 1, "
                     "'warnings': 0}}\n");
}

TEST_CASE("format sarif: a SARIF 2.1.0 log that code scanning accepts, its rules described and documented") {
  if (run("/usr/bin/python3 -c 'import jsonschema'").status != 0)
    skip("python3-jsonschema is not installed");
  // jsonschema checks the format "uri" (helpUri: absolute) only with rfc3987.
  if (run("/usr/bin/python3 -c 'import rfc3987'").status != 0)
    skip("python3-rfc3987 is not installed (scripts/setup.sh --test)");
  // SARIF 2.1.0's own schema (release rtm.5, with which Microsoft's SARIF SDK
  // validates logs), from tests/npm: no other package in reach ships it.
  std::string schema =
      source_dir() + "/tests/npm/node_modules/@microsoft/jest-sarif/lib/schemas/sarif-2.1.0-rtm.5.json";
  if (!exists(schema)) WARN("the SARIF 2.1.0 schema is not installed (scripts/setup.sh --test): checked against the subset only");
  for (const char* command :
       {"validate --format sarif tests/manifests/bad/v1-replicas.yaml tests/manifests/bad/bdap.yaml",
        // An unreadable file: a result at the file, as a file: URI; no spec at
        // all: a notification; a lint: a rule documented under Lints.
        "build --format sarif tests/bad/wrong-types.yaml tests/bad/gang-deadlock.yaml "
        "tests/bad/empty.yaml /no/such/spec.yaml -o /nonexistent/never"}) {
    Result r = python_on(
        quote(mpijobc()) + " " + std::string(command),
        "import json, re, sys, jsonschema\n"
        "log = json.load(sys.stdin)\n"
        "jsonschema.validate(log, json.load(open('tests/tools/sarif-subset.schema.json')),\n"
        "                    format_checker=jsonschema.FormatChecker())\n"
        "if sys.argv[1]:\n"
        "    jsonschema.Draft4Validator(json.load(open(sys.argv[1])),\n"
        "                               format_checker=jsonschema.FormatChecker()).validate(log)\n"
        "# docs/spec.md's headings, as GitHub makes their anchors\n"
        "anchors = set()\n"
        "for line in open('docs/spec.md'):\n"
        "    if line.startswith('#'):\n"
        "        title = line.lstrip('#').strip().lower()\n"
        "        anchors.add(re.sub(r'[^a-z0-9 _-]', '', title).replace(' ', '-'))\n"
        "run = log['runs'][0]\n"
        "rules = run['tool']['driver']['rules']\n"
        "assert all(res['ruleId'] in {r['id'] for r in rules} for res in run['results'])\n"
        "for rule in rules:\n"
        "    assert rule['shortDescription']['text'], rule\n"
        "    assert rule['defaultConfiguration']['level'] in ('note', 'warning', 'error'), rule\n"
        "    page, anchor = rule['helpUri'].split('#')\n"
        "    assert page.endswith('/spec.md') and anchor in anchors, rule\n"
        "print(len(run['results']), run['results'][0]['level'], sorted({r['helpUri'] for r in rules}))\n",
        exists(schema) ? schema : "");
    INFO(command << "\n" << r.err);
    CHECK(r.status == 0);
    CHECK(r.out.find(" error [") != std::string::npos);
    CHECK(r.out.find("/spec.md#checks") != std::string::npos);
  }
}

TEST_CASE("format: build --stdout and a machine format cannot share stdout") {
  CHECK(run(quote(mpijobc()) + " build --stdout --format json samples/mpi-pi.yaml").status == 2);
  CHECK(run(quote(mpijobc()) + " build --format yaml samples/mpi-pi.yaml").status == 2);
}

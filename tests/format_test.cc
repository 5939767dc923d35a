// --format json|sarif on build and validate: the findings as data on stdout,
// checked by Python's json and jsonschema (SARIF against the part of SARIF
// 2.1.0 that GitHub code scanning requires, tests/tools/sarif-subset.schema.json).
#include <catch2/catch.hpp>

#include "harness.h"

using namespace e2e;

namespace {

// Runs python3 on `script` with the command's stdout as its stdin.
Result python_on(const std::string& command, const std::string& script) {
  return run(command + " | /usr/bin/python3 -c " + quote(script));
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

TEST_CASE("format sarif: a SARIF 2.1.0 log that code scanning accepts") {
  if (run("/usr/bin/python3 -c 'import jsonschema'").status != 0)
    skip("python3-jsonschema is not installed");
  for (const char* command :
       {"validate --format sarif tests/manifests/bad/v1-replicas.yaml tests/manifests/bad/bdap.yaml",
        "build --format sarif tests/bad/wrong-types.yaml -o /nonexistent/never",
        // An unreadable file: a result at the file, as a file: URI.
        "build --format sarif /no/such/spec.yaml -o /nonexistent/never"}) {
    Result r = python_on(
        quote(mpijobc()) + " " + std::string(command),
        "import json, sys, jsonschema\n"
        "log = json.load(sys.stdin)\n"
        "jsonschema.validate(log, json.load(open('tests/tools/sarif-subset.schema.json')),\n"
        "                    format_checker=jsonschema.FormatChecker())\n"
        "run = log['runs'][0]\n"
        "ids = {r['id'] for r in run['tool']['driver']['rules']}\n"
        "assert all(res['ruleId'] in ids for res in run['results'])\n"
        "print(len(run['results']), run['results'][0]['level'])\n");
    INFO(command << "\n" << r.err);
    CHECK(r.status == 0);
    CHECK(r.out.find(" error\n") != std::string::npos);
  }
}

TEST_CASE("format: build --stdout and a machine format cannot share stdout") {
  CHECK(run(quote(mpijobc()) + " build --stdout --format json samples/mpi-pi.yaml").status == 2);
  CHECK(run(quote(mpijobc()) + " build --format yaml samples/mpi-pi.yaml").status == 2);
}

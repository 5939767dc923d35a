#include "frontend/field_places.h"

#include <catch2/catch.hpp>

using namespace mpijobc;

namespace {

// A schema part shaped like the embedded ones: definitions, $ref, allOf.
FieldPlaces places() {
  nlohmann::json doc = nlohmann::json::parse(R"({"definitions": {
    "Envelope": {"properties": {"metadata": {"properties": {"name": {}}}, "spec": {}}},
    "Spec": {"allOf": [{"properties": {"image": {}, "slots": {}}}],
             "properties": {"worker": {"$ref": "#/definitions/Role"},
                            "launcher": {"$ref": "#/definitions/Role"},
                            "extra": {"$ref": "#/definitions/Role"},
                            "run_policy": {"properties": {"backoff_limit": {}}},
                            "runtime_ref": {"properties": {"name": {}}}}},
    "Role": {"properties": {"image": {}, "limits": {"$ref": "#/definitions/Resources"},
                            "requests": {"$ref": "#/definitions/Resources"}}},
    "Resources": {"properties": {"cpu": {}, "mem": {}}}}})");
  FieldPlaces p;
  p.add(doc, "Envelope", "");
  p.add(doc, "Spec", "spec");
  return p;
}

}  // namespace

TEST_CASE("field places: a field written in the wrong place is named where it belongs") {
  FieldPlaces p = places();
  CHECK(p.hint("image", "") == "'image' belongs at 'spec.image'");
  // The nearest places: a worker's 'cpu' is its own, not the launcher's...
  CHECK(p.hint("cpu", "spec.worker") == "'cpu' belongs at 'limits.cpu' or 'requests.cpu'");
  // ...and a shallower place one step further: a spec's 'name' may be the
  // job's as much as the runtime's.
  CHECK(p.hint("name", "spec") == "'name' belongs at 'metadata.name' or 'runtime_ref.name'");
  CHECK(p.hint("cpu", "spec.launcher.limits.x") ==
        "'cpu' belongs at 'spec.launcher.limits.cpu'");
}

TEST_CASE("field places: Kubernetes' spellings are named as a spec writes them") {
  FieldPlaces p = places();
  CHECK(p.hint("slotsPerWorker", "spec") ==
        "Kubernetes' 'slotsPerWorker' is written 'slots' in a job spec");
  CHECK(p.hint("backoffLimit", "spec") ==
        "Kubernetes' 'backoffLimit' is written 'run_policy.backoff_limit' in a job spec");
  CHECK(p.hint("memory", "spec.worker.limits") == "Kubernetes' 'memory' is written 'mem' in a job spec");
  CHECK(p.hint("memory", "spec.worker") ==
        "Kubernetes' 'memory' is written 'limits.mem' or 'requests.mem' in a job spec");
}

TEST_CASE("field places: no hint for a field no place has; at most four places") {
  FieldPlaces p = places();
  CHECK(p.hint("imgae", "spec") == "");
  CHECK(p.hint("mem", "spec.extra") == "'mem' belongs at 'limits.mem' or 'requests.mem'");
  CHECK(p.hint("mem", "") == "'mem' belongs at 'spec.extra.limits.mem', 'spec.extra.requests.mem', "
                             "'spec.launcher.limits.mem', 'spec.launcher.requests.mem', ...");
}

#include "validate/manifest_check.h"

#include <catch2/catch.hpp>

#include "testing/fixtures.h"

using namespace mpijobc;

TEST_CASE("manifest check: the schema and the operator's rules, one finding per field, in file order") {
  auto p = testing::parse(
      "apiVersion: kubeflow.org/v2beta1\nkind: MPIJob\nmetadata: {name: pi}\nspec:\n"
      "  slotsPerWorker: -1\n"
      "  mpiReplicaSpecs:\n"
      "    Launcher:\n"
      "      replicas: one\n"
      "      template: {spec: {containers: [{name: l, image: i}]}}\n"
      "    Worker:\n"
      "      replicas: 1\n"
      "      template: {labels: {a: b}, spec: {containers: [{name: w, image: i}]}}\n");
  DiagnosticEngine diags;
  CHECK(check_object(p.doc(), CrdSchemas(), diags));
  // replicas: the schema's type error alone, not also the rule's
  // "must be an integer" for spec.mpiReplicaSpecs[Launcher].replicas.
  CHECK(testing::messages(diags) ==
        std::vector<std::string>{
            "5:19: spec.slotsPerWorker: must be greater than or equal to 0, got -1 [mpijob/slots-per-worker]",
            "8:17: spec.mpiReplicaSpecs.Launcher.replicas: expected integer, got 'one'"
            " [crd/type]",
            "12:18: spec.mpiReplicaSpecs.Worker.template.labels: unknown field 'labels' [crd/unknown-field]"});
}

TEST_CASE("manifest check: objects of other kinds and versions are not checked") {
  DiagnosticEngine diags;
  CHECK_FALSE(check_object(testing::parse("apiVersion: v1\nkind: ConfigMap\nmetadata: {name: c}\n").doc(),
                           CrdSchemas(), diags));
  CHECK_FALSE(check_object(testing::parse("apiVersion: kubeflow.org/v9\nkind: MPIJob\n").doc(),
                           CrdSchemas(), diags));
  CHECK(diags.all().empty());
}

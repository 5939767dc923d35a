#include "validate/crd_schema.h"

#include <catch2/catch.hpp>

#include "testing/fixtures.h"

using namespace mpijobc;

namespace {

const char* kCrd = R"(apiVersion: apiextensions.k8s.io/v1
kind: CustomResourceDefinition
spec:
  group: example.com
  names: {kind: Widget}
  versions:
    - name: v1
      schema:
        openAPIV3Schema:
          type: object
          properties:
            apiVersion: {type: string}
            kind: {type: string}
            metadata: {type: object}
            spec:
              type: object
              properties:
                size: {x-kubernetes-int-or-string: true}
                extra: {type: object, x-kubernetes-preserve-unknown-fields: true, properties: {a: {type: string}}}
                count: {type: integer, minimum: 1}
)";

struct Checked {
  SourceManager sources;
  DiagnosticEngine diags;
  bool checked = false;
  explicit Checked(const std::string& object) {
    CrdSchemas crds;
    crds.load(sources, sources.add("crd.yaml", kCrd), diags);
    REQUIRE_FALSE(diags.has_errors());
    auto p = testing::parse(object);
    REQUIRE(p.docs.size() == 1);
    checked = crds.check(p.doc(), diags);
  }
};

}  // namespace

TEST_CASE("crd: an object of the CRD's kind and version is checked, each finding located") {
  Checked c("apiVersion: example.com/v1\nkind: Widget\nspec:\n  size: 3\n  count: 0\n"
            "  colour: red\n  extra: {anything: 1}\n  nothing: null\n");  // a null is pruned
  CHECK(c.checked);
  CHECK(testing::messages(c.diags) == std::vector<std::string>{
                                          "5:10: spec.count: must be at least 1, got 0 [crd/range]",
                                          "6:3: spec.colour: unknown field 'colour' [crd/unknown-field]",
                                      });
}

TEST_CASE("crd: nulls are pruned before checking, as the API server does") {
  Checked c("apiVersion: example.com/v1\nkind: Widget\nspec:\n  size: five\n  count: null\n");
  CHECK(c.checked);
  CHECK_FALSE(c.diags.has_errors());
}

TEST_CASE("crd: other kinds are not checked, an unknown version is a warning naming the known ones") {
  CHECK_FALSE(Checked("apiVersion: example.com/v1\nkind: Gadget\n").checked);
  Checked old("apiVersion: example.com/v0\nkind: Widget\n");
  CHECK_FALSE(old.checked);
  CHECK(testing::messages(old.diags) ==
        std::vector<std::string>{"1:13: apiVersion: not checked against a CRD: the CRDs given have "
                                 "no Widget version 'example.com/v0' [crd/no-version]"});
  CHECK(old.diags.all()[0].hint == "they define example.com/v1");
}

TEST_CASE("crd: a file without a usable CRD is an error located in it") {
  SourceManager sources;
  DiagnosticEngine diags;
  CrdSchemas crds;
  crds.load(sources, sources.add("c.yaml", "kind: CustomResourceDefinition\nspec: {group: g}\n"), diags);
  crds.load(sources, sources.add("d.yaml", "kind: ConfigMap\n"), diags);
  CHECK(testing::messages(diags) ==
        std::vector<std::string>{
            "1:1: spec: not a usable CRD: it needs spec.group, spec.names.kind and spec.versions "
            "[crd/invalid]",
            "1:1: no CustomResourceDefinition in d.yaml [crd/invalid]"});
}

TEST_CASE("crd: MPIJobs are checked against the built-in schema of their dialect without --crd") {
  SourceManager sources;
  DiagnosticEngine diags;
  CrdSchemas crds;
  auto p = testing::parse("apiVersion: kubeflow.org/v2beta1\nkind: MPIJob\nspec:\n  slotPerWorker: 1\n");
  CHECK(crds.check(p.doc(), diags));
  CHECK(testing::messages(diags) ==
        std::vector<std::string>{"3:1: spec.mpiReplicaSpecs: missing required field 'mpiReplicaSpecs' "
                                 "[crd/required]",
                                 "4:3: spec.slotPerWorker: unknown field 'slotPerWorker' [crd/unknown-field]"});
}

TEST_CASE("crd: a loaded CRD takes the place of the built-in schema of its apiVersion") {
  const char* crd = R"(kind: CustomResourceDefinition
spec:
  group: kubeflow.org
  names: {kind: MPIJob}
  versions:
    - name: v2beta1
      schema:
        openAPIV3Schema:
          type: object
          properties:
            apiVersion: {type: string}
            kind: {type: string}
            spec: {type: object, x-kubernetes-preserve-unknown-fields: true}
)";
  SourceManager sources;
  DiagnosticEngine diags;
  CrdSchemas crds;
  crds.load(sources, sources.add("crd.yaml", crd), diags);
  auto p = testing::parse("apiVersion: kubeflow.org/v2beta1\nkind: MPIJob\nspec: {anything: 1}\n");
  CHECK(crds.check(p.doc(), diags));
  CHECK_FALSE(diags.has_errors());
  // Other versions keep their built-in schema.
  auto v1 = testing::parse("apiVersion: kubeflow.org/v1\nkind: MPIJob\nspec: {anything: 1}\n");
  CHECK(crds.check(v1.doc(), diags));
  CHECK(diags.has_errors());
}

TEST_CASE("crd: a schema that is not structural enough to read is an error located at it") {
  SourceManager sources;
  DiagnosticEngine diags;
  CrdSchemas crds;
  crds.load(sources,
            sources.add("c.yaml", "kind: CustomResourceDefinition\nspec:\n  group: g\n  names: {kind: K}\n"
                                  "  versions:\n    - name: v1\n      schema:\n        openAPIV3Schema:\n"
                                  "          type: object\n          properties: {size: {type: thing}}\n"),
            diags);
  CHECK(testing::messages(diags) ==
        std::vector<std::string>{"9:11: spec.versions.schema: not a usable schema: "
                                 "openAPIV3Schema.size: unknown type 'thing' [crd/invalid]"});
}

#include "frontend/documents.h"

#include <catch2/catch.hpp>

#include "testing/fixtures.h"

using namespace mpijobc;

TEST_CASE("documents: a file may hold specs or objects where a document's key can name them") {
  const std::vector<std::string> kinds = {"MPIJob"};
  auto may = [&](std::string_view text) { return may_hold_documents("f.yaml", text, kinds); };
  // Block style, flow style, JSON, quoted, CRLF, after a byte order mark.
  CHECK(may("apiVersion: mpijobc/v1\nkind: MPIJob\n"));
  CHECK(may("# a spec\n---\napiVersion: 'mpijobc/v1'\n"));
  CHECK(may("x: 1\n---\nkind: MPIJob # hand-written\n"));
  CHECK(may("--- {apiVersion: kubeflow.org/v2beta1, kind: MPIJob}\n"));
  CHECK(may("{\n  \"apiVersion\": \"kubeflow.org/v1\",\n  \"kind\" : \"MPIJob\"\n}\n"));
  CHECK(may("apiVersion: x\r\nkind: MPIJob\r\n"));
  CHECK(may("\xEF\xBB\xBFkind: MPIJob"));
  // Other kinds, other values, the words elsewhere.
  CHECK_FALSE(may(""));
  CHECK_FALSE(may("kind: MPIJobList\nkind: TFJob\napiVersion: mpijobc/v2\n"));
  CHECK_FALSE(may("# kind: MPIJob\n#apiVersion: mpijobc/v1\n"));
  CHECK_FALSE(may("description: deploys an MPIJob (mpijobc/v1)\n"));
  CHECK_FALSE(may("items:\n  - kind: MPIJob\n"));  // not a document of its own
  CHECK_FALSE(may("subkind: MPIJob\n"));
  // An MPIJob in a script of a GitLab CI file is not a document of the file.
  CHECK_FALSE(may("deploy:\n  script:\n    - !reference [.setup, script]\n    - |\n"
                  "      kubectl apply -f - <<EOF\n      kind: MPIJob\n      EOF\n"));
  CHECK_FALSE(may("metadata: {name: {{ .Values.name }}}\n"));
  // The kinds are the caller's; the DSL is always a spec.
  CHECK(may_hold_documents("f.yaml", "kind: TFJob\n", {"MPIJob", "TFJob"}));
  CHECK_FALSE(may_hold_documents("f.yaml", "kind: MPIJob\n", {}));
  CHECK(may_hold_documents("f.mpijob", "", {}));
  // Objects picked by apiVersion rather than kind.
  const std::vector<std::string> vc = {"batch.volcano.sh/v1alpha1"};
  CHECK(may_hold_documents("f.yaml", "apiVersion: batch.volcano.sh/v1alpha1\nkind: Job\n", {}, vc));
  CHECK_FALSE(may_hold_documents("f.yaml", "apiVersion: batch/v1\nkind: Job\n", {"MPIJob"}, vc));
}

TEST_CASE("documents: refused values are the document's values that have an error") {
  auto p = mpijobc::testing::parse(
      "MPIJob x {\n  worker { replicas 1h }\n  elastic_timeout 1.5h\n}\n", "t.mpijob");
  REQUIRE(p.docs.size() == 1);
  CHECK(refused_values(p.doc(), p.diags) == Places{{1, 2, 21}, {1, 3, 19}});
  // Errors elsewhere (another job, a key) and warnings refuse nothing.
  DiagnosticEngine others;
  others.error({1, 2, 12}, {}, "at the key 'replicas'");
  others.warning({1, 2, 21}, {}, "a warning");
  others.error({2, 2, 21}, {}, "in another file");
  CHECK(refused_values(p.doc(), others).empty());
}

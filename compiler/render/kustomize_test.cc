#include "render/kustomize.h"

#include <catch2/catch.hpp>

#include <map>

#include "testing/fixtures.h"

using namespace mpijobc;

namespace {

// The strings at a kustomize field path ("spec/volumes/configMap/name"),
// which goes through lists as kustomize does.
void values_at(const Node& n, std::string_view path, std::vector<std::string>& out) {
  if (n.is_seq()) {
    for (const Node& item : n.items) values_at(item, path, out);
    return;
  }
  if (path.empty()) {
    if (n.is_string()) out.push_back(n.text);
    return;
  }
  size_t slash = path.find('/');
  const Node* next = n.get(path.substr(0, slash));
  if (next) values_at(*next, slash == path.npos ? std::string_view() : path.substr(slash + 1), out);
}

}  // namespace

TEST_CASE("kustomize: the configuration reaches every pod template and the launcher's ConfigMap") {
  JobSpec job = testing::lower_ok(testing::spec(
      "MPIJob", "  worker: {replicas: 1}\n"
                "  pod: {spec: {serviceAccountName: runner, imagePullSecrets: [{name: pull}]}}\n"));
  for (const std::string& name : target_names()) {
    INFO(name);
    const Target& target = *find_target(name);
    DiagnosticEngine diags;
    const std::vector<Node> docs = target.manifests(job, "#!/bin/sh\n", diags);
    auto values = [&](std::string_view kind, const std::string& path) {
      std::vector<std::string> out;
      for (const Node& d : docs)
        if (d.get("kind")->text == kind) values_at(d, path, out);
      return out;
    };
    // Both roles' pod templates, in whichever objects hold them.
    std::vector<std::string> images;
    for (const KindPath& tmpl : target.pod_template_paths())
      for (const std::string& image : values(tmpl.kind, std::string(tmpl.path) + "/spec/containers/image"))
        images.push_back(image);
    CHECK(images == std::vector<std::string>{"example.com/img:1", "example.com/img:1"});
    // What the fieldSpecs of each kind find in the generated objects.
    std::map<std::string, std::vector<std::string>> found;
    const Node config = kustomize_config(target);
    for (const Node& ref : config.get("nameReference")->items)
      for (const Node& spec : ref.get("fieldSpecs")->items) {
        CHECK(spec.get("group")->text + "/" == name.substr(0, name.find('/') + 1));
        for (const std::string& v : values(spec.get("kind")->text, spec.get("path")->text))
          found[ref.get("kind")->text].push_back(v);
      }
    CHECK(found["ConfigMap"] == std::vector<std::string>{"job-launcher-script"});
    CHECK(found["Secret"] == std::vector<std::string>{"pull", "pull"});
    CHECK(found["ServiceAccount"] == std::vector<std::string>{"runner", "runner"});
    // A TrainJob names its TrainingRuntime.
    CHECK(found["TrainingRuntime"] ==
          (name == "trainer.kubeflow.org/v1alpha1" ? std::vector<std::string>{"job"}
                                                   : std::vector<std::string>{}));
  }
}

TEST_CASE("kustomize: the kustomization takes the MPIJob and the configuration") {
  const Node k = kustomization();
  CHECK(k.get("resources")->items.at(0).text == "mpijob.yaml");
  CHECK(k.get("configurations")->items.at(0).text == kKustomizeConfigFile);
}

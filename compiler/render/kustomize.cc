#include "render/kustomize.h"

#include <string>
#include <vector>

namespace mpijobc {
namespace {

struct Referent {
  const char* kind;
  const char* group;  // "" for the core group
  std::vector<const char*> paths;  // in a PodTemplateSpec
};

// kustomize's own list for a Deployment's pod template
// (api/internal/konfig/builtinpluginconsts/namereference.go).
const std::vector<Referent>& referents() {
  static const std::vector<Referent> all = {
      {"ConfigMap", "",
       {"spec/volumes/configMap/name", "spec/volumes/projected/sources/configMap/name",
        "spec/containers/env/valueFrom/configMapKeyRef/name",
        "spec/containers/envFrom/configMapRef/name",
        "spec/initContainers/env/valueFrom/configMapKeyRef/name",
        "spec/initContainers/envFrom/configMapRef/name"}},
      {"Secret", "",
       {"spec/volumes/secret/secretName", "spec/volumes/projected/sources/secret/name",
        "spec/containers/env/valueFrom/secretKeyRef/name", "spec/containers/envFrom/secretRef/name",
        "spec/initContainers/env/valueFrom/secretKeyRef/name",
        "spec/initContainers/envFrom/secretRef/name", "spec/imagePullSecrets/name"}},
      {"ServiceAccount", "", {"spec/serviceAccountName"}},
      {"PersistentVolumeClaim", "", {"spec/volumes/persistentVolumeClaim/claimName"}},
      {"PriorityClass", "scheduling.k8s.io", {"spec/priorityClassName"}},
  };
  return all;
}

}  // namespace

Node kustomization() {
  Node k = Node::map();
  k.add("apiVersion", Node::string("kustomize.config.k8s.io/v1beta1"));
  k.add("kind", Node::string("Kustomization"));
  k.add("resources", Node::seq()).push(Node::string("mpijob.yaml"));
  k.add("configurations", Node::seq()).push(Node::string(kKustomizeConfigFile));
  return k;
}

namespace {

void add_field_spec(Node& specs, std::string_view kind, const std::string& group, std::string path) {
  Node& spec = specs.push(Node::map());
  spec.add("kind", Node::string(std::string(kind)));
  spec.add("group", Node::string(group));
  spec.add("path", Node::string(std::move(path)));
}

}  // namespace

Node kustomize_config(const Target& target) {
  std::string_view api = target.api_version();
  std::string group(api.substr(0, api.find('/')));
  Node refs = Node::seq();
  for (const Referent& r : referents()) {
    Node& ref = refs.push(Node::map());
    ref.add("kind", Node::string(r.kind));
    if (*r.group) ref.add("group", Node::string(r.group));
    ref.add("version", Node::string("v1"));
    Node& specs = ref.add("fieldSpecs", Node::seq());
    for (const KindPath& tmpl : target.pod_template_paths())
      for (const char* path : r.paths)
        add_field_spec(specs, tmpl.kind, group, std::string(tmpl.path) + "/" + path);
  }
  for (const NameReference& r : target.name_references()) {
    Node& ref = refs.push(Node::map());
    ref.add("kind", Node::string(std::string(r.kind)));
    ref.add("group", Node::string(std::string(r.group)));
    ref.add("version", Node::string(std::string(r.version)));
    add_field_spec(ref.add("fieldSpecs", Node::seq()), r.at.kind, group, std::string(r.at.path));
  }
  Node config = Node::map();
  config.add("nameReference", std::move(refs));
  return config;
}

}  // namespace mpijobc

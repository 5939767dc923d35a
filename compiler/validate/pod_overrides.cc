#include "validate/pod_overrides.h"

#include <map>

#include "render/pod_parts.h"
#include "support/embedded.h"
#include "support/located_schema.h"
#include "support/schema_walk.h"

namespace mpijobc {
namespace {

// Fields a fragment may not set, and where the spec sets them instead.
const std::map<std::string, std::string>& pod_owned() {
  static const std::map<std::string, std::string> owned = {
      {"containers", "the role's container is generated: put its fields under pod.container"},
      {"restartPolicy", "set restart_policy on the launcher or worker"},
      {"hostname", "the operator names every pod"},
      {"subdomain", "the operator sets it to the job's headless Service"},
  };
  return owned;
}

const std::map<std::string, std::string>& container_owned() {
  static const std::map<std::string, std::string> owned = {
      {"name", "the target names the container"},
      {"image", "set image (for both roles) or the role's image"},
      {"command", "set command, launcher.command or worker.command"},
      {"args", "the generated command takes no args: set command"},
      {"resources", "set the role's requests and limits"},
  };
  return owned;
}

// The pod schema as strict as the API server (kubectl apply
// --validate=strict): an object that lists its properties rejects others
// unless x-kubernetes-preserve-unknown-fields; x-kubernetes-int-or-string
// takes an integer or a string.
void make_strict(nlohmann::json& schema) {
  if (!schema.is_object()) return;
  bool int_or_string = schema.value("x-kubernetes-int-or-string", false);
  bool open = schema.value("x-kubernetes-preserve-unknown-fields", false);
  for (auto it = schema.begin(); it != schema.end();)
    it = it.key().rfind("x-kubernetes-", 0) == 0 ? schema.erase(it) : std::next(it);
  for_each_subschema(schema, make_strict);
  if (int_or_string) schema["type"] = {"integer", "string"};
  if (schema.contains("properties") && !schema.contains("additionalProperties") && !open)
    schema["additionalProperties"] = false;
}

// `schema` without the owned properties and without `required` (a fragment
// adds to what is generated).
nlohmann::json fragment_schema(nlohmann::json schema, const std::map<std::string, std::string>& owned) {
  for (const auto& [key, unused] : owned) schema["properties"].erase(key);
  schema.erase("required");
  return schema;
}

SchemaHints hints_for(const std::map<std::string, std::string>& owned) {
  return {[&owned](const std::string& key, const std::string&) -> std::string {
            auto it = owned.find(key);
            return it == owned.end() ? std::string() : it->second;
          },
          nullptr, nullptr};
}

struct PodSchemas {
  LocatedSchema spec, container;

  static const PodSchemas& builtin() {
    static const PodSchemas schemas = [] {
      nlohmann::json pod = nlohmann::json::parse(*embedded_file("k8s-podspec.schema.min.json"));
      make_strict(pod);
      nlohmann::json container = pod["properties"]["containers"]["items"];
      return PodSchemas{
          LocatedSchema(fragment_schema(std::move(pod), pod_owned()), "pod", hints_for(pod_owned())),
          LocatedSchema(fragment_schema(std::move(container), container_owned()), "pod",
                        hints_for(container_owned()))};
    }();
    return schemas;
  }
};

// Volume names and mount paths the generated pods already use.
void reserved(const PodOverride& pod, const JobSpec& job, DiagnosticEngine& diags) {
  if (pod.spec.set())
    if (const Node* volumes = pod.spec->get("volumes"); volumes && volumes->is_seq())
      for (const Node& v : volumes->items)
        if (const Node* name = v.get("name"); name && name->text == kLauncherVolume)
          diags.error(name->loc, pod.spec.origin.path + ".volumes",
                      std::string("volume name '") + kLauncherVolume + "' is the generated launcher script's",
                      "rename the volume", "pod/reserved-name");
  if (!pod.container.set()) return;
  const Node* mounts = pod.container->get("volumeMounts");
  if (!mounts || !mounts->is_seq()) return;
  std::string ssh = job.ssh_auth_mount_path.set() ? *job.ssh_auth_mount_path : "/root/.ssh";
  for (const Node& m : mounts->items) {
    const Node* path = m.get("mountPath");
    if (!path || !path->is_string()) continue;
    for (const std::string& taken : {std::string(kLauncherMountPath), std::string("/etc/mpi"), ssh})
      if (path->text == taken || path->text == taken + "/")
        diags.error(path->loc, pod.container.origin.path + ".volumeMounts",
                    "mount path " + path->text +
                        " is taken: the launcher script, the operator's hostfile and the SSH keys "
                        "are mounted at " + kLauncherMountPath + ", /etc/mpi and " + ssh,
                    "mount the volume somewhere else", "pod/reserved-path");
  }
}

void check_one(const PodOverride& pod, const JobSpec& job, DiagnosticEngine& diags) {
  // The schemas are read on first use: most jobs have no fragments.
  if (pod.spec.set()) PodSchemas::builtin().spec.check(*pod.spec, pod.spec.origin.path, diags);
  if (pod.container.set())
    PodSchemas::builtin().container.check(*pod.container, pod.container.origin.path, diags);
  reserved(pod, job, diags);
}

}  // namespace

void check_pod_overrides(const JobSpec& job, DiagnosticEngine& diags) {
  check_one(job.pod, job, diags);
  check_one(job.launcher.pod, job, diags);
  check_one(job.worker.pod, job, diags);
}

}  // namespace mpijobc

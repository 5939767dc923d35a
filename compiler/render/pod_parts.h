// Pieces of Kubernetes objects every target builds the same way from a
// lowered job: object metadata, containers with env and resources, the
// ConfigMap that carries launcher.sh and its mount. Every node generated
// from a spec value points back at it (Node::from), so findings on the
// output name the spec field.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "model/job_spec.h"
#include "render/target.h"
#include "support/diagnostics.h"
#include "support/node.h"

namespace mpijobc {

// Names and paths of the generated launcher mount; chosen so they cannot
// collide with the operators' <job>-config, <job>-launcher, <job>-worker-<i>
// and <job>-ssh objects, or with their /etc/mpi mount.
inline constexpr const char* kLauncherConfigMapSuffix = "-launcher-script";
inline constexpr const char* kLauncherVolume = "mpijobc-launcher";
inline constexpr const char* kLauncherMountPath = "/opt/mpijobc";
inline constexpr const char* kLauncherScript = "launcher.sh";

Node located(Node n, const Origin& o);
Node str(const Field<std::string>& f);
Node num(const Field<int64_t>& f);
Node words(const Field<std::vector<std::string>>& f);

// name, namespace, labels, annotations.
Node object_meta(const JobSpec& job, std::string name);

// A container `name` with the role's image, the job's env (unless
// `with_env` is false) and the role's resources; `command` (may be empty)
// goes between image and env.
Node container(const JobSpec& job, const Role& role, const char* name, Node command,
               bool with_env = true);
// The job's env as a list of {name, value}, in the order written.
Node env_list(const JobSpec& job);
// The role's requests and limits, as a container's `resources` (empty when none).
Node resources(const Role& role);

// An MPIJob of `api_version` with the job's metadata, and an empty spec to fill.
Node mpijob_object(const JobSpec& job, std::string_view api_version);
// What every target emits, in apply order: the ConfigMap holding
// launcher.sh, then the MPIJob.
std::vector<Node> with_launcher_config_map(const JobSpec& job, const std::string& launcher_script,
                                           Node mpijob);
// Mounts the ConfigMap read-only at kLauncherMountPath in `container` and
// adds its volume to `pod_volumes` (a list).
void mount_launcher_script(const JobSpec& job, Node& container, Node& pod_volumes);
// The path of launcher.sh in the launcher pod.
std::string launcher_script_path();

// `/bin/sh <launcher.sh path>`: the launcher container's command.
Node launcher_command();

inline constexpr const char* kIstioInject = "sidecar.istio.io/inject";

// The role's restart policy, or `fallback` attributed to the role.
Node restart_policy(const Role& role, RestartPolicy fallback, const char* role_name);

// A PodTemplateSpec: one container and `volumes` (a list; left out when
// empty), with the pod overrides of spec.pod, then the role's pod, merged in:
// - labels and annotations: metadata's, then spec.pod's, then the role's,
//   a later value replacing an earlier one of the same key; istio_sidecar
//   false adds sidecar.istio.io/inject: "false";
// - pod.spec into the pod spec and pod.container into the container: maps
//   merge key by key, lists are appended to (volumes, env, volumeMounts,
//   tolerations), other values replace what was there.
Node pod_template(const JobSpec& job, const Role& role, Node container, Node volumes);

// A Kubeflow mpiReplicaSpecs map (v2beta1 and v1): a Launcher running
// launcher.sh from its ConfigMap, and Workers with the spec's worker command
// (none: what the operator runs by default). Containers are named
// `launcher_name` / `worker_name`; `launcher_fallback` is the operator's
// default launcher restart policy.
Node kubeflow_replica_specs(const JobSpec& job, const char* launcher_name, const char* worker_name,
                            RestartPolicy launcher_fallback);
// Where those replica specs put their pod templates (Target::pod_template_paths).
inline std::vector<KindPath> kubeflow_pod_template_paths() {
  return {{"MPIJob", "spec/mpiReplicaSpecs/Launcher/template"},
          {"MPIJob", "spec/mpiReplicaSpecs/Worker/template"}};
}

// A Kubeflow runPolicy (v2beta1 and v1): cleanPodPolicy always, the rest
// (schedulingPolicy, suspend, managedBy included) when set.
Node run_policy(const RunPolicy& rp);

// For targets whose ranks start over ssh, so that they see the env mpirun
// forwards from the launcher (render/mpi_flavor.h), not what only the
// workers' containers set: a warning `target/env-not-forwarded` at each
// envFrom of a pod override and each worker.pod.container.env name the
// launcher lacks.
void warn_env_not_forwarded(const JobSpec& job, DiagnosticEngine& diags);

// Spec fields a target has no place for: a warning `target/no-effect` at
// each one the spec sets, saying why.
struct Unsupported {
  std::string_view target;
  DiagnosticEngine& diags;
  void operator()(const Origin& field, bool set, const std::string& why) const;
};
// trainer.kubeflow.org/v1alpha1's own field (runtime_ref): a warning.
void trainer_only_fields(const JobSpec& job, const Unsupported& unsupported);
// kubeflow.org/v2beta1's own fields (ssh_auth_mount_path,
// launcher_creation_policy) are warnings; run_launcher_as_worker, which
// changes -np, is an error `target/unsupported`; and trainer_only_fields.
void v2beta1_only_fields(const JobSpec& job, const Unsupported& unsupported);

}  // namespace mpijobc

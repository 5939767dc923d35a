// A deployment target: one operator dialect. Each target is its own
// generator behind this interface (protoc style); adding a target means
// adding a class, not branching through the passes.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "model/job_spec.h"
#include "support/diagnostics.h"
#include "support/node.h"

namespace mpijobc {

// A field path, in kustomize's notation, within objects of `kind`.
struct KindPath {
  std::string_view kind;  // "MPIJob"
  std::string_view path;  // "spec/launcherTemplate"
};

// An object of `kind` (`group`/`version`) named at `at` in another
// generated object (a TrainJob's spec/runtimeRef/name names its
// TrainingRuntime), so that kustomize renames both together.
struct NameReference {
  std::string_view kind, group, version;
  KindPath at;
};

class Target {
 public:
  virtual ~Target() = default;
  // "kubeflow.org/v2beta1"
  virtual std::string_view api_version() const = 0;
  // The Kubernetes objects for a lowered job, in apply order; the job's
  // object (MPIJob, TrainJob) is the last one. `launcher_script` is mounted
  // into the launcher. Spec fields that have no effect on this target are
  // warnings; those it cannot express, errors.
  virtual std::vector<Node> manifests(const JobSpec& job, const std::string& launcher_script,
                                      DiagnosticEngine& diags) const = 0;
  // Where the generated objects hold pod templates (PodTemplateSpecs), as
  // kustomize field paths: {"MPIJob", "spec/launcherTemplate"}.
  virtual std::vector<KindPath> pod_template_paths() const = 0;
  // Names one generated object gives another (none for an MPIJob).
  virtual std::vector<NameReference> name_references() const { return {}; }
};

// Every target, by apiVersion; nullptr for an unknown one.
const Target* find_target(std::string_view api_version);
// The apiVersions of all targets ("kubeflow.org/v2beta1, kubeflow.org/v1, ...").
std::vector<std::string> target_names();
inline constexpr const char* kDefaultTarget = "kubeflow.org/v2beta1";

}  // namespace mpijobc

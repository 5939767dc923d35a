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
#include "validate/lints.h"

namespace mpijobc {

// A field path, in kustomize's notation, within objects of `kind`.
struct KindPath {
  std::string_view kind;  // "MPIJob"
  std::string_view path;  // "spec/launcherTemplate"
};

// An object of `kind` (`group`/`version`) named at `at` in a generated
// object (a TrainJob's spec/runtimeRef/name names its TrainingRuntime, a
// Volcano Job's spec/priorityClassName its PriorityClass), so that kustomize
// renames both together.
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
  // object (MPIJob, TrainJob, Job) is the last one. `launcher_script` is
  // mounted into the launcher. Spec fields that have no effect on this target
  // are warnings; those it cannot express, errors.
  virtual std::vector<Node> manifests(const JobSpec& job, const std::string& launcher_script,
                                      DiagnosticEngine& diags) const = 0;
  // Where the generated objects hold pod templates (PodTemplateSpecs), as
  // kustomize field paths (lists are walked): {"MPIJob", "spec/launcherTemplate"}.
  virtual std::vector<KindPath> pod_template_paths() const = 0;
  // Names the generated objects give, outside their pod templates, to each
  // other (a TrainJob's runtime) or to other objects (the job's priority class).
  virtual std::vector<NameReference> name_references() const { return {}; }
  // A file in the launcher pod that lists the workers' hostnames one a line,
  // without slots, when the operator writes no hostfile of its own: the
  // launcher builds its hostfile from it. Empty: the operator's /etc/mpi/hostfile.
  virtual std::string worker_host_list() const { return {}; }
  // When this target starts the launcher, for lint/launcher-start
  // (validate/lints.h). Each target says it for itself: a new target must decide.
  virtual LauncherStart launcher_start(const JobSpec& job) const = 0;
};

// Every target, by apiVersion; nullptr for an unknown one.
const Target* find_target(std::string_view api_version);
// The apiVersions of all targets ("kubeflow.org/v2beta1, kubeflow.org/v1, ...").
std::vector<std::string> target_names();
inline constexpr const char* kDefaultTarget = "kubeflow.org/v2beta1";

}  // namespace mpijobc

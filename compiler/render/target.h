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

class Target {
 public:
  virtual ~Target() = default;
  // "kubeflow.org/v2beta1"
  virtual std::string_view api_version() const = 0;
  // The kind of the object that holds the pod templates: "MPIJob".
  virtual std::string_view kind() const { return "MPIJob"; }
  // The Kubernetes objects for a lowered job, in apply order. The MPIJob (or
  // the target's kind of job) is the last one; `launcher_script` is mounted into the launcher. Spec fields
  // that have no effect on this target are warnings.
  virtual std::vector<Node> manifests(const JobSpec& job, const std::string& launcher_script,
                                      DiagnosticEngine& diags) const = 0;
  // Where the job object holds its pod templates (PodTemplateSpecs), as
  // kustomize field paths (lists are walked): "spec/launcherTemplate".
  virtual std::vector<std::string_view> pod_template_paths() const = 0;
  // Fields of the job object itself, outside its pod templates, that name
  // other objects, for kustomize: the scheduling's priority class.
  struct Reference {
    std::string_view kind, path;  // "PriorityClass", "spec/priorityClassName"
  };
  virtual std::vector<Reference> job_references() const { return {}; }
  // A file in the launcher pod that lists the workers' hostnames one a line,
  // without slots, when the operator writes no hostfile of its own: the
  // launcher builds its hostfile from it. Empty: the operator's /etc/mpi/hostfile.
  virtual std::string worker_host_list() const { return {}; }
  // When this target starts the launcher, for lint/launcher-start
  // (validate/lints.h). Each target says it for itself: a new target must
  // decide (Trainer: its launcher's dependsOn).
  virtual LauncherStart launcher_start(const JobSpec& job) const = 0;
};

// Every target, by apiVersion; nullptr for an unknown one.
const Target* find_target(std::string_view api_version);
// The apiVersions of all targets ("kubeflow.org/v2beta1, kubeflow.org/v1, ...").
std::vector<std::string> target_names();
inline constexpr const char* kDefaultTarget = "kubeflow.org/v2beta1";

}  // namespace mpijobc

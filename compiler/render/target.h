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

class Target {
 public:
  virtual ~Target() = default;
  // "kubeflow.org/v2beta1"
  virtual std::string_view api_version() const = 0;
  // The Kubernetes objects for a lowered job, in apply order. The MPIJob is
  // the last one; `launcher_script` is mounted into the launcher. Spec fields
  // that have no effect on this target are warnings.
  virtual std::vector<Node> manifests(const JobSpec& job, const std::string& launcher_script,
                                      DiagnosticEngine& diags) const = 0;
  // Where the MPIJob holds its pod templates (PodTemplateSpecs), as
  // kustomize field paths: "spec/launcherTemplate".
  virtual std::vector<std::string_view> pod_template_paths() const = 0;
};

// Every target, by apiVersion; nullptr for an unknown one.
const Target* find_target(std::string_view api_version);
// The apiVersions of all targets ("kubeflow.org/v2beta1, kubeflow.org/v1, ...").
std::vector<std::string> target_names();
inline constexpr const char* kDefaultTarget = "kubeflow.org/v2beta1";

}  // namespace mpijobc

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
  // the last one; `launcher_script` is mounted into the launcher.
  virtual std::vector<Node> manifests(const JobSpec& job,
                                      const std::string& launcher_script) const = 0;
  // The operator's own validation rules over one MPIJob of this target.
  virtual void check(const Node& mpijob, DiagnosticEngine& diags) const = 0;
};

const Target& default_target();

}  // namespace mpijobc

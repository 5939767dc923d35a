// Target kubeflow.org/v2beta1 (Kubeflow mpi-operator): the launcher reaches
// the workers' sshd over SSH with the keys the operator mounts.
#pragma once

#include "render/target.h"

namespace mpijobc {

class V2beta1Target : public Target {
 public:
  std::string_view api_version() const override { return "kubeflow.org/v2beta1"; }
  std::vector<Node> manifests(const JobSpec& job, const std::string& launcher_script,
                              DiagnosticEngine& diags) const override;
  std::vector<KindPath> pod_template_paths() const override;
};

}  // namespace mpijobc

// Target kubeflow.org/v1 (Kubeflow training-operator; what Flyte's backend
// emits): the launcher starts ranks in the workers with `kubectl exec`
// through the operator's kubexec.sh, so workers need no sshd, only to stay
// alive — with no command the controller runs `sleep 365d` in them.
// Containers are named `mpi`, the controller's default.
#pragma once

#include "render/target.h"

namespace mpijobc {

class V1Target : public Target {
 public:
  std::string_view api_version() const override { return "kubeflow.org/v1"; }
  std::vector<Node> manifests(const JobSpec& job, const std::string& launcher_script,
                              DiagnosticEngine& diags) const override;
  std::vector<KindPath> pod_template_paths() const override;
};

}  // namespace mpijobc

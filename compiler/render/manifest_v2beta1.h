// Target kubeflow.org/v2beta1 (Kubeflow mpi-operator).
#pragma once

#include "render/target.h"

namespace mpijobc {

class V2beta1Target : public Target {
 public:
  std::string_view api_version() const override { return "kubeflow.org/v2beta1"; }
  std::vector<Node> manifests(const JobSpec& job, const std::string& launcher_script) const override;
  void check(const Node& mpijob, DiagnosticEngine& diags) const override;
};

// Names and paths the generated launcher mount uses; chosen so they cannot
// collide with the operator's <job>-config, <job>-launcher, <job>-worker-<i>
// and <job>-ssh objects, or with its /etc/mpi mount.
inline constexpr const char* kLauncherConfigMapSuffix = "-launcher-script";
inline constexpr const char* kLauncherVolume = "mpijobc-launcher";
inline constexpr const char* kLauncherMountPath = "/opt/mpijobc";
inline constexpr const char* kLauncherScript = "launcher.sh";

}  // namespace mpijobc

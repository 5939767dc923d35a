// Target trainer.kubeflow.org/v1alpha1 (Kubeflow Trainer v2.3): a TrainJob
// on a JobSet. By default the job gets a namespaced TrainingRuntime of its
// own (mlPolicy.mpi, a `node` job of workers running sshd and a `launcher`
// job that depends on them being Ready) and a TrainJob running launcher.sh
// on it; with spec.runtime_ref only the TrainJob, against that runtime, with
// the job's pod settings as runtimePatches. Trainer runs Open MPI only.
#pragma once

#include "render/target.h"

namespace mpijobc {

class TrainerTarget : public Target {
 public:
  std::string_view api_version() const override { return "trainer.kubeflow.org/v1alpha1"; }
  std::vector<Node> manifests(const JobSpec& job, const std::string& launcher_script,
                              DiagnosticEngine& diags) const override;
  std::vector<KindPath> pod_template_paths() const override;
  std::vector<NameReference> name_references() const override;
};

// The runtimePatches manager of what mpijobc patches into a runtime
// (a domain-prefixed path, as Trainer's webhook requires).
inline constexpr const char* kTrainerPatchManager = "mpijobc.dev/build";
// The sshd port the readiness probe of the generated workers checks.
inline constexpr int kTrainerSshdPort = 22;

}  // namespace mpijobc

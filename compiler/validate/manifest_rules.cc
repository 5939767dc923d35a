#include "validate/manifest_rules.h"

#include "validate/mpijob_rules.h"
#include "validate/mpijob_rules_bdap.h"
#include "validate/mpijob_rules_legacy.h"
#include "validate/mpijob_rules_v1.h"
#include "validate/trainer_rules.h"
#include "validate/volcano_rules.h"

namespace mpijobc {
namespace {

struct Row {
  std::string_view api_version, kind;
  ManifestCheck check;
};

constexpr Row kRows[] = {
    {"kubeflow.org/v2beta1", "MPIJob", check_mpijob_v2beta1},
    {"kubeflow.org/v1", "MPIJob", check_mpijob_v1},
    {"batch.test.bdap.com/v1", "MPIJob", check_mpijob_bdap},
    {"kubeflow.org/v1alpha1", "MPIJob", check_mpijob_v1alpha1},
    {"kubeflow.org/v1alpha2", "MPIJob", check_mpijob_v1alpha2},
    {"trainer.kubeflow.org/v1alpha1", "TrainJob", check_trainjob},
    {"trainer.kubeflow.org/v1alpha1", "TrainingRuntime", check_training_runtime},
    {"trainer.kubeflow.org/v1alpha1", "ClusterTrainingRuntime", check_training_runtime},
    {"batch.volcano.sh/v1alpha1", "Job", check_volcano_job},
};

}  // namespace

ManifestCheck manifest_check(std::string_view api_version, std::string_view kind) {
  for (const Row& row : kRows)
    if (row.api_version == api_version && row.kind == kind) return row.check;
  return nullptr;
}

std::string known_manifest_versions() {
  std::string out;
  for (const Row& row : kRows)
    if (row.kind == "MPIJob") out += (out.empty() ? "" : ", ") + std::string(row.api_version);
  return out;
}

}  // namespace mpijobc

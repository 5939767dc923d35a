#include "validate/manifest_rules.h"

#include "validate/mpijob_rules.h"
#include "validate/mpijob_rules_bdap.h"
#include "validate/mpijob_rules_legacy.h"
#include "validate/mpijob_rules_v1.h"

namespace mpijobc {
namespace {

struct Row {
  std::string_view api_version;
  ManifestCheck check;
};

constexpr Row kRows[] = {
    {"kubeflow.org/v2beta1", check_mpijob_v2beta1},
    {"kubeflow.org/v1", check_mpijob_v1},
    {"batch.test.bdap.com/v1", check_mpijob_bdap},
    {"kubeflow.org/v1alpha1", check_mpijob_v1alpha1},
    {"kubeflow.org/v1alpha2", check_mpijob_v1alpha2},
};

}  // namespace

ManifestCheck manifest_check(std::string_view api_version) {
  for (const Row& row : kRows)
    if (row.api_version == api_version) return row.check;
  return nullptr;
}

std::string known_manifest_versions() {
  std::string out;
  for (const Row& row : kRows) out += (out.empty() ? "" : ", ") + std::string(row.api_version);
  return out;
}

}  // namespace mpijobc

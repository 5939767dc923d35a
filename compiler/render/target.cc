#include "render/target.h"

#include "render/manifest_bdap.h"
#include "render/manifest_trainer.h"
#include "render/manifest_v1.h"
#include "render/manifest_v2beta1.h"

namespace mpijobc {
namespace {

const std::vector<const Target*>& targets() {
  static const V2beta1Target v2beta1;
  static const V1Target v1;
  static const BdapTarget bdap;
  static const TrainerTarget trainer;
  static const std::vector<const Target*> all = {&v2beta1, &v1, &bdap, &trainer};
  return all;
}

}  // namespace

const Target* find_target(std::string_view api_version) {
  for (const Target* t : targets())
    if (t->api_version() == api_version) return t;
  return nullptr;
}

std::vector<std::string> target_names() {
  std::vector<std::string> names;
  for (const Target* t : targets()) names.emplace_back(t->api_version());
  return names;
}

}  // namespace mpijobc

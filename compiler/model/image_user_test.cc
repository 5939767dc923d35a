#include "model/image_user.h"

#include <catch2/catch.hpp>

#include "testing/fixtures.h"

using namespace mpijobc;

namespace {

std::optional<ImageUser> user_of(const std::string& extra) {
  return image_user(testing::lower_ok(testing::spec("MPIJob", extra)));
}

}  // namespace

TEST_CASE("image user: root unless the keys are outside /root or a pod asks for a user") {
  const std::string w = "  worker: {replicas: 1}\n";
  CHECK_FALSE(user_of(w));
  CHECK_FALSE(user_of(w + "  ssh_auth_mount_path: /root/.ssh\n"));
  CHECK_FALSE(user_of(w + "  pod: {spec: {securityContext: {runAsUser: 0}}}\n"));

  auto mount = user_of(w + "  ssh_auth_mount_path: /home/alice/.ssh/\n");
  REQUIRE(mount);
  CHECK(mount->uid == 1000);
  CHECK(mount->gid == 1000);
  CHECK(mount->name == "mpiuser");
  CHECK(mount->ssh_dir == "/home/alice/.ssh");
  CHECK(mount->home == "/home/alice");
  CHECK(mount->sshd_config() == "/home/alice/.sshd_config");

  auto set = user_of("  worker:\n    replicas: 1\n"
                     "    pod: {container: {securityContext: {runAsUser: 1234, runAsGroup: 99}}}\n");
  REQUIRE(set);
  CHECK(set->uid == 1234);
  CHECK(set->gid == 99);
  CHECK(set->ssh_dir == "/home/mpiuser/.ssh");
  CHECK(set->home == "/home/mpiuser");

  auto nonroot = user_of(w + "  launcher:\n    pod: {container: {securityContext: {runAsNonRoot: true}}}\n");
  REQUIRE(nonroot);
  CHECK(nonroot->uid == 1000);
}

#include "validate/image_user_checks.h"

#include <catch2/catch.hpp>

#include "testing/fixtures.h"

using namespace mpijobc;

namespace {

std::vector<std::string> check(const std::string& extra) {
  JobSpec job = testing::lower_ok(testing::spec("MPIJob", "  worker: {replicas: 1}\n" + extra));
  DiagnosticEngine diags;
  check_image_user(job, diags);
  return testing::messages(diags);
}

using Messages = std::vector<std::string>;

}  // namespace

TEST_CASE("image user: a consistent non-root job passes") {
  CHECK(check("").empty());
  CHECK(check("  ssh_auth_mount_path: /home/mpiuser/.ssh\n"
              "  pod: {spec: {securityContext: {runAsUser: 1000, runAsGroup: 1000}}}\n"
              "  launcher: {pod: {container: {securityContext: {runAsUser: 1000}}}}\n")
            .empty());
  CHECK(check("  ssh_auth_mount_path: /data/train/keys\n").empty());
}

TEST_CASE("image user: one runAsUser and runAsGroup for every pod") {
  CHECK(check("  pod: {spec: {securityContext: {runAsUser: 1000}}}\n"
              "  launcher: {pod: {container: {securityContext: {runAsUser: 1001}}}}\n") ==
        Messages{"9:61: spec.launcher.pod.container.securityContext.runAsUser: runAsUser 1001 "
                 "differs from 1000 at spec.pod.spec.securityContext.runAsUser: the launcher "
                 "reaches the workers over ssh as its own user, and the image has one user "
                 "[spec/run-as-user]"});
  CHECK(check("  pod: {spec: {securityContext: {runAsUser: 5, runAsGroup: 5}}}\n"
              "  launcher: {pod: {spec: {securityContext: {runAsGroup: 6}}}}\n") ==
        Messages{"9:57: spec.launcher.pod.spec.securityContext.runAsGroup: runAsGroup 6 differs "
                 "from 5 at spec.pod.spec.securityContext.runAsGroup: the launcher reaches the "
                 "workers over ssh as its own user, and the image has one user [spec/run-as-user]"});
}

TEST_CASE("image user: root's keys are under /root, a user's are not") {
  CHECK(check("  ssh_auth_mount_path: /home/mpiuser/.ssh\n"
              "  pod: {spec: {securityContext: {runAsUser: 0}}}\n") ==
        Messages{"9:45: spec.pod.spec.securityContext.runAsUser: runAsUser 0 runs sshd as root, "
                 "which reads its keys from /root/.ssh, but ssh_auth_mount_path puts them at "
                 "/home/mpiuser/.ssh [spec/run-as-user]"});
  CHECK(check("  ssh_auth_mount_path: /root/.ssh\n"
              "  pod: {spec: {securityContext: {runAsUser: 1000}}}\n") ==
        Messages{"8:24: spec.ssh_auth_mount_path: the job runs as uid 1000, which cannot read keys "
                 "under /root (the operator mounts them at /root/.ssh with mode 0600, owned by "
                 "root) [spec/run-as-user]"});
}

TEST_CASE("image user: the keys' directory is a plain path in a home of the user's own") {
  for (const char* path : {"/etc/ssh-keys", "/home/.ssh", "/keys", "/usr/local/keys", "/opt/venv/k"})
    CHECK(check(std::string("  ssh_auth_mount_path: ") + path + "\n").size() == 1);
  CHECK(check("  ssh_auth_mount_path: /etc/ssh-keys\n") ==
        Messages{"8:24: spec.ssh_auth_mount_path: the keys' parent directory /etc becomes the home "
                 "of the job's user mpiuser, who owns it: it must be a directory of its own, not a "
                 "system one [spec/ssh-auth-mount-path]"});
  CHECK(check("  ssh_auth_mount_path: \"/home/a b/.ssh\"\n") ==
        Messages{"8:24: spec.ssh_auth_mount_path: a non-root job's ssh_auth_mount_path goes into "
                 "its sshd config and image as written: only letters, digits, '.', '_', '-' and "
                 "'/' [spec/ssh-auth-mount-path]"});
}

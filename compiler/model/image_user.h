// Who the job's processes run as. A job runs as root unless it says
// otherwise: an ssh_auth_mount_path outside /root, or a runAsUser (or
// runAsNonRoot: true) in a pod override's securityContext. A non-root job
// gets the operator's own convention (mpi-operator's build/base image): a
// user with the SSH keys under its home, sshd on port 2222 with a config
// of the user's (<home>/.sshd_config) and host keys the user owns, and an
// ssh client that connects to port 2222.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "model/job_spec.h"

namespace mpijobc {

inline constexpr int64_t kDefaultUid = 1000;              // mpi-operator's mpiuser
inline constexpr const char* kImageUserName = "mpiuser";  // the operator's name for it
inline constexpr const char* kDefaultUserSshDir = "/home/mpiuser/.ssh";
inline constexpr int kNonRootSshPort = 2222;  // unprivileged: sshd needs no capability

struct ImageUser {
  int64_t uid = kDefaultUid, gid = kDefaultUid;
  std::string name = kImageUserName;
  std::string ssh_dir;  // where the operator mounts the keys (sshAuthMountPath)
  std::string home;     // ssh_dir's parent
  std::string sshd_config() const { return home + "/.sshd_config"; }
  std::string sshd_dir() const { return home + "/.sshd"; }  // host key and pid file
};

// An integer a pod override sets (runAsUser, runAsGroup), with where.
struct SetValue {
  int64_t value;
  Origin origin;
};
// Every runAsUser (or runAsGroup) of spec.pod, launcher.pod and worker.pod,
// pod- and container-level, in that order.
std::vector<SetValue> pod_security_values(const JobSpec& job, const char* key);

// Whether `path` is /root or under it.
bool under_root_home(const std::string& path);

// The job's non-root user, or nullopt when it runs as root.
std::optional<ImageUser> image_user(const JobSpec& job);

}  // namespace mpijobc

#include "validate/image_user_checks.h"

#include <algorithm>

#include "model/image_user.h"

namespace mpijobc {
namespace {

void same_everywhere(const JobSpec& job, const char* key, DiagnosticEngine& diags) {
  std::vector<SetValue> values = pod_security_values(job, key);
  for (const SetValue& v : values)
    if (v.value != values.front().value) {
      diags.error(v.origin.loc, v.origin.path,
                  std::string(key) + " " + std::to_string(v.value) + " differs from " +
                      std::to_string(values.front().value) + " at " + values.front().origin.path +
                      ": the launcher reaches the workers over ssh as its own user, and the "
                      "image has one user",
                  std::string("set one ") + key + " for every pod, in spec.pod.spec.securityContext",
                  "spec/run-as-user");
      return;
    }
}

bool plain_path(const std::string& p) {
  return std::all_of(p.begin(), p.end(), [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
           c == '.' || c == '_' || c == '-' || c == '/';
  });
}

// Directories of the system or of the image mpijobc generates: no user's home.
bool system_dir(const std::string& home) {
  static const char* const kTrees[] = {"/bin", "/boot", "/dev", "/etc", "/lib", "/lib32", "/lib64",
                                       "/proc", "/run", "/sbin", "/sys", "/usr", "/opt/venv",
                                       "/opt/mpijobc"};
  static const char* const kDirs[] = {"/", "/opt", "/var", "/tmp", "/srv", "/mnt", "/media",
                                      "/home", "/workspace"};
  for (const char* d : kDirs)
    if (home == d) return true;
  for (std::string t : kTrees)
    if (home == t || home.rfind(t + "/", 0) == 0) return true;
  return false;
}

}  // namespace

void check_image_user(const JobSpec& job, DiagnosticEngine& diags) {
  same_everywhere(job, "runAsUser", diags);
  same_everywhere(job, "runAsGroup", diags);
  const Field<std::string>& mount = job.ssh_auth_mount_path;
  std::vector<SetValue> users = pod_security_values(job, "runAsUser");
  std::optional<ImageUser> user = image_user(job);
  std::string fix = std::string("ssh_auth_mount_path: ") + kDefaultUserSshDir;
  if (!users.empty() && users.front().value == 0 && mount.set() && !under_root_home(*mount)) {
    diags.error(users.front().origin.loc, users.front().origin.path,
                "runAsUser 0 runs sshd as root, which reads its keys from /root/.ssh, but "
                "ssh_auth_mount_path puts them at " + *mount,
                "remove ssh_auth_mount_path, or run as another user (runAsUser: 1000)",
                "spec/run-as-user");
    return;
  }
  if (!user) return;
  if (mount.set() && under_root_home(*mount)) {
    diags.error(mount.origin.loc, mount.origin.path,
                "the job runs as uid " + std::to_string(user->uid) +
                    ", which cannot read keys under /root (the operator mounts them at " +
                    "/root/.ssh with mode 0600, owned by root)",
                "mount them in the user's home: " + fix, "spec/run-as-user");
    return;
  }
  if (!mount.set()) return;
  if (!plain_path(user->ssh_dir))
    diags.error(mount.origin.loc, mount.origin.path,
                "a non-root job's ssh_auth_mount_path goes into its sshd config and image as "
                "written: only letters, digits, '.', '_', '-' and '/'",
                fix, "spec/ssh-auth-mount-path");
  else if (system_dir(user->home))
    diags.error(mount.origin.loc, mount.origin.path,
                "the keys' parent directory " + user->home +
                    " becomes the home of the job's user " + kImageUserName +
                    ", who owns it: it must be a directory of its own, not a system one",
                fix, "spec/ssh-auth-mount-path");
}

}  // namespace mpijobc

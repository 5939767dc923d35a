#include "model/image_user.h"

namespace mpijobc {

std::vector<SetValue> pod_security_values(const JobSpec& job, const char* key) {
  std::vector<SetValue> out;
  for (const PodOverride* pod : {&job.pod, &job.launcher.pod, &job.worker.pod})
    for (const Field<Node>* part : {&pod->spec, &pod->container}) {
      if (!part->set()) continue;
      const Node* sc = (*part)->get("securityContext");
      const Node* v = sc ? sc->get(key) : nullptr;
      if (auto n = v ? v->as_int() : std::nullopt)
        out.push_back({*n, {v->loc, part->origin.path + ".securityContext." + key}});
    }
  return out;
}

bool under_root_home(const std::string& path) {
  return path == "/root" || path.rfind("/root/", 0) == 0;
}

std::optional<ImageUser> image_user(const JobSpec& job) {
  std::vector<SetValue> users = pod_security_values(job, "runAsUser");
  bool non_root_asked = false;
  for (const PodOverride* pod : {&job.pod, &job.launcher.pod, &job.worker.pod})
    for (const Field<Node>* part : {&pod->spec, &pod->container}) {
      const Node* sc = part->set() ? (*part)->get("securityContext") : nullptr;
      const Node* v = sc ? sc->get("runAsNonRoot") : nullptr;
      non_root_asked = non_root_asked || (v && v->as_bool() == true);
    }
  bool mount_elsewhere =
      job.ssh_auth_mount_path.set() && !under_root_home(*job.ssh_auth_mount_path);
  if (!users.empty() ? users.front().value == 0 : !(mount_elsewhere || non_root_asked))
    return std::nullopt;
  ImageUser u;
  if (!users.empty()) u.uid = users.front().value;
  std::vector<SetValue> groups = pod_security_values(job, "runAsGroup");
  u.gid = groups.empty() ? u.uid : groups.front().value;
  u.ssh_dir = mount_elsewhere ? *job.ssh_auth_mount_path : kDefaultUserSshDir;
  while (u.ssh_dir.size() > 1 && u.ssh_dir.back() == '/') u.ssh_dir.pop_back();
  u.home = u.ssh_dir.substr(0, u.ssh_dir.rfind('/'));
  if (u.home.empty()) u.home = "/";
  return u;
}

}  // namespace mpijobc

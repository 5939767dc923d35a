#include "render/dockerfile.h"

#include <algorithm>

#include "model/compat.h"
#include "model/image_user.h"
#include "render/mpi_flavor.h"

namespace mpijobc {
namespace {

// COPY takes JSON strings; the schema keeps '$', '\', '"' and control
// characters out of copy paths, so quoting makes them inert.
std::string json_string(const std::string& s) { return "\"" + s + "\""; }

// The non-root user's part of the image (model/image_user.h): the template
// writes each config line as one shell word.
TemplateData user_data(const ImageUser& u) {
  std::string host_key = u.sshd_dir() + "/ssh_host_ed25519_key";
  std::string port = std::to_string(kNonRootSshPort);
  TemplateData d;
  d["name"] = u.name;
  d["uid"] = std::to_string(u.uid);
  d["gid"] = std::to_string(u.gid);
  d["home"] = u.home;
  d["sshd_dir"] = u.sshd_dir();
  d["sshd_config"] = u.sshd_config();
  d["host_key"] = host_key;
  d["port"] = port;
  d["sshd_config_lines"] = string_list({"Port " + port, "HostKey " + host_key,
                                        "PidFile " + u.sshd_dir() + "/sshd.pid",
                                        "AuthorizedKeysFile " + u.ssh_dir + "/authorized_keys",
                                        "StrictModes no", "PubkeyAuthentication yes",
                                        "PasswordAuthentication no",
                                        "KbdInteractiveAuthentication no", "UsePAM no"});
  d["ssh_config_lines"] =
      string_list({"Host *", "  Port " + port, "  IdentityFile " + u.ssh_dir + "/id_rsa"});
  return d;
}

}  // namespace

std::optional<std::string> render_dockerfile(const JobSpec& job, const Templates& templates,
                                             DiagnosticEngine& diags) {
  // Lowered (lower/build_defaults.h) and checked (validate/build_checks.h):
  // base_image and python are set, and horovod when it is built.
  const BuildSpec& b = job.build;
  bool gpu = job.wants_gpu();
  const std::string& python = *b.python;
  bool horovod = job.builds_horovod();
  const std::vector<std::string> none;
  const std::vector<std::string>& pip_list = b.pip.set() ? *b.pip : none;
  bool source_build = false, cmake = horovod;  // build.pip packages built against the MPI
  for (const std::string& r : pip_list)
    if (const SourceBuild* sb = builds_from_source(r)) {
      source_build = true;
      cmake = cmake || sb->cmake;
    }

  TemplateData data;
  data["source"] = comment_safe(job.source);
  data["kind"] = to_string(job.kind);
  data["name"] = *job.name;
  data["base_image"] = *b.base_image;
  data["python"] = python;

  const MpiFlavor& mpi = mpi_flavor(*job.mpi_implementation);
  data["mpi"] = to_string(mpi.id);
  if (!mpi.apt_source.empty()) {
    TemplateData repo;
    repo["key_url"] = mpi.apt_key_url;
    repo["keyring"] = mpi.apt_keyring;
    repo["source"] = mpi.apt_source;
    data["apt_repository"] = std::move(repo);
  }
  std::vector<std::string> packages = {"ca-certificates", "openssh-server", "openssh-client",
                                       "python" + python, "python" + python + "-venv"};
  packages.insert(packages.end(), mpi.packages.begin(), mpi.packages.end());
  // Horovod and the build.pip packages that pip builds from source against
  // the MPI need its headers and compiler wrappers, Python's and a compiler.
  if (horovod || source_build) {
    packages.insert(packages.end(), {"python" + python + "-dev", "build-essential"});
    if (cmake) packages.push_back("cmake");
    packages.insert(packages.end(), mpi.dev_packages.begin(), mpi.dev_packages.end());
  }
  data["packages"] = string_list(packages);
  std::vector<std::string> apt;
  for (const std::string& p : b.apt.set() ? *b.apt : none)
    if (std::find(packages.begin(), packages.end(), p) == packages.end()) apt.push_back(p);
  data["apt"] = string_list(apt);

  std::string framework_flag;
  if (b.framework.set()) {
    static const std::pair<const char*, const char*> pip_names[] = {
        {"pytorch", "torch"}, {"tensorflow", "tensorflow"}, {"mxnet", "mxnet"}};
    std::string pip_name = *b.framework;
    for (const auto& [name, pkg] : pip_names)
      if (*b.framework == name) pip_name = pkg;
    TemplateData fw;
    fw["requirement"] =
        b.framework_version.set() ? pip_name + "==" + *b.framework_version : pip_name;
    data["framework"] = std::move(fw);
    framework_flag = "HOROVOD_WITH_" + std::string(*b.framework == "pytorch" ? "PYTORCH"
                                                   : *b.framework == "tensorflow" ? "TENSORFLOW"
                                                                                  : "MXNET") +
                     "=1";
  }
  if (horovod) {
    std::vector<std::string> flags = {"HOROVOD_WITH_MPI=1"};
    if (!framework_flag.empty()) flags.push_back(framework_flag);
    if (gpu) flags.push_back("HOROVOD_GPU_OPERATIONS=NCCL");
    TemplateData hvd;
    hvd["flags"] = string_list(flags);
    if (!mpi.setup_script.empty()) hvd["setup_script"] = mpi.setup_script;
    hvd["requirement"] = "horovod==" + *b.horovod;
    data["horovod"] = std::move(hvd);
  }
  if (!pip_list.empty()) {
    TemplateData pip;
    pip["requirements"] = string_list(pip_list);
    if (source_build && !mpi.setup_script.empty()) pip["setup_script"] = mpi.setup_script;
    data["pip"] = std::move(pip);
  }
  TemplateData copies = TemplateData::list();
  for (const CopyItem& c : b.copy) {
    TemplateData item;
    item["src_json"] = json_string(c.src);
    item["dest_json"] = json_string(c.dest);
    copies.push_back(std::move(item));
  }
  data["copy"] = std::move(copies);
  std::optional<ImageUser> user = image_user(job);
  data["ssh_dir"] = user ? user->ssh_dir : "/root/.ssh";
  if (user) data["user"] = user_data(*user);
  return templates.render("Dockerfile.mustache", data, diags);
}

}  // namespace mpijobc

#include "render/dockerfile.h"

#include "render/mpi_flavor.h"

namespace mpijobc {
namespace {

constexpr const char* kCpuBase = "debian:bookworm-slim";
constexpr const char* kCpuPython = "3.11";  // bookworm's python3
constexpr const char* kGpuBase = "nvidia/cuda:12.2.2-cudnn8-devel-ubuntu22.04";
constexpr const char* kGpuPython = "3.10";  // jammy's python3
constexpr const char* kHorovod = "0.28.1";

bool role_gpu(const Role& r) { return r.requests.gpu.set() || r.limits.gpu.set(); }

// COPY takes JSON strings; the schema keeps '$', '\', '"' and control
// characters out of copy paths, so quoting makes them inert.
std::string json_string(const std::string& s) { return "\"" + s + "\""; }

}  // namespace

bool wants_gpu(const JobSpec& job) {
  if (job.build.gpu.set()) return *job.build.gpu;
  return role_gpu(job.launcher) || role_gpu(job.worker);
}

std::optional<std::string> render_dockerfile(const JobSpec& job, const Templates& templates,
                                             DiagnosticEngine& diags) {
  const BuildSpec& b = job.build;
  bool gpu = wants_gpu(job);
  std::string base = b.base_image.set() ? *b.base_image : gpu ? kGpuBase : kCpuBase;
  std::string python = b.python.set() ? *b.python : gpu ? kGpuPython : kCpuPython;
  bool horovod = b.horovod.set() || job.kind == JobKind::HorovodJob;

  TemplateData data;
  data["source"] = comment_safe(job.source);
  data["kind"] = to_string(job.kind);
  data["name"] = *job.name;
  data["base_image"] = base;
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
  if (horovod) {
    packages.insert(packages.end(), {"python" + python + "-dev", "build-essential", "cmake"});
    packages.insert(packages.end(), mpi.dev_packages.begin(), mpi.dev_packages.end());
  }
  data["packages"] = string_list(packages);
  data["apt"] = string_list(b.apt.value.value_or(std::vector<std::string>()));

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
    hvd["requirement"] = "horovod==" + (b.horovod.set() ? *b.horovod : std::string(kHorovod));
    data["horovod"] = std::move(hvd);
  }
  if (b.pip.set() && !b.pip->empty()) {
    TemplateData pip;
    pip["requirements"] = string_list(*b.pip);
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
  return templates.render("Dockerfile.mustache", data, diags);
}

}  // namespace mpijobc

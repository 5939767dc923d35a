#include "render/mpi_flavor.h"

#include <algorithm>
#include <cctype>

namespace mpijobc {
namespace {

// Intel's apt repository names packages by version; the one mpi-operator's
// own images use.
constexpr const char* kIntelMpi = "intel-oneapi-mpi-2021.13";
constexpr const char* kIntelMpiDevel = "intel-oneapi-mpi-devel-2021.13";
constexpr const char* kIntelKeyring = "/usr/share/keyrings/intel-oneapi.gpg";

bool c_identifier(const std::string& s) {
  bool ok = !s.empty() && !(s[0] >= '0' && s[0] <= '9');
  for (char c : s) ok = ok && (std::isalnum(static_cast<unsigned char>(c)) || c == '_');
  return ok;
}


}  // namespace

const MpiFlavor& mpi_flavor(MpiImplementation id) {
  static const MpiFlavor open_mpi{MpiImplementation::OpenMPI, false, "", "", "",
                                  {"openmpi-bin"}, {"libopenmpi-dev"}, "", "mpirun.openmpi",
                                  "install Open MPI: sudo apt-get install openmpi-bin",
                                  {"--tag-output"}};
  static const MpiFlavor intel{MpiImplementation::Intel, true,
                               "https://apt.repos.intel.com/intel-gpg-keys/"
                               "GPG-PUB-KEY-INTEL-SW-PRODUCTS.PUB",
                               kIntelKeyring,
                               "deb [signed-by=" + std::string(kIntelKeyring) +
                                   "] https://apt.repos.intel.com/oneapi all main",
                               {kIntelMpi}, {kIntelMpiDevel},
                               "/opt/intel/oneapi/setvars.sh", "",
                               "Intel MPI is not packaged for Debian: install Intel oneAPI MPI "
                               "and source /opt/intel/oneapi/setvars.sh so its mpirun is on PATH",
                               {}};
  static const MpiFlavor mpich{MpiImplementation::MPICH, true, "", "", "", {"mpich"},
                               {"libmpich-dev"}, "", "mpirun.mpich",
                               "install MPICH: sudo apt-get install mpich",
                               {"-prepend-pattern", "[0,%r]<stdout>:"}};
  switch (id) {
    case MpiImplementation::Intel: return intel;
    case MpiImplementation::MPICH: return mpich;
    case MpiImplementation::OpenMPI: break;
  }
  return open_mpi;
}

std::optional<MpiImplementation> mpi_of_package(std::string_view package) {
  static const std::pair<std::string_view, MpiImplementation> kPackages[] = {
      {"openmpi-bin", MpiImplementation::OpenMPI}, {"openmpi-common", MpiImplementation::OpenMPI},
      {"libopenmpi-dev", MpiImplementation::OpenMPI}, {"libopenmpi3", MpiImplementation::OpenMPI},
      {"mpich", MpiImplementation::MPICH}, {"libmpich-dev", MpiImplementation::MPICH},
      {"libmpich12", MpiImplementation::MPICH}};
  for (const auto& [name, id] : kPackages)
    if (package == name) return id;
  if (package.rfind("intel-oneapi-mpi", 0) == 0) return MpiImplementation::Intel;
  return std::nullopt;
}

std::optional<MpiImplementation> mpi_of_image(std::string_view image) {
  // Repository path components only: the tag and digest say nothing.
  image = image.substr(0, image.find('@'));
  size_t slash = image.rfind('/');
  size_t colon = image.find(':', slash == std::string_view::npos ? 0 : slash);
  image = image.substr(0, colon);
  static const std::pair<std::string_view, MpiImplementation> kWords[] = {
      {"openmpi", MpiImplementation::OpenMPI}, {"mpich", MpiImplementation::MPICH},
      {"intel", MpiImplementation::Intel},     {"intelmpi", MpiImplementation::Intel},
      {"oneapi", MpiImplementation::Intel}};
  size_t start = 0;
  while (start <= image.size()) {
    size_t end = image.find_first_of("/._-", start);
    std::string_view word = image.substr(start, end == std::string_view::npos ? end : end - start);
    for (const auto& [w, id] : kWords)
      if (word == w) return id;
    if (end == std::string_view::npos) break;
    start = end + 1;
  }
  return std::nullopt;
}

std::vector<std::string> launcher_env_names(const JobSpec& job) {
  std::vector<std::string> names;
  auto add = [&names](const std::string& name) {
    if (c_identifier(name) && std::find(names.begin(), names.end(), name) == names.end())
      names.push_back(name);
  };
  for (const KeyValue& kv : job.env) add(kv.key);
  for (const PodOverride* pod : {&job.pod, &job.launcher.pod}) {
    const Node* env = pod->container.set() ? pod->container->get("env") : nullptr;
    if (!env || !env->is_seq()) continue;
    for (const Node& entry : env->items)
      if (const Node* name = entry.get("name"); name && name->is_string()) add(name->text);
  }
  return names;
}

std::vector<std::string> mpirun_flags(const JobSpec& job) {
  std::vector<std::string> env = launcher_env_names(job);
  // A spec NCCL_DEBUG replaces flytekit's hard-wired NCCL_DEBUG=INFO.
  bool nccl_debug = std::find(env.begin(), env.end(), "NCCL_DEBUG") == env.end();
  if (!mpi_flavor(*job.mpi_implementation).hydra) {
    std::vector<std::string> f = {"--allow-run-as-root", "-bind-to", "none", "-map-by", "slot",
                                  "-x", "LD_LIBRARY_PATH", "-x", "PATH"};
    if (nccl_debug) f.insert(f.end(), {"-x", "NCCL_DEBUG=INFO"});
    for (const std::string& name : env) f.insert(f.end(), {"-x", name});
    if (job.mpirun_args.set())
      f.insert(f.end(), job.mpirun_args->begin(), job.mpirun_args->end());
    else
      f.insert(f.end(), {"-mca", "pml", "ob1", "-mca", "btl", "^openib"});
    return f;
  }
  // Env names are C identifiers (the schema says so): a comma list is safe.
  std::string names = "LD_LIBRARY_PATH,PATH";
  for (const std::string& name : env) names += "," + name;
  std::vector<std::string> f = {"-genvlist", names};
  if (nccl_debug) f.insert(f.end(), {"-genv", "NCCL_DEBUG", "INFO"});
  if (job.mpirun_args.set()) f.insert(f.end(), job.mpirun_args->begin(), job.mpirun_args->end());
  return f;
}

std::vector<std::pair<std::string, std::string>> operator_launcher_env(
    MpiImplementation id, const std::string& hostfile, const std::string& slots) {
  const std::string ssh_args = "-o ConnectionAttempts=10";
  switch (id) {
    case MpiImplementation::Intel:
      return {{"I_MPI_HYDRA_HOST_FILE", hostfile},
              {"I_MPI_HYDRA_BOOTSTRAP_EXEC_EXTRA_ARGS", ssh_args},
              {"I_MPI_PERHOST", slots}};
    case MpiImplementation::MPICH:
      return {{"HYDRA_HOST_FILE", hostfile}, {"HYDRA_LAUNCH_EXTRA_ARGS", ssh_args}};
    case MpiImplementation::OpenMPI: break;
  }
  return {{"OMPI_MCA_orte_keep_fqdn_hostnames", "true"},
          {"OMPI_MCA_orte_default_hostfile", hostfile},
          {"OMPI_MCA_plm_rsh_args", ssh_args},
          {"OMPI_MCA_orte_set_default_slots", slots}};
}

}  // namespace mpijobc

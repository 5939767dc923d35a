#include "model/compat.h"

#include <algorithm>
#include <cctype>

namespace mpijobc {

std::vector<int> version_numbers(std::string_view v) {
  std::vector<int> out;
  size_t i = 0;
  while (i < v.size() && std::isdigit(static_cast<unsigned char>(v[i]))) {
    int n = 0;
    for (; i < v.size() && std::isdigit(static_cast<unsigned char>(v[i])) && n < 100000; ++i)
      n = n * 10 + (v[i] - '0');
    out.push_back(n);
    if (i + 1 < v.size() && v[i] == '.' && std::isdigit(static_cast<unsigned char>(v[i + 1]))) ++i;
    else break;
  }
  return out;
}

int compare_versions(std::string_view a, std::string_view b) {
  std::vector<int> x = version_numbers(a), y = version_numbers(b);
  for (size_t i = 0; i < std::max(x.size(), y.size()); ++i) {
    int p = i < x.size() ? x[i] : 0, q = i < y.size() ? y[i] : 0;
    if (p != q) return p < q ? -1 : 1;
  }
  return 0;
}

std::string minor_version(std::string_view version) {
  std::vector<int> n = version_numbers(version);
  return n.size() < 2 ? "" : std::to_string(n[0]) + "." + std::to_string(n[1]);
}

const std::vector<Distribution>& distributions() {
  static const std::vector<Distribution> rows = {
      {"debian", "bullseye", "11", "Debian 11 (bullseye)", "3.9", "debian:bullseye-slim",
       "https://packages.debian.org/bullseye/python3"},
      {"debian", "bookworm", "12", "Debian 12 (bookworm)", "3.11", "debian:bookworm-slim",
       "https://packages.debian.org/bookworm/python3"},
      {"debian", "trixie", "13", "Debian 13 (trixie)", "3.13", "debian:trixie-slim",
       "https://packages.debian.org/trixie/python3"},
      {"ubuntu", "focal", "20.04", "Ubuntu 20.04 (focal)", "3.8", "ubuntu:20.04",
       "https://packages.ubuntu.com/focal/python3"},
      {"ubuntu", "jammy", "22.04", "Ubuntu 22.04 (jammy)", "3.10", "ubuntu:22.04",
       "https://packages.ubuntu.com/jammy/python3"},
      {"ubuntu", "noble", "24.04", "Ubuntu 24.04 (noble)", "3.12", "ubuntu:24.04",
       "https://packages.ubuntu.com/noble/python3"},
  };
  return rows;
}

namespace {

// Families whose package manager is not apt (or whose C library is not
// glibc, which PyPI's manylinux wheels need).
constexpr std::string_view kUnsupported[] = {
    "rockylinux", "almalinux", "centos", "fedora", "ubi",       "amazonlinux", "alpine",
    "oraclelinux", "archlinux", "leap",  "tumbleweed", "photon", "busybox"};

std::string_view unsupported_family(std::string_view name) {
  // "ubi9-minimal", "rockylinux9": the family without its release.
  size_t end = 0;
  while (end < name.size() && std::isalpha(static_cast<unsigned char>(name[end]))) ++end;
  std::string_view family = name.substr(0, end);
  for (std::string_view f : kUnsupported)
    if (family == f) return f;
  return {};
}

const Distribution* find_distribution(std::string_view repository, std::string_view tag) {
  std::string_view head = tag.substr(0, tag.find('-'));
  for (const Distribution& d : distributions()) {
    if (repository != d.repository) continue;
    std::string_view version = d.version;
    if (head == d.codename || head == version ||
        (head.size() > version.size() && head.substr(0, version.size()) == version &&
         head[version.size()] == '.'))
      return &d;
  }
  return nullptr;
}

}  // namespace

BaseImage base_image_facts(std::string_view image) {
  BaseImage out;
  image = image.substr(0, image.find('@'));
  size_t slash = image.rfind('/');
  size_t colon = image.find(':', slash == std::string_view::npos ? 0 : slash);
  std::string_view repository = image.substr(0, colon);
  std::string_view tag = colon == std::string_view::npos ? "" : image.substr(colon + 1);
  std::string_view last = slash == std::string_view::npos ? repository : repository.substr(slash + 1);
  bool nvidia_cuda = last == "cuda" && repository.size() >= 11 &&
                     repository.substr(repository.size() - 11) == "nvidia/cuda";
  if (nvidia_cuda) {
    // 12.2.2-cudnn8-devel-ubuntu22.04: the CUDA version, then the distribution last.
    out.cuda = minor_version(tag);
    std::string_view distro = tag.substr(tag.rfind('-') + 1);
    if (distro.rfind("ubuntu", 0) == 0)
      out.distribution = find_distribution("ubuntu", distro.substr(6));
    else out.unsupported = std::string(unsupported_family(distro));
    return out;
  }
  out.unsupported = std::string(unsupported_family(last));
  if (out.unsupported.empty()) out.distribution = find_distribution(last, tag);
  return out;
}

const Distribution* distribution_with_python(std::string_view python) {
  for (const Distribution& d : distributions())
    if (python == d.python) return &d;
  return nullptr;
}

const std::vector<CudaImage>& cuda_images() {
  static const std::vector<CudaImage> rows = {
      {"11.7", "nvidia/cuda:11.7.1-cudnn8-devel-ubuntu22.04", "https://hub.docker.com/r/nvidia/cuda/tags"},
      {"11.8", "nvidia/cuda:11.8.0-cudnn8-devel-ubuntu22.04", "https://hub.docker.com/r/nvidia/cuda/tags"},
      {"12.1", "nvidia/cuda:12.1.1-cudnn8-devel-ubuntu22.04", "https://hub.docker.com/r/nvidia/cuda/tags"},
      {"12.2", "nvidia/cuda:12.2.2-cudnn8-devel-ubuntu22.04", "https://hub.docker.com/r/nvidia/cuda/tags"},
  };
  return rows;
}

const CudaImage* cuda_image_for(std::string_view cuda) {
  const CudaImage* same_major = nullptr;
  for (const CudaImage& c : cuda_images()) {
    if (cuda == c.cuda) return &c;
    if (version_numbers(cuda).front() == version_numbers(c.cuda).front()) same_major = &c;
  }
  return same_major;
}

const std::vector<FrameworkRelease>& framework_releases() {
  static const char* const kTf =
      "https://www.tensorflow.org/install/source#gpu (tested build configurations) and "
      "https://www.tensorflow.org/install/pip (Python versions)";
  static const char* const kTorch =
      "https://pytorch.org/get-started/previous-versions/ (the CUDA of the default wheels on "
      "PyPI) and https://github.com/pytorch/pytorch/blob/main/RELEASE.md (Python versions)";
  static const std::vector<FrameworkRelease> rows = {
      {"tensorflow", "2.12", "11.8", "3.8", "3.11", kTf},
      {"tensorflow", "2.13", "11.8", "3.8", "3.11", kTf},
      {"tensorflow", "2.14", "11.8", "3.9", "3.11", kTf},
      {"tensorflow", "2.15", "12.2", "3.9", "3.11", kTf},
      {"tensorflow", "2.16", "12.3", "3.9", "3.12", kTf},
      {"tensorflow", "2.17", "12.3", "3.9", "3.12", kTf},
      {"pytorch", "2.0", "11.7", "3.8", "3.11", kTorch},
      {"pytorch", "2.1", "12.1", "3.8", "3.11", kTorch},
      {"pytorch", "2.2", "12.1", "3.8", "3.12", kTorch},
      {"pytorch", "2.3", "12.1", "3.8", "3.12", kTorch},
      {"pytorch", "2.4", "12.1", "3.8", "3.12", kTorch},
      {"pytorch", "2.5", "12.4", "3.9", "3.13", kTorch},
      {"pytorch", "2.6", "12.4", "3.9", "3.13", kTorch},
  };
  return rows;
}

const FrameworkRelease* framework_release(std::string_view framework, std::string_view version) {
  std::string minor = minor_version(version);
  for (const FrameworkRelease& r : framework_releases())
    if (framework == r.framework && minor == r.minor) return &r;
  return nullptr;
}

const std::vector<HorovodSupport>& horovod_support() {
  static const std::vector<HorovodSupport> rows = {
      {"0.28.1", "pytorch", "2.1",
       "PyTorch 2.1 and later need C++17, which Horovod's build turns on only after 0.28.1, the "
       "last release",
       "2.0.1",
       "issue 21; spack/spack#46152 (py-horovod: PyTorch 2.1 builds with Horovod's master "
       "branch, not with a release)"},
      {"0.28.1", "tensorflow", "", "", "2.12.1",
       "oap-project/cloudtik#1309 (Horovod 0.27.0 for TensorFlow 2.12.0)"},
  };
  return rows;
}

const HorovodSupport* horovod_support_for(std::string_view horovod, std::string_view framework) {
  for (const HorovodSupport& r : horovod_support())
    if (framework == r.framework && compare_versions(horovod, r.horovod_max) <= 0) return &r;
  return nullptr;
}

const SourceBuild* builds_from_source(std::string_view requirement) {
  static const SourceBuild rows[] = {
      {"mpi4py", false,
       "https://mpi4py.readthedocs.io/en/stable/install.html (built with the MPI's mpicc)"},
      {"horovod", true,
       "https://horovod.readthedocs.io/en/stable/install_include.html (a C++ compiler and "
       "CMake)"},
  };
  // The name: up to a version specifier, extras, a marker or a URL.
  std::string name;
  for (char c : requirement) {
    if (std::isalnum(static_cast<unsigned char>(c)) || c == '.') name += static_cast<char>(std::tolower(c));
    else if (c == '-' || c == '_') name += '-';
    else break;
  }
  for (const SourceBuild& r : rows)
    if (name == r.package) return &r;
  return nullptr;
}

}  // namespace mpijobc

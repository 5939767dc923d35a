// Facts about other projects' releases that decide whether an image builds
// and uses its GPUs, as tables with the source of each row (docs/spec.md
// prints them as "Compatibility tables"). They drive the Dockerfile's
// defaults (lower/build_defaults.h) and the build checks
// (validate/build_checks.h). Rows are conservative: a pair the tables do not
// know is neither defaulted to nor reported.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace mpijobc {

// A release version as numbers: "2.1.2" -> {2, 1, 2}; suffixes after a
// number ("2.1.2+cu121", "2.0.0rc1") are ignored. Empty when it does not
// start with a number.
std::vector<int> version_numbers(std::string_view version);
// Compares the numbers of two versions, missing parts as 0: <0, 0, >0.
int compare_versions(std::string_view a, std::string_view b);
// "2.1" from "2.1.2" (major.minor), "" when there are none.
std::string minor_version(std::string_view version);

// A base distribution the generated Dockerfile supports (apt-get).
struct Distribution {
  const char* repository;  // the image repository's last path component
  const char* codename;    // tag prefix: "bookworm"
  const char* version;     // tag prefix: "12", "22.04"
  const char* name;        // "Debian 12 (bookworm)"
  const char* python;      // its python3: "3.11"
  const char* example;     // an image of it: "debian:bookworm-slim"
  const char* source;
};
const std::vector<Distribution>& distributions();

// What a base image reference says about the image.
struct BaseImage {
  const Distribution* distribution = nullptr;  // supported and known
  std::string unsupported;  // or a family the Dockerfile cannot install on ("rockylinux")
  std::string cuda;         // nvidia/cuda images: "12.2"
};
BaseImage base_image_facts(std::string_view image);
// A supported base that ships `python`, when one does.
const Distribution* distribution_with_python(std::string_view python);

// An nvidia/cuda development image for a CUDA version (with cuDNN, on
// Ubuntu 22.04).
struct CudaImage {
  const char* cuda;  // "11.8"
  const char* image;
  const char* source;
};
const std::vector<CudaImage>& cuda_images();
// The image for `cuda`, else the newest of the same major version; nullptr
// when there is none.
const CudaImage* cuda_image_for(std::string_view cuda);

// A framework release line (major.minor): the CUDA its default Linux wheels
// are built for, and the Pythons it has wheels for.
struct FrameworkRelease {
  const char* framework;  // "pytorch", "tensorflow" (build.framework.name)
  const char* minor;      // "2.13"
  const char* cuda;       // "11.8"
  const char* python_min;
  const char* python_max;
  const char* source;
};
const std::vector<FrameworkRelease>& framework_releases();
const FrameworkRelease* framework_release(std::string_view framework, std::string_view version);

// Which framework versions a Horovod release builds with.
struct HorovodSupport {
  const char* horovod_max;  // the rule holds for Horovod releases up to this one
  const char* framework;
  const char* broken_from;  // the first framework version it does not build with ("" none)
  const char* why;
  const char* default_version;  // the framework version a HorovodJob gets when it pins none
  const char* source;
};
const std::vector<HorovodSupport>& horovod_support();
const HorovodSupport* horovod_support_for(std::string_view horovod, std::string_view framework);
inline constexpr const char* kDefaultHorovod = "0.28.1";  // the last Horovod release

// pip packages that build from source against the image's MPI (no wheels
// on PyPI): they need the Python headers, a compiler and the MPI's
// development package. cmake: their build runs CMake too.
struct SourceBuild {
  const char* package;
  bool cmake;
  const char* source;
};
// The pip requirement's package when it builds from source, else nullptr.
const SourceBuild* builds_from_source(std::string_view requirement);

}  // namespace mpijobc

#include "model/compat.h"

#include <catch2/catch.hpp>

#include <fstream>

using namespace mpijobc;

TEST_CASE("compat: versions compare by their numbers") {
  CHECK(version_numbers("2.1.2+cu121") == std::vector<int>{2, 1, 2});
  CHECK(version_numbers("2.0.0rc1") == std::vector<int>{2, 0, 0});
  CHECK(version_numbers("x").empty());
  CHECK(compare_versions("2.1", "2.1.0") == 0);
  CHECK(compare_versions("2.10", "2.9.9") > 0);
  CHECK(compare_versions("0.28.1", "0.28.10") < 0);
  CHECK(minor_version("2.13.1") == "2.13");
  CHECK(minor_version("2") == "");
}

TEST_CASE("compat: a base image's distribution, Python and CUDA") {
  auto python = [](const char* image) {
    const Distribution* d = base_image_facts(image).distribution;
    return d ? std::string(d->python) : std::string("?");
  };
  CHECK(python("debian:bookworm-slim") == "3.11");
  CHECK(python("docker.io/library/debian:12.5-slim") == "3.11");
  CHECK(python("debian:bookworm-20240110") == "3.11");
  CHECK(python("debian:bullseye") == "3.9");
  CHECK(python("ubuntu:22.04") == "3.10");
  CHECK(python("ubuntu:noble") == "3.12");
  CHECK(python("nvidia/cuda:12.2.2-cudnn8-devel-ubuntu22.04") == "3.10");
  CHECK(python("debian") == "?");           // latest: moves
  CHECK(python("debian:stable") == "?");    // moves too
  CHECK(python("debian:120") == "?");
  CHECK(python("ghcr.io/acme/base:1") == "?");
  CHECK(base_image_facts("nvidia/cuda:11.8.0-cudnn8-devel-ubuntu22.04").cuda == "11.8");
  CHECK(base_image_facts("debian:bookworm").cuda.empty());

  CHECK(base_image_facts("rockylinux:9").unsupported == "rockylinux");
  CHECK(base_image_facts("registry.access.redhat.com/ubi9/ubi-minimal:9.3").unsupported == "ubi");
  CHECK(base_image_facts("alpine:3.19").unsupported == "alpine");
  CHECK(base_image_facts("nvidia/cuda:12.2.2-devel-rockylinux9").unsupported == "rockylinux");
  CHECK(base_image_facts("nvidia/cuda:12.2.2-devel-rockylinux9").cuda == "12.2");
  CHECK(base_image_facts("debian:bookworm").unsupported.empty());

  REQUIRE(distribution_with_python("3.9"));
  CHECK(std::string(distribution_with_python("3.9")->example) == "debian:bullseye-slim");
  CHECK_FALSE(distribution_with_python("3.7"));
}

TEST_CASE("compat: framework releases, their CUDA and the CUDA images") {
  const FrameworkRelease* tf = framework_release("tensorflow", "2.13.1");
  REQUIRE(tf);
  CHECK(std::string(tf->cuda) == "11.8");
  CHECK_FALSE(framework_release("tensorflow", "1.15.0"));
  CHECK_FALSE(framework_release("mxnet", "1.9.1"));
  REQUIRE(cuda_image_for("11.8"));
  CHECK(std::string(cuda_image_for("11.8")->image) == "nvidia/cuda:11.8.0-cudnn8-devel-ubuntu22.04");
  // No image of 12.4: the newest of CUDA 12.
  CHECK(std::string(cuda_image_for("12.4")->image) == "nvidia/cuda:12.2.2-cudnn8-devel-ubuntu22.04");
  CHECK_FALSE(cuda_image_for("10.2"));
  for (const FrameworkRelease& r : framework_releases()) {
    INFO(r.framework << " " << r.minor);
    CHECK(cuda_image_for(r.cuda));
    CHECK(compare_versions(r.python_min, r.python_max) < 0);
    CHECK(*r.source);
  }
}

TEST_CASE("compat: Horovod releases and frameworks, pip packages built from source") {
  const HorovodSupport* torch = horovod_support_for("0.28.1", "pytorch");
  REQUIRE(torch);
  CHECK(std::string(torch->broken_from) == "2.1");
  CHECK(horovod_support_for("0.27.0", "pytorch") == torch);
  CHECK_FALSE(horovod_support_for("0.29.0", "pytorch"));
  CHECK_FALSE(horovod_support_for("0.28.1", "mxnet"));
  // Each default builds with its release.
  for (const HorovodSupport& r : horovod_support())
    CHECK((!*r.broken_from || compare_versions(r.default_version, r.broken_from) < 0));

  REQUIRE(builds_from_source("mpi4py==3.1.5"));
  CHECK_FALSE(builds_from_source("mpi4py==3.1.5")->cmake);
  CHECK(builds_from_source("MPI4Py>=3"));
  CHECK(builds_from_source("horovod[pytorch]==0.28.1")->cmake);
  CHECK_FALSE(builds_from_source("numpy==1.26.4"));
  CHECK_FALSE(builds_from_source("mpi4py-stubs"));
}

namespace {

// The lines of docs/spec.md's "Compatibility tables" section.
std::vector<std::string> doc_table_lines() {
  std::ifstream in(std::string(MPIJOBC_SOURCE_DIR) + "/docs/spec.md");
  std::vector<std::string> lines;
  bool inside = false;
  for (std::string line; std::getline(in, line);) {
    if (line.rfind("## ", 0) == 0) inside = line == "## Compatibility tables";
    if (inside && line.rfind("| ", 0) == 0) lines.push_back(line);
  }
  return lines;
}

// Whether one table line holds every part.
bool documented(const std::vector<std::string>& lines, const std::vector<std::string>& parts) {
  for (const std::string& line : lines) {
    bool all = true;
    for (const std::string& p : parts) all = all && line.find(p) != std::string::npos;
    if (all) return true;
  }
  return false;
}

}  // namespace

TEST_CASE("compat: docs/spec.md states every row of the tables") {
  std::vector<std::string> lines = doc_table_lines();
  REQUIRE_FALSE(lines.empty());
  for (const Distribution& d : distributions()) {
    INFO(d.name);
    CHECK(documented(lines, {std::string("`") + d.repository + ":" + d.codename + "`",
                             std::string("`") + d.repository + ":" + d.version + "`",
                             std::string("| ") + d.python + " |", d.source}));
  }
  for (const FrameworkRelease& r : framework_releases()) {
    INFO(r.framework << " " << r.minor);
    std::string name = std::string(r.framework) == "pytorch" ? "| PyTorch |" : "| TensorFlow |";
    CHECK(documented(lines, {name, std::string(" ") + r.minor, std::string("| ") + r.cuda + " |",
                             std::string(r.python_min) + "–" + r.python_max}));
  }
  for (const CudaImage& c : cuda_images())
    CHECK(documented(lines, {std::string("| ") + c.cuda + " |", std::string("`") + c.image + "`"}));
  for (const HorovodSupport& h : horovod_support()) {
    std::string name = std::string(h.framework) == "pytorch" ? "| PyTorch |" : "| TensorFlow |";
    CHECK(documented(lines, {std::string("≤ ") + h.horovod_max, name,
                             std::string("`") + h.default_version + "`"}));
  }
}

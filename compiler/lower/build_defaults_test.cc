#include "lower/build_defaults.h"

#include <catch2/catch.hpp>

#include "testing/fixtures.h"

using namespace mpijobc;

namespace {

BuildSpec build_of(const std::string& kind, const std::string& extra) {
  return testing::lower_ok(testing::spec(kind, "  worker: {replicas: 1}\n" + extra)).build;
}

}  // namespace

TEST_CASE("build defaults: Debian's Python, Horovod 0.28.1 and a framework it builds with") {
  BuildSpec mpi = build_of("MPIJob", "");
  CHECK(*mpi.base_image == "debian:bookworm-slim");
  CHECK(*mpi.python == "3.11");
  CHECK_FALSE(mpi.horovod.set());

  BuildSpec hvd = build_of("HorovodJob", "  build: {framework: {name: pytorch}}\n");
  CHECK(*hvd.horovod == "0.28.1");
  CHECK(*hvd.framework_version == "2.0.1");
  CHECK(hvd.framework_version.origin.path == "spec.build.framework.version");
  CHECK(*build_of("HorovodJob", "  build: {framework: {name: tensorflow}}\n").framework_version ==
        "2.12.1");
  // Without Horovod, pip picks the framework's version.
  CHECK_FALSE(build_of("MPIJob", "  build: {framework: {name: pytorch}}\n").framework_version.set());

  CHECK(*build_of("MPIJob", "  build: {base_image: \"ubuntu:24.04\"}\n").python == "3.12");
  CHECK(*build_of("MPIJob", "  build: {base_image: \"ubuntu:24.04\", python: \"3.9\"}\n").python ==
        "3.9");  // the checks report it
  CHECK_FALSE(build_of("MPIJob", "  build: {base_image: \"acme/base:1\"}\n").python.set());
}

TEST_CASE("build defaults: a GPU job's CUDA image is the framework's CUDA") {
  auto base = [](const std::string& build) {
    return *build_of("MPIJob", "  build: {gpu: true" + build + "}\n").base_image;
  };
  CHECK(base("") == "nvidia/cuda:12.2.2-cudnn8-devel-ubuntu22.04");
  CHECK(base(", framework: {name: tensorflow, version: \"2.13.1\"}") ==
        "nvidia/cuda:11.8.0-cudnn8-devel-ubuntu22.04");
  CHECK(base(", framework: {name: pytorch, version: \"2.1.2\"}") ==
        "nvidia/cuda:12.1.1-cudnn8-devel-ubuntu22.04");
  CHECK(base(", framework: {name: tensorflow, version: \"2.17.0\"}") ==
        "nvidia/cuda:12.2.2-cudnn8-devel-ubuntu22.04");
  CHECK(*build_of("MPIJob", "  build: {gpu: true}\n").python == "3.10");
}

TEST_CASE("build defaults: none for an image of the user's own") {
  BuildSpec own = build_of("HorovodJob", "  build: {dockerfile: false}\n");
  CHECK_FALSE(own.base_image.set());
  CHECK_FALSE(own.python.set());
  CHECK_FALSE(own.horovod.set());
}

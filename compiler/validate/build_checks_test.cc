#include "validate/build_checks.h"

#include <catch2/catch.hpp>

#include "testing/fixtures.h"

using namespace mpijobc;

namespace {

std::vector<std::string> check(const std::string& kind, const std::string& build) {
  JobSpec job = testing::lower_ok(testing::spec(kind, "  worker: {replicas: 1}\n" + build));
  DiagnosticEngine diags;
  check_build(job, diags);
  return testing::messages(diags);
}

using Messages = std::vector<std::string>;

}  // namespace

TEST_CASE("build checks: images that build pass") {
  CHECK(check("MPIJob", "").empty());
  CHECK(check("HorovodJob", "  build: {framework: {name: pytorch}}\n").empty());
  CHECK(check("HorovodJob", "  build: {framework: {name: pytorch, version: \"2.0.1\"}}\n").empty());
  CHECK(check("MPIJob", "  build: {framework: {name: pytorch, version: \"2.4.0\"}}\n").empty());
  CHECK(check("MPIJob", "  build: {base_image: \"ubuntu:24.04\"}\n").empty());
  CHECK(check("MPIJob", "  build: {base_image: \"acme/base:1\", python: \"3.10\"}\n").empty());
  CHECK(check("MPIJob", "  build: {gpu: true, framework: {name: tensorflow, version: \"2.13.1\"}}\n")
            .empty());
  // An image of one's own: nothing of the generated one is checked.
  CHECK(check("HorovodJob", "  build: {dockerfile: false, base_image: \"rockylinux:9\"}\n").empty());
}

TEST_CASE("build/framework: Horovod needs a framework") {
  CHECK(check("HorovodJob", "") ==
        Messages{"4:1: spec.build: Horovod is built without a framework: its installer builds "
                 "operations for the frameworks it finds, and refuses to build none "
                 "[build/framework]"});
  CHECK(check("MPIJob", "  build: {horovod: \"0.28.1\"}\n") ==
        Messages{"8:3: spec.build: Horovod is built without a framework: its installer builds "
                 "operations for the frameworks it finds, and refuses to build none "
                 "[build/framework]"});
}

TEST_CASE("build/base-image and build/python: what the base ships") {
  CHECK(check("MPIJob", "  build: {base_image: \"rockylinux:9\"}\n") ==
        Messages{"8:23: spec.build.base_image: rockylinux:9 is of the rockylinux family: the "
                 "generated Dockerfile installs with apt-get, which only Debian and Ubuntu have "
                 "[build/base-image]"});
  CHECK(check("MPIJob", "  build: {python: \"3.9\"}\n") ==
        Messages{"8:19: spec.build.python: debian:bookworm-slim is Debian 12 (bookworm), which "
                 "ships Python 3.11, not 3.9 [build/python]"});
  CHECK(check("MPIJob", "  build: {base_image: \"acme/base:1\"}\n") ==
        Messages{"8:23: spec.build.base_image: mpijobc does not know which Python acme/base:1 "
                 "ships [build/python]"});
}

TEST_CASE("build/horovod-framework: Horovod 0.28.1 and PyTorch 2.1") {
  CHECK(check("HorovodJob", "  build: {framework: {name: pytorch, version: \"2.1.2\"}}\n") ==
        Messages{"8:47: spec.build.framework.version: horovod 0.28.1 does not build with pytorch "
                 "2.1.2: PyTorch 2.1 and later need C++17, which Horovod's build turns on only "
                 "after 0.28.1, the last release [build/horovod-framework]"});
  // Without Horovod, any torch.
  CHECK(check("MPIJob", "  build: {framework: {name: pytorch, version: \"2.1.2\"}}\n").empty());
}

TEST_CASE("build/framework-python: wheels for the image's Python") {
  CHECK(check("MPIJob", "  build: {base_image: \"ubuntu:24.04\", framework: {name: tensorflow, "
                        "version: \"2.13.1\"}}\n") ==
        Messages{"8:78: spec.build.framework.version: tensorflow 2.13.1 has wheels for Python 3.8 "
                 "to 3.11, and the image has Python 3.12: pip cannot install it "
                 "[build/framework-python]"});
}

TEST_CASE("build/framework-cuda: TensorFlow 2.13 on CUDA 12") {
  CHECK(check("MPIJob", "  build:\n    gpu: true\n"
                        "    base_image: nvidia/cuda:12.2.2-cudnn8-devel-ubuntu22.04\n"
                        "    framework: {name: tensorflow, version: \"2.13.1\"}\n") ==
        Messages{"10:17: spec.build.base_image: nvidia/cuda:12.2.2-cudnn8-devel-ubuntu22.04 has "
                 "CUDA 12.2, and tensorflow 2.13.1 is built for CUDA 11.8: TensorFlow does not "
                 "find the CUDA libraries it was built for and runs on the CPU "
                 "[build/framework-cuda]"});
  // PyTorch's wheels bring their CUDA: only Horovod's build minds.
  CHECK(check("MPIJob", "  build:\n    gpu: true\n"
                        "    base_image: nvidia/cuda:11.8.0-cudnn8-devel-ubuntu22.04\n"
                        "    framework: {name: pytorch, version: \"2.2.0\"}\n")
            .empty());
  CHECK(check("HorovodJob", "  build:\n    gpu: true\n"
                            "    base_image: nvidia/cuda:12.2.2-cudnn8-devel-ubuntu22.04\n"
                            "    framework: {name: pytorch, version: \"2.0.1\"}\n")
            .size() == 1);
}

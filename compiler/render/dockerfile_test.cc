#include "render/dockerfile.h"

#include <catch2/catch.hpp>

#include "testing/fixtures.h"

using namespace mpijobc;

namespace {

std::string dockerfile(const std::string& kind, const std::string& extra) {
  JobSpec job = testing::lower_ok(testing::spec(kind, extra));
  DiagnosticEngine diags;
  auto text = render_dockerfile(job, Templates(), diags);
  REQUIRE(text);
  return *text;
}

bool has(const std::string& text, const std::string& part) {
  return text.find(part) != std::string::npos;
}

}  // namespace

TEST_CASE("Dockerfile: CPU defaults, Horovod only for HorovodJob or when asked") {
  std::string mpi = dockerfile("MPIJob", "  worker: {replicas: 1}\n");
  CHECK(has(mpi, "\nFROM debian:bookworm-slim\n"));
  CHECK(has(mpi, "python3.11 python3.11-venv openmpi-bin \\\n"));
  CHECK_FALSE(has(mpi, "apt.repos.intel.com"));
  CHECK(has(mpi, "RUN python3.11 -m venv /opt/venv\n"));
  CHECK_FALSE(has(mpi, "horovod"));
  std::string hvd = dockerfile("HorovodJob", "  worker: {replicas: 1}\n"
                                             "  build: {framework: {name: pytorch, version: \"2.1.2\"}}\n");
  CHECK(has(hvd, "RUN pip install --no-cache-dir 'torch==2.1.2'\n"));
  CHECK(has(hvd, "RUN HOROVOD_WITH_MPI=1 HOROVOD_WITH_PYTORCH=1 pip install --no-cache-dir "
                 "'horovod==0.28.1'\n"));
  CHECK(has(hvd, "build-essential cmake libopenmpi-dev"));
  std::string asked = dockerfile("MPIJob", "  worker: {replicas: 1}\n  build: {horovod: \"0.27.0\"}\n");
  CHECK(has(asked, "RUN HOROVOD_WITH_MPI=1 pip install --no-cache-dir 'horovod==0.27.0'\n"));
}

TEST_CASE("Dockerfile: GPUs from the spec choose CUDA and NCCL") {
  std::string gpu = dockerfile("HorovodJob", "  worker: {replicas: 1, limits: {gpu: 1}}\n");
  CHECK(has(gpu, "\nFROM nvidia/cuda:12.2.2-cudnn8-devel-ubuntu22.04\n"));
  CHECK(has(gpu, "RUN python3.10 -m venv"));
  CHECK(has(gpu, "HOROVOD_GPU_OPERATIONS=NCCL"));
  std::string off = dockerfile("HorovodJob", "  worker: {replicas: 1, limits: {gpu: 1}}\n"
                                             "  build: {gpu: false, base_image: a/b:1, python: \"3.12\"}\n");
  CHECK(has(off, "\nFROM a/b:1\n"));
  CHECK(has(off, "python3.12-venv"));
  CHECK_FALSE(has(off, "NCCL"));
}

TEST_CASE("Dockerfile: user packages are quoted, copies are JSON") {
  std::string d = dockerfile("MPIJob", "  worker: {replicas: 1}\n  build:\n"
                                       "    apt: [libgomp1=12.2.0-14]\n    pip: [\"numpy>=1.26; python_version>'3'\"]\n"
                                       "    copy: [{src: my dir/*.py, dest: /app/}]\n");
  CHECK(has(d, " 'libgomp1=12.2.0-14' \\\n"));
  CHECK(has(d, "RUN pip install --no-cache-dir 'numpy>=1.26; python_version>'\\''3'\\'''\n"));
  CHECK(has(d, "WORKDIR /workspace\nCOPY [\"my dir/*.py\", \"/app/\"]\n"));
}

TEST_CASE("Dockerfile: the MPI implementation's packages, Intel's from Intel's repository") {
  std::string mpich = dockerfile("HorovodJob", "  worker: {replicas: 1}\n  mpi_implementation: MPICH\n");
  CHECK(has(mpich, "# Image for HorovodJob job: MPI (MPICH),"));
  CHECK(has(mpich, "python3.11-venv mpich python3.11-dev build-essential cmake libmpich-dev \\\n"));
  CHECK_FALSE(has(mpich, "openmpi"));

  std::string intel = dockerfile("HorovodJob", "  worker: {replicas: 1}\n  mpi_implementation: Intel\n");
  CHECK(has(intel, " && curl -fsSL https://apt.repos.intel.com/intel-gpg-keys/"
                   "GPG-PUB-KEY-INTEL-SW-PRODUCTS.PUB | gpg --dearmor -o "
                   "/usr/share/keyrings/intel-oneapi.gpg \\\n"));
  CHECK(has(intel, " && echo 'deb [signed-by=/usr/share/keyrings/intel-oneapi.gpg] "
                   "https://apt.repos.intel.com/oneapi all main' > "
                   "/etc/apt/sources.list.d/mpijobc-mpi.list \\\n"));
  CHECK(has(intel, " intel-oneapi-mpi-2021.13 "));
  CHECK(has(intel, " intel-oneapi-mpi-devel-2021.13 \\\n"));
  // Horovod compiles against Intel MPI's mpicc, which setvars.sh puts on PATH.
  CHECK(has(intel, "RUN . /opt/intel/oneapi/setvars.sh && HOROVOD_WITH_MPI=1 pip install"));
}

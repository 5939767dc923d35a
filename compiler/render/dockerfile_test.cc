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

TEST_CASE("Dockerfile: pip packages built from source get headers, a compiler and the MPI's") {
  std::string pi = dockerfile("MPIJob", "  worker: {replicas: 1}\n"
                                        "  build: {pip: [mpi4py==3.1.5], apt: [libopenmpi-dev]}\n");
  CHECK(has(pi, "python3.11-venv openmpi-bin python3.11-dev build-essential libopenmpi-dev \\\n"));
  CHECK_FALSE(has(pi, "cmake"));
  std::string plain = dockerfile("MPIJob", "  worker: {replicas: 1}\n  build: {pip: [numpy]}\n");
  CHECK_FALSE(has(plain, "build-essential"));
  std::string intel = dockerfile("MPIJob", "  worker: {replicas: 1}\n  mpi_implementation: Intel\n"
                                           "  build: {pip: [mpi4py]}\n");
  CHECK(has(intel, "RUN . /opt/intel/oneapi/setvars.sh && pip install --no-cache-dir mpi4py\n"));
}

TEST_CASE("Dockerfile: the base image's Python, the framework's CUDA image") {
  CHECK(has(dockerfile("MPIJob", "  worker: {replicas: 1}\n  build: {base_image: \"ubuntu:24.04\"}\n"),
            " python3.12 python3.12-venv "));
  std::string tf = dockerfile("MPIJob", "  worker: {replicas: 1, limits: {gpu: 1}}\n"
                                        "  build: {framework: {name: tensorflow, version: \"2.13.1\"}}\n");
  CHECK(has(tf, "\nFROM nvidia/cuda:11.8.0-cudnn8-devel-ubuntu22.04\n"));
}

TEST_CASE("Dockerfile: a non-root job's user, its sshd on port 2222 and the client's port") {
  std::string root = dockerfile("MPIJob", "  worker: {replicas: 1}\n");
  CHECK_FALSE(has(root, "useradd"));
  CHECK_FALSE(has(root, "\nUSER "));
  std::string d = dockerfile("MPIJob", "  worker: {replicas: 1}\n"
                                       "  ssh_auth_mount_path: /home/alice/.ssh\n"
                                       "  pod: {spec: {securityContext: {runAsUser: 1001, runAsGroup: 1002}}}\n");
  CHECK(has(d, "RUN { getent passwd 1001 mpiuser || true; } | cut -d: -f1 | sort -u | xargs -r -n1 userdel \\\n"
               " && { getent group 1002 >/dev/null || groupadd -g 1002 mpiuser; } \\\n"
               " && useradd -m -d /home/alice -u 1001 -g 1002 -p '*' -s /bin/bash mpiuser \\\n"
               " && mkdir -p /home/alice/.sshd /workspace \\\n"
               " && ssh-keygen -q -t ed25519 -N '' -f /home/alice/.sshd/ssh_host_ed25519_key \\\n"
               " && printf '%s\\n' 'Port 2222' 'HostKey /home/alice/.sshd/ssh_host_ed25519_key' "
               "'PidFile /home/alice/.sshd/sshd.pid' "
               "'AuthorizedKeysFile /home/alice/.ssh/authorized_keys' 'StrictModes no' "
               "'PubkeyAuthentication yes' 'PasswordAuthentication no' "
               "'KbdInteractiveAuthentication no' 'UsePAM no' > /home/alice/.sshd_config \\\n"
               " && printf '%s\\n' 'Host *' '  Port 2222' '  IdentityFile /home/alice/.ssh/id_rsa' "
               ">> /etc/ssh/ssh_config.d/mpijobc.conf \\\n"
               " && chown -R 1001:1002 /home/alice /workspace\n"));
  // The image runs as that user; root's steps come first.
  CHECK(has(d, "\nUSER 1001:1002\n"));
  CHECK(d.find("useradd") < d.find("python3.11 -m venv"));
  CHECK(d.find("\nUSER ") > d.find("WORKDIR /workspace"));
}

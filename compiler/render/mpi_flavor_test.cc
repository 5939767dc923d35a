#include "render/mpi_flavor.h"

#include <catch2/catch.hpp>

#include "testing/fixtures.h"

using namespace mpijobc;

namespace {

using Words = std::vector<std::string>;

Words flags(const std::string& extra) {
  return mpirun_flags(testing::lower_ok(testing::spec("MPIJob", "  worker: {replicas: 1}\n" + extra)));
}

}  // namespace

TEST_CASE("mpirun flags: flytekit's for Open MPI, spec env forwarded with -x") {
  CHECK(flags("") == Words{"--allow-run-as-root", "-bind-to", "none", "-map-by", "slot", "-x",
                           "LD_LIBRARY_PATH", "-x", "PATH", "-x", "NCCL_DEBUG=INFO", "-mca", "pml",
                           "ob1", "-mca", "btl", "^openib"});
  // A spec NCCL_DEBUG replaces flytekit's fixed one.
  CHECK(flags("  env: {NCCL_DEBUG: WARN, B: x}\n") ==
        Words{"--allow-run-as-root", "-bind-to", "none", "-map-by", "slot", "-x", "LD_LIBRARY_PATH",
              "-x", "PATH", "-x", "NCCL_DEBUG", "-x", "B", "-mca", "pml", "ob1", "-mca", "btl",
              "^openib"});
}

TEST_CASE("mpirun flags: env names spec.pod and launcher.pod set are forwarded too") {
  std::string pods =
      "  env: {A: x}\n"
      "  pod:\n    container:\n      env:\n        - {name: A, value: y}\n"
      "        - name: TOKEN\n          valueFrom: {secretKeyRef: {name: s, key: k}}\n"
      "  launcher:\n    pod: {container: {env: [{name: NCCL_DEBUG, value: WARN}]}}\n";
  CHECK(flags(pods) == Words{"--allow-run-as-root", "-bind-to", "none", "-map-by", "slot", "-x",
                             "LD_LIBRARY_PATH", "-x", "PATH", "-x", "A", "-x", "TOKEN", "-x",
                             "NCCL_DEBUG", "-mca", "pml", "ob1", "-mca", "btl", "^openib"});
  CHECK(flags(pods + "  mpi_implementation: Intel\n") ==
        Words{"-genvlist", "LD_LIBRARY_PATH,PATH,A,TOKEN,NCCL_DEBUG"});
  // The workers' own env is not the launcher's: -x would forward nothing.
  CHECK(mpirun_flags(testing::lower_ok(testing::spec(
            "MPIJob", "  worker:\n    replicas: 1\n    pod: {container: {env: [{name: W, value: x}]}}\n"))) ==
        flags(""));
}

TEST_CASE("mpirun flags: mpirun_args replace Open MPI's transport flags, follow Hydra's") {
  CHECK(flags("  mpirun_args: [-mca, pml, ucx]\n") ==
        Words{"--allow-run-as-root", "-bind-to", "none", "-map-by", "slot", "-x", "LD_LIBRARY_PATH",
              "-x", "PATH", "-x", "NCCL_DEBUG=INFO", "-mca", "pml", "ucx"});
  CHECK(flags("  mpirun_args: []\n").back() == "NCCL_DEBUG=INFO");
  CHECK(flags("  mpi_implementation: MPICH\n  mpirun_args: [-iface, ib0]\n") ==
        Words{"-genvlist", "LD_LIBRARY_PATH,PATH", "-genv", "NCCL_DEBUG", "INFO", "-iface", "ib0"});
}

TEST_CASE("mpirun flags: Hydra's for Intel MPI and MPICH, none of Open MPI's") {
  for (const char* impl : {"Intel", "MPICH"}) {
    INFO(impl);
    std::string extra = std::string("  mpi_implementation: ") + impl + "\n";
    CHECK(flags(extra) == Words{"-genvlist", "LD_LIBRARY_PATH,PATH", "-genv", "NCCL_DEBUG", "INFO"});
    CHECK(flags(extra + "  env: {NCCL_DEBUG: WARN, B: x}\n") ==
          Words{"-genvlist", "LD_LIBRARY_PATH,PATH,NCCL_DEBUG,B"});
  }
}

TEST_CASE("MPI flavors: what each implementation installs and how it runs locally") {
  const MpiFlavor& open_mpi = mpi_flavor(MpiImplementation::OpenMPI);
  CHECK_FALSE(open_mpi.hydra);
  CHECK(open_mpi.packages == Words{"openmpi-bin"});
  CHECK(open_mpi.local_mpirun == "mpirun.openmpi");
  const MpiFlavor& mpich = mpi_flavor(MpiImplementation::MPICH);
  CHECK(mpich.hydra);
  CHECK(mpich.packages == Words{"mpich"});
  CHECK(mpich.local_mpirun == "mpirun.mpich");
  const MpiFlavor& intel = mpi_flavor(MpiImplementation::Intel);
  CHECK(intel.hydra);
  CHECK(intel.local_mpirun.empty());  // not in Debian
  CHECK(intel.setup_script == "/opt/intel/oneapi/setvars.sh");
  CHECK_FALSE(intel.apt_source.empty());
}

TEST_CASE("MPI flavors: the launcher env mpi-operator gives each implementation") {
  using Env = std::vector<std::pair<std::string, std::string>>;
  CHECK(operator_launcher_env(MpiImplementation::MPICH, "/h", "2") ==
        Env{{"HYDRA_HOST_FILE", "/h"}, {"HYDRA_LAUNCH_EXTRA_ARGS", "-o ConnectionAttempts=10"}});
  CHECK(operator_launcher_env(MpiImplementation::Intel, "/h", "2") ==
        Env{{"I_MPI_HYDRA_HOST_FILE", "/h"},
            {"I_MPI_HYDRA_BOOTSTRAP_EXEC_EXTRA_ARGS", "-o ConnectionAttempts=10"},
            {"I_MPI_PERHOST", "2"}});
  CHECK(operator_launcher_env(MpiImplementation::OpenMPI, "/h", "2").at(1) ==
        std::pair<std::string, std::string>{"OMPI_MCA_orte_default_hostfile", "/h"});
}

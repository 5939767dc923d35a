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

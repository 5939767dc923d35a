#include "local/local_plan.h"

#include <catch2/catch.hpp>

#include "testing/fixtures.h"

using namespace mpijobc;

namespace {

struct Planned {
  SourceManager sources;
  DiagnosticEngine diags;
  std::optional<LocalRunPlan> plan;

  Planned(const std::string& kind, const std::string& extra, LocalRunRequest request) {
    Compiler compiler(sources, diags, {});
    compiler.compile_text("t.yaml", testing::spec(kind, extra));
    REQUIRE_FALSE(diags.has_errors());
    if (!request.on_path) request.on_path = [](const std::string&) { return true; };
    request.work_dir = "/w";
    request.path = "/usr/bin";
    plan = plan_local_run(compiler.jobs().at(0), request, Templates(), diags);
  }
  std::string env(const std::string& name) const {
    for (const auto& [k, v] : plan->env)
      if (k == name) return v;
    return "<unset>";
  }
};

// A HorovodJob's workers; its image builds Horovod for PyTorch.
const std::string kHvd = "  worker: {replicas: 2}\n  build: {framework: {name: pytorch}}\n";

LocalRunRequest cores(int64_t n) {
  LocalRunRequest r;
  r.cores = n;
  return r;
}

}  // namespace

TEST_CASE("local plan: the generated launcher, a local hostfile, the operator's launcher env") {
  Planned p("MPIJob", "  slots: 2\n  worker: {replicas: 2}\n  env: {A: \"x y\"}\n", cores(4));
  REQUIRE(p.plan);
  CHECK(p.plan->ranks == 4);
  CHECK(p.plan->launcher.find("np=${MPIJOBC_NP:-4}") != std::string::npos);
  CHECK(p.plan->hostfile == "localhost slots=4\n");
  CHECK(p.plan->discovery_script == "#!/bin/sh\necho localhost:4\n");
  CHECK(p.env("K_MPI_JOB_ROLE") == "launcher");
  CHECK(p.env("MPIJOBC_HOSTFILE") == "/w/hostfile");
  CHECK(p.env("OMPI_MCA_orte_default_hostfile") == "/w/hostfile");
  CHECK(p.env("A") == "x y");
  CHECK(p.env("MPIJOBC_NP") == "<unset>");  // the script's own default
  CHECK(p.env("OMPI_ALLOW_RUN_AS_ROOT") == "<unset>");
  CHECK(p.plan->notes.empty());
  CHECK(p.plan->mpirun_shim == "#!/bin/sh\nexec mpirun.openmpi --tag-output \"$@\"\n");
  CHECK(p.env("PATH") == "/w/bin:/usr/bin");
}

TEST_CASE("local plan: MPICH gets its own mpirun, a host:N hostfile and Hydra's env") {
  Planned p("MPIJob", "  slots: 2\n  worker: {replicas: 1}\n  mpi_implementation: MPICH\n", cores(4));
  REQUIRE(p.plan);
  CHECK(p.plan->hostfile == "localhost:2\n");
  CHECK(p.env("HYDRA_HOST_FILE") == "/w/hostfile");
  CHECK(p.env("OMPI_MCA_orte_default_hostfile") == "<unset>");
  CHECK(p.plan->mpirun_shim ==
        "#!/bin/sh\nexec mpirun.mpich -prepend-pattern '[0,%r]<stdout>:' \"$@\"\n");
  CHECK(p.plan->launcher.find("exec mpirun -genvlist LD_LIBRARY_PATH,PATH ") != std::string::npos);

  // Intel MPI is not in Debian: its own mpirun must be on PATH.
  LocalRunRequest r = cores(4);
  r.on_path = [](const std::string& program) { return program != "mpirun"; };
  Planned intel("MPIJob", "  worker: {replicas: 1}\n  mpi_implementation: Intel\n", r);
  CHECK_FALSE(intel.plan);
  REQUIRE(intel.diags.all().size() == 1);
  CHECK(intel.diags.all()[0].message == "'mpirun' is not on PATH");
  CHECK(intel.diags.all()[0].hint.find("Intel oneAPI MPI") != std::string::npos);
}

TEST_CASE("local plan: --np scales, above the cores it oversubscribes and says so") {
  LocalRunRequest r = cores(2);
  r.np = 3;
  r.root = true;
  Planned p("MPIJob", "  worker: {replicas: 8}\n", r);
  REQUIRE(p.plan);
  CHECK(p.plan->ranks == 3);
  CHECK(p.env("MPIJOBC_NP") == "3");
  CHECK(p.env("OMPI_ALLOW_RUN_AS_ROOT") == "1");
  CHECK(p.env("OMPI_MCA_mpi_yield_when_idle") == "1");
  CHECK(p.plan->notes == std::vector<std::string>{"oversubscribed: 3 ranks on 2 cores",
                                                  "scaled to 3 ranks with --np (the job runs 8)"});
}

TEST_CASE("local plan: more ranks than cores without --np is a located error") {
  Planned p("MPIJob", "  worker: {replicas: 8}\n", cores(2));
  CHECK_FALSE(p.plan);
  CHECK(testing::messages(p.diags) ==
        std::vector<std::string>{"7:22: spec.worker.replicas: job runs 8 ranks (8 workers x 1 slots) "
                                 "but this machine has 2 cores [run/too-many-ranks]"});
}

TEST_CASE("local plan: a program the ranks cannot start is a located error before mpirun runs") {
  LocalRunRequest r = cores(4);
  r.on_path = [](const std::string& p) { return p != "python"; };
  Planned missing("MPIJob", "  worker: {replicas: 1}\n", r);
  CHECK_FALSE(missing.plan);
  CHECK(testing::messages(missing.diags) ==
        std::vector<std::string>{"6:13: spec.command[0]: 'python' is not on PATH: every rank would "
                                 "fail to start it [run/missing-program]"});
  // launcher.command runs what it says: its own first word is checked.
  Planned custom("MPIJob", "  worker: {replicas: 1}\n  launcher: {command: [mpirun, -np, 1, python]}\n",
                 r);
  CHECK(custom.plan);
}

TEST_CASE("local plan: HorovodJob needs horovodrun, or runs its program under mpirun") {
  LocalRunRequest r = cores(4);
  r.on_path = [](const std::string& p) { return p == "mpirun.openmpi" || p == "python"; };
  Planned missing("HorovodJob", kHvd, r);
  CHECK_FALSE(missing.plan);
  REQUIRE(missing.diags.all().size() == 1);
  CHECK(missing.diags.all()[0].rule == "run/missing-tool");
  CHECK(missing.diags.all()[0].hint.find("--as-mpi") != std::string::npos);

  r.as_mpi = true;
  Planned as_mpi("HorovodJob", kHvd, r);
  REQUIRE(as_mpi.plan);
  CHECK(as_mpi.plan->launcher.find("exec mpirun ") != std::string::npos);
  CHECK(as_mpi.plan->launcher.find("horovodrun") == std::string::npos);
}

TEST_CASE("local plan: HorovodJob uses the loopback when this machine lacks its interface") {
  LocalRunRequest r = cores(4);
  r.interfaces = {"lo", "wlp2s0"};
  Planned laptop("HorovodJob", kHvd, r);
  REQUIRE(laptop.plan);
  CHECK(laptop.plan->launcher.find(" --network-interface lo ") != std::string::npos);
  CHECK(laptop.plan->notes ==
        std::vector<std::string>{"--network-interface eth0: this machine has no such interface, "
                                 "so the run uses lo"});
  r.interfaces = {"en0", "lo0"};
  Planned mac("HorovodJob", kHvd + "  network_interface: eth0,ib0\n", r);
  REQUIRE(mac.plan);
  CHECK(mac.plan->launcher.find(" --network-interface lo0 ") != std::string::npos);
  // Interfaces this machine has stay.
  r.interfaces = {"eth0", "ib0", "lo"};
  Planned here("HorovodJob", kHvd + "  network_interface: eth0,ib0\n", r);
  REQUIRE(here.plan);
  CHECK(here.plan->launcher.find(" --network-interface eth0,ib0 ") != std::string::npos);
  CHECK(here.plan->notes.empty());
}

TEST_CASE("local plan: --np cannot scale a spec's own launcher command") {
  LocalRunRequest r = cores(4);
  r.np = 2;
  Planned p("MPIJob", "  worker: {replicas: 2}\n  launcher: {command: [mpirun, -n, 2, app]}\n", r);
  CHECK_FALSE(p.plan);
  REQUIRE(p.diags.all().size() == 1);
  CHECK(p.diags.all()[0].rule == "run/np-custom-command");
  CHECK(p.diags.all()[0].path == "spec.launcher.command");
}

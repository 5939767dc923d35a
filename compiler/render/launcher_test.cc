#include "render/launcher.h"

#include <catch2/catch.hpp>

#include "testing/fixtures.h"

using namespace mpijobc;

namespace {

std::string render(const std::string& spec_yaml) {
  JobSpec job = testing::lower_ok(spec_yaml);
  DiagnosticEngine diags;
  auto text = render_launcher(job, {}, Templates(), diags);
  REQUIRE(text);
  return *text;
}

std::string exec_line(const std::string& spec_yaml) {
  std::string text = render(spec_yaml);
  size_t at = text.find("\nexec ");
  REQUIRE(at != std::string::npos);
  return text.substr(at + 1, text.find('\n', at + 1) - at - 1);
}

}  // namespace

TEST_CASE("launcher: -np = replicas x slots unless MPIJOBC_NP says otherwise") {
  JobSpec job = testing::lower_ok(testing::spec("MPIJob", "  slots: 4\n  worker: {replicas: 3}\n"));
  DiagnosticEngine diags;
  auto text = render_launcher(job, {}, Templates(), diags);
  REQUIRE(text);
  CHECK(text->find("\nnp=${MPIJOBC_NP:-12}\n") != std::string::npos);
}

TEST_CASE("launcher: mpirun line, env forwarded") {
  CHECK(exec_line(testing::spec("MPIJob", "  slots: 4\n  worker: {replicas: 3}\n")) ==
        "exec mpirun --allow-run-as-root -bind-to none -map-by slot -x LD_LIBRARY_PATH -x PATH "
        "-x 'NCCL_DEBUG=INFO' -mca pml ob1 -mca btl '^openib' -np \"$np\" \"$@\" python train.py");
  CHECK(exec_line(testing::spec("MPIJob", "  worker: {replicas: 1}\n  env: {NCCL_DEBUG: WARN, X: 1}\n")) ==
        "exec mpirun --allow-run-as-root -bind-to none -map-by slot -x LD_LIBRARY_PATH -x PATH "
        "-x NCCL_DEBUG -x X -mca pml ob1 -mca btl '^openib' -np \"$np\" \"$@\" python train.py");
}

TEST_CASE("launcher: horovodrun line and custom launcher command") {
  CHECK(exec_line(testing::spec("HorovodJob", "  slots: 2\n  worker: {replicas: 2}\n  verbose: true\n")) ==
        "exec horovodrun -np \"$np\" --log-level INFO --network-interface eth0 --min-np \"$min_np\" "
        "--max-np \"$max_np\" --slots-per-host 2 --host-discovery-script \"$discovery\" "
        "--elastic-timeout 1200 --verbose python train.py");
  std::string elastic = render(testing::spec(
      "HorovodJob", "  slots: 2\n  worker: {replicas: 3}\n  min_replicas: 1\n  max_replicas: 5\n"
                    "  network_interface: eth0,ib0\n"));
  CHECK(elastic.find("\nmin_np=${MPIJOBC_NP:-2}\nmax_np=${MPIJOBC_NP:-10}\n") != std::string::npos);
  CHECK(elastic.find(" --network-interface eth0,ib0 ") != std::string::npos);
  // A launcher that runs ranks counts at both ends of the range, as in -np.
  std::string with_launcher = render(testing::spec(
      "HorovodJob", "  slots: 2\n  worker: {replicas: 2}\n  min_replicas: 1\n  max_replicas: 4\n"
                    "  run_launcher_as_worker: true\n"));
  CHECK(with_launcher.find("\nnp=${MPIJOBC_NP:-6}\n") != std::string::npos);
  CHECK(with_launcher.find("\nmin_np=${MPIJOBC_NP:-4}\nmax_np=${MPIJOBC_NP:-10}\n") !=
        std::string::npos);
  CHECK(exec_line(testing::spec("MPIJob", "  worker: {replicas: 1}\n"
                                          "  launcher: {command: [mpirun, -n, 1, \"a'b\"]}\n")) ==
        "exec mpirun -n 1 'a'\\''b'");
}

TEST_CASE("launcher: launcher_argv is what the exec line runs with no MPIJOBC_* variables") {
  using Words = std::vector<std::string>;
  JobSpec hvd = testing::lower_ok(testing::spec(
      "HorovodJob", "  slots: 2\n  worker: {replicas: 3}\n  min_replicas: 1\n  max_replicas: 5\n"));
  CHECK(launcher_argv(hvd) ==
        Words{"horovodrun", "-np", "6", "--log-level", "INFO", "--network-interface", "eth0",
              "--min-np", "2", "--max-np", "10", "--slots-per-host", "2", "--host-discovery-script",
              "/etc/mpi/discover_hosts.sh", "--elastic-timeout", "1200", "python", "train.py"});
  JobSpec mpi = testing::lower_ok(testing::spec("MPIJob", "  worker: {replicas: 2}\n  mpirun_args: [-v]\n"));
  CHECK(launcher_argv(mpi) == Words{"mpirun", "--allow-run-as-root", "-bind-to", "none", "-map-by",
                                    "slot", "-x", "LD_LIBRARY_PATH", "-x", "PATH", "-x",
                                    "NCCL_DEBUG=INFO", "-v", "-np", "2", "python", "train.py"});
  JobSpec custom = testing::lower_ok(
      "apiVersion: mpijobc/v1\nkind: MPIJob\nmetadata: {name: c}\nspec:\n  image: i\n"
      "  worker: {replicas: 1}\n  launcher: {command: [sh, -c, \"a b\"]}\n");
  CHECK(launcher_argv(custom) == Words{"sh", "-c", "a b"});
}

TEST_CASE("launcher: a host list without slots becomes the hostfile, or the discovery script") {
  auto launcher = [](const std::string& kind, const std::string& extra, const std::string& hosts) {
    JobSpec job = testing::lower_ok(testing::spec(kind, "  slots: 3\n  worker: {replicas: 2}\n" + extra));
    DiagnosticEngine diags;
    auto text = render_launcher(job, hosts, Templates(), diags);
    REQUIRE(text);
    return *text;
  };
  std::string mpi = launcher("MPIJob", "", "/etc/volcano/worker.host");
  CHECK(mpi.find("  awk 'NF { print $1 \" slots=3\" }' /etc/volcano/worker.host "
                 ">\"$MPIJOBC_HOSTFILE\"\n") != std::string::npos);
  CHECK(launcher("MPIJob", "  mpi_implementation: MPICH\n", "/etc/volcano/worker.host")
            .find("  awk 'NF { print $1 \":3\" }' /etc/volcano/worker.host") != std::string::npos);
  CHECK(launcher("MPIJob", "", "").find("/etc/volcano") == std::string::npos);
  CHECK(launcher("MPIJob", "  launcher: {command: [mpirun, app]}\n", "/etc/volcano/worker.host")
            .find("/etc/volcano") == std::string::npos);
  std::string hvd = launcher("HorovodJob", "", "/etc/volcano/worker.host");
  CHECK(hvd.find("awk %s /etc/volcano/worker.host") != std::string::npos);
  CHECK(hvd.find("slots=") == std::string::npos);
}

// `mpijobc run --local` with the real Open MPI mpirun and Debian's mpi4py:
// ranks report rank and size, exit codes propagate, --np scales, errors stop
// before anything runs, Ctrl-C stops every rank. Skipped (with the reason)
// when mpirun or mpi4py is not installed.
#include <catch2/catch.hpp>

#include <functional>

#include "harness.h"

using namespace e2e;

namespace {

void require_mpi() {
  if (!have_tool("mpirun")) skip("mpirun is not installed (Debian package openmpi-bin)");
  if (run("/usr/bin/python3 -c 'import mpi4py'").status != 0)
    skip("mpi4py is not installed (Debian package python3-mpi4py)");
}

std::string run_cmd(const std::string& args) { return quote(mpijobc()) + " run --local " + args; }

// A YAML double-quoted scalar.
std::string yaml_quote(const std::string& s) {
  std::string out = "\"";
  for (char c : s) out += (c == '"' || c == '\\') ? std::string("\\") + c : std::string(1, c);
  return out + "\"";
}

// A spec whose ranks run `script` with /bin/sh.
std::string shell_job(const std::string& name, int workers, const std::string& script) {
  return "apiVersion: mpijobc/v1\nkind: MPIJob\nmetadata: {name: " + name +
         "}\nspec:\n  image: a/b\n  command: [/bin/sh, -c, " + yaml_quote(script) +
         "]\n  worker: {replicas: " + std::to_string(workers) + "}\n";
}

}  // namespace

TEST_CASE("run --local: 2 workers x 1 slot run 2 ranks that report rank and size") {
  require_mpi();
  Result r = run(run_cmd("samples/hello-mpi.yaml"));
  INFO(r.out << r.err);
  CHECK(r.status == 0);
  CHECK(r.out.find("[rank 0] hello from rank 0 of 2") != std::string::npos);
  CHECK(r.out.find("[rank 1] hello from rank 1 of 2") != std::string::npos);
  CHECK(r.out.find("[rank 0] sum of ranks = 1 (expected 1)") != std::string::npos);
  CHECK(r.err.find("mpijobc: run: starting hello on localhost: 2 ranks") != std::string::npos);
  CHECK(r.err.find("mpijobc: run: hello: 2 ranks (2 printed), exit code 0, ") != std::string::npos);
}

TEST_CASE("run --local: --np overrides the job's rank count, oversubscribing when asked") {
  require_mpi();
  Result r = run(run_cmd("samples/hello-mpi.yaml --np 3"));
  INFO(r.out << r.err);
  CHECK(r.status == 0);
  for (const char* rank : {"0", "1", "2"})
    CHECK(r.out.find(std::string("[rank ") + rank + "] hello from rank " + rank + " of 3") !=
          std::string::npos);
  CHECK(r.err.find("note: scaled to 3 ranks with --np (the job runs 2)") != std::string::npos);
  Result one = run(run_cmd("samples/hello-mpi.yaml --np 1"));
  CHECK(one.status == 0);
  CHECK(one.out.find("hello from rank 0 of 1") != std::string::npos);
  CHECK(one.err.find("mpijobc: run: hello: 1 rank (1 printed), exit code 0, ") != std::string::npos);
}

TEST_CASE("run --local: a failing rank makes the run exit with its code and names it") {
  require_mpi();
  Result r = run("HELLO_FAIL_RANK=1 " + run_cmd("samples/hello-mpi.yaml"));
  INFO(r.out << r.err);
  CHECK(r.status == 3);
  CHECK(r.err.find("[rank 1] rank 1 fails on purpose") != std::string::npos);
  CHECK(r.err.find("exit code 3, rank 1 exited with 3") != std::string::npos);
}

TEST_CASE("run --local: a rank killed by a signal is named with the signal") {
  require_mpi();
  TempDir dir;
  write_file(dir / "job.yaml",
             shell_job("killed", 2, "[ $OMPI_COMM_WORLD_RANK = 1 ] && kill -KILL $$; sleep 0.3"));
  Result r = run(run_cmd(quote(dir / "job.yaml")));
  INFO(r.out << r.err);
  CHECK(r.status == 137);  // mpirun's
  CHECK(r.err.find("mpijobc: run: killed: 2 ranks (0 printed), exit code 137, ") != std::string::npos);
  // Open MPI names the rank most times, not always (its abort races the report).
  if (r.err.find("exited on signal 9") != std::string::npos)
    CHECK(r.err.find("exit code 137, rank 1 was killed by SIGKILL, ") != std::string::npos);
}

TEST_CASE("run --local: a program the ranks cannot start is found before mpirun starts") {
  TempDir dir;
  write_file(dir / "job.yaml", "apiVersion: mpijobc/v1\nkind: MPIJob\nmetadata: {name: nope}\n"
                               "spec:\n  image: a/b\n  command: [no-such-program]\n"
                               "  worker: {replicas: 1}\n");
  Result r = run(run_cmd(quote(dir / "job.yaml")));
  CHECK(r.status == 1);
  CHECK(r.err.find("job.yaml:6:13: error: spec.command[0]: 'no-such-program' is not on PATH: every "
                   "rank would fail to start it [run/missing-program]") != std::string::npos);
  CHECK(r.err.find("nothing run") != std::string::npos);
  CHECK(r.err.find("starting") == std::string::npos);
}

TEST_CASE("run --local: the spec's env reaches every rank, user strings stay intact") {
  require_mpi();
  TempDir dir;
  write_file(dir / "job.yaml", shell_job("envjob", 2, "printf '%s|\\n' \"$GREETING\"") +
                                   "  env: {GREETING: \"it's $HOME `id`\"}\n");
  Result r = run(run_cmd(quote(dir / "job.yaml")));
  INFO(r.out << r.err);
  CHECK(r.status == 0);
  CHECK(r.out.find("[rank 0] it's $HOME `id`|") != std::string::npos);
  CHECK(r.out.find("[rank 1] it's $HOME `id`|") != std::string::npos);
}

TEST_CASE("run --local: a spec error stops before anything runs") {
  TempDir dir;
  std::string marker = dir / "ran";
  write_file(dir / "job.yaml", shell_job("bad", 1, "touch " + marker) + "  slots: zero\n");
  Result r = run(run_cmd(quote(dir / "job.yaml")));
  CHECK(r.status == 1);
  CHECK(r.err.find("job.yaml:8:10: error: spec.slots: expected integer") != std::string::npos);
  CHECK(r.err.find("nothing run") != std::string::npos);
  CHECK_FALSE(exists(marker));
}

TEST_CASE("run --local: more ranks than cores needs --np, said with the numbers") {
  TempDir dir;
  write_file(dir / "job.yaml", shell_job("big", 4096, "true"));
  Result r = run(run_cmd(quote(dir / "job.yaml")));
  CHECK(r.status == 1);
  CHECK(r.err.find("error: spec.worker.replicas: big runs 4096 ranks (4096 workers x 1 slots) but "
                   "this machine has ") != std::string::npos);
  CHECK(r.err.find("note: scale it down with --np ") != std::string::npos);
  CHECK(r.err.find("[run/too-many-ranks]") != std::string::npos);
}

TEST_CASE("run --local: missing tools are named with what to install") {
  TempDir empty;
  Result r = run("PATH=" + quote(empty.path()) + " " + run_cmd("samples/hello-mpi.yaml"));
  CHECK(r.status == 1);
  CHECK(r.err.find("'mpirun.openmpi' is not on PATH [run/missing-tool]") != std::string::npos);
  CHECK(r.err.find("sudo apt-get install openmpi-bin") != std::string::npos);

  TempDir dir;
  write_file(dir / "mpich.yaml", shell_job("mpich", 1, "true") + "  mpi_implementation: MPICH\n");
  Result mpich = run("PATH=" + quote(empty.path()) + " " + run_cmd(quote(dir / "mpich.yaml")));
  CHECK(mpich.status == 1);
  CHECK(mpich.err.find("mpich.yaml:8:23: error: spec.mpi_implementation: 'mpirun.mpich' is not on "
                       "PATH [run/missing-tool]") != std::string::npos);
  CHECK(mpich.err.find("sudo apt-get install mpich") != std::string::npos);

  Result hvd = run("PATH=" + quote(empty.path()) + " " + run_cmd("samples/horovod-mnist.yaml"));
  CHECK(hvd.status == 1);
  CHECK(hvd.err.find("error: 'horovodrun' is not on PATH") != std::string::npos);
  CHECK(hvd.err.find("--as-mpi") != std::string::npos);
}

TEST_CASE("run --local --as-mpi runs a HorovodJob's program under mpirun") {
  require_mpi();
  TempDir dir;
  write_file(dir / "job.yaml",
             "apiVersion: mpijobc/v1\nkind: HorovodJob\nmetadata: {name: hvd}\nspec:\n"
             "  image: a/b\n  command: [/usr/bin/python3, " +
                 quote(source_dir() + "/samples/hello_mpi.py") + "]\n  worker: {replicas: 2}\n"
                 "  build: {framework: {name: pytorch}}\n");
  Result r = run(run_cmd(quote(dir / "job.yaml") + " --as-mpi"));
  INFO(r.out << r.err);
  CHECK(r.status == 0);
  CHECK(r.out.find("[rank 1] hello from rank 1 of 2") != std::string::npos);
  CHECK(r.err.find("--as-mpi: running the program of HorovodJob hvd under mpirun") !=
        std::string::npos);
  Result mpi = run(run_cmd("samples/hello-mpi.yaml --as-mpi"));
  CHECK(mpi.status == 1);
  CHECK(mpi.err.find("--as-mpi applies to HorovodJob only") != std::string::npos);
}

TEST_CASE("run --local: several jobs in a file need --job") {
  Result r = run(run_cmd("samples/two-jobs.yaml"));
  CHECK(r.status == 1);
  CHECK(r.err.find("the spec defines several jobs (bert-small, bert-large)") != std::string::npos);
  CHECK(r.err.find("choose one with --job NAME") != std::string::npos);
  CHECK(run(run_cmd("samples/two-jobs.yaml --job nope")).err.find("no job named 'nope'") !=
        std::string::npos);
  CHECK(run(run_cmd("samples/hello-mpi.yaml --np 0")).status == 2);
  CHECK(run(quote(mpijobc()) + " run samples/hello-mpi.yaml").status == 2);  // --local is required
}

TEST_CASE("run --local: Ctrl-C stops every rank") {
  require_mpi();
  TempDir dir;
  // A sleep duration unique to this test run names its ranks for pgrep,
  // even when another test run is going on at the same time.
  std::string mark = "299." + std::to_string(std::hash<std::string>{}(dir.path()) % 1000000);
  std::string pattern = "sleep " + mark.substr(0, 3) + "[.]" + mark.substr(4);
  // Each rank marks that it started, then would sleep far longer than the test.
  write_file(dir / "job.yaml", shell_job("sleepy", 2, "touch " + dir.path() +
                                                          "/up.$OMPI_COMM_WORLD_RANK; exec sleep " + mark));
  Result r = run("cd " + quote(dir.path()) + " && (" + run_cmd(quote(dir / "job.yaml")) +
                 " >out 2>err & pid=$!; "
                 "i=0; while [ ! -e up.0 ] || [ ! -e up.1 ]; do i=$((i+1)); [ $i -lt 300 ] || break; sleep 0.1; done; "
                 "kill -INT $pid; wait $pid; echo $?)");
  INFO(read_file(dir / "err"));
  CHECK(exists(dir / "up.0"));
  CHECK(exists(dir / "up.1"));
  CHECK(r.out == "130\n");
  CHECK(read_file(dir / "err").find("interrupted; stopping every rank") != std::string::npos);
  // The summary gives the status mpijobc exits with, and why.
  CHECK(read_file(dir / "err").find("mpijobc: run: sleepy: 2 ranks (0 printed), exit code 130 "
                                    "(interrupted by SIGINT), ") != std::string::npos);
  // No rank left behind (they may take a moment to be reaped).
  CHECK(run("i=0; while pgrep -f " + quote(pattern) + " >/dev/null; do i=$((i+1)); "
            "[ $i -lt 50 ] || exit 1; sleep 0.1; done").status == 0);
}

TEST_CASE("run --local: an MPICH job runs under MPICH's mpirun, whatever PATH's mpirun is") {
  if (!have_tool("mpirun.mpich")) skip("MPICH is not installed (Debian package mpich)");
  TempDir dir;
  // Hydra gives each rank PMI_RANK and PMI_SIZE; Open MPI would not. The
  // ranks live a moment: MPICH 4.0's mpiexec dies of SIGPIPE (exit 141) in
  // about 1 run of 70 on a busy machine when a rank that never speaks PMI
  // exits at once (docs/run.md, Limits).
  write_file(dir / "job.yaml", shell_job("hydra", 2, "echo rank ${PMI_RANK:-none} of ${PMI_SIZE:-none} $GREETING; sleep 0.2") +
                                   "  mpi_implementation: MPICH\n  env: {GREETING: \"it's me\"}\n");
  Result r = run(run_cmd(quote(dir / "job.yaml")));
  INFO(r.out << r.err);
  CHECK(r.status == 0);
  CHECK(r.out.find("[rank 0] rank 0 of 2 it's me") != std::string::npos);
  CHECK(r.out.find("[rank 1] rank 1 of 2 it's me") != std::string::npos);
  CHECK(r.err.find("mpijobc: run: hydra: 2 ranks (2 printed), exit code 0, ") != std::string::npos);

  write_file(dir / "fail.yaml", shell_job("hydra-fail", 2, "exit $((PMI_RANK + 3))") +
                                    "  mpi_implementation: MPICH\n");
  Result failed = run(run_cmd(quote(dir / "fail.yaml")));
  INFO(failed.out << failed.err);
  CHECK(failed.status != 0);
}

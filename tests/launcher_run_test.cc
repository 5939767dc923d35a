// Runs the generated launcher.sh with stub mpirun / horovodrun first on PATH
// (under dash and bash) and checks the exact argv they receive: every user
// string arrives as one argument, unchanged, whatever it contains.
#include <catch2/catch.hpp>

#include <functional>

#include "harness.h"

using namespace e2e;

namespace {

using Argv = std::vector<std::string>;

// Each kind of string shellcheck would flag unquoted or single-quoted: the
// launcher passes them literally, under its directive.
const char* kHostile = R"(  command: [python, train.py, "a b", "it's", "say \"hi\"", "$HOME", "`id`",
            "${X:-y}", "a\\", "~/data", "‘q’", done, "line1\nline2", "*", "~", "", --lr, 1e-3,
            true, "'; touch /tmp/pwned #"]
)";

const Argv kProgram = {"python", "train.py", "a b", "it's", "say \"hi\"", "$HOME", "`id`",
                       "${X:-y}", "a\\", "~/data", "‘q’", "done", "line1\nline2", "*", "~", "",
                       "--lr", "1e-3", "true", "'; touch /tmp/pwned #"};

struct Launch {
  int status;
  std::string tool;  // which stub ran
  Argv argv;
  std::string env;  // the stub's environment, `env` output
};

// Builds `spec`, checks its launcher.sh with shellcheck at the default
// severity (style included), and runs it with `shell`; stubs exit with 3.
// `edit` (when given) rewrites launcher.sh before it runs.
Launch launch(const std::string& spec, const std::string& shell, const std::string& env = "",
              const std::function<std::string(std::string)>& edit = {}) {
  TempDir dir;
  write_file(dir / "spec.yaml", spec);
  Result b = run(quote(mpijobc()) + " build -q " + quote(dir / "spec.yaml") + " -o " +
                 quote(dir / "out"));
  INFO(b.err);
  REQUIRE(b.status == 0);
  for (const char* tool : {"mpirun", "horovodrun"}) {
    write_file(dir / (std::string("bin/") + tool),
               std::string("#!/bin/sh\necho ") + tool + " > \"$STUB_DIR/tool\"\n"
               "printf '%s\\0' \"$@\" > \"$STUB_DIR/argv\"\nenv > \"$STUB_DIR/env\"\nexit 3\n");
    REQUIRE(run("chmod +x " + quote(dir / (std::string("bin/") + tool))).status == 0);
  }
  std::string job = list_files(dir / "out").front();
  job = job.substr(0, job.find('/'));
  if (have_tool("shellcheck")) {
    Result sc = run("shellcheck " + quote(dir / ("out/" + job + "/launcher.sh")));
    INFO(sc.out);
    CHECK(sc.status == 0);
  }
  std::string script = dir / ("out/" + job + "/launcher.sh");
  if (edit) write_file(script, edit(read_file(script)));
  Result r = run("STUB_DIR=" + quote(dir.path()) + " PATH=" + quote(dir / "bin") + ":$PATH " +
                 env + " " + shell + " " + quote(dir / ("out/" + job + "/launcher.sh")));
  Launch l{r.status, read_file(dir / "tool"), {}, read_file(dir / "env")};
  std::string raw = read_file(dir / "argv");
  for (size_t start = 0, end; (end = raw.find('\0', start)) != std::string::npos; start = end + 1)
    l.argv.push_back(raw.substr(start, end - start));
  return l;
}

// An edit for launch(): Volcano's host list path replaced by `file`.
std::function<std::string(std::string)> host_list_at(const std::string& file) {
  return [file](std::string text) {
    const std::string list = "/etc/volcano/worker.host";
    for (size_t at; (at = text.find(list)) != std::string::npos;) text.replace(at, list.size(), file);
    return text;
  };
}

Argv concat(Argv a, const Argv& b) {
  a.insert(a.end(), b.begin(), b.end());
  return a;
}

}  // namespace

TEST_CASE("launcher: MPIJob runs mpirun with flytekit's flags, -np = workers x slots") {
  std::string spec = std::string(
                         "apiVersion: mpijobc/v1\nkind: MPIJob\nmetadata: {name: quoting}\n"
                         "spec:\n  image: example.com/img:1\n  slots: 3\n  worker: {replicas: 2}\n"
                         "  env: {NCCL_DEBUG: WARN, FOO: \"x y\"}\n") +
                     kHostile;
  Argv flags = {"--allow-run-as-root", "-bind-to", "none", "-map-by", "slot", "-x",
                "LD_LIBRARY_PATH", "-x", "PATH", "-x", "NCCL_DEBUG", "-x", "FOO", "-mca", "pml",
                "ob1", "-mca", "btl", "^openib", "-np", "6"};
  for (const char* shell : {"sh", "bash"}) {
    INFO(shell);
    Launch l = launch(spec, shell, "MPIJOBC_HOSTFILE=/nonexistent");
    CHECK(l.status == 3);  // the launcher's exit code is mpirun's
    CHECK(l.tool == "mpirun\n");
    CHECK(l.argv == concat(flags, kProgram));
  }
  // With the operator's hostfile present it is passed explicitly.
  TempDir hosts;
  write_file(hosts / "hostfile", "quoting-worker-0 slots=3\n");
  Launch l = launch(spec, "sh", "MPIJOBC_HOSTFILE=" + quote(hosts / "hostfile"));
  CHECK(l.argv == concat(concat(flags, {"--hostfile", hosts / "hostfile"}), kProgram));
}

TEST_CASE("launcher: without spec env, NCCL_DEBUG=INFO is forwarded as in flytekit") {
  Launch l = launch("apiVersion: mpijobc/v1\nkind: MPIJob\nmetadata: {name: plain}\n"
                    "spec: {image: a/b, command: [./app], worker: {replicas: 4}}\n",
                    "sh", "MPIJOBC_HOSTFILE=/nonexistent");
  CHECK(l.argv == Argv{"--allow-run-as-root", "-bind-to", "none", "-map-by", "slot", "-x",
                       "LD_LIBRARY_PATH", "-x", "PATH", "-x", "NCCL_DEBUG=INFO", "-mca", "pml",
                       "ob1", "-mca", "btl", "^openib", "-np", "4", "./app"});
}

TEST_CASE("launcher: mpirun_args replace Open MPI's transport flags, each one word") {
  std::string spec =
      "apiVersion: mpijobc/v1\nkind: MPIJob\nmetadata: {name: ucx}\n"
      "spec:\n  image: a/b\n  command: [./app]\n  worker: {replicas: 2}\n"
      "  mpirun_args: [-mca, pml, ucx, -x, \"UCX_TLS=rc,sm\", \"$HOME `id` a b\", 1e-3]\n";
  for (const char* impl : {"OpenMPI", "MPICH"}) {
    INFO(impl);
    Launch l = launch(spec + "  mpi_implementation: " + impl + "\n", "sh",
                      "MPIJOBC_HOSTFILE=/nonexistent");
    Argv args = {"-mca", "pml", "ucx", "-x", "UCX_TLS=rc,sm", "$HOME `id` a b", "1e-3"};
    Argv flags = std::string(impl) == "OpenMPI"
                     ? Argv{"--allow-run-as-root", "-bind-to", "none", "-map-by", "slot", "-x",
                            "LD_LIBRARY_PATH", "-x", "PATH", "-x", "NCCL_DEBUG=INFO"}
                     : Argv{"-genvlist", "LD_LIBRARY_PATH,PATH", "-genv", "NCCL_DEBUG", "INFO"};
    CHECK(l.argv == concat(concat(flags, args), {"-np", "2", "./app"}));
  }
}

TEST_CASE("launcher: HorovodJob runs horovodrun with flytekit's flags") {
  std::string spec = std::string(
                         "apiVersion: mpijobc/v1\nkind: HorovodJob\nmetadata: {name: hvd}\n"
                         "spec:\n  image: example.com/img:1\n  slots: 3\n  worker: {replicas: 2}\n"
                         "  build: {framework: {name: pytorch}}\n  verbose: true\n  log_level: DEBUG\n  elastic_timeout: 90\n") +
                     kHostile;
  Argv flags = {"-np", "6", "--log-level", "DEBUG", "--network-interface", "eth0", "--min-np",
                "6", "--max-np", "6", "--slots-per-host", "3", "--host-discovery-script",
                "/etc/mpi/discover_hosts.sh", "--elastic-timeout", "90", "--verbose"};
  for (const char* shell : {"sh", "bash"}) {
    INFO(shell);
    Launch l = launch(spec, shell);
    CHECK(l.status == 3);
    CHECK(l.tool == "horovodrun\n");
    CHECK(l.argv == concat(flags, kProgram));
  }
  Launch moved = launch(spec, "sh", "MPIJOBC_HOST_DISCOVERY_SCRIPT=/tmp/my\\ hosts.sh");
  flags[13] = "/tmp/my hosts.sh";
  CHECK(moved.argv == concat(flags, kProgram));
}

TEST_CASE("launcher: a discovery_script_path with shell syntax arrives as written") {
  Launch l = launch("apiVersion: mpijobc/v1\nkind: HorovodJob\nmetadata: {name: hvd}\n"
                    "spec:\n  image: a/b\n  command: [t.py]\n  worker: {replicas: 1}\n"
                    "  build: {framework: {name: pytorch}}\n  discovery_script_path: \"/opt/$HOME/`id`/it's\\\\/‘x’.sh\"\n",
                    "sh");
  CHECK(l.argv == Argv{"-np", "1", "--log-level", "INFO", "--network-interface", "eth0",
                       "--min-np", "1", "--max-np", "1", "--slots-per-host", "1",
                       "--host-discovery-script", "/opt/$HOME/`id`/it's\\/‘x’.sh",
                       "--elastic-timeout", "1200", "t.py"});
}

TEST_CASE("launcher: MPIJOBC_NP replaces -np (and horovodrun's bounds) off-cluster") {
  Launch mpi = launch("apiVersion: mpijobc/v1\nkind: MPIJob\nmetadata: {name: plain}\n"
                      "spec: {image: a/b, command: [./app], worker: {replicas: 4}}\n",
                      "sh", "MPIJOBC_HOSTFILE=/nonexistent MPIJOBC_NP=2");
  REQUIRE(mpi.argv.size() >= 3);
  CHECK(Argv(mpi.argv.end() - 3, mpi.argv.end()) == Argv{"-np", "2", "./app"});
  Launch hvd = launch("apiVersion: mpijobc/v1\nkind: HorovodJob\nmetadata: {name: hvd}\n"
                      "spec: {image: a/b, command: [t.py], worker: {replicas: 3}, build: {dockerfile: false}}\n",
                      "sh", "MPIJOBC_NP=1");
  CHECK(hvd.argv == Argv{"-np", "1", "--log-level", "INFO", "--network-interface", "eth0",
                         "--min-np", "1", "--max-np", "1", "--slots-per-host", "1",
                         "--host-discovery-script", "/etc/mpi/discover_hosts.sh",
                         "--elastic-timeout", "1200", "t.py"});
}

TEST_CASE("launcher: HorovodJob defaults, and verbose off adds no flag") {
  Launch l = launch("apiVersion: mpijobc/v1\nkind: HorovodJob\nmetadata: {name: hvd}\n"
                    "spec: {image: a/b, command: [python, t.py], worker: {replicas: 3},\n"
                    "  build: {framework: {name: pytorch}}}\n",
                    "sh");
  CHECK(l.argv == Argv{"-np", "3", "--log-level", "INFO", "--network-interface", "eth0",
                       "--min-np", "3", "--max-np", "3", "--slots-per-host", "1",
                       "--host-discovery-script", "/etc/mpi/discover_hosts.sh",
                       "--elastic-timeout", "1200", "python", "t.py"});
}

TEST_CASE("launcher: launcher.command replaces the generated command") {
  Launch l = launch("apiVersion: mpijobc/v1\nkind: MPIJob\nmetadata: {name: own}\n"
                    "spec:\n  image: a/b\n  worker: {replicas: 2}\n"
                    "  launcher: {command: [mpirun, -n, 2, \"my prog\", \"$(x)\", \"$HOME\", "
                    "\"`id`\", \"a\\\\\", \"~/d\", then, \"‘q’\"]}\n",
                    "sh");
  CHECK(l.tool == "mpirun\n");
  CHECK(l.argv == Argv{"-n", "2", "my prog", "$(x)", "$HOME", "`id`", "a\\", "~/d", "then", "‘q’"});
}

TEST_CASE("launcher: Intel MPI and MPICH run Hydra's mpirun with a host:N hostfile") {
  for (const char* impl : {"Intel", "MPICH"}) {
    INFO(impl);
    std::string spec = std::string(
                           "apiVersion: mpijobc/v1\nkind: MPIJob\nmetadata: {name: hydra}\n"
                           "spec:\n  image: example.com/img:1\n  slots: 3\n  worker: {replicas: 2}\n"
                           "  mpi_implementation: ") + impl + "\n  env: {FOO: \"x y\"}\n" + kHostile;
    Argv flags = {"-genvlist", "LD_LIBRARY_PATH,PATH,FOO", "-genv", "NCCL_DEBUG", "INFO", "-np", "6"};
    Launch bare = launch(spec, "sh", "MPIJOBC_HOSTFILE=/nonexistent MPIJOBC_RSH_AGENT=/nonexistent");
    CHECK(bare.status == 3);
    CHECK(bare.tool == "mpirun\n");
    CHECK(bare.argv == concat(flags, kProgram));

    // mpi-operator's own hostfile (host:N) is passed as it is; the one of
    // kubeflow.org/v1 and bdap (host slots=N) is rewritten; their kubectl
    // exec agent replaces ssh; the misnamed HYDRA_LAUNCH_EXTRA_ARGS is fixed.
    TempDir hosts;
    write_file(hosts / "v2beta1", "hydra-worker-0.hydra.ns.svc:3\nhydra-worker-1.hydra.ns.svc:3\n");
    Launch v2 = launch(spec, "bash", "MPIJOBC_HOSTFILE=" + quote(hosts / "v2beta1") +
                                         " MPIJOBC_RSH_AGENT=/nonexistent"
                                         " HYDRA_LAUNCH_EXTRA_ARGS='-o ConnectionAttempts=10'");
    CHECK(v2.argv == concat(concat(flags, {"-f", hosts / "v2beta1"}), kProgram));
    CHECK(v2.env.find("\nHYDRA_LAUNCHER_EXTRA_ARGS=-o ConnectionAttempts=10\n") != std::string::npos);

    write_file(hosts / "v1", "hydra-worker-0 slots=3\nhydra-worker-1 slots=3\n");
    write_file(hosts / "kubexec.sh", "#!/bin/sh\n");
    Launch v1 = launch(spec, "sh", "TMPDIR=" + quote(hosts.path()) + " MPIJOBC_HOSTFILE=" +
                                       quote(hosts / "v1") + " MPIJOBC_RSH_AGENT=" +
                                       quote(hosts / "kubexec.sh"));
    REQUIRE(v1.argv.size() > flags.size() + 6);
    Argv f(v1.argv.begin() + flags.size(), v1.argv.begin() + flags.size() + 6);
    CHECK(f == Argv{"-f", f[1], "-launcher", "rsh", "-launcher-exec", hosts / "kubexec.sh"});
    CHECK(f[1].rfind(hosts / "mpijobc-hostfile.", 0) == 0);
    CHECK(read_file(f[1]) == "hydra-worker-0:3\nhydra-worker-1:3\n");
    CHECK(Argv(v1.argv.begin() + flags.size() + 6, v1.argv.end()) == kProgram);
  }
}

TEST_CASE("launcher: trainer.kubeflow.org/v1alpha1 gets Trainer's hostfile, -np = workers x slots") {
  // Trainer mounts /etc/mpi/hostfile with "<job>-node-0-<i>.<job> slots=N" lines.
  TempDir hosts;
  write_file(hosts / "hostfile", "pi-node-0-0.pi slots=4\npi-node-0-1.pi slots=4\npi-node-0-2.pi slots=4\n");
  Launch l = launch("apiVersion: mpijobc/v1\nkind: MPIJob\nmetadata: {name: pi}\n"
                    "spec:\n  target: trainer.kubeflow.org/v1alpha1\n  image: a/b\n"
                    "  command: [./pi]\n  slots: 4\n  worker: {replicas: 3}\n",
                    "sh", "MPIJOBC_HOSTFILE=" + quote(hosts / "hostfile"));
  CHECK(l.status == 3);
  CHECK(l.tool == "mpirun\n");
  CHECK(l.argv == Argv{"--allow-run-as-root", "-bind-to", "none", "-map-by", "slot", "-x",
                       "LD_LIBRARY_PATH", "-x", "PATH", "-x", "NCCL_DEBUG=INFO", "-mca", "pml",
                       "ob1", "-mca", "btl", "^openib", "-np", "12", "--hostfile",
                       hosts / "hostfile", "./pi"});
  // The launcher as a node: numNodes counts it, and so does -np.
  Launch as_node = launch("apiVersion: mpijobc/v1\nkind: MPIJob\nmetadata: {name: pi}\n"
                          "spec:\n  target: trainer.kubeflow.org/v1alpha1\n  image: a/b\n"
                          "  command: [./pi]\n  slots: 2\n  worker: {replicas: 3}\n"
                          "  run_launcher_as_worker: true\n",
                          "sh", "MPIJOBC_HOSTFILE=/nonexistent");
  CHECK(Argv(as_node.argv.end() - 3, as_node.argv.end()) == Argv{"-np", "8", "./pi"});
}

TEST_CASE("launcher: on Volcano the hostfile (or discovery script) gets slots from the host list") {
  for (const char* impl : {"OpenMPI", "Intel"}) {
    INFO(impl);
    TempDir hosts;
    // Volcano's file: one name a line, no newline after the last.
    write_file(hosts / "worker.host", "vc-worker-0.vc\nvc-worker-1.vc");
    auto point = host_list_at(hosts / "worker.host");
    std::string spec = std::string("apiVersion: mpijobc/v1\nkind: MPIJob\nmetadata: {name: vc}\n"
                                   "spec:\n  target: batch.volcano.sh/v1alpha1\n  image: a/b\n"
                                   "  command: [./app]\n  slots: 3\n  worker: {replicas: 2}\n"
                                   "  mpi_implementation: ") + impl + "\n";
    bool hydra = std::string(impl) == "Intel";
    Launch l = launch(spec, "sh", "TMPDIR=" + quote(hosts.path()) + " MPIJOBC_RSH_AGENT=/nonexistent",
                      point);
    REQUIRE(l.argv.size() >= 5);
    Argv tail(l.argv.end() - 5, l.argv.end());
    // Open MPI: -np 6 --hostfile F ./app; Hydra: -np 6 -f F ./app.
    CHECK(tail == Argv{"-np", "6", hydra ? "-f" : "--hostfile", tail[3], "./app"});
    CHECK(tail[3].rfind(hosts / "mpijobc-hosts.", 0) == 0);
    CHECK(read_file(tail[3]) == (hydra ? "vc-worker-0.vc:3\nvc-worker-1.vc:3\n"
                                       : "vc-worker-0.vc slots=3\nvc-worker-1.vc slots=3\n"));
    // MPIJOBC_HOSTFILE still wins (run --local), and without the list
    // nothing is passed.
    write_file(hosts / "mine", hydra ? "localhost:6\n" : "localhost slots=6\n");
    Launch mine = launch(spec, "bash", "MPIJOBC_HOSTFILE=" + quote(hosts / "mine"), point);
    CHECK(Argv(mine.argv.end() - 3, mine.argv.end()) ==
          Argv{hydra ? "-f" : "--hostfile", hosts / "mine", "./app"});
    Launch none = launch(spec, "sh", "MPIJOBC_RSH_AGENT=/nonexistent");
    CHECK(Argv(none.argv.end() - 3, none.argv.end()) == Argv{"-np", "6", "./app"});
  }
}

TEST_CASE("launcher: on Volcano elastic Horovod's discovery script reads the host list") {
  TempDir hosts;
  write_file(hosts / "worker.host", "hvd-worker-0.hvd\nhvd-worker-1.hvd");
  auto point = host_list_at(hosts / "worker.host");
  std::string spec = "apiVersion: mpijobc/v1\nkind: HorovodJob\nmetadata: {name: hvd}\n"
                     "spec:\n  target: batch.volcano.sh/v1alpha1\n  image: a/b\n"
                     "  command: [t.py]\n  slots: 2\n  worker: {replicas: 2}\n"
                     "  build: {framework: {name: pytorch}}\n";
  Launch l = launch(spec, "sh", "TMPDIR=" + quote(hosts.path()), point);
  REQUIRE(l.argv.size() == 17);
  CHECK(l.argv[0] == "-np");
  CHECK(l.argv[1] == "4");
  CHECK(l.argv[12] == "--host-discovery-script");
  std::string script = l.argv[13];
  CHECK(script.rfind(hosts / "mpijobc-discover-hosts.", 0) == 0);
  Result listed = run(quote(script));
  CHECK(listed.status == 0);
  CHECK(listed.out == "hvd-worker-0.hvd:2\nhvd-worker-1.hvd:2\n");
  // The variable still wins.
  Launch moved = launch(spec, "sh", "MPIJOBC_HOST_DISCOVERY_SCRIPT=/tmp/d.sh", point);
  CHECK(moved.argv[13] == "/tmp/d.sh");
}

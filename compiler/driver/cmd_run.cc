// `mpijobc run --local`: compile a spec, then run its launcher on this
// machine with the real MPI tools (local/local_plan.h decides how,
// local/process.h runs it).
#include <ifaddrs.h>
#include <signal.h>
#include <string.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <iomanip>
#include <memory>
#include <optional>
#include <set>

#include "driver/command.h"
#include "driver/compile.h"
#include "frontend/documents.h"
#include "local/local_plan.h"
#include "local/process.h"

namespace mpijobc {
namespace {

struct RunArgs {
  std::string spec;
  std::string job;
  std::optional<int64_t> np;
  bool local = false;
  bool as_mpi = false;
};

bool write_text(const std::filesystem::path& path, const std::string& text, bool executable) {
  std::ofstream out(path, std::ios::binary);
  out << text;
  out.close();
  std::error_code ec;
  if (executable)
    std::filesystem::permissions(path, std::filesystem::perms::owner_exec,
                                 std::filesystem::perm_options::add, ec);
  if (out && !ec) return true;
  std::cerr << "mpijobc: error: cannot write " << path.string() << "; nothing run\n";
  return false;
}

// This machine's network interfaces, sorted, each once.
std::vector<std::string> network_interfaces() {
  std::set<std::string> names;
  ifaddrs* list = nullptr;
  if (getifaddrs(&list) == 0) {
    for (ifaddrs* a = list; a; a = a->ifa_next) names.insert(a->ifa_name);
    freeifaddrs(list);
  }
  return {names.begin(), names.end()};
}

std::string ranks_text(int64_t n) { return std::to_string(n) + (n == 1 ? " rank" : " ranks"); }

// "SIGINT", or the number when the C library has no name for it.
std::string signal_name(int sig) {
  const char* name = sigabbrev_np(sig);
  return name ? std::string("SIG") + name : "signal " + std::to_string(sig);
}

const CompiledJob* select_job(const std::vector<CompiledJob>& jobs, const std::string& wanted,
                              DiagnosticEngine& diags) {
  std::string names;
  for (const CompiledJob& job : jobs) {
    if (job.name == wanted || (wanted.empty() && jobs.size() == 1)) return &job;
    names += (names.empty() ? "" : ", ") + job.name;
  }
  diags.error({}, {},
              wanted.empty() ? "the spec defines several jobs (" + names + ")"
                             : "no job named '" + wanted + "' in the spec (it has " + names + ")",
              "choose one with --job NAME", "run/job");
  return nullptr;
}

int run_local(const RunArgs& args) {
  SourceManager sources;
  DiagnosticEngine diags;
  Compiler compiler(sources, diags, {});
  compiler.compile_file(args.spec);
  const CompiledJob* job = nullptr;
  if (!diags.has_errors()) {
    if (compiler.jobs().empty())
      diags.error({}, {}, "no job specs found in " + args.spec, kNoSpecHint, "input/empty");
    else
      job = select_job(compiler.jobs(), args.job, diags);
  }

  std::error_code ec;
  std::filesystem::path tmp = std::filesystem::temp_directory_path(ec);
  if (ec) tmp = "/tmp";  // $TMPDIR names no directory
  std::string pattern = (tmp / "mpijobc-run-XXXXXX").string();
  std::optional<LocalRunPlan> plan;
  if (job) {
    if (!mkdtemp(pattern.data())) {
      diags.error({}, {}, "cannot create a work directory in " + pattern, {}, "io/write");
    } else {
      LocalRunRequest request;
      request.np = args.np;
      request.as_mpi = args.as_mpi;
      request.cores = sysconf(_SC_NPROCESSORS_ONLN);
      request.root = geteuid() == 0;
      request.work_dir = pattern;
      request.on_path = on_path;
      request.interfaces = network_interfaces();
      const char* path = std::getenv("PATH");
      request.path = path ? path : "/usr/bin:/bin";
      plan = plan_local_run(*job, request, Templates(), diags);
    }
  }
  print_text(std::cerr, sources, diags.all());
  if (!plan) {
    if (job) std::filesystem::remove_all(pattern, ec);
    std::cerr << "mpijobc: " << diags.error_count() << " error(s); nothing run\n";
    return kExitFindings;
  }

  // flytekit's mpirun flags forward LD_LIBRARY_PATH, which mpirun warns
  // about when this shell has none; a pod always has one.
  if (!std::getenv("LD_LIBRARY_PATH")) plan->env.emplace_back("LD_LIBRARY_PATH", "");
  std::filesystem::path dir = pattern;
  if (!write_text(dir / "launcher.sh", plan->launcher, true) ||
      !write_text(dir / "hostfile", plan->hostfile, false) ||
      !write_text(dir / "discover_hosts.sh", plan->discovery_script, true) ||
      (!plan->mpirun_shim.empty() &&
       (!std::filesystem::create_directory(dir / "bin", ec) ||
        !write_text(dir / "bin" / "mpirun", plan->mpirun_shim, true)))) {
    std::filesystem::remove_all(dir, ec);
    return kExitFindings;
  }
  for (const std::string& note : plan->notes) std::cerr << "mpijobc: run: note: " << note << '\n';
  std::cerr << "mpijobc: run: starting " << job->name << " on localhost: "
            << (plan->ranks ? ranks_text(plan->ranks) : std::string("launcher.command"))
            << " ...\n"
            << std::flush;

  ProcessOutput filters;
  ProcessResult result =
      run_process({"/bin/sh", (dir / "launcher.sh").string()}, plan->env, filters, std::cout, std::cerr);
  std::filesystem::remove_all(dir, ec);
  if (!result.started) {
    std::cerr << "mpijobc: error: cannot start /bin/sh: " << result.error << '\n';
    return kExitFindings;
  }
  std::cerr << "mpijobc: run: " << job->name << ": ";
  std::set<int> printed = filters.out.ranks_seen();
  printed.insert(filters.err.ranks_seen().begin(), filters.err.ranks_seen().end());
  if (plan->ranks) std::cerr << ranks_text(plan->ranks) << " (" << printed.size() << " printed), ";
  // Interrupted: the shell convention 128 + signal, whatever mpirun made of it.
  int status = result.interrupted_by ? 128 + result.interrupted_by : result.exit_code;
  std::cerr << "exit code " << status;
  if (result.interrupted_by) std::cerr << " (interrupted by " << signal_name(result.interrupted_by) << ")";
  else if (result.signal) std::cerr << " (the launcher was killed by " << signal_name(result.signal) << ")";
  for (const auto& [rank, code] : filters.err.failed()) std::cerr << ", rank " << rank << " exited with " << code;
  // Interrupted: the ranks' signals are the ones mpijobc had sent.
  for (const auto& [rank, sig] : filters.err.killed())
    if (!result.interrupted_by) std::cerr << ", rank " << rank << " was killed by " << signal_name(sig);
  std::cerr << ", " << std::fixed << std::setprecision(2) << result.seconds << " s wall\n";
  return status;
}

}  // namespace

Command add_run_command(CLI::App& app) {
  auto args = std::make_shared<RunArgs>();
  CLI::App* cmd = app.add_subcommand(
      "run", "Run a job's generated launcher on this machine with the real MPI tools (--local)");
  auto add_options = [cmd, args] {
    cmd->add_option("spec", args->spec, "Job spec file")->required()->type_name("FILE");
    cmd->add_flag("--local", args->local,
                  "Run here: a hostfile 'localhost slots=N' stands in for the workers (required; "
                  "on a cluster use kubectl apply -k)")
        ->required();
    cmd->add_option("--np", args->np,
                    "Number of ranks, 1 to 4096 (default: the job's replicas x slots)")
        ->type_name("N")
        ->check(CLI::Validator(CLI::Range(int64_t{1}, int64_t{4096})).description(""));
    cmd->add_option("--job", args->job, "Which job of a file with several")->type_name("NAME");
    cmd->add_flag("--as-mpi", args->as_mpi,
                  "HorovodJob without horovodrun on PATH: run the same program under mpirun");
    cmd->footer(
        "The launcher gets the environment the operator would give it. Each output line is\n"
        "prefixed with its rank; the exit code is the job's (1 for errors in the spec, 2 usage).\n"
        "Example: mpijobc run --local samples/hello-mpi.yaml --np 2");
  };
  return {cmd, add_options, [args] { return run_local(*args); }};
}

}  // namespace mpijobc

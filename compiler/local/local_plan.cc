#include "local/local_plan.h"

#include <algorithm>

#include "render/launcher.h"
#include "render/mpi_flavor.h"
#include "render/templates.h"

namespace mpijobc {
namespace {

const OutputFile* launcher_file(const CompiledJob& job) {
  for (const OutputFile& f : job.files)
    if (f.path == job.name + "/launcher.sh") return &f;
  return nullptr;
}

// The program the launcher execs, and what to install when it is missing.
struct Tool {
  std::string program, hint;
  Origin origin;
};

Tool tool_for(const JobSpec& spec, bool as_mpi) {
  if (spec.launcher.command.set())
    return {spec.launcher.command->front(),
            "launcher.command runs it first; install it or put it on PATH",
            spec.launcher.command.origin.item(0)};
  if (spec.kind == JobKind::HorovodJob && !as_mpi)
    return {"horovodrun",
            "Horovod is not packaged for Debian: install it (pip install horovod) where this "
            "runs, or add --as-mpi to run the same program under mpirun",
            spec.origin};
  const MpiFlavor& mpi = mpi_flavor(*spec.mpi_implementation);
  return {mpi.local_mpirun.empty() ? "mpirun" : mpi.local_mpirun, mpi.local_hint,
          spec.mpi_implementation.origin};
}

// horovodrun's --network-interface for a run on this machine alone: the
// spec's when this machine has all of them, else its loopback (lo, lo0),
// which carries every rank's traffic here. "" to keep the spec's.
std::string local_interface(const JobSpec& spec, const std::vector<std::string>& interfaces) {
  const std::string& wanted = *spec.horovod.network_interface;
  bool all_here = true;
  for (size_t start = 0; start <= wanted.size();) {
    size_t comma = std::min(wanted.find(',', start), wanted.size());
    std::string name = wanted.substr(start, comma - start);
    all_here = all_here && std::find(interfaces.begin(), interfaces.end(), name) != interfaces.end();
    start = comma + 1;
  }
  if (all_here) return {};
  for (const std::string& name : interfaces)
    if (name.rfind("lo", 0) == 0) return name;
  return interfaces.empty() ? std::string() : interfaces.front();
}

}  // namespace

std::optional<LocalRunPlan> plan_local_run(const CompiledJob& job, const LocalRunRequest& request,
                                           const Templates& templates, DiagnosticEngine& diags) {
  const JobSpec& spec = job.spec;
  size_t errors = diags.error_count();
  bool custom = spec.launcher.command.set();
  if (request.as_mpi && spec.kind != JobKind::HorovodJob)
    diags.error(spec.origin.loc, "kind", "--as-mpi applies to HorovodJob only; " + job.name +
                                             " is an MPIJob and already runs under mpirun",
                "drop --as-mpi", "run/as-mpi");
  if (request.np && custom)
    diags.error(spec.launcher.command.origin.loc, spec.launcher.command.origin.path,
                "--np cannot scale this job: launcher.command replaces the generated mpirun line",
                "change -np in launcher.command, or run without --np", "run/np-custom-command");
  int64_t ranks = custom ? 0 : request.np.value_or(spec.processes());
  if (!custom && !request.np && ranks > request.cores)
    diags.error(spec.worker.replicas.origin.loc, spec.worker.replicas.origin.path,
                job.name + " runs " + std::to_string(ranks) + " ranks (" +
                    std::to_string(*spec.worker.replicas) + " workers x " +
                    std::to_string(*spec.slots) + " slots) but this machine has " +
                    std::to_string(request.cores) + " cores",
                "scale it down with --np " + std::to_string(request.cores) + ", or oversubscribe with --np " +
                    std::to_string(ranks),
                "run/too-many-ranks");
  Tool tool = tool_for(spec, request.as_mpi);
  if (!request.on_path(tool.program))
    diags.error(tool.origin.loc, tool.origin.path, "'" + tool.program + "' is not on PATH",
                tool.hint, "run/missing-tool");
  // The ranks' program: mpirun would start the job only to fail in every rank.
  if (!custom && spec.command.set() && !spec.command->empty() &&
      !request.on_path(spec.command->front())) {
    Origin at = spec.command.origin.item(0);
    diags.error(at.loc, at.path,
                "'" + spec.command->front() + "' is not on PATH" +
                    (spec.command->front().find('/') == std::string::npos ? ""
                                                                          : " or not executable") +
                    ": every rank would fail to start it",
                "install it here, or name it by its path (./train, /usr/bin/python3)",
                "run/missing-program");
  }
  if (diags.error_count() != errors) return std::nullopt;

  LocalRunPlan plan;
  plan.ranks = ranks;
  std::string interface;
  if (spec.kind == JobKind::HorovodJob && !custom && !request.as_mpi)
    interface = local_interface(spec, request.interfaces);
  if (request.as_mpi) {
    JobSpec as_mpi = spec;
    as_mpi.kind = JobKind::MPIJob;
    std::optional<std::string> text = render_launcher(as_mpi, {}, templates, diags);
    if (!text) return std::nullopt;
    plan.launcher = *text;
    plan.notes.push_back("--as-mpi: running the program of HorovodJob " + job.name +
                         " under mpirun; horovodrun's own options are not exercised");
  } else if (!interface.empty()) {
    JobSpec here = spec;
    here.horovod.network_interface.value = interface;
    std::optional<std::string> text = render_launcher(here, {}, templates, diags);
    if (!text) return std::nullopt;
    plan.launcher = *text;
    plan.notes.push_back("--network-interface " + *spec.horovod.network_interface +
                         ": this machine has no such interface, so the run uses " + interface);
  } else {
    plan.launcher = launcher_file(job)->content;
  }

  // What the operator gives the launcher (mpi-operator v2beta1), with this
  // machine standing in for the workers, in the implementation's format.
  const MpiFlavor& mpi = mpi_flavor(*spec.mpi_implementation);
  std::string hostfile = request.work_dir + "/hostfile";
  std::string slots = std::to_string(ranks ? ranks : spec.processes());
  plan.hostfile = "localhost" + (mpi.hydra ? ":" + slots : " slots=" + slots) + "\n";
  plan.discovery_script = "#!/bin/sh\necho localhost:" + slots + "\n";
  plan.env = {{"K_MPI_JOB_ROLE", "launcher"}};
  for (auto& kv : operator_launcher_env(mpi.id, hostfile, slots)) plan.env.push_back(std::move(kv));
  plan.env.emplace_back("MPIJOBC_HOSTFILE", hostfile);
  plan.env.emplace_back("MPIJOBC_HOST_DISCOVERY_SCRIPT", request.work_dir + "/discover_hosts.sh");
  // mpirun is this implementation's, and tags every output line with its
  // rank: [job,rank]<stdout>:
  if (!mpi.local_mpirun.empty()) {
    plan.mpirun_shim = "#!/bin/sh\nexec " + mpi.local_mpirun;
    for (const std::string& flag : mpi.tag_output) plan.mpirun_shim += " " + shell_quote(flag);
    plan.mpirun_shim += " \"$@\"\n";
    plan.env.emplace_back("PATH", request.work_dir + "/bin:" + request.path);
  }
  for (const KeyValue& kv : spec.env) plan.env.emplace_back(kv.key, kv.value);
  if (request.np) plan.env.emplace_back("MPIJOBC_NP", std::to_string(*request.np));
  if (request.root) {
    plan.env.emplace_back("OMPI_ALLOW_RUN_AS_ROOT", "1");
    plan.env.emplace_back("OMPI_ALLOW_RUN_AS_ROOT_CONFIRM", "1");
  }
  if (ranks > request.cores) {
    plan.env.emplace_back("OMPI_MCA_mpi_yield_when_idle", "1");
    plan.notes.push_back("oversubscribed: " + std::to_string(ranks) + " ranks on " +
                         std::to_string(request.cores) + " cores");
  }
  if (request.np && *request.np != spec.processes())
    plan.notes.push_back("scaled to " + std::to_string(*request.np) + " ranks with --np (the job runs " +
                         std::to_string(spec.processes()) + ")");
  return plan;
}

}  // namespace mpijobc

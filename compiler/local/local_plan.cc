#include "local/local_plan.h"

#include "render/launcher.h"

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
            spec.launcher.command.origin};
  if (spec.kind == JobKind::HorovodJob && !as_mpi)
    return {"horovodrun",
            "Horovod is not packaged for Debian: install it (pip install horovod) where this "
            "runs, or add --as-mpi to run the same program under mpirun",
            spec.origin};
  return {"mpirun", "install Open MPI: sudo apt-get install openmpi-bin", spec.origin};
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
  if (diags.error_count() != errors) return std::nullopt;

  LocalRunPlan plan;
  plan.ranks = ranks;
  if (request.as_mpi) {
    JobSpec as_mpi = spec;
    as_mpi.kind = JobKind::MPIJob;
    std::optional<std::string> text = render_launcher(as_mpi, templates, diags);
    if (!text) return std::nullopt;
    plan.launcher = *text;
    plan.notes.push_back("--as-mpi: running the program of HorovodJob " + job.name +
                         " under mpirun; horovodrun's own options are not exercised");
  } else {
    plan.launcher = launcher_file(job)->content;
  }

  // What the operator gives the launcher (mpi-operator v2beta1, Open MPI),
  // with this machine standing in for the workers.
  std::string hostfile = request.work_dir + "/hostfile";
  std::string slots = std::to_string(ranks ? ranks : spec.processes());
  plan.hostfile = "localhost slots=" + slots + "\n";
  plan.discovery_script = "#!/bin/sh\necho localhost:" + slots + "\n";
  plan.env = {{"K_MPI_JOB_ROLE", "launcher"},
              {"OMPI_MCA_orte_keep_fqdn_hostnames", "true"},
              {"OMPI_MCA_orte_default_hostfile", hostfile},
              {"OMPI_MCA_plm_rsh_args", "-o ConnectionAttempts=10"},
              {"OMPI_MCA_orte_set_default_slots", slots},
              {"MPIJOBC_HOSTFILE", hostfile},
              {"MPIJOBC_HOST_DISCOVERY_SCRIPT", request.work_dir + "/discover_hosts.sh"},
              // Every output line carries its rank: [job,rank]<stdout>:
              {"OMPI_MCA_orte_tag_output", "1"}};
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

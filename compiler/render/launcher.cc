#include "render/launcher.h"

#include "render/mpi_flavor.h"

namespace mpijobc {

std::optional<std::string> render_launcher(const JobSpec& job, const std::string& host_list,
                                           const Templates& templates, DiagnosticEngine& diags) {
  std::string np = std::to_string(job.processes());
  TemplateData data;
  data["source"] = comment_safe(job.source);
  data["kind"] = to_string(job.kind);
  data["name"] = *job.name;
  data["np"] = np;
  data["workers"] = std::to_string(*job.worker.replicas);
  data["slots"] = std::to_string(*job.slots);
  const MpiFlavor& mpi = mpi_flavor(*job.mpi_implementation);
  data["mpi"] = to_string(mpi.id);
  if (!host_list.empty() && !job.launcher.command.set()) data["host_list"] = host_list;

  if (!job.launcher.command.set() && !mpi.setup_script.empty())
    data["setup_script"] = mpi.setup_script;
  if (job.launcher.command.set()) {
    TemplateData custom;
    custom["command"] = string_list(*job.launcher.command);
    data["custom"] = std::move(custom);
  } else if (job.kind == JobKind::MPIJob) {
    TemplateData mpirun;
    mpirun["hydra"] = mpi.hydra;
    mpirun["open_mpi"] = !mpi.hydra;
    mpirun["flags"] = string_list(mpirun_flags(job));
    mpirun["program"] = string_list(*job.command);
    data["mpirun"] = std::move(mpirun);
  } else {
    const HorovodOptions& h = job.horovod;
    TemplateData horovodrun;
    horovodrun["flags"] = string_list({"--log-level", *h.log_level, "--network-interface",
                                         *h.network_interface});
    // A launcher that runs as a worker has slots ranks at every size.
    int64_t launcher = job.run_launcher_as_worker.set() && *job.run_launcher_as_worker ? 1 : 0;
    horovodrun["min_np"] = std::to_string((*h.min_replicas + launcher) * *job.slots);
    horovodrun["max_np"] = std::to_string((*h.max_replicas + launcher) * *job.slots);
    horovodrun["discovery_script"] = *h.discovery_script_path;
    std::vector<std::string> tail = {"--elastic-timeout", std::to_string(*h.elastic_timeout)};
    if (*h.verbose) tail.push_back("--verbose");
    horovodrun["tail"] = string_list(tail);
    horovodrun["program"] = string_list(*job.command);
    data["horovodrun"] = std::move(horovodrun);
  }
  return templates.render("launcher.sh.mustache", data, diags);
}

}  // namespace mpijobc

#include "render/launcher.h"

#include "render/mpi_flavor.h"

namespace mpijobc {

std::optional<std::string> render_launcher(const JobSpec& job, const Templates& templates,
                                           DiagnosticEngine& diags) {
  std::string np = std::to_string(job.processes());
  TemplateData data;
  data.set("source", comment_safe(job.source));
  data.set("kind", to_string(job.kind));
  data.set("name", *job.name);
  data.set("np", np);
  data.set("workers", std::to_string(*job.worker.replicas));
  data.set("slots", std::to_string(*job.slots));
  const MpiFlavor& mpi = mpi_flavor(*job.mpi_implementation);
  data.set("mpi", to_string(mpi.id));

  if (!job.launcher.command.set() && !mpi.setup_script.empty())
    data.set("setup_script", mpi.setup_script);
  if (job.launcher.command.set()) {
    TemplateData custom;
    custom.set("command", string_list(*job.launcher.command));
    data.set("custom", custom);
  } else if (job.kind == JobKind::MPIJob) {
    TemplateData mpirun;
    mpirun.set("hydra", mpi.hydra);
    mpirun.set("open_mpi", !mpi.hydra);
    mpirun.set("flags", string_list(mpirun_flags(job)));
    mpirun.set("program", string_list(*job.command));
    data.set("mpirun", mpirun);
  } else {
    const HorovodOptions& h = job.horovod;
    TemplateData horovodrun;
    horovodrun.set("flags", string_list({"--log-level", *h.log_level, "--network-interface",
                                         *h.network_interface}));
    horovodrun.set("min_np", std::to_string(*h.min_replicas * *job.slots));
    horovodrun.set("max_np", std::to_string(*h.max_replicas * *job.slots));
    horovodrun.set("discovery_script", *h.discovery_script_path);
    std::vector<std::string> tail = {"--elastic-timeout", std::to_string(*h.elastic_timeout)};
    if (*h.verbose) tail.push_back("--verbose");
    horovodrun.set("tail", string_list(tail));
    horovodrun.set("program", string_list(*job.command));
    data.set("horovodrun", horovodrun);
  }
  return templates.render("launcher.sh.mustache", data, diags);
}

}  // namespace mpijobc

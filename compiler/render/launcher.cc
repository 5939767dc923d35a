#include "render/launcher.h"

#include "render/mpi_flavor.h"

namespace mpijobc {
namespace {

// horovodrun's options around -np, --min-np and --max-np, which the script
// takes from variables (MPIJOBC_NP).
struct HorovodLine {
  std::vector<std::string> flags;  // after -np N
  int64_t min_np, max_np;          // --min-np, --max-np
  std::vector<std::string> tail;   // after --host-discovery-script P
};

HorovodLine horovod_line(const JobSpec& job) {
  const HorovodOptions& h = job.horovod;
  // A launcher that runs as a worker has slots ranks at every size.
  int64_t launcher = job.run_launcher_as_worker.set() && *job.run_launcher_as_worker ? 1 : 0;
  HorovodLine line{{"--log-level", *h.log_level, "--network-interface", *h.network_interface},
                   (*h.min_replicas + launcher) * *job.slots,
                   (*h.max_replicas + launcher) * *job.slots,
                   {"--elastic-timeout", std::to_string(*h.elastic_timeout)}};
  if (*h.verbose) line.tail.push_back("--verbose");
  return line;
}

}  // namespace

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
    HorovodLine line = horovod_line(job);
    TemplateData horovodrun;
    horovodrun["flags"] = string_list(line.flags);
    horovodrun["min_np"] = std::to_string(line.min_np);
    horovodrun["max_np"] = std::to_string(line.max_np);
    horovodrun["discovery_script"] = *job.horovod.discovery_script_path;
    horovodrun["tail"] = string_list(line.tail);
    horovodrun["program"] = string_list(*job.command);
    data["horovodrun"] = std::move(horovodrun);
  }
  return templates.render("launcher.sh.mustache", data, diags);
}

std::vector<std::string> launcher_argv(const JobSpec& job) {
  if (job.launcher.command.set()) return *job.launcher.command;
  std::vector<std::string> argv;
  auto append = [&argv](const std::vector<std::string>& words) {
    argv.insert(argv.end(), words.begin(), words.end());
  };
  std::string np = std::to_string(job.processes());
  if (job.kind == JobKind::MPIJob) {
    argv.push_back("mpirun");
    append(mpirun_flags(job));
    append({"-np", np});
  } else {
    HorovodLine line = horovod_line(job);
    append({"horovodrun", "-np", np});
    append(line.flags);
    append({"--min-np", std::to_string(line.min_np), "--max-np", std::to_string(line.max_np),
            "--slots-per-host", std::to_string(*job.slots), "--host-discovery-script",
            *job.horovod.discovery_script_path});
    append(line.tail);
  }
  append(*job.command);
  return argv;
}

}  // namespace mpijobc

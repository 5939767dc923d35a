#include "render/launcher.h"

namespace mpijobc {
namespace {

bool has_env(const JobSpec& job, const std::string& name) {
  for (const KeyValue& kv : job.env)
    if (kv.key == name) return true;
  return false;
}

// flytekit's mpirun flags, with the spec's environment forwarded to every
// rank (ranks started through ssh do not inherit the pod's environment). A
// spec NCCL_DEBUG replaces flytekit's hard-wired NCCL_DEBUG=INFO.
std::vector<std::string> mpirun_flags(const JobSpec& job) {
  std::vector<std::string> f = {"--allow-run-as-root", "-bind-to", "none", "-map-by", "slot",
                                "-x", "LD_LIBRARY_PATH", "-x", "PATH"};
  if (!has_env(job, "NCCL_DEBUG")) f.insert(f.end(), {"-x", "NCCL_DEBUG=INFO"});
  for (const KeyValue& kv : job.env) f.insert(f.end(), {"-x", kv.key});
  f.insert(f.end(), {"-mca", "pml", "ob1", "-mca", "btl", "^openib"});
  return f;  // the template adds -np "$np"
}

}  // namespace

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

  if (job.launcher.command.set()) {
    TemplateData custom;
    custom.set("command", string_list(*job.launcher.command));
    data.set("custom", custom);
  } else if (job.kind == JobKind::MPIJob) {
    TemplateData mpirun;
    mpirun.set("flags", string_list(mpirun_flags(job)));
    mpirun.set("program", string_list(*job.command));
    data.set("mpirun", mpirun);
  } else {
    const HorovodOptions& h = job.horovod;
    TemplateData horovodrun;
    horovodrun.set("flags", string_list({"--log-level", *h.log_level, "--network-interface", "eth0"}));
    horovodrun.set("discovery_script", *h.discovery_script_path);
    std::vector<std::string> tail = {"--elastic-timeout", std::to_string(*h.elastic_timeout)};
    if (*h.verbose) tail.push_back("--verbose");
    horovodrun.set("tail", string_list(tail));
    horovodrun.set("program", string_list(*job.command));
    data.set("horovodrun", horovodrun);
  }
  return templates.render("launcher.sh.mustache", data, shell_quote, diags);
}

}  // namespace mpijobc

#include "lower/defaults.h"

#include "lower/build_defaults.h"
#include "lower/fix_syntax.h"

namespace mpijobc {
namespace {

template <class T>
void default_to(Field<T>& f, T value, const Origin& parent, const std::string& path) {
  if (!f.set()) f.assign(std::move(value), {parent.loc, path});
}

void default_image(Role& role, const JobSpec& job, const char* name, DiagnosticEngine& diags) {
  if (role.image.set()) return;
  if (job.image.set()) {
    role.image = job.image;
    return;
  }
  diags.error(role.origin.loc, std::string("spec.") + name + ".image",
              std::string("no image for the ") + name,
              std::string("set spec.image (for both roles) or spec.") + name + ".image",
              "spec/image");
}

}  // namespace

void apply_defaults(JobSpec& job, DiagnosticEngine& diags) {
  const Origin& spec = job.spec_origin;
  default_to<int64_t>(job.slots, 1, spec, "spec.slots");
  default_to(job.mpi_implementation, MpiImplementation::OpenMPI, spec, "spec.mpi_implementation");
  default_to<int64_t>(job.launcher.replicas, 1, job.launcher.origin, "spec.launcher.replicas");
  default_image(job.launcher, job, "launcher", diags);
  default_image(job.worker, job, "worker", diags);
  if (!job.command.set() && !job.launcher.command.set())
    diags.error(spec.loc, "spec.command", "missing the program every rank runs",
                "add '" + FixSyntax(job).field("command", "[python, train.py]") + "' " +
                    FixSyntax(job).spec_place() + ", or give spec.launcher.command",
                "spec/command");

  // Unlike the operator (None), finished jobs release their workers: with
  // None the sshd workers keep running and hold their CPUs and GPUs.
  default_to(job.run_policy.clean_pod_policy, CleanPodPolicy::Running, spec,
             "spec.run_policy.clean_pod_policy");

  apply_build_defaults(job);

  if (job.kind == JobKind::HorovodJob) {  // flytekit's defaults
    default_to(job.horovod.verbose, false, spec, "spec.verbose");
    default_to<std::string>(job.horovod.log_level, "INFO", spec, "spec.log_level");
    default_to<std::string>(job.horovod.discovery_script_path, "/etc/mpi/discover_hosts.sh", spec,
                            "spec.discovery_script_path");
    default_to<int64_t>(job.horovod.elastic_timeout, 1200, spec, "spec.elastic_timeout");
    default_to<std::string>(job.horovod.network_interface, "eth0", spec, "spec.network_interface");
    if (job.worker.replicas.set()) {  // flytekit's fixed size: min = max = replicas
      default_to(job.horovod.min_replicas, *job.worker.replicas, spec, "spec.min_replicas");
      default_to(job.horovod.max_replicas, *job.worker.replicas, spec, "spec.max_replicas");
    }
  }
}

}  // namespace mpijobc

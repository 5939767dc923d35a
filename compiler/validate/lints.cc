#include "validate/lints.h"

#include <charconv>

#include "model/image_user.h"
#include "render/mpi_flavor.h"

namespace mpijobc {
namespace {

std::optional<int64_t> whole_number(std::string_view s) {
  int64_t v = 0;
  auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
  if (ec != std::errc() || end != s.data() + s.size() || v < 0) return std::nullopt;
  return v;
}

void gpus_per_slot(const JobSpec& job, DiagnosticEngine& diags) {
  const Role& w = job.worker;
  const Field<std::string>& gpu = w.limits.gpu.set() ? w.limits.gpu : w.requests.gpu;
  std::optional<int64_t> gpus = gpu.set() ? whole_number(*gpu) : std::nullopt;
  if (!gpus || *gpus == 0 || *gpus == *job.slots) return;
  std::string n = std::to_string(*gpus), slots = std::to_string(*job.slots);
  diags.warning(gpu.origin.loc, gpu.origin.path,
                "each worker has " + n + (*gpus == 1 ? " GPU" : " GPUs") + " but runs " + slots +
                    (*job.slots == 1 ? " rank" : " ranks") + " (slots " + slots + "): " +
                    (*gpus > *job.slots ? "GPUs sit idle" : "ranks share a GPU"),
                "one rank per GPU is the usual layout: set slots to " + n, "lint/gpu-slots");
}

// -np N, -n N, --np N, -c N or --np=N / -np=N in a hand-written launcher command.
std::optional<std::pair<int64_t, size_t>> np_in(const std::vector<std::string>& command) {
  for (size_t i = 0; i < command.size(); ++i) {
    const std::string& w = command[i];
    for (const char* flag : {"-np", "--np", "-n", "-c"}) {
      std::string f = flag;
      if (w == f && i + 1 < command.size())
        if (auto v = whole_number(command[i + 1])) return std::make_pair(*v, i + 1);
      if (w.rfind(f + "=", 0) == 0)
        if (auto v = whole_number(std::string_view(w).substr(f.size() + 1))) return std::make_pair(*v, i);
    }
  }
  return std::nullopt;
}

void np_matches_slots(const JobSpec& job, DiagnosticEngine& diags) {
  if (!job.launcher.command.set()) return;
  auto np = np_in(*job.launcher.command);
  if (!np || np->first == job.processes()) return;
  int64_t total = job.processes();
  std::string what = np->first > total
                         ? "more ranks than the job's " + std::to_string(total) +
                               " slots: Open MPI refuses to start, Intel MPI and MPICH "
                               "oversubscribe"
                         : "fewer ranks than the job's " + std::to_string(total) + " slots: " +
                               std::to_string(total - np->first) + " slots stay idle";
  Origin at = job.launcher.command.origin.item(np->second);
  diags.warning(at.loc, at.path,
                "-np " + std::to_string(np->first) + " asks for " + what,
                "use -np " + std::to_string(total) +
                    (job.run_launcher_as_worker.set() && *job.run_launcher_as_worker
                         ? " ((worker.replicas + 1) x slots: the launcher runs ranks too)"
                         : " (worker.replicas x slots)") +
                    ", or drop launcher.command to have it generated",
                "lint/np-slots");
}

void gang_fits(const JobSpec& job, DiagnosticEngine& diags) {
  const SchedulingPolicy& sp = job.run_policy.scheduling;
  if (!sp.present) return;
  int64_t workers = *job.worker.replicas;
  bool wait = job.launcher_creation_policy.set() &&
              *job.launcher_creation_policy == "WaitForWorkersReady";
  // The operator's own default is workers + 1: launcher and workers.
  int64_t pods = wait ? workers : workers + 1;
  if (sp.min_available.set() ? *sp.min_available <= pods : !wait) return;
  Origin at = sp.min_available.set() ? sp.min_available.origin : sp.origin;
  std::string asked = sp.min_available.set() ? std::to_string(*sp.min_available)
                                             : "the operator's default, workers + 1 = " +
                                                   std::to_string(workers + 1);
  diags.error(at.loc, sp.min_available.set() ? at.path : at.path + ".min_available",
              "gang scheduling waits for " + asked + " pods, but " +
                  (wait ? "with launcher_creation_policy WaitForWorkersReady only the " +
                              std::to_string(workers) +
                              " workers exist until they are ready: the job never starts"
                        : "the job has " + std::to_string(pods) +
                              " (launcher and workers): it never starts"),
              "set run_policy.scheduling.min_available to " + std::to_string(pods),
              "lint/gang-min-available");
}

// kubernetes.io/docs/setup/best-practices/cluster-large: Kubernetes is
// designed for at most 150,000 pods in a cluster (5,000 nodes, 110 pods a
// node). One job's pods alone past that fit no cluster it supports.
constexpr int64_t kMaxClusterPods = 150000;

void pod_count(const JobSpec& job, DiagnosticEngine& diags) {
  const Field<int64_t>& max = job.horovod.max_replicas;
  bool grows = job.kind == JobKind::HorovodJob && max.set() && *max > *job.worker.replicas;
  const Field<int64_t>& workers = grows ? max : job.worker.replicas;
  int64_t pods = *workers + 1;  // and the launcher
  if (pods <= kMaxClusterPods) return;
  diags.warning(workers.origin.loc, workers.origin.path,
                "the job has " + std::to_string(pods) + " pods (" + std::to_string(*workers) +
                    (grows ? " workers at max_replicas" : " workers") +
                    " and the launcher); Kubernetes supports at most 150,000 pods in a cluster "
                    "(kubernetes.io/docs/setup/best-practices/cluster-large)",
                "fewer, larger workers: lower " +
                    std::string(grows ? "max_replicas" : "worker.replicas") + " and raise slots",
                "lint/pod-count");
}

void same_mpi(const JobSpec& job, DiagnosticEngine& diags) {
  MpiImplementation want = *job.mpi_implementation;
  const char* wanted = to_string(want);
  auto mismatch = [&](const Origin& at, const std::string& what, MpiImplementation has) {
    diags.warning(at.loc, at.path,
                  what + " is " + to_string(has) + " but mpi_implementation is " + wanted +
                      ": the launcher's mpirun flags and the workers' MPI would not match",
                  "set mpi_implementation to " + std::string(to_string(has)) +
                      ", or use a matching image or package",
                  "lint/mpi-mismatch");
  };
  const Field<std::vector<std::string>>& apt = job.build.apt;
  for (size_t i = 0; apt.set() && i < apt->size(); ++i)
    if (auto has = mpi_of_package((*apt)[i]); has && *has != want)
      mismatch(apt.origin.item(i), "apt package '" + (*apt)[i] + "'", *has);
  if (job.build.base_image.set())
    if (auto has = mpi_of_image(*job.build.base_image); has && *has != want)
      mismatch(job.build.base_image.origin, "the MPI of build.base_image", *has);
  if (job.image.set())
    if (auto has = mpi_of_image(*job.image); has && *has != want)
      mismatch(job.image.origin, "the MPI of the image", *has);
}

// A non-root job on an image of the user's own: mpijobc cannot set up the
// user and sshd, so the image must have them as the generated one would.
void own_image_user(const JobSpec& job, DiagnosticEngine& diags) {
  std::optional<ImageUser> user = job.generated_image() ? std::nullopt : image_user(job);
  if (!user) return;
  std::string port = std::to_string(kNonRootSshPort);
  diags.warning(job.build.dockerfile.origin.loc, job.build.dockerfile.origin.path,
                "the job runs as uid " + std::to_string(user->uid) + ", and the image is your "
                "own: it must have that user (group " + std::to_string(user->gid) + ", home " +
                    user->home + "); an sshd config " + user->sshd_config() + " with Port " +
                    port + ", a HostKey and a PidFile the user owns, StrictModes no and "
                    "AuthorizedKeysFile " + user->ssh_dir + "/authorized_keys (the workers run "
                    "/usr/sbin/sshd -De -f " + user->sshd_config() + "); and an ssh client "
                    "config with Port " + port + " that does not check host keys",
                "see the Dockerfile mpijobc generates without build.dockerfile: false, or give "
                "worker.command to start your image's own sshd",
                "lint/own-image-user");
}

}  // namespace

LauncherStart at_startup_launcher(const JobSpec& job) {
  const Field<int64_t>& backoff = job.run_policy.backoff_limit;
  return backoff.set() && *backoff == 0 ? LauncherStart::AtStartupOnce : LauncherStart::AtStartupRetried;
}

void lint_launcher_start(const JobSpec& job, std::string_view target, LauncherStart start,
                         DiagnosticEngine& diags) {
  if (start != LauncherStart::AtStartupOnce || job.launcher_creation_policy.set()) return;
  const Field<int64_t>& backoff = job.run_policy.backoff_limit;
  const Origin& at = backoff.set() ? backoff.origin : job.spec_origin;
  diags.warning(at.loc, backoff.set() ? at.path : "spec",
                std::string(target) +
                    " starts the launcher together with the workers, and without retries "
                    "(backoff_limit 0) a launcher that reaches for a worker not yet up fails the job",
                "set launcher_creation_policy: WaitForWorkersReady (with "
                "run_policy.scheduling.min_available = worker.replicas when gang scheduled), "
                "allow retries with backoff_limit > 0, or set launcher_creation_policy: AtStartup "
                "to keep this",
                "lint/launcher-start");
}

void lint_job(const JobSpec& job, DiagnosticEngine& diags) {
  gpus_per_slot(job, diags);
  np_matches_slots(job, diags);
  gang_fits(job, diags);
  pod_count(job, diags);
  same_mpi(job, diags);
  own_image_user(job, diags);
}

}  // namespace mpijobc

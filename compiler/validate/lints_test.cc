#include "validate/lints.h"

#include <catch2/catch.hpp>

#include "render/mpi_flavor.h"
#include "render/target.h"
#include "testing/fixtures.h"

using namespace mpijobc;

namespace {

// The lint findings for a spec (lowered without errors) of kind MPIJob.
std::vector<std::string> lint(const std::string& extra, const std::string& kind = "MPIJob") {
  JobSpec job = testing::lower_ok(testing::spec(kind, extra));
  DiagnosticEngine diags;
  lint_job(job, diags);
  return testing::messages(diags);
}

using Messages = std::vector<std::string>;

}  // namespace

TEST_CASE("lint/gpu-slots: one rank per GPU") {
  CHECK(lint("  slots: 4\n  worker: {replicas: 2, limits: {gpu: 4}}\n").empty());
  CHECK(lint("  worker: {replicas: 2}\n").empty());  // no GPUs
  CHECK(lint("  slots: 2\n  worker: {replicas: 2, limits: {gpu: 0}}\n").empty());
  CHECK(lint("  slots: 2\n  worker: {replicas: 2, limits: {gpu: 8}}\n") ==
        Messages{"8:39: spec.worker.limits.gpu: each worker has 8 GPUs but runs 2 ranks (slots 2): "
                 "GPUs sit idle [lint/gpu-slots]"});
  CHECK(lint("  slots: 4\n  worker: {replicas: 2, requests: {gpu: 1}}\n") ==
        Messages{"8:41: spec.worker.requests.gpu: each worker has 1 GPU but runs 4 ranks (slots 4): "
                 "ranks share a GPU [lint/gpu-slots]"});
}

TEST_CASE("lint/np-slots: -np in a hand-written launcher command") {
  CHECK(lint("  slots: 2\n  worker: {replicas: 2}\n  launcher: {command: [mpirun, -np, 4, app]}\n")
            .empty());
  CHECK(lint("  worker: {replicas: 2}\n  launcher: {command: [mpirun, app]}\n").empty());
  CHECK(lint("  slots: 2\n  worker: {replicas: 2}\n  launcher: {command: [mpirun, -np, 8, app]}\n") ==
        Messages{"9:37: spec.launcher.command[2]: -np 8 asks for more ranks than the job's 4 slots: "
                 "Open MPI refuses to start, Intel MPI and MPICH oversubscribe [lint/np-slots]"});
  CHECK(lint("  worker: {replicas: 4}\n  launcher: {command: [horovodrun, --np=1, app]}\n") ==
        Messages{"8:36: spec.launcher.command[1]: -np 1 asks for fewer ranks than the job's 4 "
                 "slots: 3 slots stay idle [lint/np-slots]"});
}

TEST_CASE("lint/np-slots: the hint counts the launcher's ranks when it runs as a worker") {
  JobSpec job = testing::lower_ok(testing::spec(
      "MPIJob", "  slots: 2\n  run_launcher_as_worker: true\n  worker: {replicas: 2}\n"
                "  launcher: {command: [mpirun, -np, 4, app]}\n"));
  DiagnosticEngine diags;
  lint_job(job, diags);
  REQUIRE(diags.all().size() == 1);
  CHECK(diags.all()[0].message == "-np 4 asks for fewer ranks than the job's 6 slots: 2 slots stay idle");
  CHECK(diags.all()[0].hint ==
        "use -np 6 ((worker.replicas + 1) x slots: the launcher runs ranks too), or drop "
        "launcher.command to have it generated");
}

TEST_CASE("lint/gang-min-available: gangs the job can fill") {
  CHECK(lint("  worker: {replicas: 2}\n  run_policy: {scheduling: {min_available: 3}}\n").empty());
  CHECK(lint("  worker: {replicas: 2}\n  run_policy: {scheduling: {queue: q}}\n").empty());
  CHECK(lint("  worker: {replicas: 2}\n  launcher_creation_policy: WaitForWorkersReady\n"
             "  run_policy: {scheduling: {min_available: 2}}\n")
            .empty());
  CHECK(lint("  worker: {replicas: 2}\n  run_policy: {scheduling: {min_available: 4}}\n") ==
        Messages{"8:44: spec.run_policy.scheduling.min_available: gang scheduling waits for 4 pods, "
                 "but the job has 3 (launcher and workers): it never starts [lint/gang-min-available]"});
  CHECK(lint("  worker: {replicas: 2}\n  launcher_creation_policy: WaitForWorkersReady\n"
             "  run_policy: {scheduling: {queue: q}}\n") ==
        Messages{"9:16: spec.run_policy.scheduling.min_available: gang scheduling waits for the "
                 "operator's default, workers + 1 = 3 pods, but with launcher_creation_policy "
                 "WaitForWorkersReady only the 2 workers exist until they are ready: the job never "
                 "starts [lint/gang-min-available]"});
}

TEST_CASE("lint/pod-count: more pods than a cluster Kubernetes supports") {
  CHECK(lint("  worker: {replicas: 149999}\n").empty());
  CHECK(lint("  worker: {replicas: 150000}\n") ==
        Messages{"7:22: spec.worker.replicas: the job has 150001 pods (150000 workers and the "
                 "launcher); Kubernetes supports at most 150,000 pods in a cluster "
                 "(kubernetes.io/docs/setup/best-practices/cluster-large) [lint/pod-count]"});
  CHECK(lint("  worker: {replicas: 2}\n  max_replicas: 200000\n", "HorovodJob") ==
        Messages{"8:17: spec.max_replicas: the job has 200001 pods (200000 workers at max_replicas "
                 "and the launcher); Kubernetes supports at most 150,000 pods in a cluster "
                 "(kubernetes.io/docs/setup/best-practices/cluster-large) [lint/pod-count]"});
}

TEST_CASE("lint/mpi-mismatch: packages and images of another MPI") {
  CHECK(lint("  worker: {replicas: 1}\n  build: {apt: [libopenmpi-dev, git]}\n").empty());
  CHECK(lint("  worker: {replicas: 1}\n  mpi_implementation: MPICH\n  build: {apt: [libmpich-dev]}\n")
            .empty());
  CHECK(lint("  worker: {replicas: 1}\n  mpi_implementation: MPICH\n  build: {apt: [libopenmpi-dev]}\n") ==
        Messages{"9:17: spec.build.apt[0]: apt package 'libopenmpi-dev' is OpenMPI but mpi_implementation "
                 "is MPICH: the launcher's mpirun flags and the workers' MPI would not match "
                 "[lint/mpi-mismatch]"});
  CHECK(lint("  worker: {replicas: 1}\n  build: {base_image: \"mpioperator/intel:0.6\"}\n") ==
        Messages{"8:23: spec.build.base_image: the MPI of build.base_image is Intel but "
                 "mpi_implementation is OpenMPI: the launcher's mpirun flags and the workers' MPI "
                 "would not match [lint/mpi-mismatch]"});
}

TEST_CASE("MPI named by packages and images") {
  CHECK(mpi_of_package("intel-oneapi-mpi-devel-2021.13") == MpiImplementation::Intel);
  CHECK(mpi_of_package("openmpi-bin") == MpiImplementation::OpenMPI);
  CHECK_FALSE(mpi_of_package("git"));
  CHECK(mpi_of_image("mpioperator/mpich:v0.6") == MpiImplementation::MPICH);
  CHECK(mpi_of_image("ghcr.io/acme/train-openmpi:1") == MpiImplementation::OpenMPI);
  CHECK_FALSE(mpi_of_image("ghcr.io/acme/train:intel"));  // tags say nothing
  CHECK_FALSE(mpi_of_image("ghcr.io/acme/mpichx:1"));
}

TEST_CASE("lint/own-image-user: a non-root job on an image of one's own") {
  CHECK(lint("  worker: {replicas: 1}\n  build: {dockerfile: false}\n").empty());
  CHECK(lint("  worker: {replicas: 1}\n  ssh_auth_mount_path: /home/mpiuser/.ssh\n").empty());
  CHECK(lint("  worker: {replicas: 1}\n  ssh_auth_mount_path: /home/mpiuser/.ssh\n"
             "  build: {dockerfile: false}\n") ==
        Messages{"9:23: spec.build.dockerfile: the job runs as uid 1000, and the image is your own: "
                 "it must have that user (group 1000, home /home/mpiuser); an sshd config "
                 "/home/mpiuser/.sshd_config with Port 2222, a HostKey and a PidFile the user "
                 "owns, StrictModes no and AuthorizedKeysFile /home/mpiuser/.ssh/authorized_keys "
                 "(the workers run /usr/sbin/sshd -De -f /home/mpiuser/.sshd_config); and an ssh "
                 "client config with Port 2222 that does not check host keys "
                 "[lint/own-image-user]"});
}

TEST_CASE("lint/launcher-start: only a launcher that starts with its workers and is never retried") {
  auto start = [](const std::string& target, const std::string& extra) {
    JobSpec job = testing::lower_ok(testing::spec("MPIJob", "  worker: {replicas: 2}\n" + extra));
    DiagnosticEngine diags;
    lint_launcher_start(job, target, find_target(target)->launcher_start(job), diags);
    return testing::messages(diags);
  };
  const std::string no_retries = "  run_policy: {backoff_limit: 0}\n";
  // v2beta1's default AtStartup: its launcher Job is retried until the workers answer.
  CHECK(start("kubeflow.org/v2beta1", "").empty());
  CHECK(start("kubeflow.org/v2beta1", "  launcher: {restart_policy: NEVER}\n").empty());
  CHECK(start("kubeflow.org/v2beta1", no_retries) ==
        Messages{"8:31: spec.run_policy.backoff_limit: kubeflow.org/v2beta1 starts the launcher "
                 "together with the workers, and without retries (backoff_limit 0) a launcher that "
                 "reaches for a worker not yet up fails the job [lint/launcher-start]"});
  // Chosen either way: no finding.
  CHECK(start("kubeflow.org/v2beta1", no_retries + "  launcher_creation_policy: AtStartup\n").empty());
  CHECK(start("kubeflow.org/v2beta1", no_retries + "  launcher_creation_policy: WaitForWorkersReady\n")
            .empty());
  // v1 and bdap wait for the workers; Volcano's master and Trainer's
  // launcher dependsOn them.
  for (const char* waits : {"kubeflow.org/v1", "batch.test.bdap.com/v1", "batch.volcano.sh/v1alpha1",
                            "trainer.kubeflow.org/v1alpha1"})
    CHECK(start(waits, no_retries).empty());
  JobSpec at_startup = testing::lower_ok(testing::spec(
      "MPIJob", "  worker: {replicas: 2}\n  launcher_creation_policy: AtStartup\n" + no_retries));
  for (const char* target : {"batch.volcano.sh/v1alpha1", "trainer.kubeflow.org/v1alpha1"})
    CHECK(find_target(target)->launcher_start(at_startup) == LauncherStart::AtStartupOnce);
  // AtStartup with retries (Trainer: its launcher Job's default backoffLimit).
  JobSpec retried = testing::lower_ok(
      testing::spec("MPIJob", "  worker: {replicas: 2}\n  launcher_creation_policy: AtStartup\n"));
  CHECK(find_target("trainer.kubeflow.org/v1alpha1")->launcher_start(retried) ==
        LauncherStart::AtStartupRetried);
  // On an installed runtime, the runtime decides: no finding.
  JobSpec on_runtime = testing::lower_ok(testing::spec(
      "MPIJob", "  worker: {replicas: 2}\n  launcher_creation_policy: AtStartup\n"
                "  runtime_ref: {name: mpi-distributed}\n"));
  CHECK(find_target("trainer.kubeflow.org/v1alpha1")->launcher_start(on_runtime) ==
        LauncherStart::AfterWorkersReady);
}

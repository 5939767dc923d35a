#include "lower/defaults.h"

#include <catch2/catch.hpp>

#include "testing/fixtures.h"

using namespace mpijobc;
using testing::messages;

TEST_CASE("defaults: documented values, images from spec.image") {
  JobSpec job = testing::lower_ok(testing::spec("HorovodJob", "  worker: {replicas: 2}\n"));
  CHECK(*job.slots == 1);
  CHECK(*job.launcher.replicas == 1);
  CHECK(*job.launcher.image == "example.com/img:1");
  CHECK(*job.worker.image == "example.com/img:1");
  CHECK(*job.run_policy.clean_pod_policy == CleanPodPolicy::Running);
  CHECK(*job.horovod.log_level == "INFO");
  CHECK(*job.horovod.discovery_script_path == "/etc/mpi/discover_hosts.sh");
  CHECK(*job.horovod.elastic_timeout == 1200);
  CHECK_FALSE(*job.horovod.verbose);
  CHECK(job.processes() == 2);
  CHECK_FALSE(job.launcher.restart_policy.set());  // the target's default, not the spec's
}

TEST_CASE("defaults: what cannot be defaulted is an error") {
  DiagnosticEngine diags;
  testing::lower("apiVersion: mpijobc/v1\nkind: MPIJob\nmetadata: {name: j}\nspec:\n"
                 "  launcher: {image: a/b}\n  worker: {replicas: 1}\n",
                 diags);
  CHECK(messages(diags) == std::vector<std::string>{
                               "6:3: spec.worker.image: no image for the worker [spec/image]",
                               "4:1: spec.command: missing the program every rank runs "
                               "[spec/command]"});
}

#include "lower/deprecated_fields.h"

#include <catch2/catch.hpp>

#include "testing/fixtures.h"

using namespace mpijobc;
using testing::messages;
using testing::spec;

TEST_CASE("lowering: num_workers alone becomes worker.replicas, with a warning") {
  DiagnosticEngine diags;
  JobSpec job = testing::lower(spec("MPIJob", "  num_workers: 3\n  num_launcher_replicas: 1\n"),
                               diags);
  CHECK_FALSE(diags.has_errors());
  CHECK(diags.warning_count() == 2);
  CHECK(*job.worker.replicas == 3);
  CHECK(job.worker.replicas.origin.path == "spec.num_workers");
  CHECK(*job.launcher.replicas == 1);
  CHECK(messages(diags)[0] ==
        "7:16: spec.num_workers: 'num_workers' is deprecated; read as spec.worker.replicas: 3 "
        "[spec/deprecated-field]");
  CHECK(diags.all()[0].hint == "replace 'num_workers: 3' with 'worker: {replicas: 3}'");
}

TEST_CASE("lowering: old and new together, neither, or a second launcher are errors") {
  DiagnosticEngine both;
  testing::lower(spec("MPIJob", "  num_workers: 3\n  worker: {replicas: 3}\n"), both);
  CHECK(messages(both) == std::vector<std::string>{
                              "7:16: spec.num_workers: deprecated 'num_workers' set together with "
                              "'spec.worker.replicas' (line 8) [spec/deprecated-conflict]"});
  DiagnosticEngine neither;
  testing::lower(spec("MPIJob", "  worker: {image: a/b}\n"), neither);
  CHECK(messages(neither) == std::vector<std::string>{
                                 "7:3: spec.worker.replicas: missing the number of workers "
                                 "[spec/worker-count]"});
  DiagnosticEngine launchers;
  testing::lower(spec("MPIJob", "  worker: {replicas: 1}\n  num_launcher_replicas: 2\n"),
                 launchers);
  CHECK(launchers.error_count() == 1);
  CHECK(messages(launchers).back() ==
        "8:26: spec.num_launcher_replicas: must be 1, got 2: an MPIJob has exactly one launcher "
        "[spec/launcher-replicas]");
}

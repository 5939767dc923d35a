#include "frontend/spec_builder.h"

#include <catch2/catch.hpp>

#include "testing/fixtures.h"

using namespace mpijobc;

TEST_CASE("builder: fields land in the model with their origins") {
  auto p = testing::parse(testing::spec(
      "HorovodJob",
      "  slots: 2\n  worker:\n    replicas: 4\n    requests: {cpu: 0.5, gpu: 1}\n"
      "    restart_policy: FAILURE\n  env: {B: 1e-3, A: true}\n"
      "  build: {copy: [{src: a, dest: b}], pip: [x==1]}\n  elastic_timeout: 60\n"));
  JobSpec job = build_spec(p.doc(), "t.yaml");
  CHECK(job.kind == JobKind::HorovodJob);
  CHECK(*job.name == "job");
  CHECK(*job.command == std::vector<std::string>{"python", "train.py"});
  CHECK(*job.slots == 2);
  CHECK(job.slots.origin.path == "spec.slots");
  CHECK(job.slots.origin.loc.line == 7);
  CHECK(job.slots.origin.loc.column == 10);
  CHECK(*job.worker.replicas == 4);
  CHECK(job.worker.origin.loc.line == 8);
  CHECK(*job.worker.requests.cpu == "0.5");
  CHECK(job.worker.requests.gpu.origin.path == "spec.worker.requests.gpu");
  CHECK(*job.worker.restart_policy == RestartPolicy::OnFailure);
  REQUIRE(job.env.size() == 2);  // in the order written, values as written
  CHECK(job.env[0].key == "B");
  CHECK(job.env[0].value == "1e-3");
  CHECK(job.env[1].value == "true");
  CHECK(job.env[1].origin.path == "spec.env.A");
  REQUIRE(job.build.copy.size() == 1);
  CHECK(job.build.copy[0].origin.path == "spec.build.copy[0]");
  CHECK(*job.build.pip == std::vector<std::string>{"x==1"});
  CHECK(*job.horovod.elastic_timeout == 60);
  CHECK_FALSE(job.launcher.replicas.set());
  CHECK(job.launcher.origin.path == "spec");  // absent block: its parent
}

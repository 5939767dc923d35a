#include "validate/rank_counts.h"

#include <catch2/catch.hpp>

#include "testing/fixtures.h"

using namespace mpijobc;

namespace {

// "line:col: path: message [rule] -- hint" of each finding on a spec of
// `kind` with `extra` under spec: (lowered, so check_spec runs it).
std::vector<std::string> findings(const std::string& extra, const std::string& kind = "MPIJob") {
  DiagnosticEngine diags;
  testing::lower(testing::spec(kind, extra), diags);
  std::vector<std::string> out = testing::messages(diags);
  for (size_t i = 0; i < out.size(); ++i) out[i] += " -- " + diags.all()[i].hint;
  return out;
}

using Findings = std::vector<std::string>;

}  // namespace

TEST_CASE("spec/too-many-ranks: -np fits a C int, up to exactly 2^31-1") {
  CHECK(findings("  slots: 2147483647\n  worker: {replicas: 1}\n").empty());
  CHECK(findings("  worker: {replicas: 2147483647}\n").empty());
  CHECK(findings("  slots: 2147483647\n  worker: {replicas: 2147483647}\n") ==
        Findings{"7:10: spec.slots: 2147483647 workers x 2147483647 slots = 4611686014132420609 "
                 "ranks; MPI numbers ranks with a C int, so a job runs at most 2147483647 "
                 "[spec/too-many-ranks] -- with 2147483647 workers, slots can be at most 1"});
  // Located at the larger factor.
  CHECK(findings("  slots: 2\n  worker: {replicas: 1073741824}\n") ==
        Findings{"8:22: spec.worker.replicas: 1073741824 workers x 2 slots = 2147483648 ranks; MPI "
                 "numbers ranks with a C int, so a job runs at most 2147483647 "
                 "[spec/too-many-ranks] -- with 2 slots, worker.replicas can be at most 1073741823"});
  // A deprecated count is reported where it was written.
  CHECK(findings("  slots: 65536\n  num_workers: 32768\n")[1] ==
        "7:10: spec.slots: 32768 workers x 65536 slots = 2147483648 ranks; MPI numbers ranks with "
        "a C int, so a job runs at most 2147483647 [spec/too-many-ranks] -- with 32768 workers, "
        "slots can be at most 65535");
}

TEST_CASE("spec/too-many-ranks: a launcher that runs as a worker has slots ranks too") {
  CHECK(findings("  run_launcher_as_worker: true\n  worker: {replicas: 2147483646}\n").empty());
  CHECK(findings("  run_launcher_as_worker: true\n  worker: {replicas: 2147483647}\n") ==
        Findings{"8:22: spec.worker.replicas: (2147483647 workers and the launcher) x 1 slot = "
                 "2147483648 ranks; MPI numbers ranks with a C int, so a job runs at most "
                 "2147483647 [spec/too-many-ranks] -- with 1 slot, worker.replicas can be at most "
                 "2147483646"});
  CHECK(findings("  run_launcher_as_worker: true\n  slots: 1073741824\n  worker: {replicas: 1}\n") ==
        Findings{"8:10: spec.slots: (1 worker and the launcher) x 1073741824 slots = 2147483648 "
                 "ranks; MPI numbers ranks with a C int, so a job runs at most 2147483647 "
                 "[spec/too-many-ranks] -- with 1 worker and the launcher, slots can be at most "
                 "1073741823"});
}

TEST_CASE("spec/too-many-ranks: elastic Horovod's --max-np fits too") {
  CHECK(findings("  slots: 2\n  worker: {replicas: 2}\n  max_replicas: 1073741823\n", "HorovodJob")
            .empty());
  CHECK(findings("  slots: 2\n  worker: {replicas: 2}\n  max_replicas: 1073741824\n", "HorovodJob") ==
        Findings{"9:17: spec.max_replicas: --max-np: max_replicas 1073741824 x 2 slots = 2147483648 "
                 "ranks; MPI numbers ranks with a C int, so a job runs at most 2147483647 "
                 "[spec/too-many-ranks] -- with 2 slots, max_replicas can be at most 1073741823"});
  // A launcher that runs ranks adds its slots to --max-np.
  std::string launcher = "  run_launcher_as_worker: true\n  slots: 2\n  worker: {replicas: 2}\n";
  CHECK(findings(launcher + "  max_replicas: 1073741822\n", "HorovodJob").empty());
  CHECK(findings(launcher + "  max_replicas: 1073741823\n", "HorovodJob") ==
        Findings{"10:17: spec.max_replicas: --max-np: (max_replicas 1073741823 and the launcher) x "
                 "2 slots = 2147483648 ranks; MPI numbers ranks with a C int, so a job runs at most "
                 "2147483647 [spec/too-many-ranks] -- with 2 slots, max_replicas can be at most "
                 "1073741822"});
  // -np past the limit is one finding, not one more for the defaulted range.
  CHECK(findings("  slots: 2\n  worker: {replicas: 1073741824}\n", "HorovodJob").size() == 1);
}

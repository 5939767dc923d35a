#include "validate/rank_counts.h"

#include <limits>

namespace mpijobc {
namespace {

// a x b for counts >= 1, saturated: each count is at most 2^31-1 (the
// schema), so the product is exact; saturation only keeps this check from
// overflowing should a bound ever go.
int64_t times(int64_t a, int64_t b) {
  int64_t product = 0;
  return __builtin_mul_overflow(a, b, &product) ? std::numeric_limits<int64_t>::max() : product;
}

// "1 slot", "2 slots".
std::string count(int64_t n, const std::string& noun) {
  return std::to_string(n) + " " + noun + (n == 1 ? "" : "s");
}

void too_many(const Origin& at, const std::string& counted, int64_t ranks, const std::string& fix,
              DiagnosticEngine& diags) {
  diags.error(at.loc, at.path,
              counted + " = " + std::to_string(ranks) + " ranks; MPI numbers ranks with a C int, " +
                  "so a job runs at most " + std::to_string(kMaxRanks),
              fix, "spec/too-many-ranks");
}

}  // namespace

void check_rank_counts(const JobSpec& job, DiagnosticEngine& diags) {
  if (!job.worker.replicas.set() || !job.slots.set()) return;
  int64_t workers = *job.worker.replicas, slots = *job.slots;
  bool launcher = job.run_launcher_as_worker.set() && *job.run_launcher_as_worker;
  int64_t hosts = workers + (launcher ? 1 : 0);
  if (int64_t np = times(hosts, slots); np > kMaxRanks) {
    std::string on = count(workers, "worker") + (launcher ? " and the launcher" : "");
    std::string counted = (launcher ? "(" + on + ")" : on) + " x " + count(slots, "slot");
    if (slots >= hosts)
      too_many(job.slots.origin, counted, np,
               "with " + on + ", slots can be at most " + std::to_string(kMaxRanks / hosts), diags);
    else
      too_many(job.worker.replicas.origin, counted, np,
               "with " + count(slots, "slot") + ", worker.replicas can be at most " +
                   std::to_string(kMaxRanks / slots - (launcher ? 1 : 0)),
               diags);
    return;
  }
  // The range holds worker.replicas (spec/elastic-range): --min-np fits
  // when -np does, and only a larger max_replicas can pass the limit.
  const Field<int64_t>& max = job.horovod.max_replicas;
  if (job.kind == JobKind::HorovodJob && max.set())
    if (int64_t max_np = times(*max + (launcher ? 1 : 0), slots); max_np > kMaxRanks) {
      std::string at_max = "max_replicas " + std::to_string(*max);
      too_many(max.origin,
               "--max-np: " + (launcher ? "(" + at_max + " and the launcher)" : at_max) + " x " +
                   count(slots, "slot"),
               max_np,
               "with " + count(slots, "slot") + ", max_replicas can be at most " +
                   std::to_string(kMaxRanks / slots - (launcher ? 1 : 0)),
               diags);
    }
}

}  // namespace mpijobc

// MPI numbers ranks with a C int, so a job runs at most 2^31-1 of them.
// The schema bounds each count (worker.replicas, slots, max_replicas) by
// that, but not their products: -np, and elastic Horovod's --max-np.
#pragma once

#include "model/job_spec.h"
#include "support/diagnostics.h"

namespace mpijobc {

constexpr int64_t kMaxRanks = 2147483647;  // INT_MAX: MPI_Comm_size's int

// Over a lowered job with defaults applied: spec/too-many-ranks when
// (worker.replicas [+ the launcher]) x slots, or max_replicas x slots, is
// past kMaxRanks; located at the larger factor.
void check_rank_counts(const JobSpec& job, DiagnosticEngine& diags);

}  // namespace mpijobc

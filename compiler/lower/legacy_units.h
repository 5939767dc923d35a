// How the kubeflow.org/v1alpha1 mpi-operator split `gpus` / `processingUnits`
// into workers (allocateGPUs at 0.1.0, allocateProcessingUnits at v0.2.x;
// ../shared/reference/legacy-mpijob.md §3). `validate` reports the totals it
// refused; `import` lowers the others to a worker count and slots.
#pragma once

#include <cstdint>
#include <optional>

namespace mpijobc {

struct UnitSplit {
  int64_t workers = 0;
  int64_t per_worker = 0;  // units each worker's container[0] got as its limit
};

// The split of `total` units (>= 1) at most `per_node` (>= 1) per worker:
// one worker with all of them when total < per_node, else total / per_node
// workers with per_node each; nullopt when total is not a multiple of
// per_node (the operator only logged an error, and the job never started).
std::optional<UnitSplit> split_units(int64_t total, int64_t per_node);

// Whether the v1alpha1 CRD took `total` for gpus / processingUnits: 1, 2, 4
// or a multiple of 8.
bool legacy_units_allowed(int64_t total);

}  // namespace mpijobc

// The generated image's defaults, from the compatibility tables
// (model/compat.h): Horovod's version for a HorovodJob, the framework
// version a Horovod release builds with, the base image (Debian's, or the
// nvidia/cuda image of the framework's CUDA for GPU jobs) and the Python
// the base ships. Nothing for a job with build.dockerfile: false. What the
// tables rule out is reported by validate/build_checks.h.
#pragma once

#include "model/job_spec.h"

namespace mpijobc {

inline constexpr const char* kCpuBase = "debian:bookworm-slim";
inline constexpr const char* kGpuBase = "nvidia/cuda:12.2.2-cudnn8-devel-ubuntu22.04";

void apply_build_defaults(JobSpec& job);

}  // namespace mpijobc

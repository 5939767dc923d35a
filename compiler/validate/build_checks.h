// What would make the generated image fail to build, or build and not use
// its GPUs, by the compatibility tables (model/compat.h), each located at
// the spec value at fault with a hint naming what works:
// - build/framework: Horovod is built without a framework;
// - build/base-image: a base image whose family has no apt-get;
// - build/python: a Python the base does not ship, or a base whose Python
//   is unknown and not given;
// - build/horovod-framework: a framework version the Horovod release does
//   not build with;
// - build/framework-python: a framework version without wheels for the
//   image's Python;
// - build/framework-cuda: a GPU image whose CUDA major version is not the
//   one the framework is built for (TensorFlow; PyTorch when Horovod builds
//   its NCCL operations against it).
// Nothing for a job with build.dockerfile: false.
#pragma once

#include "model/job_spec.h"
#include "support/diagnostics.h"

namespace mpijobc {

void check_build(const JobSpec& job, DiagnosticEngine& diags);

}  // namespace mpijobc

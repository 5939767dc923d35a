// Dockerfile: an image that can run the job under the target operator:
// Open MPI from the distribution, sshd configured as the operator's
// workers need it, a Python venv at /opt/venv, the framework and Horovod,
// then the spec's apt/pip packages and files (spec.build).
#pragma once

#include <optional>
#include <string>

#include "model/job_spec.h"
#include "render/templates.h"

namespace mpijobc {

std::optional<std::string> render_dockerfile(const JobSpec& job, const Templates& templates,
                                             DiagnosticEngine& diags);

}  // namespace mpijobc

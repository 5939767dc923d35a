// Lowers flytekit's deprecated counts into the replica specs, unlike
// flytekit: a warning (not silence) when only the old field is set, an error
// (not silent precedence) when both are, an error when no worker count is
// given, and launcher replicas must be exactly 1.
#pragma once

#include "model/job_spec.h"
#include "support/diagnostics.h"

namespace mpijobc {

void lower_deprecated_fields(JobSpec& job, DiagnosticEngine& diags);

}  // namespace mpijobc

// Fills every spec field a later pass reads with its documented default
// (docs/spec.md), and reports what cannot be defaulted (no image, no
// program to run). Target-specific defaults, such as the operator's restart
// policies, are applied by the target's manifest generator instead.
#pragma once

#include "model/job_spec.h"
#include "support/diagnostics.h"

namespace mpijobc {

void apply_defaults(JobSpec& job, DiagnosticEngine& diags);

}  // namespace mpijobc

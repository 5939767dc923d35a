// Checks a located object against a structural schema
// (validate/structural_schema.h) as the API server validates a custom
// resource with strict field validation (kubectl apply --validate=strict):
// null values of fields that are not nullable are pruned first; an object
// that lists its properties rejects others unless it preserves unknown
// fields; x-kubernetes-int-or-string takes an integer or a string. One
// finding per place and cause, in file order, with rule ids crd/type,
// crd/unknown-field, crd/required, crd/enum, crd/format, crd/range,
// crd/duplicate and crd/other. Only the parts of the schema the object
// reaches are looked at.
#pragma once

#include <string>

#include "support/diagnostics.h"
#include "support/node.h"
#include "validate/structural_schema.h"

namespace mpijobc::structural {

// Reports every violation of `doc` (the whole object); returns whether there
// was none. Safe on several threads at once.
bool check(const Tables& schema, const Node& doc, DiagnosticEngine& diags);

}  // namespace mpijobc::structural

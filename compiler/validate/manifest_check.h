// The whole check of one Kubernetes object: its CRD schema
// (validate/crd_schema.h: built in for the MPIJob dialects, or from --crd),
// then, for an MPIJob or a Volcano Job, its operator's rules
// (validate/manifest_rules.h).
// `validate` runs it on the manifests it reads and `build` on the MPIJob it
// generates. One finding per field: where the schema and a rule both find
// fault with a field, the schema's finding stands alone.
#pragma once

#include "support/diagnostics.h"
#include "support/node.h"
#include "validate/crd_schema.h"

namespace mpijobc {

// Returns whether anything checked `doc` (a schema or rules of its apiVersion
// and kind). Findings are reported in file order.
bool check_object(const Node& doc, const CrdSchemas& crds, DiagnosticEngine& diags);

}  // namespace mpijobc

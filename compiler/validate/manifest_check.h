// The whole check of one Kubernetes object: its CRD schema
// (validate/crd_schema.h: built in for the MPIJob dialects, or from --crd),
// then its operator's rules (validate/manifest_rules.h).
// `validate` runs it on the manifests it reads and `build` on the MPIJob it
// generates. One finding per field: where the schema and a rule both find
// fault with a field, the schema's finding stands alone.
#pragma once

#include <vector>

#include "support/diagnostics.h"
#include "support/node.h"
#include "validate/crd_schema.h"

namespace mpijobc {

// Returns whether anything checked `doc` (a schema or rules of its apiVersion
// and kind). Findings are reported in file order.
bool check_object(const Node& doc, const CrdSchemas& crds, DiagnosticEngine& diags);

// The rules over objects that refer to each other (a TrainJob and its
// runtime), among the objects of one file or one build.
void check_related_objects(const std::vector<Node>& objects, DiagnosticEngine& diags);

}  // namespace mpijobc

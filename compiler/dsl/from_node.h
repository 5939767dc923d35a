// A spec document (as read from YAML) as a DSL job, for `mpijobc convert
// --to dsl`. Every scalar keeps its text (`0x1F`, `+3`, `.5`, `True`: the
// DSL spells numbers and booleans as YAML does), so it reads back as the same
// Node; strings that would read as numbers, booleans, null or durations are
// quoted. YAML comments, tags and merge keys are not carried over (the YAML
// reader keeps no comments, and expands merges).
#pragma once

#include "dsl/ast.h"
#include "support/node.h"

namespace mpijobc::dsl {

// `doc` has passed the spec schema: kind, metadata.name and spec are there.
Job from_document(const Node& doc);

}  // namespace mpijobc::dsl

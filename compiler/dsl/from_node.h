// A spec document (as read from YAML) as a DSL job, for `mpijobc convert
// --to dsl`. Values are spelled so that they read back as the same Node
// kinds: strings that would read as numbers, booleans, null or durations are
// quoted; integers in YAML's other notations (0x1F, 0o17) become decimal.
// YAML comments are not carried over (the YAML reader does not keep them).
#pragma once

#include "dsl/ast.h"
#include "support/node.h"

namespace mpijobc::dsl {

// `doc` has passed the spec schema: kind, metadata.name and spec are there.
Job from_document(const Node& doc);

}  // namespace mpijobc::dsl

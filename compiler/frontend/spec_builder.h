// Turns a schema-checked spec document into the typed model. The schema has
// already rejected wrong types, unknown keys and bad enum values, so this
// only reads; it cannot fail.
#pragma once

#include <string>

#include "model/job_spec.h"
#include "support/node.h"

namespace mpijobc {

JobSpec build_spec(const Node& doc, const std::string& source);

}  // namespace mpijobc

// Gives a parsed .mpijob file its meaning: each job becomes the same Node
// document a YAML spec reads as (apiVersion mpijobc/v1, kind, metadata,
// spec), with DSL positions on every node, so schema, model and every later
// pass are shared with YAML. Here:
//   - `namespace`, `labels` and `annotations` go to metadata, the rest to spec;
//   - words true/false/null are booleans and null, other words strings;
//   - a unit literal is a duration when its unit is s, min, h or d (seconds,
//     allowed only in fields whose name says seconds or timeout), else a
//     Kubernetes quantity string (4Gi, 500m);
//   - duplicate keys and integers outside int64 are located errors.
// A value with an error stays in the document where it is, so that the schema
// checks the rest of the job in the same run (frontend/documents.h: refused
// values).
#pragma once

#include <vector>

#include "dsl/ast.h"
#include "support/diagnostics.h"
#include "support/node.h"

namespace mpijobc::dsl {

// The documents of a file; a job with a key error (a duplicate key, a key too
// long) is left out. Errors go to `diags`.
std::vector<Node> to_documents(const File& file, DiagnosticEngine& diags);

// Fields counted in seconds, where unit literals are durations
// (ttl_seconds_after_finished, elastic_timeout...).
bool is_seconds_field(std::string_view key);

// The keys of a job's body that belong to metadata.
bool is_metadata_key(std::string_view key);

}  // namespace mpijobc::dsl

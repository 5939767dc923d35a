// A JSON Schema compiled once (valijson) that checks located trees and
// reports every violation at its position, with messages that say how to fix
// it, in file order: unknown fields each at their key with did-you-mean, expected types with
// quoting hints, enum values, ranges, and an `errorMessage` keyword for
// formats. Used for the spec's schema and for CRD schemas (`validate --crd`).
#pragma once

#include <functional>
#include <memory>
#include <string>

#include <nlohmann/json.hpp>

#include "support/diagnostics.h"
#include "support/node.h"

namespace valijson {
class Schema;
}

namespace mpijobc {

// Extra hints a schema's owner knows; each returns "" when it has none.
struct SchemaHints {
  // For an unknown key in the object at `path` ("spec.worker").
  std::function<std::string(const std::string& key, const std::string& path)> unknown_field;
  // For a required key missing at `path`.
  std::function<std::string(const std::string& path, const std::string& key)> required;
  // For a value of the wrong type or form at `path`, when the type has no hint.
  std::function<std::string(const Node& value, const std::string& path)> value;
};

class LocatedSchema {
 public:
  // `document` is the schema; its "$ref"s point into its own "definitions".
  // Findings get rule ids "<rules>/unknown-field", "<rules>/type", ...
  LocatedSchema(nlohmann::json document, std::string rules, SchemaHints hints = {});

  // Reports every violation of `node`, whose field path is `path` ("" at the
  // root); returns whether there was none. A check changes nothing (the
  // patterns are compiled with the schema: support/schema_patterns.h), so
  // one schema checks documents on several threads at once.
  bool check(const Node& node, const std::string& path, DiagnosticEngine& diags) const;

 private:
  std::shared_ptr<const nlohmann::json> document_;
  std::shared_ptr<const valijson::Schema> compiled_;
  std::string rules_;
  SchemaHints hints_;
};

// The JSON value of a located tree.
nlohmann::json to_json(const Node& n);

}  // namespace mpijobc

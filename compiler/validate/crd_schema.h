// Schemas of custom resources, read from the CustomResourceDefinitions a
// user supplies (`mpijobc validate --crd FILE`): each served version's
// openAPIV3Schema checks the objects of that apiVersion and kind, every
// violation located in the object's file (rule ids crd/...). Checks are as
// strict as `kubectl apply --validate=strict`: an object that lists its
// properties rejects others unless x-kubernetes-preserve-unknown-fields;
// x-kubernetes-int-or-string takes an integer or a string; nulls are pruned
// first, as the API server does.
#pragma once

#include <map>
#include <string>
#include <vector>

#include "support/diagnostics.h"
#include "support/located_schema.h"
#include "support/node.h"

namespace mpijobc {

class CrdSchemas {
 public:
  // Loads the CRD documents of a registered file; problems are errors
  // located in it. Other documents are ignored.
  void load(const SourceManager& sources, uint32_t file, DiagnosticEngine& diags);

  // The kinds the loaded CRDs define, sorted.
  std::vector<std::string> kinds() const;
  // Checks `doc` against the schema of its apiVersion and kind. When the
  // CRDs define the kind but not that version, a warning names the versions
  // they have. Returns whether the document was checked.
  bool check(const Node& doc, DiagnosticEngine& diags) const;

  // The strict form of a CRD's openAPIV3Schema (see above), as JSON Schema.
  static nlohmann::json strict(const nlohmann::json& schema);

 private:
  std::map<std::string, std::map<std::string, LocatedSchema>> by_kind_;  // kind -> apiVersion
};

}  // namespace mpijobc

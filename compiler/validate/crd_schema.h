// The CRD schemas objects are checked against: those built in
// (validate/embedded_crds.h: the MPIJob dialects), and those of the
// CustomResourceDefinitions a user supplies (`mpijobc validate --crd FILE`),
// which take the place of a built-in one of the same apiVersion and kind.
// Each served version's openAPIV3Schema checks the objects of that
// apiVersion and kind as the API server does (validate/structural_check.h),
// every violation located in the object's file (rule ids crd/...).
#pragma once

#include <map>
#include <memory>
#include <string>
#include <vector>

#include "support/diagnostics.h"
#include "support/node.h"
#include "validate/structural_schema.h"

namespace mpijobc {

class CrdSchemas {
 public:
  // Loads the CRD documents of a registered file; problems are errors
  // located in it. Other documents are ignored.
  void load(const SourceManager& sources, uint32_t file, DiagnosticEngine& diags);

  // The kinds the loaded CRDs define, sorted.
  std::vector<std::string> kinds() const;
  // Checks `doc` against the schema of its apiVersion and kind. When loaded
  // CRDs define the kind but neither they nor the built-in schemas have that
  // version, a warning names the versions they have. Returns whether the
  // document was checked.
  bool check(const Node& doc, DiagnosticEngine& diags) const;

 private:
  // kind -> apiVersion -> schema
  std::map<std::string, std::map<std::string, std::shared_ptr<const structural::Compiled>>> loaded_;
};

}  // namespace mpijobc

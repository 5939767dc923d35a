#include "frontend/spec_schema.h"

#include <algorithm>
#include <tuple>

#include "support/embedded.h"

namespace mpijobc {
namespace {

// A wrapper document {definitions, $ref} so each part validates on its own
// while sharing the definitions of the one schema file.
nlohmann::json wrapper(const nlohmann::json& root, const std::string& definition) {
  return {{"definitions", root.at("definitions")}, {"$ref", "#/definitions/" + definition}};
}

std::string required_hint(const std::string& path, const std::string& key) {
  if (path.empty() && key == "apiVersion") return "start the document with 'apiVersion: mpijobc/v1'";
  if (path.empty() && key == "kind") return "add 'kind: MPIJob' or 'kind: HorovodJob'";
  return {};
}

}  // namespace

SpecSchema::SpecSchema(nlohmann::json root)
    : root_(std::move(root)),
      envelope_(wrapper(root_, "Envelope"), "schema", {nullptr, required_hint}),
      horovod_(wrapper(root_, "HorovodJobSpec"), "schema"),
      mpi_(wrapper(root_, "MPIJobSpec"), "schema",
           {[this](const std::string& key, const nlohmann::json& where) -> std::string {
              const nlohmann::json& defs = root_.at("definitions");
              if (where == defs.at("MPIJobSpec") &&
                  defs.at("HorovodJobSpec").at("properties").contains(key))
                return "'" + key + "' is only valid for kind: HorovodJob";
              return {};
            },
            nullptr}) {}

const SpecSchema& SpecSchema::builtin() {
  static const SpecSchema schema(
      nlohmann::json::parse(*embedded_file("mpijobc-v1.schema.json")));
  return schema;
}

bool SpecSchema::check(const Node& doc, DiagnosticEngine& diags) const {
  DiagnosticEngine local;
  envelope_.check(doc, "", local);
  const Node* kind = doc.get("kind");
  const Node* spec = doc.get("spec");
  if (spec && spec->is_map() && kind && kind->is_string()) {
    if (kind->text == "MPIJob") mpi_.check(*spec, "spec", local);
    if (kind->text == "HorovodJob") horovod_.check(*spec, "spec", local);
  }
  std::vector<Diagnostic> found = local.all();
  std::stable_sort(found.begin(), found.end(), [](const Diagnostic& a, const Diagnostic& b) {
    return std::tie(a.loc.line, a.loc.column) < std::tie(b.loc.line, b.loc.column);
  });
  for (Diagnostic& d : found) diags.report(std::move(d));
  return found.empty();
}

}  // namespace mpijobc

#include "frontend/spec_schema.h"

#include <algorithm>
#include <tuple>

#include "support/embedded.h"

namespace mpijobc {
namespace {

// An entry point of the spec schema, as the build embeds it (one schema per
// definition, with the definitions it reaches: support/schema_walk.h).
nlohmann::json part(const std::string& definition) {
  return nlohmann::json::parse(*embedded_file("mpijobc-v1." + definition + ".min.json"));
}

// The fields of each kind's spec, read when a spec has an unknown one.
const nlohmann::json& kind_fields(const std::string& definition) {
  static const nlohmann::json mpi = part("MPIJobSpec").at("definitions").at("MPIJobSpec");
  static const nlohmann::json horovod =
      part("HorovodJobSpec").at("definitions").at("HorovodJobSpec");
  return (definition == "MPIJobSpec" ? mpi : horovod).at("properties");
}

std::string required_hint(const std::string& path, const std::string& key) {
  if (path.empty() && key == "apiVersion") return "start the document with 'apiVersion: mpijobc/v1'";
  if (path.empty() && key == "kind") return "add 'kind: MPIJob' or 'kind: HorovodJob'";
  return {};
}

}  // namespace

SpecSchema::SpecSchema() : envelope_(part("Envelope"), "schema", {nullptr, required_hint}) {}

const SpecSchema& SpecSchema::builtin() {
  // Never destroyed: tearing the schemas down at exit cost a one-spec build 7 %.
  static const SpecSchema* schema = new SpecSchema();
  return *schema;
}

const LocatedSchema& SpecSchema::spec_schema(const Lazy& lazy, const char* definition) const {
  std::call_once(lazy.once, [&] {
    SchemaHints hints{[](const std::string& key, const std::string& path) {
                        if (path != "spec") return std::string();
                        if (kind_fields("HorovodJobSpec").contains(key))
                          return "'" + key + "' is only valid for kind: HorovodJob";
                        if (kind_fields("MPIJobSpec").contains(key))
                          return "'" + key + "' is only valid for kind: MPIJob";
                        return std::string();
                      },
                      nullptr};
    lazy.schema.emplace(part(definition), "schema", std::move(hints));
  });
  return *lazy.schema;
}

bool SpecSchema::check(const Node& doc, DiagnosticEngine& diags) const {
  DiagnosticEngine local;
  envelope_.check(doc, "", local);
  const Node* kind = doc.get("kind");
  const Node* spec = doc.get("spec");
  if (spec && spec->is_map() && kind && kind->is_string()) {
    if (kind->text == "MPIJob") spec_schema(mpi_, "MPIJobSpec").check(*spec, "spec", local);
    if (kind->text == "HorovodJob")
      spec_schema(horovod_, "HorovodJobSpec").check(*spec, "spec", local);
  }
  std::vector<Diagnostic> found = local.all();
  std::stable_sort(found.begin(), found.end(), [](const Diagnostic& a, const Diagnostic& b) {
    return std::tie(a.loc.line, a.loc.column) < std::tie(b.loc.line, b.loc.column);
  });
  for (Diagnostic& d : found) diags.report(std::move(d));
  return found.empty();
}

}  // namespace mpijobc

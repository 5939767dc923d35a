#include "frontend/spec_schema.h"

#include <algorithm>
#include <tuple>

#include "support/embedded.h"

namespace mpijobc {
namespace {

// Adds to `used` the definitions that `schema`'s "$ref"s reach.
void add_reachable(const nlohmann::json& definitions, const nlohmann::json& schema,
                   nlohmann::json& used) {
  if (schema.is_object()) {
    auto ref = schema.find("$ref");
    if (ref != schema.end() && ref->is_string()) {
      const std::string& target = ref->get_ref<const std::string&>();
      std::string name = target.substr(target.rfind('/') + 1);
      if (!used.contains(name)) {
        used[name] = definitions.at(name);
        add_reachable(definitions, definitions.at(name), used);
      }
    }
  }
  if (schema.is_object() || schema.is_array())
    for (const nlohmann::json& sub : schema) add_reachable(definitions, sub, used);
}

// A wrapper document {definitions, $ref} so each part validates on its own,
// with the definitions of the one schema file it uses (copying the others
// was a tenth of a one-spec build).
nlohmann::json wrapper(const nlohmann::json& root, const std::string& definition) {
  nlohmann::json entry = {{"$ref", "#/definitions/" + definition}};
  nlohmann::json used = nlohmann::json::object();
  add_reachable(root.at("definitions"), entry, used);
  entry["definitions"] = std::move(used);
  return entry;
}

std::string required_hint(const std::string& path, const std::string& key) {
  if (path.empty() && key == "apiVersion") return "start the document with 'apiVersion: mpijobc/v1'";
  if (path.empty() && key == "kind") return "add 'kind: MPIJob' or 'kind: HorovodJob'";
  return {};
}

}  // namespace

SpecSchema::SpecSchema(nlohmann::json root)
    : root_(std::move(root)),
      envelope_(wrapper(root_, "Envelope"), "schema", {nullptr, required_hint}) {}

const SpecSchema& SpecSchema::builtin() {
  // Never destroyed: tearing the schemas down at exit cost a one-spec build 7 %.
  static const SpecSchema* schema =
      new SpecSchema(nlohmann::json::parse(*embedded_file("mpijobc-v1.schema.min.json")));
  return *schema;
}

const LocatedSchema& SpecSchema::spec_schema(const Lazy& lazy, const char* definition) const {
  std::call_once(lazy.once, [&] {
    const nlohmann::json& horovod_fields =
        root_.at("definitions").at("HorovodJobSpec").at("properties");
    SchemaHints hints{[&horovod_fields](const std::string& key, const std::string& path) {
                        if (path == "spec" && horovod_fields.contains(key))
                          return "'" + key + "' is only valid for kind: HorovodJob";
                        return std::string();
                      },
                      nullptr};
    lazy.schema.emplace(wrapper(root_, definition), "schema", std::move(hints));
  });
  return *lazy.schema;
}

bool SpecSchema::check(const Node& doc, DiagnosticEngine& diags) const {
  DiagnosticEngine local;
  // One JSON value for both checks: the envelope's covers the spec too.
  nlohmann::json value = to_json(doc);
  envelope_.check(doc, value, "", local);
  const Node* kind = doc.get("kind");
  const Node* spec = doc.get("spec");
  if (spec && spec->is_map() && kind && kind->is_string()) {
    const nlohmann::json& spec_value = value.at("spec");
    if (kind->text == "MPIJob")
      spec_schema(mpi_, "MPIJobSpec").check(*spec, spec_value, "spec", local);
    if (kind->text == "HorovodJob")
      spec_schema(horovod_, "HorovodJobSpec").check(*spec, spec_value, "spec", local);
  }
  std::vector<Diagnostic> found = local.all();
  std::stable_sort(found.begin(), found.end(), [](const Diagnostic& a, const Diagnostic& b) {
    return std::tie(a.loc.line, a.loc.column) < std::tie(b.loc.line, b.loc.column);
  });
  for (Diagnostic& d : found) diags.report(std::move(d));
  return found.empty();
}

}  // namespace mpijobc

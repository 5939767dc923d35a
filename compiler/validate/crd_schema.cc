#include "validate/crd_schema.h"

#include "support/schema_walk.h"
#include "support/yaml_reader.h"

namespace mpijobc {
namespace {

const std::string* text(const Node* n) { return n && n->is_string() ? &n->text : nullptr; }

// A copy of a map without its null members, recursively (what the API
// server stores); lists keep their items.
Node without_nulls(const Node& n) {
  Node out;  // n without its children: copying them too made this quadratic in the depth
  out.kind = n.kind;
  out.loc = n.loc;
  out.text = n.text;
  out.origin = n.origin;
  out.members.reserve(n.members.size());
  out.items.reserve(n.items.size());
  for (const Member& m : n.members)
    if (!m.value.is_null()) out.members.push_back({m.key, m.key_loc, without_nulls(m.value)});
  for (const Node& i : n.items) out.items.push_back(without_nulls(i));
  return out;
}

// strict(), in place.
void make_strict(nlohmann::json& schema) {
  if (!schema.is_object()) return;
  bool int_or_string = schema.value("x-kubernetes-int-or-string", false);
  bool open = schema.value("x-kubernetes-preserve-unknown-fields", false);
  for (auto it = schema.begin(); it != schema.end();)
    it = it.key().rfind("x-kubernetes-", 0) == 0 ? schema.erase(it) : std::next(it);
  for_each_subschema(schema, make_strict);
  if (int_or_string) schema["type"] = {"integer", "string"};
  if (schema.contains("properties") && !schema.contains("additionalProperties") && !open)
    schema["additionalProperties"] = false;
}

}  // namespace

nlohmann::json CrdSchemas::strict(const nlohmann::json& schema) {
  nlohmann::json out = schema;
  make_strict(out);
  return out;
}

void CrdSchemas::load(const SourceManager& sources, uint32_t file, DiagnosticEngine& diags) {
  size_t crds = 0, errors = diags.error_count();
  for (const Node& doc : read_yaml(sources, file, diags)) {
    const std::string* kind = text(doc.get("kind"));
    if (!kind || *kind != "CustomResourceDefinition") continue;
    ++crds;
    const Node* spec = doc.get("spec");
    const std::string* group = spec ? text(spec->get("group")) : nullptr;
    const Node* names = spec ? spec->get("names") : nullptr;
    const std::string* resource_kind = names ? text(names->get("kind")) : nullptr;
    const Node* versions = spec ? spec->get("versions") : nullptr;
    if (!group || !resource_kind || !versions || !versions->is_seq()) {
      diags.error(doc.loc, "spec", "not a usable CRD: it needs spec.group, spec.names.kind and spec.versions",
                  {}, "crd/invalid");
      continue;
    }
    for (const Node& v : versions->items) {
      const std::string* name = text(v.get("name"));
      const Node* schema = v.get("schema");
      const Node* openapi = schema ? schema->get("openAPIV3Schema") : nullptr;
      if (!name || !openapi || !openapi->is_map()) {
        diags.error(v.loc, "spec.versions", "a CRD version without a name or an openAPIV3Schema",
                    {}, "crd/invalid");
        continue;
      }
      by_kind_[*resource_kind].insert_or_assign(
          *group + "/" + *name, LocatedSchema(strict(to_json(*openapi)), "crd"));
    }
  }
  if (crds == 0 && diags.error_count() == errors)
    diags.error({file, 1, 1}, {}, "no CustomResourceDefinition in " + sources.path(file),
                "--crd takes a CRD, e.g. the operator's kubeflow.org_mpijobs.yaml", "crd/invalid");
}

std::vector<std::string> CrdSchemas::kinds() const {
  std::vector<std::string> out;
  for (const auto& [kind, versions] : by_kind_) out.push_back(kind);
  return out;
}

bool CrdSchemas::check(const Node& doc, DiagnosticEngine& diags) const {
  const std::string* kind = text(doc.get("kind"));
  auto versions = kind ? by_kind_.find(*kind) : by_kind_.end();
  if (versions == by_kind_.end()) return false;
  const std::string* api = text(doc.get("apiVersion"));
  auto schema = api ? versions->second.find(*api) : versions->second.end();
  if (schema == versions->second.end()) {
    std::string have;
    for (const auto& [version, unused] : versions->second) have += (have.empty() ? "" : ", ") + version;
    const Node* at = doc.get("apiVersion");
    diags.warning(at ? at->loc : doc.loc, "apiVersion",
                  "not checked against a CRD: the CRDs given have no " + *kind + " version '" +
                      (api ? *api : "") + "'",
                  "they define " + have, "crd/no-version");
    return false;
  }
  schema->second.check(without_nulls(doc), "", diags);
  return true;
}

}  // namespace mpijobc

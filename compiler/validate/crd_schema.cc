#include "validate/crd_schema.h"

#include <stdexcept>

#include "support/located_schema.h"
#include "support/yaml_reader.h"
#include "validate/embedded_crds.h"
#include "validate/structural_check.h"

namespace mpijobc {
namespace {

const std::string* text(const Node* n) { return n && n->is_string() ? &n->text : nullptr; }

}  // namespace

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
      try {
        loaded_[*resource_kind].insert_or_assign(
            *group + "/" + *name, std::make_shared<const structural::Compiled>(to_json(*openapi)));
      } catch (const std::invalid_argument& e) {
        diags.error(openapi->loc, "spec.versions.schema", std::string("not a usable schema: ") + e.what(),
                    {}, "crd/invalid");
      }
    }
  }
  if (crds == 0 && diags.error_count() == errors)
    diags.error({file, 1, 1}, {}, "no CustomResourceDefinition in " + sources.path(file),
                "--crd takes a CRD, e.g. the operator's kubeflow.org_mpijobs.yaml", "crd/invalid");
}

std::vector<std::string> CrdSchemas::kinds() const {
  std::vector<std::string> out;
  for (const auto& [kind, versions] : loaded_) out.push_back(kind);
  return out;
}

bool CrdSchemas::check(const Node& doc, DiagnosticEngine& diags) const {
  const std::string* kind = text(doc.get("kind"));
  const std::string* api = text(doc.get("apiVersion"));
  if (!kind || !api) return false;
  auto versions = loaded_.find(*kind);
  if (versions != loaded_.end())
    if (auto schema = versions->second.find(*api); schema != versions->second.end()) {
      structural::check(schema->second->tables(), doc, diags);
      return true;
    }
  if (const EmbeddedCrd* crd = find_embedded_crd(*api, *kind)) {
    structural::check(crd->schema, doc, diags);
    return true;
  }
  if (versions == loaded_.end()) return false;
  std::string have;
  for (const auto& [version, unused] : versions->second) have += (have.empty() ? "" : ", ") + version;
  diags.warning(doc.get("apiVersion")->loc, "apiVersion",
                "not checked against a CRD: the CRDs given have no " + *kind + " version '" + *api + "'",
                "they define " + have, "crd/no-version");
  return false;
}

}  // namespace mpijobc

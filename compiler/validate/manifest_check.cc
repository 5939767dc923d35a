#include "validate/manifest_check.h"

#include <algorithm>
#include <set>
#include <tuple>

#include "validate/manifest_rules.h"
#include "validate/trainer_rules.h"

namespace mpijobc {
namespace {

// The rules name a map's entry as Kubernetes does ("mpiReplicaSpecs[Worker]"),
// the schema as a field ("mpiReplicaSpecs.Worker"): one form, to compare.
std::string field_path(const std::string& path) {
  std::string out;
  for (size_t i = 0; i < path.size(); ++i) {
    size_t close = path[i] == '[' ? path.find(']', i) : std::string::npos;
    bool index = close != std::string::npos &&
                 path.find_first_not_of("0123456789", i + 1) == close;
    if (close == std::string::npos || index) {
      out += path[i];
      continue;
    }
    out += "." + path.substr(i + 1, close - i - 1);
    i = close;
  }
  return out;
}

}  // namespace

bool check_object(const Node& doc, const CrdSchemas& crds, DiagnosticEngine& diags) {
  DiagnosticEngine schema, rules;
  bool checked = crds.check(doc, schema);
  const Node* api = doc.get("apiVersion");
  const Node* kind = doc.get("kind");
  ManifestCheck check = api && kind ? manifest_check(api->text, kind->text) : nullptr;
  if (check) check(doc, rules);
  std::set<std::string> paths;  // fields the schema found fault with
  for (const Diagnostic& d : schema.all()) paths.insert(field_path(d.path));
  std::vector<Diagnostic> found = schema.all();
  for (const Diagnostic& d : rules.all())
    if (d.path.empty() || !paths.count(field_path(d.path))) found.push_back(d);
  std::stable_sort(found.begin(), found.end(), [](const Diagnostic& a, const Diagnostic& b) {
    return std::tie(a.loc.line, a.loc.column) < std::tie(b.loc.line, b.loc.column);
  });
  for (Diagnostic& d : found) diags.report(std::move(d));
  return checked || check;
}

void check_related_objects(const std::vector<Node>& objects, DiagnosticEngine& diags) {
  check_trainjob_runtimes(objects, diags);
}

}  // namespace mpijobc

#include "frontend/spec_schema.h"

#include <algorithm>
#include <cctype>
#include <tuple>

#include "dsl/lexical.h"
#include "dsl/to_node.h"
#include "frontend/documents.h"
#include "frontend/field_places.h"
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

// Kubernetes' fields that have no field of the same name (or its
// snake_case) in a spec, which people bring from MPIJob manifests: where
// mpijobc has them, relative to `path` and quoted, or "". Fields are named by
// their path, which means the same in YAML and in the DSL. FieldPlaces finds
// the others.
std::string kubernetes_name(const std::string& key, const std::string& path) {
  enum Where { Spec, Role, Elsewhere };
  static const struct {
    const char* key;
    Where where;
    const char* ours;
  } names[] = {
      {"resources", Spec, "'worker.requests' and 'worker.limits'"},
      {"resources", Role, "'requests' and 'limits'"},
  };
  // PodSpec and container fields go into pod overrides (docs/spec.md).
  static const std::vector<std::string> pod_fields = {
      "nodeSelector", "tolerations", "affinity", "serviceAccountName", "priorityClassName",
      "securityContext", "imagePullSecrets", "volumes", "initContainers", "schedulerName"};
  static const std::vector<std::string> container_fields = {"volumeMounts", "imagePullPolicy"};
  Where where = path == "spec"                                      ? Spec
                : path == "spec.worker" || path == "spec.launcher" ? Role
                                                                    : Elsewhere;
  for (const auto& name : names)
    if (name.key == key && name.where == where) return name.ours;
  if (where != Spec && where != Role) return {};
  auto in = [&key](const std::vector<std::string>& fields) {
    return std::find(fields.begin(), fields.end(), key) != fields.end();
  };
  if (in(pod_fields)) return "'pod.spec." + key + "'";
  if (in(container_fields)) return "'pod.container." + key + "'";
  return {};
}

// For values written as Kubernetes or the DSL would take them.
std::string value_hint(const Node& n, const std::string& path) {
  std::string key = path.substr(path.rfind('.') + 1);
  if (key == "gpu" && n.kind == Node::Kind::Float)
    return "GPUs are counted in whole devices, e.g. 1";
  if (!n.is_string() || !dsl::is_unit(n.text)) return {};
  std::string_view suffix = dsl::unit_suffix(n.text);
  std::string number = n.text.substr(0, n.text.size() - suffix.size());
  if (long long unit = dsl::duration_unit_seconds(suffix); unit && dsl::is_seconds_field(key)) {
    long double seconds = std::stold(number) * unit;
    if (seconds == static_cast<long long>(seconds))
      return "write seconds: " + std::to_string(static_cast<long long>(seconds)) +
             " (the DSL takes durations like " + n.text + ")";
  }
  static const std::vector<std::string> byte_units = {"kb", "mb", "gb", "tb", "pb", "eb"};
  std::string lower;
  for (char c : suffix) lower += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  if (std::find(byte_units.begin(), byte_units.end(), lower) != byte_units.end()) {
    std::string prefix(1, static_cast<char>(std::toupper(static_cast<unsigned char>(lower[0]))));
    if (prefix == "K") prefix = "k";  // kilo is k in a quantity, kibi Ki
    std::string binary = prefix == "k" ? "Ki" : prefix + "i";
    return "Kubernetes quantities use " + binary + "/" + prefix + ": " + number + binary + " or " +
           number + prefix;
  }
  return {};
}

// Every place a spec has a field, read when a document has an unknown one.
const FieldPlaces& field_places() {
  static const FieldPlaces places = [] {
    FieldPlaces p;
    p.add(part("Envelope"), "Envelope", "");
    p.add(part("MPIJobSpec"), "MPIJobSpec", "spec");
    p.add(part("HorovodJobSpec"), "HorovodJobSpec", "spec");
    return p;
  }();
  return places;
}

std::string unknown_field_hint(const std::string& key, const std::string& path) {
  if (path == "spec" && kind_fields("HorovodJobSpec").contains(key))
    return "'" + key + "' is only valid in a HorovodJob";
  if (path == "spec" && kind_fields("MPIJobSpec").contains(key))
    return "'" + key + "' is only valid in an MPIJob";
  std::string ours = kubernetes_name(key, path);
  if (!ours.empty()) return "Kubernetes' '" + key + "' is written " + ours + " in a job spec";
  return field_places().hint(key, path);
}

std::string required_hint(const std::string& path, const std::string& key) {
  if (path.empty() && key == "apiVersion") return "start the document with 'apiVersion: mpijobc/v1'";
  if (path.empty() && key == "kind") return "add 'kind: MPIJob' or 'kind: HorovodJob'";
  return {};
}

}  // namespace

SpecSchema::SpecSchema()
    : envelope_(part("Envelope"), "schema", {unknown_field_hint, required_hint, nullptr}) {}

const SpecSchema& SpecSchema::builtin() {
  // Never destroyed: tearing the schemas down at exit cost a one-spec build 7 %.
  static const SpecSchema* schema = new SpecSchema();
  return *schema;
}

const LocatedSchema& SpecSchema::spec_schema(const Lazy& lazy, const char* definition) const {
  std::call_once(lazy.once, [&] {
    SchemaHints hints{unknown_field_hint, nullptr, value_hint};
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
  Places refused = refused_values(doc, diags);
  for (Diagnostic& d : found)
    if (!refused.count({d.loc.file, d.loc.line, d.loc.column})) diags.report(std::move(d));
  return found.empty() && refused.empty();
}

}  // namespace mpijobc

#include "support/located_schema.h"

#include <valijson/schema.hpp>
#include <valijson/validator.hpp>

#include <algorithm>
#include <tuple>

#include "support/node_adapter.h"
#include "support/schema_patterns.h"
#include "support/suggest.h"
#include "support/value_text.h"

namespace mpijobc {
namespace {

// One step of a valijson context ("<root>", "[spec]", "[0]").
std::string segment(const std::string& s) {
  if (s.size() >= 2 && s.front() == '[' && s.back() == ']') return s.substr(1, s.size() - 2);
  return s;
}

// A located view of where an error is: the node, the key that holds it and
// the dotted path ("spec.worker.requests.cpu", "spec.command[2]").
struct Place {
  const Node* node = nullptr;
  const Member* holder = nullptr;  // the map entry whose value is `node`
  std::string path;
  const nlohmann::json* schema = nullptr;
};

class Checker {
 public:
  Checker(const nlohmann::json& root, const std::string& rules, const SchemaHints& hints,
          DiagnosticEngine& diags)
      : root_(root), rules_(rules), hints_(hints), diags_(diags) {}

  const nlohmann::json& resolve(const nlohmann::json& s) const {
    const nlohmann::json* cur = &s;
    while (cur->is_object() && cur->contains("$ref")) {
      std::string ref = cur->at("$ref").get<std::string>();
      cur = &root_.at("definitions").at(ref.substr(ref.rfind('/') + 1));
    }
    return *cur;
  }

  // Walks the document and the schema along a valijson context.
  Place locate(const Node& doc, const nlohmann::json& schema, const std::string& prefix,
               const std::vector<std::string>& context) const {
    Place p{&doc, nullptr, prefix, &resolve(schema)};
    for (size_t i = 1; i < context.size(); ++i) {
      std::string seg = segment(context[i]);
      const nlohmann::json* next = nullptr;
      if (p.node->is_seq()) {
        size_t idx = std::strtoul(seg.c_str(), nullptr, 10);
        if (idx >= p.node->items.size()) break;
        p.node = &p.node->items[idx];
        p.path += "[" + seg + "]";
        if (p.schema && p.schema->contains("items")) next = &p.schema->at("items");
      } else if (const Member* m = p.node->member(seg)) {
        p.holder = m;
        p.node = &m->value;
        p.path += (p.path.empty() ? "" : ".") + seg;
        if (p.schema && p.schema->contains("properties") && p.schema->at("properties").contains(seg))
          next = &p.schema->at("properties").at(seg);
        else if (p.schema && p.schema->contains("additionalProperties"))
          next = &p.schema->at("additionalProperties");
      } else {
        break;
      }
      p.schema = next && next->is_object() ? &resolve(*next) : nullptr;
    }
    return p;
  }

  void report(const Node& doc, const nlohmann::json& schema, const std::string& prefix,
              const valijson::ValidationResults::Error& e) {
    const std::string& d = e.description;
    // valijson also reports every ancestor of a failing value; keep the leaves.
    if (starts(d, "Failed to validate against schema associated with property name") ||
        starts(d, "Failed to validate item #") || starts(d, "Failed to validate against child") ||
        starts(d, "Failed to validate against schema referenced") ||
        starts(d, "Failed to validate against dependent") ||
        starts(d, "Failed to validate against additional properties schema") ||
        starts(d, "Failed to validate against schema associated with 'then'") ||
        starts(d, "Failed to validate against schema associated with 'else'"))
      return;
    Place p = locate(doc, schema, prefix, e.context);
    const Node& n = *p.node;
    SourceLoc value_loc = n.loc;
    const nlohmann::json empty = nlohmann::json::object();
    const nlohmann::json& s = p.schema ? *p.schema : empty;

    if (starts(d, "Object contains a property that could not be validated")) {
      // valijson names only the first unknown key; report each, in order.
      const nlohmann::json* known = s.contains("properties") ? &s["properties"] : nullptr;
      for (const Member& m : n.members) {
        if (known && known->contains(m.key)) continue;
        diags_.error(m.key_loc, p.path.empty() ? m.key : p.path + "." + m.key,
                     "unknown field '" + m.key + "'", unknown_field_hint(m.key, p.path, s),
                     rule("unknown-field"));
      }
      return;
    }
    if (starts(d, "Missing required property")) {
      std::string key = quoted_name(d);
      SourceLoc at = p.holder ? p.holder->key_loc : value_loc;
      diags_.error(at, p.path.empty() ? key : p.path + "." + key,
                   "missing required field '" + key + "'", required_hint(p.path, key),
                   rule("required"));
      return;
    }
    if ((starts(d, "Value type not permitted") || starts(d, "Failed to match against any enum values")) &&
        is_placeholder(n)) {
      std::vector<std::string> values;
      for (const auto& v : s.value("enum", nlohmann::json::array()))
        values.push_back(v.is_string() ? v.get<std::string>() : v.dump());
      std::string expected = values.empty() ? type_list(s) : "one of " + join_names(values);
      diags_.error(value_loc, p.path, placeholder_message(n, expected), placeholder_hint(n),
                   rule("placeholder"));
      return;
    }
    if (starts(d, "Value type not permitted")) {
      diags_.error(value_loc, p.path,
                   "expected " + type_list(s) + ", got " + describe_value(n), type_hint(s, n, p.path),
                   rule("type"));
      return;
    }
    if (starts(d, "Failed to match against any enum values")) {
      std::vector<std::string> values;
      for (const auto& v : s.value("enum", nlohmann::json::array()))
        values.push_back(v.is_string() ? v.get<std::string>() : v.dump());
      std::string hint;
      std::string close = n.is_scalar() ? closest_match(n.text, values) : "";
      if (!close.empty()) hint = "did you mean '" + close + "'?";
      diags_.error(value_loc, p.path, describe_value(n) + " is not one of " + join_names(values),
                   hint, rule("enum"));
      return;
    }
    if (s.contains("errorMessage") &&
        (starts(d, "Failed to match regex") || starts(d, "String should be") ||
         starts(d, "Failed to match expected value set by 'const'") ||
         (n.kind == Node::Kind::String && starts(d, "Expected number")))) {
      diags_.error(value_loc, p.path, describe_value(n) + " " + s["errorMessage"].get<std::string>(),
                   value_hint(n, p.path), rule("format"));
      return;
    }
    if (starts(d, "Expected number greater than") && s.contains("minimum")) {
      diags_.error(value_loc, p.path,
                   "must be at least " + number(s["minimum"]) + ", got " + n.text, {},
                   rule("range"));
      return;
    }
    if (starts(d, "Expected number less than") && s.contains("maximum")) {
      diags_.error(value_loc, p.path,
                   "must be at most " + number(s["maximum"]) + ", got " + n.text, {},
                   rule("range"));
      return;
    }
    if (starts(d, "Array should contain no fewer than")) {
      diags_.error(value_loc, p.path, "must not be empty", {}, rule("range"));
      return;
    }
    if (starts(d, "Failed to match regex") && s.contains(kPatternKeyword)) {
      diags_.error(value_loc, p.path, describe_value(n) + " does not have the form this field requires",
                   "it must match the pattern " + s[kPatternKeyword].get<std::string>(),
                   rule("format"));
      return;
    }
    diags_.error(value_loc, p.path, lower_first(d), {}, rule("other"));
  }

 private:
  static bool starts(const std::string& s, const char* prefix) { return s.rfind(prefix, 0) == 0; }

  // The last '...' in a valijson description names the property.
  static std::string quoted_name(const std::string& d) {
    size_t e = d.rfind('\'');
    if (e == std::string::npos || e == 0) return {};
    size_t b = d.rfind('\'', e - 1);
    return b == std::string::npos ? std::string() : d.substr(b + 1, e - b - 1);
  }

  static std::string lower_first(std::string s) {
    if (!s.empty()) s[0] = static_cast<char>(std::tolower(static_cast<unsigned char>(s[0])));
    if (!s.empty() && s.back() == '.') s.pop_back();
    return s;
  }

  static std::string number(const nlohmann::json& v) {
    if (v.is_number_integer()) return std::to_string(v.get<int64_t>());
    return v.dump();
  }

  static std::string type_list(const nlohmann::json& s) {
    std::vector<std::string> types;
    if (s.contains("type") && s["type"].is_array())
      for (const auto& t : s["type"]) types.push_back(t.get<std::string>());
    else if (s.contains("type"))
      types.push_back(s["type"].get<std::string>());
    return type_names(types);
  }

  std::string type_hint(const nlohmann::json& s, const Node& n, const std::string& path) const {
    std::string hint = mpijobc::type_hint(
        s.value("type", nlohmann::json()).is_string() ? s["type"].get<std::string>() : "", n);
    return hint.empty() ? value_hint(n, path) : hint;
  }

  std::string value_hint(const Node& n, const std::string& path) const {
    return hints_.value ? hints_.value(n, path) : std::string();
  }

  std::string rule(const char* name) const { return rules_ + "/" + name; }

  std::string unknown_field_hint(const std::string& key, const std::string& path,
                                 const nlohmann::json& s) const {
    std::vector<std::string> known;
    if (s.contains("properties"))
      for (const auto& [k, v] : s["properties"].items()) known.push_back(k);
    if (hints_.unknown_field)
      if (std::string hint = hints_.unknown_field(key, path); !hint.empty()) return hint;
    std::string close = closest_match(key, known);
    if (!close.empty()) return "did you mean '" + close + "'?";
    if (!known.empty()) return "known fields here: " + join_names(known);
    return {};
  }

  std::string required_hint(const std::string& path, const std::string& key) const {
    return hints_.required ? hints_.required(path, key) : std::string();
  }

  const nlohmann::json& root_;
  const std::string& rules_;
  const SchemaHints& hints_;
  DiagnosticEngine& diags_;
};

}  // namespace

LocatedSchema::LocatedSchema(nlohmann::json document, std::string rules, SchemaHints hints)
    : document_(std::make_shared<const nlohmann::json>(rename_patterns(std::move(document)))),
      compiled_(compile_schema(*document_)),
      rules_(std::move(rules)),
      hints_(std::move(hints)) {}

bool LocatedSchema::check(const Node& node, const std::string& path, DiagnosticEngine& diags) const {
  NodeAdapter adapter(node);
  valijson::ValidationResults results;
  // A Validator per check: the schema is shared, read-only, across threads.
  valijson::Validator validator;
  if (validator.validate(*compiled_, adapter, &results)) return true;
  DiagnosticEngine found;
  Checker checker(*document_, rules_, hints_, found);
  valijson::ValidationResults::Error e;
  while (results.popError(e)) checker.report(node, *document_, path, e);
  // In the order of the file.
  std::vector<Diagnostic> sorted = found.all();
  std::stable_sort(sorted.begin(), sorted.end(), [](const Diagnostic& a, const Diagnostic& b) {
    return std::tie(a.loc.line, a.loc.column) < std::tie(b.loc.line, b.loc.column);
  });
  for (Diagnostic& d : sorted) diags.report(std::move(d));
  return false;
}

nlohmann::json to_json(const Node& n) {
  switch (n.kind) {
    case Node::Kind::Null: return nullptr;
    case Node::Kind::Bool: return n.as_bool().value_or(false);
    case Node::Kind::Int: return n.as_int().value_or(0);
    case Node::Kind::Float: return float_value(n);
    case Node::Kind::String: return n.text;
    case Node::Kind::Seq: {
      nlohmann::json a = nlohmann::json::array();
      for (const Node& i : n.items) a.push_back(to_json(i));
      return a;
    }
    case Node::Kind::Map: {
      nlohmann::json o = nlohmann::json::object();
      for (const Member& m : n.members) o[m.key] = to_json(m.value);
      return o;
    }
  }
  return nullptr;
}

}  // namespace mpijobc

#include "validate/structural_check.h"

#include <algorithm>
#include <map>
#include <memory>
#include <mutex>
#include <regex>
#include <set>
#include <tuple>

#include "support/schema_patterns.h"
#include "support/suggest.h"
#include "support/value_text.h"

namespace mpijobc::structural {
namespace {

// Patterns are compiled once per process, when a value first needs one (a
// CRD has a handful: the quantity pattern, repeated), for every thread.
class Patterns {
 public:
  // nullptr when `pattern` is not a regular expression.
  const SchemaRegex* get(std::string_view pattern) {
    std::lock_guard<std::mutex> lock(mutex_);
    auto [it, added] = compiled_.try_emplace(std::string(pattern));
    if (added) try {
        it->second = std::make_unique<SchemaRegex>(it->first, std::regex::ECMAScript);
      } catch (const std::regex_error&) {
      }
    return it->second.get();
  }

 private:
  std::mutex mutex_;
  std::map<std::string, std::unique_ptr<SchemaRegex>, std::less<>> compiled_;
};

Patterns& patterns() {
  static Patterns p;
  return p;
}

// RFC 3339 date-time, what format: date-time takes (Go's time.RFC3339).
bool is_date_time(const std::string& s) {
  static const std::regex re(
      R"(^\d{4}-\d{2}-\d{2}[Tt]\d{2}:\d{2}:\d{2}(\.\d+)?([Zz]|[+-]\d{2}:\d{2})$)");
  return std::regex_match(s, re);
}

uint8_t type_of(const Node& n) {
  switch (n.kind) {
    case Node::Kind::Map: return kObject;
    case Node::Kind::Seq: return kArray;
    case Node::Kind::String: return kString;
    case Node::Kind::Int: return kInteger;
    case Node::Kind::Float: return kNumber;
    case Node::Kind::Bool: return kBoolean;
    case Node::Kind::Null: return 0;
  }
  return 0;
}

std::vector<std::string> type_list(uint8_t types) {
  std::vector<std::string> out;
  if (types & kObject) out.push_back("object");
  if (types & kArray) out.push_back("array");
  if (types & kInteger && !(types & kNumber)) out.push_back("integer");
  if (types & kNumber) out.push_back("number");
  if (types & kString) out.push_back("string");
  if (types & kBoolean) out.push_back("boolean");
  return out;
}

// A scalar as JSON text, to compare with enum values and list items.
std::string json_text(const Node& n) {
  if (n.is_string()) return nlohmann::json(n.text).dump();
  if (n.is_null()) return "null";
  if (n.kind == Node::Kind::Int)
    if (auto v = n.as_int()) return std::to_string(*v);
  if (auto b = n.as_bool()) return *b ? "true" : "false";  // True, FALSE, ...
  return n.text;
}

size_t code_points(const std::string& s) {
  return static_cast<size_t>(std::count_if(s.begin(), s.end(), [](char c) {
    return (static_cast<unsigned char>(c) & 0xC0) != 0x80;
  }));
}

std::string join_path(const std::string& path, std::string_view key) {
  return path.empty() ? std::string(key) : path + "." + std::string(key);
}

class Checker {
 public:
  Checker(const Tables& t, DiagnosticEngine& diags) : t_(t), diags_(diags) {}

  void value(int32_t index, const Node& n, const std::string& path, SourceLoc key_loc) {
    const SchemaNode& s = t_.nodes[index];
    uint8_t type = type_of(n);
    if (n.is_null()) {
      if (!(s.flags & kNullable)) type_error(s, n, path);
      return;
    }
    if (s.types && !(s.types & type)) {
      type_error(s, n, path);
      return;
    }
    if (n.is_map()) object(s, n, path, key_loc);
    else if (n.is_seq()) array(s, n, path);
    else scalar(s, n, path);
  }

 private:
  void type_error(const SchemaNode& s, const Node& n, const std::string& path) {
    std::vector<std::string> types = type_list(s.types);
    if (is_placeholder(n)) {
      placeholder(n, path, type_names(types));
      return;
    }
    std::string hint = types.size() == 1 ? type_hint(types[0], n)
                       : (s.types & kString) && n.is_scalar() && !n.is_null()
                           ? type_hint("string", n)
                           : "";
    diags_.error(n.loc, path, "expected " + type_names(types) + ", got " + describe_value(n), hint,
                 "crd/type");
  }

  void placeholder(const Node& n, const std::string& path, const std::string& expected) {
    diags_.error(n.loc, path, placeholder_message(n, expected), placeholder_hint(n), "crd/placeholder");
  }

  const Property* property(const SchemaNode& s, std::string_view name) const {
    const Property* first = t_.properties + s.properties.first;
    const Property* last = first + s.properties.count;
    const Property* p = std::lower_bound(first, last, name,
                                         [](const Property& p, std::string_view n) { return p.name < n; });
    return p != last && p->name == name ? p : nullptr;
  }

  void object(const SchemaNode& s, const Node& n, const std::string& path, SourceLoc key_loc) {
    for (const Member& m : n.members) {
      std::string child = join_path(path, m.key);
      if (const Property* p = property(s, m.key)) {
        if (!m.value.is_null() || t_.nodes[p->node].flags & kNullable)
          value(p->node, m.value, child, m.key_loc);
      } else if (s.additional != kNone) {
        if (!m.value.is_null() || t_.nodes[s.additional].flags & kNullable)
          value(s.additional, m.value, child, m.key_loc);
      } else if (s.closed && !m.value.is_null()) {
        diags_.error(m.key_loc, child, "unknown field '" + m.key + "'", unknown_hint(s, m.key),
                     "crd/unknown-field");
      }
    }
    for (uint32_t i = 0; i < s.required.count; ++i) {
      std::string_view key = t_.strings[s.required.first + i];
      const Node* v = n.get(key);
      if (v && !v->is_null()) continue;
      diags_.error(key_loc.line ? key_loc : n.loc, join_path(path, key),
                   "missing required field '" + std::string(key) + "'", {}, "crd/required");
    }
  }

  std::string unknown_hint(const SchemaNode& s, const std::string& key) const {
    std::vector<std::string> known;
    for (uint32_t i = 0; i < s.properties.count; ++i)
      known.emplace_back(t_.properties[s.properties.first + i].name);
    std::string close = closest_match(key, known);
    if (!close.empty()) return "did you mean '" + close + "'?";
    if (std::string home = one_level_down(s, key); !home.empty())
      return "'" + key + "' is a field of " + home + ": move it there";
    return known.size() <= 12 ? "known fields here: " + join_names(known) : "";
  }

  // Where a misplaced key belongs, when a field here (or each item of a
  // list here) has it: "metadata", "containers[]" ("labels" under a pod
  // template, "imagePullPolicy" on a pod spec), the first of several; "" when none.
  std::string one_level_down(const SchemaNode& s, const std::string& key) const {
    std::vector<std::string> homes;
    for (uint32_t i = 0; i < s.properties.count; ++i) {
      const Property& p = t_.properties[s.properties.first + i];
      const SchemaNode* child = &t_.nodes[p.node];
      std::string home(p.name);
      if (child->items != kNone) {
        child = &t_.nodes[child->items];
        home += "[]";
      }
      if (property(*child, key)) homes.push_back(home);
    }
    if (homes.empty()) return {};
    std::string out = homes[0];
    if (homes.size() > 1) {
      out += " (or ";
      for (size_t i = 1; i < homes.size(); ++i) out += (i > 1 ? ", " : "") + homes[i];
      out += ")";
    }
    return out;
  }

  void array(const SchemaNode& s, const Node& n, const std::string& path) {
    size_t count = n.items.size();
    if (s.min_items != kUnbounded && count < static_cast<uint64_t>(s.min_items))
      diags_.error(n.loc, path,
                   s.min_items == 1 ? "must not be empty"
                                    : "must have at least " + std::to_string(s.min_items) + " items",
                   {}, "crd/range");
    if (s.max_items != kUnbounded && count > static_cast<uint64_t>(s.max_items))
      diags_.error(n.loc, path, "must have at most " + std::to_string(s.max_items) + " items", {},
                   "crd/range");
    std::map<std::string, const Node*> seen;  // an item's identity -> the first such item
    for (size_t i = 0; i < count; ++i) {
      const Node& item = n.items[i];
      std::string child = path + "[" + std::to_string(i) + "]";
      if (s.items != kNone) value(s.items, item, child, {});
      std::string identity = list_identity(s, item);
      if (identity.empty()) continue;
      auto [first, added] = seen.emplace(identity, &item);
      if (!added)
        diags_.error(item.loc, child, "duplicate entry: " + identity + " is already in this list",
                     "the earlier one is at line " + std::to_string(first->second->loc.line) +
                         "; the API server rejects lists with duplicates here",
                     "crd/duplicate");
    }
  }

  // What makes an item unique in a list-type set or map list; "" when it is
  // not such a list, or the item lacks its keys.
  std::string list_identity(const SchemaNode& s, const Node& item) const {
    if (s.flags & kListSet) return item.is_scalar() ? json_text(item) : "";
    if (!(s.flags & kListMap) || !item.is_map()) return {};
    std::string out;
    for (uint32_t i = 0; i < s.map_keys.count; ++i) {
      std::string_view key = t_.strings[s.map_keys.first + i];
      const Node* v = item.get(key);
      out += (i ? ", " : "") + std::string(key) + " " + (v ? json_text(*v) : "null");
    }
    return out;
  }

  void scalar(const SchemaNode& s, const Node& n, const std::string& path) {
    if (s.enum_values.count) {
      std::string text = json_text(n);
      std::vector<std::string> values;
      bool found = false;
      for (uint32_t i = 0; i < s.enum_values.count; ++i) {
        std::string_view v = t_.strings[s.enum_values.first + i];
        found = found || v == text;
        nlohmann::json parsed = nlohmann::json::parse(v);
        values.push_back(parsed.is_string() ? parsed.get<std::string>() : parsed.dump());
      }
      if (!found && is_placeholder(n)) {
        placeholder(n, path, "one of " + join_names(values));
        return;
      }
      if (!found) {
        std::string close = closest_match(n.text, values);
        diags_.error(n.loc, path, describe_value(n) + " is not one of " + join_names(values),
                     close.empty() ? "" : "did you mean '" + close + "'?", "crd/enum");
        return;
      }
    }
    if (n.is_string()) string(s, n, path);
    else if (n.kind == Node::Kind::Int) integer(s, n, path);
  }

  void string(const SchemaNode& s, const Node& n, const std::string& path) {
    if (s.pattern != kNone) {
      std::string_view pattern = t_.strings[s.pattern];
      const SchemaRegex* re = patterns().get(pattern);
      if (!re) {
        diags_.error(n.loc, path,
                     "the schema's pattern is not a valid regular expression: " + std::string(pattern),
                     {}, "crd/other");
        return;
      }
      if (!std::regex_search(n.text, *re)) {
        diags_.error(n.loc, path, describe_value(n) + " does not have the form this field requires",
                     "it must match the pattern " + std::string(pattern), "crd/format");
        return;
      }
    }
    if (s.format == Format::DateTime && !is_date_time(n.text)) {
      diags_.error(n.loc, path, describe_value(n) + " is not a date-time",
                   "write it as RFC 3339, e.g. 2026-01-31T12:00:00Z", "crd/format");
      return;
    }
    size_t length = code_points(n.text);
    if (s.min_length != kUnbounded && length < static_cast<uint64_t>(s.min_length))
      diags_.error(n.loc, path, "must be at least " + std::to_string(s.min_length) + " characters long",
                   {}, "crd/range");
    if (s.max_length != kUnbounded && length > static_cast<uint64_t>(s.max_length))
      diags_.error(n.loc, path, "must be at most " + std::to_string(s.max_length) + " characters long",
                   {}, "crd/range");
  }

  void integer(const SchemaNode& s, const Node& n, const std::string& path) {
    std::optional<int64_t> v = n.as_int();
    if (!v) {
      diags_.error(n.loc, path, n.text + " is out of the range of a 64-bit integer", {}, "crd/range");
      return;
    }
    if (s.format == Format::Int32 && (*v < INT32_MIN || *v > INT32_MAX)) {
      diags_.error(n.loc, path, n.text + " does not fit a 32-bit integer (format int32)",
                   "at most 2147483647", "crd/range");
      return;
    }
    int64_t min = s.minimum + (s.exclusive_minimum ? 1 : 0);
    int64_t max = s.maximum - (s.exclusive_maximum ? 1 : 0);
    if (s.minimum != kUnbounded && *v < min)
      diags_.error(n.loc, path, "must be at least " + std::to_string(min) + ", got " + n.text, {},
                   "crd/range");
    else if (s.maximum != kUnbounded && *v > max)
      diags_.error(n.loc, path, "must be at most " + std::to_string(max) + ", got " + n.text, {},
                   "crd/range");
  }

  const Tables& t_;
  DiagnosticEngine& diags_;
};

}  // namespace

bool check(const Tables& schema, const Node& doc, DiagnosticEngine& diags) {
  DiagnosticEngine found;
  Checker(schema, found).value(schema.root, doc, "", {});
  if (!found.has_errors()) return true;
  // In the order of the file (a missing field is reported at its parent's key).
  std::vector<Diagnostic> sorted = found.all();
  std::stable_sort(sorted.begin(), sorted.end(), [](const Diagnostic& a, const Diagnostic& b) {
    return std::tie(a.loc.line, a.loc.column) < std::tie(b.loc.line, b.loc.column);
  });
  for (Diagnostic& d : sorted) diags.report(std::move(d));
  return false;
}

}  // namespace mpijobc::structural

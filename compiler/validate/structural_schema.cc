#include "validate/structural_schema.h"

#include <algorithm>
#include <cmath>
#include <stdexcept>

namespace mpijobc::structural {
namespace {

uint8_t type_bit(const std::string& name, const std::string& path) {
  if (name == "object") return kObject;
  if (name == "array") return kArray;
  if (name == "string") return kString;
  if (name == "integer") return kInteger;
  if (name == "number") return kNumber | kInteger;  // an integer is a number
  if (name == "boolean") return kBoolean;
  throw std::invalid_argument(path + ": unknown type '" + name + "'");
}

int64_t bound(const nlohmann::json& schema, const char* key, bool lower) {
  auto it = schema.find(key);
  if (it == schema.end() || !it->is_number()) return kUnbounded;
  double v = it->get<double>();
  v = lower ? std::ceil(v) : std::floor(v);
  if (v >= 9.2e18) return INT64_MAX;
  if (v <= -9.2e18) return INT64_MIN + 1;
  return static_cast<int64_t>(v);
}

bool flag(const nlohmann::json& schema, const char* key) {
  auto it = schema.find(key);
  return it != schema.end() && it->is_boolean() && it->get<bool>();
}

}  // namespace

Compiled::Compiled(const nlohmann::json& schema) : root_(add(schema, "openAPIV3Schema")) {}

Tables Compiled::tables() const {
  return {nodes_.data(), properties_.data(), strings_.data(), nodes_.size(), properties_.size(),
          strings_.size(), root_};
}

uint32_t Compiled::add_string(std::string s) {
  auto [it, added] = by_text_.emplace("s" + s, static_cast<int32_t>(strings_.size()));
  if (added) strings_.push_back(storage_.emplace_back(std::move(s)));
  return static_cast<uint32_t>(it->second);
}

Span Compiled::add_strings(const std::vector<std::string>& values) {
  // Consecutive: a span of the strings table.
  Span span{static_cast<uint32_t>(strings_.size()), static_cast<uint32_t>(values.size())};
  for (const std::string& v : values) strings_.push_back(storage_.emplace_back(v));
  return span;
}

int32_t Compiled::add(const nlohmann::json& schema, const std::string& path) {
  if (!schema.is_object()) throw std::invalid_argument(path + ": a schema must be a mapping");
  std::string text = "n" + schema.dump();
  if (auto seen = by_text_.find(text); seen != by_text_.end()) return seen->second;

  SchemaNode node;
  if (auto type = schema.find("type"); type != schema.end()) {
    if (type->is_string()) node.types = type_bit(type->get<std::string>(), path);
    else if (type->is_array())
      for (const auto& t : *type)
        node.types |= type_bit(t.is_string() ? t.get<std::string>() : t.dump(), path);
    else throw std::invalid_argument(path + ": 'type' must be a string");
  }
  if (flag(schema, "x-kubernetes-int-or-string")) {
    node.flags |= kIntOrString;
    node.types = kInteger | kString;
  }
  if (flag(schema, "x-kubernetes-preserve-unknown-fields")) node.flags |= kPreserveUnknown;
  if (flag(schema, "nullable")) node.flags |= kNullable;
  if (flag(schema, "x-kubernetes-embedded-resource")) node.flags |= kEmbedded;
  std::string list_type = schema.value("x-kubernetes-list-type", "");
  if (list_type == "set") node.flags |= kListSet;
  if (list_type == "map") node.flags |= kListMap;

  std::string format = schema.value("format", "");
  node.format = format == "int32"       ? Format::Int32
                : format == "int64"     ? Format::Int64
                : format == "date-time" ? Format::DateTime
                                        : Format::None;

  if (auto items = schema.find("items"); items != schema.end() && items->is_object())
    node.items = add(*items, path + ".items");
  auto additional = schema.find("additionalProperties");
  if (additional != schema.end() && additional->is_object())
    node.additional = add(*additional, path + ".additionalProperties");
  bool additional_allowed = additional != schema.end() && !(additional->is_boolean() && !*additional);
  std::vector<std::pair<std::string, int32_t>> properties;
  if (auto props = schema.find("properties"); props != schema.end() && props->is_object()) {
    for (const auto& [name, sub] : props->items())
      properties.emplace_back(name, add(sub, path + "." + name));
    node.closed = !additional_allowed && !(node.flags & kPreserveUnknown);
  }
  std::sort(properties.begin(), properties.end());
  node.properties = {static_cast<uint32_t>(properties_.size()), static_cast<uint32_t>(properties.size())};
  for (auto& [name, child] : properties)
    properties_.push_back({storage_.emplace_back(std::move(name)), child});

  auto strings_of = [&](const char* key, bool as_json) {
    std::vector<std::string> out;
    auto it = schema.find(key);
    if (it != schema.end() && it->is_array())
      for (const auto& v : *it) {
        if (as_json) out.push_back(v.dump());
        else if (v.is_string()) out.push_back(v.get<std::string>());
      }
    return out;
  };
  node.required = add_strings(strings_of("required", false));
  node.enum_values = add_strings(strings_of("enum", true));
  node.map_keys = add_strings(strings_of("x-kubernetes-list-map-keys", false));
  if (auto pattern = schema.find("pattern"); pattern != schema.end() && pattern->is_string())
    node.pattern = static_cast<int32_t>(add_string(pattern->get<std::string>()));

  node.minimum = bound(schema, "minimum", true);
  node.maximum = bound(schema, "maximum", false);
  node.exclusive_minimum = flag(schema, "exclusiveMinimum");
  node.exclusive_maximum = flag(schema, "exclusiveMaximum");
  node.min_length = bound(schema, "minLength", true);
  node.max_length = bound(schema, "maxLength", false);
  node.min_items = bound(schema, "minItems", true);
  node.max_items = bound(schema, "maxItems", false);

  int32_t index = static_cast<int32_t>(nodes_.size());
  nodes_.push_back(node);
  by_text_.emplace(std::move(text), index);
  return index;
}

}  // namespace mpijobc::structural

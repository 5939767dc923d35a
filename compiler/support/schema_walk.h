// The structure of a JSON Schema (draft 4 to 7) that passes over a schema
// need: which keywords hold subschemas. Only those are walked, so a property
// that happens to be called "pattern" or "description" is never taken for a
// keyword, and neither is data under "enum", "const" or "default".
#pragma once

#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

namespace mpijobc {

// Calls f(sub) on each direct subschema of `schema` (a non-schema value, such
// as a "dependencies" list of names, may be passed too: f checks the type).
// `Json` is nlohmann::json, const or not.
template <typename Json, typename F>
void for_each_subschema(Json& schema, F&& f) {
  if (!schema.is_object()) return;
  auto holds_schemas = [](std::string_view k) {
    return k == "properties" || k == "patternProperties" || k == "definitions" || k == "$defs" ||
           k == "dependencies";
  };
  auto holds_schema_or_schemas = [](std::string_view k) {
    return k == "items" || k == "allOf" || k == "anyOf" || k == "oneOf" || k == "additionalItems" ||
           k == "additionalProperties" || k == "not" || k == "if" || k == "then" || k == "else" ||
           k == "contains" || k == "propertyNames";
  };
  for (auto& [keyword, value] : schema.items()) {
    if (holds_schemas(keyword) && value.is_object()) {
      for (auto& [name, sub] : value.items()) f(sub);
    } else if (holds_schema_or_schemas(keyword)) {
      if (value.is_array())
        for (auto& sub : value) f(sub);
      else
        f(value);
    }
  }
}

// Removes the annotations no validator reads ("description", "title",
// "$comment", "examples") from `schema` and all its subschemas. The build
// embeds the schemas stripped (cmake/strip_schema.cc): parsing the spec
// schema's descriptions was a tenth of a one-spec build.
inline void strip_annotations(nlohmann::json& schema) {
  if (!schema.is_object()) return;
  for (const char* annotation : {"description", "title", "$comment", "examples"})
    schema.erase(annotation);
  for_each_subschema(schema, strip_annotations);
}

// A schema of its own for definition `name` of `root`:
// {"$ref": "#/definitions/NAME", "definitions": {the definitions it reaches}}.
// The build embeds the spec schema's entry points so (cmake/strip_schema.cc):
// gathering them at every start was an eighth of a one-spec build.
inline nlohmann::json entry_schema(const nlohmann::json& root, const std::string& name) {
  const nlohmann::json& definitions = root.at("definitions");
  nlohmann::json used = nlohmann::json::object();
  auto reach = [&](const nlohmann::json& schema, auto& self) -> void {
    if (!schema.is_object()) return;
    auto ref = schema.find("$ref");
    if (ref != schema.end() && ref->is_string()) {
      const std::string& target = ref->template get_ref<const std::string&>();
      std::string def = target.substr(target.rfind('/') + 1);
      if (!used.contains(def)) {
        used[def] = definitions.at(def);
        self(definitions.at(def), self);
      }
    }
    for_each_subschema(schema, [&](const nlohmann::json& sub) { self(sub, self); });
  };
  nlohmann::json entry = {{"$ref", "#/definitions/" + name}};
  reach(entry, reach);
  entry["definitions"] = std::move(used);
  return entry;
}

}  // namespace mpijobc

#include "support/value_text.h"

#include <algorithm>

namespace mpijobc {

std::string describe_value(const Node& n) {
  if (n.is_map()) return "a mapping";
  if (n.is_seq()) return "a list";
  if (n.is_null()) return "null";
  if (n.is_string()) return "'" + (n.text.size() > 60 ? n.text.substr(0, 57) + "..." : n.text) + "'";
  return std::string(kind_name(n.kind)) + " " + n.text;
}

std::string type_names(const std::vector<std::string>& types) {
  if (types.empty()) return "a value";
  std::string out;
  for (size_t i = 0; i < types.size(); ++i) {
    const std::string& t = types[i];
    out += (i == 0 ? "" : i + 1 == types.size() ? " or " : ", ") +
           (t == "object" ? std::string("a mapping") : t == "array" ? std::string("a list") : t);
  }
  return out;
}

std::string type_hint(const std::string& type, const Node& n) {
  if (type == "string" && n.is_scalar() && !n.is_null()) return "quote it: \"" + n.text + "\"";
  if (n.is_string() && ((type == "boolean" && (n.text == "true" || n.text == "false")) ||
                        (type == "integer" && parse_yaml_int(n.text))))
    return "remove the quotes: " + n.text;
  if (type == "boolean") return "use true or false";
  if (type == "array" && n.is_string()) {
    std::string words;
    for (size_t b = 0, e; b < n.text.size(); b = e + 1) {
      e = std::min(n.text.find(' ', b), n.text.size());
      if (e > b) words += (words.empty() ? "" : ", ") + n.text.substr(b, e - b);
    }
    return "write it as a list: [" + words + "]";
  }
  return {};
}

std::string join_names(const std::vector<std::string>& names) {
  std::string out;
  for (size_t i = 0; i < names.size(); ++i) out += (i ? ", " : "") + names[i];
  return out;
}

}  // namespace mpijobc

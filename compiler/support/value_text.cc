#include "support/value_text.h"

#include <algorithm>
#include <cctype>

#include "support/plain_scalar.h"

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
  if (n.is_string() && ((type == "boolean" && resolve_plain(n.text) == Node::Kind::Bool) ||
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

namespace {

bool is_name(std::string_view s) {
  if (s.empty() || std::isdigit(static_cast<unsigned char>(s[0]))) return false;
  return std::all_of(s.begin(), s.end(),
                     [](char c) { return std::isalnum(static_cast<unsigned char>(c)) || c == '_'; });
}

bool is_go_template(std::string_view s) {
  return s.size() >= 4 && s.substr(0, 2) == "{{" && s.substr(s.size() - 2) == "}}";
}

}  // namespace

bool is_placeholder(const Node& n) {
  if (!n.is_string()) return false;
  std::string_view s = n.text;
  if (is_go_template(s)) return true;
  if (s.size() < 2 || s[0] != '$') return false;
  if (s[1] != '{') return is_name(s.substr(1));
  size_t end = s.find_first_of(":-=?+}", 2);
  return s.back() == '}' && end != std::string_view::npos && is_name(s.substr(2, end - 2));
}

std::string placeholder_message(const Node& n, const std::string& expected) {
  std::string what = expected.rfind("a ", 0) == 0 || expected.rfind("one of", 0) == 0 ? expected
                     : std::string("aeiou").find(expected[0]) != std::string::npos ? "an " + expected
                                                                                   : "a " + expected;
  return describe_value(n) + " is an unrendered placeholder where " + what + " is expected";
}

std::string placeholder_hint(const Node& n) {
  return std::string("this file looks like a template that was not rendered: render it first (") +
         (is_go_template(n.text) ? "helm template, or the tool that owns the {{ }}"
                                 : "envsubst, or the tool that sets $VARIABLES") +
         "), then check the result";
}

std::string join_names(const std::vector<std::string>& names) {
  std::string out;
  for (size_t i = 0; i < names.size(); ++i) out += (i ? ", " : "") + names[i];
  return out;
}

}  // namespace mpijobc

#include "support/yaml_writer.h"

#include <cstdio>

#include "support/text_checks.h"

namespace mpijobc {
namespace {

// Code points that YAML treats as line breaks or that must not appear raw
// (YAML 1.1 readers, libyaml and kubectl's among them, refuse C1 controls and
// U+FFFE/U+FFFF anywhere in a stream).
bool special_code_point(uint32_t cp) {
  return cp == 0x85 || cp == 0x2028 || cp == 0x2029 || cp == 0xFEFF ||
         (cp >= 0x80 && cp <= 0x9F) || cp == 0xFFFE || cp == 0xFFFF;
}

bool plain_char(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
         c == '_' || c == '.' || c == '/' || c == '@' || c == '=' || c == '+' || c == ':' ||
         c == '-' || c == ' ';
}

bool lower_equals(std::string_view s, std::string_view word) {
  if (s.size() != word.size()) return false;
  for (size_t i = 0; i < s.size(); ++i) {
    char c = s[i];
    if (c >= 'A' && c <= 'Z') c = char(c - 'A' + 'a');
    if (c != word[i]) return false;
  }
  return true;
}

bool can_be_plain(std::string_view s) {
  if (s.empty()) return false;
  auto letter = [](char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); };
  // Flags such as "-np" or "--epochs" stay plain: dashes then a letter.
  size_t dashes = s.find_first_not_of('-');
  if (dashes == std::string_view::npos) return false;
  char first = s[dashes];
  bool first_ok = letter(first) || (dashes == 0 && (first == '_' || first == '/'));
  if (!first_ok || s.back() == ' ' || s.back() == ':') return false;
  for (size_t i = 0; i < s.size(); ++i) {
    if (!plain_char(s[i])) return false;
    if (s[i] == ' ' && (s[i + 1] == ' ' || s[i - 1] == ':')) return false;
  }
  // Words that YAML 1.1 or 1.2 resolve to booleans or null.
  if (s.size() > 5) return true;
  for (std::string_view w : {"y", "n", "yes", "no", "on", "off", "true", "false", "null"})
    if (lower_equals(s, w)) return false;
  return true;
}

bool can_be_literal(std::string_view s) {
  if (s.empty() || s.front() == ' ' || s.front() == '\n' || s.front() == '\t') return false;
  // Exactly one trailing newline ("|") or none ("|-"); anything else is quoted.
  if (s.size() >= 2 && s[s.size() - 1] == '\n' && s[s.size() - 2] == '\n') return false;
  bool multi_line = false;
  for (size_t i = 0; i < s.size();) {
    uint32_t cp = 0;
    size_t len = decode_utf8(s, i, cp);
    if (len == 0 || special_code_point(cp)) return false;
    if (cp == '\n') {
      if (i + 1 < s.size()) multi_line = true;
    } else if (cp < 0x20 && cp != '\t') {
      return false;
    } else if (cp == 0x7F) {
      return false;
    }
    i += len;
  }
  return multi_line;
}

void append_quoted(std::string& out, std::string_view s) {
  out += '"';
  for (size_t i = 0; i < s.size();) {
    uint32_t cp = 0;
    size_t len = decode_utf8(s, i, cp);
    char buf[12];
    if (len == 0) {
      // Not UTF-8: keep the structure safe by escaping the byte.
      std::snprintf(buf, sizeof buf, "\\x%02X", static_cast<unsigned char>(s[i]));
      out += buf;
      ++i;
      continue;
    }
    switch (cp) {
      case '"': out += "\\\""; break;
      case '\\': out += "\\\\"; break;
      case '\n': out += "\\n"; break;
      case '\t': out += "\\t"; break;
      case '\r': out += "\\r"; break;
      default:
        if (cp < 0x20 || cp == 0x7F || special_code_point(cp)) {
          std::snprintf(buf, sizeof buf, "\\u%04X", cp);
          out += buf;
        } else {
          out.append(s.data() + i, len);
        }
    }
    i += len;
  }
  out += '"';
}

void append_string(std::string& out, std::string_view s) {
  if (can_be_plain(s)) out += s;
  else append_quoted(out, s);
}

void append_scalar(std::string& out, const Node& n, Spelling spelling) {
  bool canonical = spelling == Spelling::Canonical;
  switch (n.kind) {
    case Node::Kind::Null: out += "null"; return;
    case Node::Kind::Bool:
      out += canonical ? (n.as_bool().value_or(false) ? "true" : "false") : n.text;
      return;
    case Node::Kind::Int: {
      auto v = n.as_int();
      out += canonical && v ? std::to_string(*v) : n.text;
      return;
    }
    case Node::Kind::Float: out += n.text; return;
    default: append_string(out, n.text);
  }
}

void append_literal(std::string& out, std::string_view s, size_t indent) {
  bool trailing_newline = !s.empty() && s.back() == '\n';
  out += trailing_newline ? "|\n" : "|-\n";
  if (trailing_newline) s.remove_suffix(1);
  size_t start = 0;
  while (start <= s.size()) {
    size_t end = s.find('\n', start);
    if (end == std::string_view::npos) end = s.size();
    std::string_view line = s.substr(start, end - start);
    if (!line.empty()) out.append(indent, ' ').append(line);
    out += '\n';
    start = end + 1;
  }
}

bool is_block(const Node& n) {
  return (n.is_map() && !n.members.empty()) || (n.is_seq() && !n.items.empty());
}

// Writes a block collection whose lines are indented by `indent`, except the
// first, which is indented by `first` (0 after "- ").
void append_node(std::string& out, const Node& n, size_t indent, size_t first, Spelling spelling);

// Writes the value after "key:" or "- ", which has already been written.
void append_value(std::string& out, const Node& v, size_t indent, Spelling spelling) {
  if (is_block(v)) {
    out += '\n';
    append_node(out, v, indent, indent, spelling);
  } else if (v.is_map()) {
    out += " {}\n";
  } else if (v.is_seq()) {
    out += " []\n";
  } else if (v.is_string()) {
    out += ' ';
    if (can_be_plain(v.text)) {
      out += v.text;
    } else if (can_be_literal(v.text)) {
      append_literal(out, v.text, indent);
      return;
    } else {
      append_quoted(out, v.text);
    }
    out += '\n';
  } else {
    out += ' ';
    append_scalar(out, v, spelling);
    out += '\n';
  }
}

void append_node(std::string& out, const Node& n, size_t indent, size_t first, Spelling spelling) {
  if (n.is_map()) {
    for (const Member& m : n.members) {
      out.append(&m == n.members.data() ? first : indent, ' ');
      append_string(out, m.key);
      out += ':';
      append_value(out, m.value, indent + 2, spelling);
    }
  } else if (n.is_seq()) {
    for (const Node& item : n.items) {
      out.append(&item == n.items.data() ? first : indent, ' ');
      out += '-';
      if (item.is_map() && !item.members.empty()) {
        // "- key: value" with the rest of the mapping aligned under the key.
        out += ' ';
        append_node(out, item, indent + 2, 0, spelling);
      } else {
        append_value(out, item, indent + 2, spelling);
      }
    }
  }
}

}  // namespace

std::string yaml_scalar(std::string_view s) {
  std::string out;
  append_string(out, s);
  return out;
}

std::string to_yaml(const Node& doc, Spelling spelling) {
  std::string out;
  out.reserve(4096);  // a generated manifest, without growing through every power of two
  if (is_block(doc)) {
    append_node(out, doc, 0, 0, spelling);
  } else if (doc.is_map()) {
    out = "{}\n";
  } else if (doc.is_seq()) {
    out = "[]\n";
  } else {
    append_scalar(out, doc, spelling);
    out += '\n';
  }
  return out;
}

}  // namespace mpijobc

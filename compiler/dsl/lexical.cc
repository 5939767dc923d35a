#include "dsl/lexical.h"

#include "support/text_checks.h"

#include <cstdint>
#include <cstdio>

namespace mpijobc::dsl {
namespace {

bool digit(char c) { return c >= '0' && c <= '9'; }
bool letter(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }

// Skips [0-9]+ from `i`; false when there is no digit.
bool digits(std::string_view s, size_t& i) {
  size_t start = i;
  while (i < s.size() && digit(s[i])) ++i;
  return i > start;
}

// Code points a string literal spells as escapes: controls, line and
// paragraph separators, and bidirectional overrides (which could make the
// source read differently from what it says).
bool escaped(uint32_t cp) {
  return cp < 0x20 || (cp >= 0x7F && cp <= 0x9F) || cp == 0x2028 || cp == 0x2029 ||
         (cp >= 0x202A && cp <= 0x202E) || (cp >= 0x2066 && cp <= 0x2069);
}

void append_utf8(std::string& out, uint32_t cp) {
  if (cp < 0x80) {
    out += static_cast<char>(cp);
  } else if (cp < 0x800) {
    out += static_cast<char>(0xC0 | (cp >> 6));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else if (cp < 0x10000) {
    out += static_cast<char>(0xE0 | (cp >> 12));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else {
    out += static_cast<char>(0xF0 | (cp >> 18));
    out += static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  }
}

}  // namespace

bool is_word(std::string_view s) {
  if (s.empty() || !(letter(s[0]) || s[0] == '_')) return false;
  for (char c : s)
    if (!(letter(c) || digit(c) || c == '_' || c == '.' || c == '-')) return false;
  return true;
}

bool is_unit(std::string_view s) {
  size_t i = 0;
  if (!digits(s, i)) return false;
  if (i < s.size() && s[i] == '.') {
    ++i;
    if (!digits(s, i)) return false;
  }
  if (i == s.size()) return false;
  for (; i < s.size(); ++i)
    if (!letter(s[i])) return false;
  return true;
}

std::string_view unit_suffix(std::string_view unit) {
  size_t i = unit.size();
  while (i > 0 && letter(unit[i - 1])) --i;
  return unit.substr(i);
}

long long duration_unit_seconds(std::string_view suffix) {
  if (suffix == "s") return 1;
  if (suffix == "min") return 60;
  if (suffix == "h") return 3600;
  if (suffix == "d") return 86400;
  return 0;
}

std::string quote(std::string_view s) {
  std::string out = "\"";
  for (size_t i = 0; i < s.size();) {
    uint32_t cp = 0xFFFD;
    size_t n = decode_utf8(s, i, cp);
    if (n == 0) n = 1, cp = 0xFFFD;  // not UTF-8: unreachable after check_text
    switch (cp) {
      case '"': out += "\\\""; break;
      case '\\': out += "\\\\"; break;
      case '\n': out += "\\n"; break;
      case '\t': out += "\\t"; break;
      case '\r': out += "\\r"; break;
      default:
        if (escaped(cp)) {
          char buf[16];
          std::snprintf(buf, sizeof buf, "\\u{%X}", static_cast<unsigned>(cp));
          out += buf;
        } else if (cp == 0xFFFD && n == 1) {
          append_utf8(out, cp);
        } else {
          out.append(s.substr(i, n));
        }
    }
    i += n;
  }
  return out + '"';
}

std::optional<std::string> unescape(std::string_view body, size_t& bad_at) {
  std::string out;
  for (size_t i = 0; i < body.size(); ++i) {
    if (body[i] != '\\') {
      out += body[i];
      continue;
    }
    bad_at = i;
    char c = i + 1 < body.size() ? body[i + 1] : '\0';
    ++i;
    switch (c) {
      case '"': out += '"'; break;
      case '\\': out += '\\'; break;
      case 'n': out += '\n'; break;
      case 't': out += '\t'; break;
      case 'r': out += '\r'; break;
      case 'u': {
        size_t close = body.find('}', i);
        if (i + 1 >= body.size() || body[i + 1] != '{' || close == std::string_view::npos ||
            close == i + 2 || close > i + 8)
          return std::nullopt;
        uint32_t cp = 0;
        for (size_t k = i + 2; k < close; ++k) {
          char h = body[k];
          int v = digit(h) ? h - '0' : (h >= 'a' && h <= 'f') ? h - 'a' + 10
                                     : (h >= 'A' && h <= 'F') ? h - 'A' + 10 : -1;
          if (v < 0) return std::nullopt;
          cp = cp * 16 + static_cast<uint32_t>(v);
        }
        if (cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) return std::nullopt;
        append_utf8(out, cp);
        i = close;
        break;
      }
      default: return std::nullopt;
    }
  }
  return out;
}

}  // namespace mpijobc::dsl

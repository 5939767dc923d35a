#include "support/plain_scalar.h"

namespace mpijobc {
namespace {

bool all_of(std::string_view s, size_t from, bool (*pred)(char)) {
  if (from >= s.size()) return false;
  for (size_t i = from; i < s.size(); ++i)
    if (!pred(s[i])) return false;
  return true;
}
bool is_dec(char c) { return c >= '0' && c <= '9'; }
bool is_oct(char c) { return c >= '0' && c <= '7'; }
bool is_hex(char c) { return is_dec(c) || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F'); }

bool is_one_of(std::string_view s, std::initializer_list<std::string_view> words) {
  for (std::string_view w : words)
    if (s == w) return true;
  return false;
}

bool is_int(std::string_view s) {
  if (s.size() > 2 && s[0] == '0' && s[1] == 'o') return all_of(s, 2, is_oct);
  if (s.size() > 2 && s[0] == '0' && s[1] == 'x') return all_of(s, 2, is_hex);
  size_t i = (!s.empty() && (s[0] == '-' || s[0] == '+')) ? 1 : 0;
  return all_of(s, i, is_dec);
}

bool is_float(std::string_view s) {
  size_t i = 0;
  if (i < s.size() && (s[i] == '-' || s[i] == '+')) ++i;
  if (is_one_of(s.substr(i), {".inf", ".Inf", ".INF"})) return true;
  if (is_one_of(s, {".nan", ".NaN", ".NAN"})) return true;
  size_t digits = 0;
  while (i < s.size() && is_dec(s[i])) ++i, ++digits;
  if (i < s.size() && s[i] == '.') {
    ++i;
    while (i < s.size() && is_dec(s[i])) ++i, ++digits;
  }
  if (digits == 0) return false;
  if (i < s.size() && (s[i] == 'e' || s[i] == 'E')) {
    ++i;
    if (i < s.size() && (s[i] == '-' || s[i] == '+')) ++i;
    return all_of(s, i, is_dec);
  }
  return i == s.size();
}

}  // namespace

Node::Kind resolve_plain(std::string_view s) {
  if (is_one_of(s, {"", "~", "null", "Null", "NULL"})) return Node::Kind::Null;
  if (is_one_of(s, {"true", "True", "TRUE", "false", "False", "FALSE"})) return Node::Kind::Bool;
  if (is_int(s)) return Node::Kind::Int;
  if (is_float(s)) return Node::Kind::Float;
  return Node::Kind::String;
}

}  // namespace mpijobc

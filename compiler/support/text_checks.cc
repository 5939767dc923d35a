#include "support/text_checks.h"

#include <cstdio>
#include <string>

namespace mpijobc {
namespace {

// Offset of the first C0 control character other than tab, LF and CR, or
// npos. Neither YAML nor JSON allows them raw (both spell them as escapes);
// reporting them here names the character, where a parser would only stop.
size_t first_control(std::string_view s) {
  for (size_t i = 0; i < s.size(); ++i) {
    unsigned char c = static_cast<unsigned char>(s[i]);
    if (c < 0x20 && c != '\t' && c != '\n' && c != '\r') return i;
  }
  return std::string_view::npos;
}

}  // namespace

size_t decode_utf8_multibyte(std::string_view s, size_t i, uint32_t& cp) {
  unsigned char c = static_cast<unsigned char>(s[i]);
  size_t len = (c >> 5) == 6 ? 2 : (c >> 4) == 14 ? 3 : (c >> 3) == 30 ? 4 : 0;
  if (len == 0 || i + len > s.size()) return 0;
  cp = c & (0x7F >> len);
  for (size_t k = 1; k < len; ++k) {
    unsigned char cc = static_cast<unsigned char>(s[i + k]);
    if ((cc & 0xC0) != 0x80) return 0;
    cp = (cp << 6) | (cc & 0x3F);
  }
  static const uint32_t min_for_len[] = {0, 0, 0x80, 0x800, 0x10000};
  if (cp < min_for_len[len] || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) return 0;
  return len;
}

size_t valid_utf8_prefix(std::string_view s) {
  size_t i = 0;
  uint32_t cp = 0;
  for (size_t n; i < s.size() && (n = decode_utf8(s, i, cp)) != 0;) i += n;
  return i;
}

std::string printable(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  while (!s.empty()) {
    size_t valid = valid_utf8_prefix(s);
    for (char c : s.substr(0, valid))
      out += (static_cast<unsigned char>(c) < 0x20 && c != '\t') || c == 0x7F ? '?' : c;
    if (valid == s.size()) break;
    out += '?';  // one byte that is not UTF-8
    s.remove_prefix(valid + 1);
  }
  return out;
}

bool check_text(const SourceManager& sources, uint32_t file, DiagnosticEngine& diags,
                const TextLimits& limits) {
  const std::string& text = sources.text(file);
  if (text.size() > limits.max_bytes) {
    diags.error({file, 1, 1}, {},
                "file too large: " + std::to_string(text.size()) + " bytes, the limit is " +
                    std::to_string(limits.max_bytes),
                "split it into several files", "input/too-large");
    return false;
  }
  if (size_t nul = text.find('\0'); nul != std::string::npos) {
    diags.error(sources.loc(file, nul), {}, "NUL byte in the input",
                "job specs and manifests are UTF-8 text; is this a binary file?", "input/encoding");
    return false;
  }
  if (size_t valid = valid_utf8_prefix(text); valid != text.size()) {
    diags.error(sources.loc(file, valid), {}, "invalid UTF-8 in the input",
                "save the file as UTF-8", "input/encoding");
    return false;
  }
  if (size_t at = first_control(text); at != std::string_view::npos) {
    char name[8];
    std::snprintf(name, sizeof name, "U+%04X", static_cast<unsigned>(text[at]));
    diags.error(sources.loc(file, at), {},
                std::string("control character ") + name + " in the input",
                "remove it; in a YAML double-quoted string write it as an escape, e.g. \\x07",
                "input/encoding");
    return false;
  }
  return true;
}

}  // namespace mpijobc

// Checks every input text passes before a front end parses it: size, NUL
// bytes, UTF-8 validity. Each failure is one located error, so hostile or
// binary files get a clear message instead of reaching a parser.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "support/diagnostics.h"

namespace mpijobc {

struct TextLimits {
  size_t max_bytes = 16u << 20;  // 16 MiB: far above any spec or manifest
};

// Returns true when the registered file's text may be parsed.
bool check_text(const SourceManager& sources, uint32_t file, DiagnosticEngine& diags,
                const TextLimits& limits = {});

// Decodes one UTF-8 code point at s[i] into `cp`; returns its length, 0 when
// the bytes there are not UTF-8 (overlong, surrogate, above U+10FFFF, cut).
// ASCII, most of any input, is decoded inline.
size_t decode_utf8_multibyte(std::string_view s, size_t i, uint32_t& cp);
inline size_t decode_utf8(std::string_view s, size_t i, uint32_t& cp) {
  unsigned char c = static_cast<unsigned char>(s[i]);
  if (c >= 0x80) return decode_utf8_multibyte(s, i, cp);
  cp = c;
  return 1;
}

// Length of the valid UTF-8 prefix of `s` (s.size() when all of it is valid).
// Overlong forms, surrogates and code points above U+10FFFF are invalid.
size_t valid_utf8_prefix(std::string_view s);

// `s` with control characters (other than tab) and bytes that are not UTF-8
// shown as '?', for echoing user text to a terminal.
std::string printable(std::string_view s);

}  // namespace mpijobc

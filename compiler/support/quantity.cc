#include "support/quantity.h"

#include <cmath>
#include <string>

namespace mpijobc {
namespace {

struct Suffix {
  std::string_view text;
  int base, exponent;  // value × base^exponent
};

// Longest first, so "Mi" wins over "M".
constexpr Suffix kSuffixes[] = {
    {"Ki", 2, 10}, {"Mi", 2, 20}, {"Gi", 2, 30}, {"Ti", 2, 40}, {"Pi", 2, 50}, {"Ei", 2, 60},
    {"n", 10, -9}, {"u", 10, -6}, {"m", 10, -3}, {"k", 10, 3},  {"M", 10, 6},  {"G", 10, 9},
    {"T", 10, 12}, {"P", 10, 15}, {"E", 10, 18},
};

bool digits(std::string_view s) {
  if (s.empty()) return false;
  for (char c : s)
    if (c < '0' || c > '9') return false;
  return true;
}

// [0-9]+(\.[0-9]*)? | \.[0-9]+
bool decimal(std::string_view s) {
  size_t dot = s.find('.');
  if (dot == std::string_view::npos) return digits(s);
  std::string_view whole = s.substr(0, dot), frac = s.substr(dot + 1);
  return (digits(whole) && (frac.empty() || digits(frac))) || (whole.empty() && digits(frac));
}

}  // namespace

std::optional<long double> parse_quantity(std::string_view text) {
  if (!text.empty() && (text[0] == '+' || text[0] == '-')) {
    if (text[0] == '-') return std::nullopt;  // never valid for resources
    text.remove_prefix(1);
  }
  long double scale = 1;
  size_t end = text.size();
  for (const Suffix& s : kSuffixes)
    if (text.size() > s.text.size() && text.substr(text.size() - s.text.size()) == s.text) {
      scale = std::pow(static_cast<long double>(s.base), s.exponent);
      end = text.size() - s.text.size();
      break;
    }
  std::string_view number = text.substr(0, end);
  if (end == text.size()) {  // a decimal exponent: 1e3, 2.5E-1
    size_t e = number.find_first_of("eE");
    if (e != std::string_view::npos) {
      std::string_view exp = number.substr(e + 1);
      if (!exp.empty() && (exp[0] == '+' || exp[0] == '-')) exp.remove_prefix(1);
      if (!digits(exp) || exp.size() > 4) return std::nullopt;
      scale = std::pow(10.0L, std::stoi(std::string(number.substr(e + 1))));
      number = number.substr(0, e);
    }
  }
  if (!decimal(number)) return std::nullopt;
  return std::stold(std::string(number)) * scale;
}

}  // namespace mpijobc

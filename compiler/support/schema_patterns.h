// JSON Schema "pattern" for valijson, compiled once per schema. valijson
// compiles each pattern with std::regex on first use and caches it in the
// Validator: a cache that threads cannot share, and a compilation that was
// 37 % of a one-spec build, because libstdc++'s regex_traits looks up the
// locale for every character of every bracket expression. Here patterns are compiled with regex traits of the C locale
// (ECMA-262 regexes, which JSON Schema specifies, do not depend on a locale),
// and a parsed schema holds no mutable state, so one schema checks documents
// on several threads.
#pragma once

#include <memory>
#include <regex>
#include <string>

#include <nlohmann/json.hpp>

namespace valijson {
class Schema;
}

namespace mpijobc {

// The keyword valijson sees instead of "pattern": it has no hook to replace
// one of its own keywords, only to add new ones.
inline constexpr const char* kPatternKeyword = "x-mpijobc-pattern";

// Renames every "pattern" keyword of `schema` and its subschemas (not
// properties that happen to be called "pattern") to kPatternKeyword.
nlohmann::json rename_patterns(nlohmann::json schema);

// std::regex_traits<char> of the C locale, without its locale lookups.
struct CLocaleRegexTraits : std::regex_traits<char> {
  template <typename It>
  string_type transform_primary(It first, It last) const {
    string_type s(first, last);
    for (char& c : s)
      if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    return s;
  }
  bool isctype(char c, char_class_type f) const {
    return f != char_class_type() && std::regex_traits<char>::isctype(c, f);
  }
};
using SchemaRegex = std::basic_regex<char, CLocaleRegexTraits>;

// valijson's form of `schema`, a document from rename_patterns: each
// distinct pattern is compiled once, when a check first needs it; an invalid
// one fails every value it checks, saying so. (valijson's schema parser is
// instantiated here and its validator in located_schema.cc: each is a large
// template, and apart they compile side by side.)
std::shared_ptr<const valijson::Schema> compile_schema(const nlohmann::json& schema);

}  // namespace mpijobc

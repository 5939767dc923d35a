// The DSL's lexical classes and string escapes, shared by the parser, the
// printer and from_node, so that a value is printed bare only when it reads
// back as the same kind of token, and a quoted string reads back unchanged.
// They mirror the token rules of grammar/MpiJob.g4; numbers are YAML's
// (support/plain_scalar.h).
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

namespace mpijobc::dsl {

bool is_word(std::string_view s);   // [A-Za-z_][A-Za-z0-9_.-]*
bool is_unit(std::string_view s);   // [0-9]+(.[0-9]+)?[A-Za-z]+

// A unit literal's suffix ("Gi" of "4Gi").
std::string_view unit_suffix(std::string_view unit);
// Seconds in one of a duration suffix: s, min, h, d; 0 for any other suffix
// (those are Kubernetes quantities: 500m is half a CPU, not 500 minutes).
long long duration_unit_seconds(std::string_view suffix);

// `s` as a DSL string literal: quotes, backslashes and control characters
// escaped (\" \\ \n \t \r \u{...}), everything else as UTF-8.
std::string quote(std::string_view s);

// The value of a string token's body (between the quotes). On a bad escape,
// nullopt and `bad_at` is its offset in `body`.
std::optional<std::string> unescape(std::string_view body, size_t& bad_at);

}  // namespace mpijobc::dsl

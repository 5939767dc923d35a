// How findings about a value's type name the value, the accepted types and
// the fix; shared by the schema checkers (support/located_schema.h for the
// spec's JSON Schema, validate/structural_check.h for CRD schemas), so a
// wrong type reads the same wherever it is found.
#pragma once

#include <string>
#include <vector>

#include "support/node.h"

namespace mpijobc {

// "'text'" (cut at 60 characters), "integer 3", "null", "a mapping", "a list".
std::string describe_value(const Node& n);

// JSON Schema type names as a reader says them: "integer or string", "a mapping".
std::string type_names(const std::vector<std::string>& types);

// The fix when a value of the wrong type stands where a `type` is expected
// ("remove the quotes: 4", "quote it: \"2\"", "write it as a list: [a, b]"); "" when none.
std::string type_hint(const std::string& type, const Node& n);

// Whether `n` is a string that looks like a placeholder of a template that
// was not rendered: "${X}", "${X:-default}", "$X" alone, "{{ ... }}".
bool is_placeholder(const Node& n);
// "'$X' is an unrendered placeholder where an integer is expected", for the
// type names of type_names() or "one of ...".
std::string placeholder_message(const Node& n, const std::string& expected);
// The hint for one: which tool renders it.
std::string placeholder_hint(const Node& n);

// "a, b, c".
std::string join_names(const std::vector<std::string>& names);

}  // namespace mpijobc

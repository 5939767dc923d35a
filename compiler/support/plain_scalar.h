// The one resolution of bare scalars in mpijobc: the YAML 1.2 core schema's
// for an untagged plain scalar. The YAML reader applies it to plain scalars,
// the DSL to its bare words and numbers, so `0x1F`, `+3`, `010`, `.5`, `True`
// mean the same in both syntaxes; `mpijobc convert` writes a scalar bare only
// where the other syntax resolves its text to the same kind.
#pragma once

#include <string_view>

#include "support/node.h"

namespace mpijobc {

// Null for "", "~" and null/Null/NULL; Bool for true/True/TRUE/false/False/
// FALSE; Int for [-+]?[0-9]+, 0o[0-7]+ and 0x[0-9a-fA-F]+; Float for decimal
// and exponent forms ([-+]?(.5|1|1.|1.5)([eE][-+]?[0-9]+)?), [-+]?.inf and .nan
// in their three spellings; String for anything else. Ints are not range
// checked here (parse_yaml_int).
Node::Kind resolve_plain(std::string_view text);

}  // namespace mpijobc

// The canonical layout of a .mpijob file, used by `mpijobc fmt` and
// `mpijobc convert --to dsl`:
//   - two-space indentation, one entry per line, a blank line between jobs;
//   - blank lines between entries kept (at most one), none after '{' or
//     before '}';
//   - a block of at most four scalar entries, or a list of scalars and such
//     blocks, on one line ({ cpu 1, mem 1Gi }, [a, b]) when it holds no
//     comment and the line stays within 100 columns; otherwise one entry or
//     item per line, items ending in ',';
//   - keys bare when they are words, else quoted; literals as written;
//   - every comment kept: whole-line comments above what they lead, trailing
//     ones after two spaces.
// print(parse(print(f))) == print(f): formatting is idempotent.
#pragma once

#include <string>

#include "dsl/ast.h"

namespace mpijobc::dsl {

std::string print(const File& file);

}  // namespace mpijobc::dsl

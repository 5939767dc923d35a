// Puts every comment of a parsed file on an element of its tree, so the
// formatter keeps them all: a comment after code on the same line trails that
// code; a comment on its own line leads the element below it (or closes the
// block it ends). Blank lines are kept as "" in the leading lists.
#pragma once

#include "BufferedTokenStream.h"
#include "dsl/ast.h"

namespace mpijobc::dsl {

void attach_comments(File& file, antlr4::BufferedTokenStream& tokens);

}  // namespace mpijobc::dsl

// Node types of the DSL's parse tree, told apart without dynamic_cast.
#pragma once

#include <typeinfo>

#include "tree/ParseTree.h"

namespace mpijobc::dsl {

// `node` as a T when it is exactly a T, else nullptr. T is one of the
// contexts generated from the grammar: no class derives from them, and
// ParseTree is not a virtual base of theirs.
// dynamic_cast walked the class hierarchy for every node the parser's
// accessors and the passes over the tree looked at: a tenth of a DSL
// build's instructions.
template <class T>
T* tree_cast(antlr4::tree::ParseTree* node) {
  return typeid(*node) == typeid(T) ? static_cast<T*>(node) : nullptr;
}

}  // namespace mpijobc::dsl

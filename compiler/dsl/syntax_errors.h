// How the DSL parser reports bad input: lexical problems found by a pass
// over the tokens (stray characters, unclosed strings, malformed numbers,
// bad escapes, nesting too deep), and syntax errors phrased from the rule
// being parsed ("expected a value for 'replicas', found '}'") instead of
// ANTLR's token-set dumps. Every error is located at its token.
#pragma once

#include <string>
#include <vector>

#include "BufferedTokenStream.h"
#include "DefaultErrorStrategy.h"
#include "support/diagnostics.h"

namespace mpijobc::dsl {

// Byte positions of ANTLR tokens, whose indices count code points.
class TokenLocs {
 public:
  // `byte_of_code_point`: the lexer's (Lexer::byte_offsets).
  TokenLocs(const SourceManager& sources, uint32_t file, std::vector<size_t> byte_of_code_point);
  SourceLoc at(const antlr4::Token* token) const;
  SourceLoc at_offset(size_t byte_offset) const { return sources_.loc(file_, byte_offset); }
  size_t byte_offset(size_t code_point_index) const;

 private:
  const SourceManager& sources_;
  uint32_t file_;
  std::vector<size_t> byte_of_code_point_;
};

struct DslLimits {
  size_t max_depth = 128;              // nested blocks and lists
  size_t max_scalar_bytes = 1u << 20;  // one string or word
  // The reference the parser is checked against (parser_test.cc): one pass
  // with full-LL prediction, ANTLR's default, instead of SLL.
  bool full_ll = false;
};

// Reports every lexical error in the filled token stream. Offending tokens
// are neutralised (stray characters hidden, broken literals turned into
// strings) so the parser can go on to report real syntax errors. Returns
// false when the input must not be parsed at all (nesting too deep: the
// parser recurses).
bool check_tokens(antlr4::BufferedTokenStream& tokens, const TokenLocs& locs,
                  DiagnosticEngine& diags, const DslLimits& limits);

// Reports every entry without a value (the grammar lets the value out so
// that one missing value does not derail the parse of what follows).
void check_values(antlr4::tree::ParseTree* tree, antlr4::BufferedTokenStream& tokens,
                  const TokenLocs& locs, DiagnosticEngine& diags);

// The parser's error strategy: ANTLR's recovery, our messages.
class SyntaxErrors : public antlr4::DefaultErrorStrategy {
 public:
  SyntaxErrors(const TokenLocs& locs, DiagnosticEngine& diags) : locs_(locs), diags_(diags) {}

 protected:
  void reportNoViableAlternative(antlr4::Parser* parser,
                                 const antlr4::NoViableAltException& e) override;
  void reportInputMismatch(antlr4::Parser* parser,
                           const antlr4::InputMismatchException& e) override;
  void reportUnwantedToken(antlr4::Parser* parser) override;
  void reportMissingToken(antlr4::Parser* parser) override;
  antlr4::Token* singleTokenDeletion(antlr4::Parser* parser) override;

 private:
  void report(antlr4::Parser* parser, antlr4::Token* found);

  const TokenLocs& locs_;
  DiagnosticEngine& diags_;
};

}  // namespace mpijobc::dsl

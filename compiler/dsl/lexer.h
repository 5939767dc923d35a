// The DSL's lexer: the lexer rules of grammar/MpiJob.g4, hand-written.
//
// ANTLR's generated lexer simulates its ATN through a DFA cache behind a
// lock, one code point at a time: it was a quarter of a DSL build's
// instructions (README, "Why the DSL lexer is hand-written"). This one
// applies the same rules the same way ANTLR does (the longest match wins; of
// equally long matches, the rule written first) and produces the same
// tokens: type, text, channel, code point indices, line and column. The
// generated lexer stays the reference: lexer_test.cc and the DSL fuzzer
// compare the two token by token.
#pragma once

#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "CharStream.h"
#include "CommonTokenFactory.h"
#include "TokenSource.h"

namespace mpijobc::dsl {

class Lexer : public antlr4::TokenSource {
 public:
  // `input`, when given, holds the same text for the tokens to refer to, as
  // ANTLR's do. The parser gives none: its tokens carry their text, and
  // ANTLR's input stream would copy the file into UTF-32 first.
  explicit Lexer(std::string_view text, antlr4::CharStream* input = nullptr);

  // The byte offset of each code point of the text (after a byte order
  // mark), and of its end: where a token's indices are in the file.
  const std::vector<size_t>& byte_offsets() const { return byte_of_; }

  std::unique_ptr<antlr4::Token> nextToken() override;
  size_t getLine() const override { return line_; }
  size_t getCharPositionInLine() override { return column_; }
  antlr4::CharStream* getInputStream() override { return input_; }
  std::string getSourceName() override { return input_ ? input_->getSourceName() : "<dsl>"; }
  antlr4::TokenFactory<antlr4::CommonToken>* getTokenFactory() override {
    return antlr4::CommonTokenFactory::DEFAULT.get();
  }

 private:
  // The length in code points of the longest match at code point `i`, and
  // its token type (SPACE included; BAD_CHAR when nothing else matches).
  std::pair<size_t, size_t> longest_match(size_t i) const;
  void advance(size_t count);

  std::string_view text_;
  antlr4::CharStream* input_;
  std::vector<char32_t> cps_;     // the text's code points
  std::vector<size_t> byte_of_;   // the byte offset of each, and of the end
  size_t next_ = 0;               // code point index of the next token
  size_t line_ = 1, column_ = 0;  // of `next_`, counted as ANTLR counts
};

// The length of a UTF-8 byte order mark that starts `text` (3), else 0.
// ANTLR's input stream skips it, and so does this lexer: code point 0 is the
// one after it.
size_t byte_order_mark(std::string_view text);

// Lexes `text` (valid UTF-8) with this lexer and with ANTLR's, generated
// from the same grammar; describes the first token where they differ, or
// returns "" when they agree on every token.
std::string difference_from_generated_lexer(std::string_view text);

}  // namespace mpijobc::dsl

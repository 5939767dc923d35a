#include "dsl/syntax_errors.h"

#include <algorithm>

#include "CommonToken.h"
#include "Exceptions.h"
#include "InputMismatchException.h"
#include "MpiJobLexer.h"
#include "MpiJobParser.h"
#include "NoViableAltException.h"
#include "Parser.h"
#include "dsl/lexical.h"
#include "dsl/tree_cast.h"

namespace mpijobc::dsl {
namespace {

using L = gen::MpiJobLexer;
using P = gen::MpiJobParser;
constexpr const char* kRule = "dsl/syntax";

std::string shorten(const std::string& s) {
  return s.size() <= 40 ? s : s.substr(0, 37) + "...";
}

// How a token is named in a message.
std::string describe(const antlr4::Token* t) {
  switch (t->getType()) {
    case antlr4::Token::EOF: return "the end of the file";
    case L::STRING: return "the string " + shorten(t->getText());
    default: return "'" + shorten(t->getText()) + "'";
  }
}

constexpr const char* kValueHint =
    "a value is a number, a word, a \"string\", a quantity (4Gi), a duration (1h), "
    "a { block } or a [ list ]";

std::string line_of(const antlr4::Token* t) { return "line " + std::to_string(t->getLine()); }

// The key an entry (or a value inside one) belongs to; empty inside lists.
std::string entry_key(antlr4::RuleContext* ctx) {
  for (; ctx; ctx = dynamic_cast<antlr4::RuleContext*>(ctx->parent)) {
    if (auto* e = dynamic_cast<P::EntryContext*>(ctx)) return e->key ? e->key->getText() : "";
    if (dynamic_cast<P::ListContext*>(ctx)) return "";
  }
  return "";
}

struct Expectation {
  std::string message;
  std::string hint;
  const antlr4::Token* at = nullptr;  // where to point, when not at the token found
};

bool is_job_kind(const std::string& word) { return word == "MPIJob" || word == "HorovodJob"; }

// The column of the first token on `t`'s line.
size_t indentation(antlr4::TokenStream* tokens, const antlr4::Token* t) {
  size_t i = t->getTokenIndex();
  while (i > 0 && tokens->get(i - 1)->getLine() == t->getLine()) --i;
  return tokens->get(i)->getCharPositionInLine();
}

// Which '{' or '[' the end of the file leaves open. The parser knows only
// the outermost: each '}' closed the nearest open '{'. People indent, so a
// closing bracket that starts its line to the left of the line that opened
// what it closes belongs further out, and what it closed is the one left
// open: the first such in the file, else the innermost left open.
const antlr4::Token* unclosed(antlr4::TokenStream* tokens) {
  std::vector<const antlr4::Token*> open;
  const antlr4::Token* misplaced = nullptr;
  for (size_t i = 0; i < tokens->size(); ++i) {
    const antlr4::Token* t = tokens->get(i);
    if (t->getChannel() != antlr4::Token::DEFAULT_CHANNEL) continue;
    int type = static_cast<int>(t->getType());
    if (type == L::LBRACE || type == L::LBRACKET) {
      open.push_back(t);
    } else if ((type == L::RBRACE || type == L::RBRACKET) && !open.empty() &&
               static_cast<int>(open.back()->getType()) == (type == L::RBRACE ? L::LBRACE : L::LBRACKET)) {
      bool starts_line = i == 0 || tokens->get(i - 1)->getLine() != t->getLine();
      if (!misplaced && starts_line && t->getCharPositionInLine() < indentation(tokens, open.back()))
        misplaced = open.back();
      open.pop_back();
    }
  }
  if (misplaced) return misplaced;
  return open.empty() ? nullptr : open.back();
}

// The end of the file came with `innermost` open: says which is left open.
Expectation never_closed(antlr4::Parser* parser, const antlr4::Token* innermost) {
  const antlr4::Token* open = unclosed(parser->getTokenStream());
  if (!open) open = innermost;
  bool brace = static_cast<int>(open->getType()) == L::LBRACE;
  std::string what = brace ? "'{'" : "'['";
  return {"the " + what + " at " + line_of(open) + " is never closed",
          std::string("add the missing '") + (brace ? "}" : "]") + "'", open};
}

// What the parser wanted, phrased from the rule it is in.
Expectation expectation(antlr4::Parser* parser, const antlr4::Token* found) {
  antlr4::ParserRuleContext* ctx = parser->getContext();
  antlr4::misc::IntervalSet expected = parser->getExpectedTokens();
  bool at_end = found->getType() == antlr4::Token::EOF;
  switch (ctx->getRuleIndex()) {
    case P::RuleFile:
      return {"expected a job such as 'MPIJob NAME { ... }' or 'HorovodJob NAME { ... }'", {}};
    case P::RuleJob: {
      auto* job = static_cast<P::JobContext*>(ctx);
      std::string kind = job->kind ? job->kind->getText() : "MPIJob";
      if (!is_job_kind(kind))
        return {"'" + shorten(kind) + "' does not start a job: expected 'MPIJob NAME { ... }' or "
                                      "'HorovodJob NAME { ... }'",
                {}, job->kind};
      if (expected.contains(static_cast<size_t>(L::STRING)))
        return {"expected the job's name after '" + kind + "'",
                "a job starts with its kind and name: " + kind + " my-job { ... }"};
      return {"expected '{' to open the body of job '" + (job->name ? job->name->getText() : "") +
                  "'",
              {}};
    }
    case P::RuleBlock: {
      std::string open = line_of(ctx->start);
      if (at_end) return never_closed(parser, ctx->start);
      Expectation e{"expected a key or '}' to close the '{' at " + open, {}};
      int type = static_cast<int>(found->getType());
      if (type == L::INT || type == L::FLOAT || type == L::UNIT || type == L::LBRACE ||
          type == L::LBRACKET)
        e.hint = "each entry is a key and one value ('replicas 2'); is a key missing?";
      return e;
    }
    case P::RuleList: {
      std::string open = line_of(ctx->start);
      if (at_end) return never_closed(parser, ctx->start);
      if (expected.contains(static_cast<size_t>(L::COMMA)))
        return {"expected ',' or ']' after a list item (the '[' is at " + open + ")",
                "separate list items with commas: [a, b, c]"};
      return {"expected a value or ']' in the list opened at " + open, {}};
    }
    default: {  // RuleEntry, RuleValue, RuleScalar: a value is due
      std::string key = entry_key(ctx);
      return {key.empty() ? "expected a value" : "expected a value for '" + key + "'", kValueHint};
    }
  }
}

}  // namespace

TokenLocs::TokenLocs(const SourceManager& sources, uint32_t file,
                     std::vector<size_t> byte_of_code_point)
    : sources_(sources), file_(file), byte_of_code_point_(std::move(byte_of_code_point)) {}

size_t TokenLocs::byte_offset(size_t index) const {
  return index < byte_of_code_point_.size() ? byte_of_code_point_[index]
                                            : byte_of_code_point_.back();
}

SourceLoc TokenLocs::at(const antlr4::Token* token) const {
  if (token->getType() != antlr4::Token::EOF) return at_offset(byte_offset(token->getStartIndex()));
  // The end of the file: point just after the last thing written.
  const std::string& text = sources_.text(file_);
  size_t end = text.size();
  while (end > 0 && (text[end - 1] == '\n' || text[end - 1] == '\r' || text[end - 1] == ' ' ||
                     text[end - 1] == '\t'))
    --end;
  return at_offset(end);
}

bool check_tokens(antlr4::BufferedTokenStream& tokens, const TokenLocs& locs,
                  DiagnosticEngine& diags, const DslLimits& limits) {
  size_t depth = 0;
  for (antlr4::Token* t : tokens.getTokens()) {
    auto* token = static_cast<antlr4::CommonToken*>(t);
    std::string text = t->getText();
    auto error = [&](SourceLoc loc, std::string message, std::string hint) {
      diags.error(loc, {}, std::move(message), std::move(hint), kRule);
    };
    switch (t->getType()) {
      case L::LBRACE:
      case L::LBRACKET:
        if (++depth > limits.max_depth) {
          error(locs.at(t), "nesting deeper than " + std::to_string(limits.max_depth) + " levels",
                "flatten the structure");
          return false;
        }
        break;
      case L::RBRACE:
      case L::RBRACKET:
        if (depth > 0) --depth;
        break;
      case L::BAD_CHAR: {
        std::string hint;
        if (text == ":" || text == "=")
          hint = "write 'key value': there is no '" + text + "' between a key and its value";
        error(locs.at(t), "unexpected character '" + text + "'", hint);
        token->setChannel(antlr4::Token::HIDDEN_CHANNEL);
        break;
      }
      case L::OPEN_STRING:
        error(locs.at(t), "this string is not closed on its line",
              "add the closing '\"'; write a line break inside a string as \\n");
        token->setType(L::STRING);
        token->setText(text + '"');
        break;
      case L::SINGLE_QUOTED: {
        std::string body = text.substr(1, text.size() - 2);
        error(locs.at(t), "'" + shorten(body) + "' is in single quotes",
              "strings are written in double quotes: " + quote(shorten(body)));
        token->setType(L::STRING);
        token->setText(quote(body));
        break;
      }
      case L::BAD_WORD:
        if (text.size() > 1 && text.back() == ':' && is_word(text.substr(0, text.size() - 1))) {
          SourceLoc colon = locs.at_offset(locs.byte_offset(t->getStartIndex()) + text.size() - 1);
          error(colon, "unexpected ':' after '" + text.substr(0, text.size() - 1) + "'",
                "write 'key value': there is no ':' between a key and its value");
          token->setType(L::WORD);
          token->setText(text.substr(0, text.size() - 1));
          break;
        }
        [[fallthrough]];
      case L::BAD_NUMBER: {
        bool number = t->getType() == L::BAD_NUMBER;
        error(locs.at(t),
              "'" + shorten(text) + "' is not " +
                  (number ? "a number, a quantity (4Gi, 500m) or a duration (90s, 30min, 1h, 2d)"
                          : "a bare word (bare words start with a letter or '_' and hold only "
                            "letters, digits, '_', '.' and '-')"),
              "quote it if it is a string: " + quote(shorten(text)));
        token->setType(L::STRING);
        token->setText(quote(text));
        break;
      }
      case L::STRING: {
        size_t bad_at = 0;
        if (text.size() > limits.max_scalar_bytes) {
          error(locs.at(t), "string longer than " + std::to_string(limits.max_scalar_bytes) +
                                " bytes", "keep long data in files the image copies");
        } else if (!unescape(std::string_view(text).substr(1, text.size() - 2), bad_at)) {
          size_t at = locs.byte_offset(t->getStartIndex()) + 1 + bad_at;
          error(locs.at_offset(at), "invalid escape in a string",
                "the escapes are \\\" \\\\ \\n \\t \\r and \\u{HEX} (a code point, e.g. \\u{1F600})");
          token->setText("\"\"");
        }
        break;
      }
      case L::WORD:
        if (text.size() > limits.max_scalar_bytes)
          error(locs.at(t), "word longer than " + std::to_string(limits.max_scalar_bytes) + " bytes",
                {});
        break;
      default: break;
    }
  }
  return true;
}

void check_values(antlr4::tree::ParseTree* tree, antlr4::BufferedTokenStream& tokens,
                  const TokenLocs& locs, DiagnosticEngine& diags) {
  auto* entry = tree_cast<P::EntryContext>(tree);
  if (entry && entry->key &&
      std::none_of(entry->children.begin(), entry->children.end(),
                   [](antlr4::tree::ParseTree* c) { return tree_cast<P::ValueContext>(c); })) {
    antlr4::Token* next = tokens.get(entry->key->getTokenIndex());
    for (size_t i = entry->key->getTokenIndex() + 1; i < tokens.size(); ++i)
      if (tokens.get(i)->getChannel() == antlr4::Token::DEFAULT_CHANNEL) {
        next = tokens.get(i);
        break;
      }
    diags.error(locs.at(next), {},
                "expected a value for '" + entry->key->getText() + "', found " + describe(next),
                kValueHint, kRule);
  }
  for (antlr4::tree::ParseTree* child : tree->children) check_values(child, tokens, locs, diags);
}

void SyntaxErrors::report(antlr4::Parser* parser, antlr4::Token* found) {
  Expectation e = expectation(parser, found);
  std::string message = e.message;
  if (e.at) found = const_cast<antlr4::Token*>(e.at);
  else if (found->getType() != antlr4::Token::EOF || message.find("never closed") == std::string::npos)
    message += ", found " + describe(found);
  diags_.error(locs_.at(found), {}, message, e.hint, kRule);
}

void SyntaxErrors::reportNoViableAlternative(antlr4::Parser* parser,
                                             const antlr4::NoViableAltException& e) {
  report(parser, e.getOffendingToken());
}

void SyntaxErrors::reportInputMismatch(antlr4::Parser* parser,
                                       const antlr4::InputMismatchException& e) {
  report(parser, e.getOffendingToken());
}

void SyntaxErrors::reportUnwantedToken(antlr4::Parser* parser) {
  if (inErrorRecoveryMode(parser)) return;
  beginErrorCondition(parser);
  report(parser, parser->getCurrentToken());
}

antlr4::Token* SyntaxErrors::singleTokenDeletion(antlr4::Parser* parser) {
  // 'MPIJob {' lacks the name: the '{' opens the body. ANTLR would drop it
  // and take the first key for the name, and then report the body's '{'
  // missing on the next line.
  if (parser->getContext()->getRuleIndex() == P::RuleJob &&
      static_cast<int>(parser->getCurrentToken()->getType()) == L::LBRACE)
    return nullptr;
  return DefaultErrorStrategy::singleTokenDeletion(parser);
}

void SyntaxErrors::reportMissingToken(antlr4::Parser* parser) {
  if (inErrorRecoveryMode(parser)) return;
  beginErrorCondition(parser);
  report(parser, parser->getCurrentToken());
}

}  // namespace mpijobc::dsl

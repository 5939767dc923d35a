#include "dsl/lexer.h"

#include <utility>

#include "ANTLRInputStream.h"
#include "CommonToken.h"
#include "MpiJobLexer.h"
#include "support/text_checks.h"

namespace mpijobc::dsl {
namespace {

using L = gen::MpiJobLexer;
constexpr char32_t kEnd = 0xFFFFFFFF;  // past the last code point

bool digit(char32_t c) { return c >= '0' && c <= '9'; }
bool letter(char32_t c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }
bool hex(char32_t c) { return digit(c) || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F'); }
bool sign(char32_t c) { return c == '+' || c == '-'; }
bool line_end(char32_t c) { return c == '\r' || c == '\n'; }
// What ends the tail of BAD_NUMBER and BAD_WORD: ~[ \t\r\n,{}[\]"#].
bool delimiter(char32_t c) {
  switch (c) {
    case ' ': case '\t': case '\r': case '\n': case ',': case '{': case '}': case '[': case ']':
    case '"': case '#': case kEnd: return true;
    default: return false;
  }
}

class Scan {
 public:
  explicit Scan(const std::vector<char32_t>& cps) : cps_(cps) {}
  char32_t at(size_t i) const { return i < cps_.size() ? cps_[i] : kEnd; }
  template <class Pred>
  size_t run(size_t i, Pred pred) const {  // how many from `i` satisfy `pred`
    size_t j = i;
    while (j < cps_.size() && pred(cps_[j])) ++j;
    return j - i;
  }
  size_t digits(size_t i) const { return run(i, digit); }
  size_t exponent(size_t i) const {  // EXPONENT : [eE] [+-]? DIGIT+
    if (at(i) != 'e' && at(i) != 'E') return 0;
    size_t j = i + 1 + (sign(at(i + 1)) ? 1 : 0);
    size_t d = digits(j);
    return d ? j + d - i : 0;
  }
  bool spelled(size_t i, std::u32string_view a, std::u32string_view b,
               std::u32string_view c) const {
    for (std::u32string_view w : {a, b, c}) {
      size_t k = 0;
      while (k < w.size() && at(i + k) == w[k]) ++k;
      if (k == w.size()) return true;
    }
    return false;
  }

  // Each rule's longest match at `i`, 0 when it does not match.
  size_t int_(size_t i) const {
    size_t s = sign(at(i)) ? 1 : 0, d = digits(i + s);
    size_t best = d ? s + d : 0;
    if (at(i) == '0' && at(i + 1) == 'o') {
      size_t o = run(i + 2, [](char32_t c) { return c >= '0' && c <= '7'; });
      if (o) best = std::max(best, 2 + o);
    }
    if (at(i) == '0' && at(i + 1) == 'x') {
      size_t h = run(i + 2, hex);
      if (h) best = std::max(best, 2 + h);
    }
    return best;
  }
  size_t float_(size_t i) const {
    size_t p = i + (sign(at(i)) ? 1 : 0), best = 0;
    if (size_t d = digits(p)) {  // DIGIT+ ('.' DIGIT*)? EXPONENT?
      size_t q = p + d;
      if (at(q) == '.') q += 1 + digits(q + 1);
      best = q + exponent(q) - i;
    }
    if (at(p) == '.') {
      if (size_t d = digits(p + 1)) {  // '.' DIGIT+ EXPONENT?
        size_t q = p + 1 + d;
        best = std::max(best, q + exponent(q) - i);
      }
      if (spelled(p + 1, U"inf", U"Inf", U"INF")) best = std::max(best, p + 4 - i);
    }
    if (at(i) == '.' && spelled(i + 1, U"nan", U"NaN", U"NAN")) best = std::max<size_t>(best, 4);
    return best;
  }
  size_t unit(size_t i) const {  // DIGIT+ ('.' DIGIT+)? [a-zA-Z]+
    size_t d = digits(i);
    if (!d) return 0;
    size_t q = i + d, best = 0;
    if (size_t l = run(q, letter)) best = q + l - i;
    if (at(q) == '.') {
      if (size_t f = digits(q + 1)) {
        size_t r = q + 1 + f;
        if (size_t l = run(r, letter)) best = std::max(best, r + l - i);
      }
    }
    return best;
  }
  size_t word(size_t i) const {
    char32_t c = at(i);
    if (!letter(c) && c != '_') return 0;
    return 1 + run(i + 1, [](char32_t x) {
             return letter(x) || digit(x) || x == '_' || x == '.' || x == '-';
           });
  }
  // The body of a string: (~["\\\r\n] | '\\' ~[\r\n])*, from after its '"'.
  size_t string_body(size_t i) const {
    size_t j = i;
    while (j < cps_.size()) {
      char32_t c = cps_[j];
      if (c == '\\' && j + 1 < cps_.size() && !line_end(cps_[j + 1])) j += 2;
      else if (c != '"' && c != '\\' && !line_end(c)) ++j;
      else break;
    }
    return j - i;
  }
  size_t comment(size_t i) const {
    size_t start = at(i) == '#' ? 1 : (at(i) == '/' && at(i + 1) == '/') ? 2 : 0;
    if (!start) return 0;
    return start + run(i + start, [](char32_t c) { return !line_end(c); });
  }
  size_t space(size_t i) const {
    return run(i, [](char32_t c) { return c == ' ' || c == '\t' || line_end(c); });
  }
  size_t single_quoted(size_t i) const {
    if (at(i) != '\'') return 0;
    size_t body = run(i + 1, [](char32_t c) { return c != '\'' && !line_end(c); });
    return at(i + 1 + body) == '\'' ? body + 2 : 0;
  }
  size_t tail(size_t i) const { return run(i, [](char32_t c) { return !delimiter(c); }); }
  size_t bad_number(size_t i) const {  // [+-]? '.'? DIGIT ~[...]*
    size_t p = i + (sign(at(i)) ? 1 : 0);
    if (at(p) == '.') ++p;
    return digit(at(p)) ? p + 1 + tail(p + 1) - i : 0;
  }
  size_t bad_word(size_t i) const {  // [a-zA-Z_.+-] ~[...]*
    char32_t c = at(i);
    bool first = letter(c) || c == '_' || c == '.' || c == '+' || c == '-';
    return first ? 1 + tail(i + 1) : 0;
  }

 private:
  const std::vector<char32_t>& cps_;
};

}  // namespace

size_t byte_order_mark(std::string_view text) { return text.rfind("\xEF\xBB\xBF", 0) == 0 ? 3 : 0; }

Lexer::Lexer(std::string_view text, antlr4::CharStream* input) : text_(text), input_(input) {
  for (size_t i = byte_order_mark(text); i < text.size();) {
    uint32_t cp = 0xFFFD;
    size_t n = decode_utf8(text, i, cp);
    if (n == 0) n = 1, cp = 0xFFFD;  // not UTF-8: the parser runs after check_text
    cps_.push_back(cp);
    byte_of_.push_back(i);
    i += n;
  }
  byte_of_.push_back(text.size());
}

std::pair<size_t, size_t> Lexer::longest_match(size_t i) const {
  Scan s(cps_);
  // The tokens most of a file is made of, decided by their first character
  // (no other rule can match as long: lexer_test.cc compares every token).
  switch (char32_t c = s.at(i)) {
    case '{': return {1, L::LBRACE};
    case '}': return {1, L::RBRACE};
    case '[': return {1, L::LBRACKET};
    case ']': return {1, L::RBRACKET};
    case ',': return {1, L::COMMA};
    case ' ': case '\t': case '\r': case '\n': return {s.space(i), L::SPACE};
    default:
      if (letter(c)) {  // WORD, or BAD_WORD when it goes on
        size_t word = s.word(i), bad = s.bad_word(i);
        return bad > word ? std::make_pair(bad, size_t{L::BAD_WORD})
                          : std::make_pair(word, size_t{L::WORD});
      }
  }
  size_t body = s.at(i) == '"' ? s.string_body(i + 1) : 0;
  char32_t c = s.at(i);
  // In the grammar's order: of equally long matches, the first wins.
  const std::pair<size_t, size_t> rules[] = {
      {L::LBRACE, c == '{'},
      {L::RBRACE, c == '}'},
      {L::LBRACKET, c == '['},
      {L::RBRACKET, c == ']'},
      {L::COMMA, c == ','},
      {L::INT, s.int_(i)},
      {L::FLOAT, s.float_(i)},
      {L::UNIT, s.unit(i)},
      {L::WORD, s.word(i)},
      {L::STRING, c == '"' && s.at(i + 1 + body) == '"' ? body + 2 : 0},
      {L::COMMENT, s.comment(i)},
      {L::SPACE, s.space(i)},
      {L::OPEN_STRING, c == '"' ? body + 1 : 0},
      {L::SINGLE_QUOTED, s.single_quoted(i)},
      {L::BAD_NUMBER, s.bad_number(i)},
      {L::BAD_WORD, s.bad_word(i)},
      {L::BAD_CHAR, 1},
  };
  std::pair<size_t, size_t> best{L::BAD_CHAR, 0};
  for (auto [type, length] : rules)
    if (length > best.second) best = {type, length};
  return {best.second, best.first};
}

void Lexer::advance(size_t count) {
  for (size_t end = next_ + count; next_ < end; ++next_) {
    if (cps_[next_] == '\n') {
      ++line_;
      column_ = 0;
    } else {
      ++column_;
    }
  }
}

std::unique_ptr<antlr4::Token> Lexer::nextToken() {
  for (;;) {
    size_t start = next_, line = line_, column = column_;
    if (start >= cps_.size()) {  // as ANTLR's Lexer::emitEOF
      auto eof = std::make_unique<antlr4::CommonToken>(std::make_pair(this, input_),
                                                       antlr4::Token::EOF,
                                                       antlr4::Token::DEFAULT_CHANNEL, start,
                                                       start - 1);
      eof->setLine(line);
      eof->setCharPositionInLine(column);
      return eof;
    }
    auto [length, type] = longest_match(start);
    advance(length);
    if (type == L::SPACE) continue;  // -> skip
    size_t channel = type == L::COMMENT ? antlr4::Token::HIDDEN_CHANNEL
                                        : antlr4::Token::DEFAULT_CHANNEL;
    auto token = std::make_unique<antlr4::CommonToken>(std::make_pair(this, input_), type, channel,
                                                       start, next_ - 1);
    token->setLine(line);
    token->setCharPositionInLine(column);
    token->setText(std::string(text_.substr(byte_of_[start], byte_of_[next_] - byte_of_[start])));
    return token;
  }
}

namespace {

// A token as the parser sees it. The end of the file has no text here (the
// parser's lexer has no input stream to name it "<EOF>").
std::string describe(antlr4::Token& t) {
  return std::to_string(t.getType()) + "@" + std::to_string(t.getChannel()) + " [" +
         std::to_string(t.getStartIndex()) + ".." + std::to_string(t.getStopIndex()) + "] " +
         std::to_string(t.getLine()) + ":" + std::to_string(t.getCharPositionInLine()) + " '" +
         (t.getType() == antlr4::Token::EOF ? "" : t.getText()) + "'";
}

}  // namespace

std::string difference_from_generated_lexer(std::string_view text) {
  antlr4::ANTLRInputStream input{std::string(text)};
  Lexer ours(text);  // as the parser runs it
  L theirs(&input);
  theirs.removeErrorListeners();
  for (size_t i = 0;; ++i) {
    std::unique_ptr<antlr4::Token> a = ours.nextToken(), b = theirs.nextToken();
    std::string da = describe(*a), db = describe(*b);
    if (da != db) return "token " + std::to_string(i) + ": " + da + " instead of " + db;
    if (a->getType() == antlr4::Token::EOF) return "";
  }
}

}  // namespace mpijobc::dsl

#include "dsl/parser.h"

#include <algorithm>
#include <memory>
#include <tuple>

#include "BailErrorStrategy.h"
#include "CommonTokenStream.h"
#include "Exceptions.h"
#include "MpiJobLexer.h"
#include "MpiJobParser.h"
#include "dsl/comments.h"
#include "dsl/lexer.h"
#include "dsl/lexical.h"
#include "dsl/tree_cast.h"
#include "support/text_checks.h"

namespace mpijobc::dsl {
namespace {

using L = gen::MpiJobLexer;
using P = gen::MpiJobParser;

// Parse tree -> dsl::File. Runs only on trees without syntax errors.
class Builder {
 public:
  explicit Builder(const TokenLocs& locs) : locs_(locs) {}

  // The jobs for which `keep` is true.
  template <class Keep>
  File file(P::FileContext* ctx, Keep keep) {
    File f;
    for (P::JobContext* j : ctx->job()) {
      if (!keep(j)) continue;
      Job job;
      job.kind = scalar(j->kind);
      job.name = scalar(j->name);
      job.body = block(j->block());
      job.first_token = j->kind->getTokenIndex();
      f.jobs.push_back(std::move(job));
    }
    return f;
  }

 private:
  Value block(P::BlockContext* ctx) {
    Value v = container(Value::Kind::Block, ctx);
    for (antlr4::tree::ParseTree* child : ctx->children) {
      auto* e = tree_cast<P::EntryContext>(child);
      if (!e) continue;  // a brace or a comma
      Entry entry;
      entry.key = scalar(e->key).text;
      entry.key_loc = locs_.at(e->key);
      entry.value = value(tree_cast<P::ValueContext>(e->children.at(1)));
      entry.first_token = e->start->getTokenIndex();
      entry.last_token = e->stop->getTokenIndex();
      v.entries.push_back(std::move(entry));
    }
    return v;
  }

  Value list(P::ListContext* ctx) {
    Value v = container(Value::Kind::List, ctx);
    for (antlr4::tree::ParseTree* child : ctx->children) {
      auto* i = tree_cast<P::ValueContext>(child);
      if (!i) continue;  // a bracket or a comma
      Item item;
      item.value = value(i);
      item.first_token = i->start->getTokenIndex();
      item.last_token = i->stop->getTokenIndex();
      v.items.push_back(std::move(item));
    }
    return v;
  }

  Value value(P::ValueContext* ctx) {
    antlr4::tree::ParseTree* inner = ctx->children.at(0);
    if (auto* b = tree_cast<P::BlockContext>(inner)) return block(b);
    if (auto* l = tree_cast<P::ListContext>(inner)) return list(l);
    return scalar(tree_cast<P::ScalarContext>(inner)->getStart());
  }

  Value container(Value::Kind kind, antlr4::ParserRuleContext* ctx) {
    Value v;
    v.kind = kind;
    v.loc = locs_.at(ctx->start);
    v.open_token = ctx->start->getTokenIndex();
    v.close_token = ctx->stop->getTokenIndex();
    return v;
  }

  Value scalar(antlr4::Token* t) {
    Value v;
    v.loc = locs_.at(t);
    v.text = t->getText();
    switch (t->getType()) {
      case L::STRING: {
        size_t bad_at = 0;  // escapes were checked by check_tokens
        v.kind = Value::Kind::String;
        std::string_view body = std::string_view(v.text).substr(1, v.text.size() - 2);
        v.text = unescape(body, bad_at).value_or("");
        break;
      }
      case L::INT: v.kind = Value::Kind::Int; break;
      case L::FLOAT: v.kind = Value::Kind::Float; break;
      case L::UNIT: v.kind = Value::Kind::Unit; break;
      default: v.kind = Value::Kind::Word;
    }
    return v;
  }

  const TokenLocs& locs_;
};

// Whether the parser built this part of the tree from the tokens as they
// are: no recovery, no token conjured or skipped.
bool mended(antlr4::tree::ParseTree* tree) {
  if (auto* rule = dynamic_cast<antlr4::ParserRuleContext*>(tree); rule && rule->exception)
    return true;
  if (dynamic_cast<antlr4::tree::ErrorNode*>(tree)) return true;
  if (auto* t = dynamic_cast<antlr4::tree::TerminalNode*>(tree);
      t && t->getSymbol()->getTokenIndex() == static_cast<size_t>(-1))
    return true;
  for (antlr4::tree::ParseTree* child : tree->children)
    if (mended(child)) return true;
  return false;
}

// SLL prediction only (ANTLR's ParserATNSimulator documents the modes),
// whose answers the shared DFA caches. The grammar is ambiguous where an
// entry's value is left out (is the word after a key its value or the next
// key?), and that is its only SLL conflict: both readings go on alike to the
// end of the block, so full LL, which would simulate the ATN again with the
// whole call stack at each such decision and cache nothing, finds the same
// ambiguity and resolves it to the same alternative. Full LL cost 37 % of
// a DSL build (200 specs: 999 M instructions with LL, 503 M with SLL;
// valgrind --tool=callgrind), and with it as the reporting pass nearly every
// mutated input in the DSL fuzzer took it. Trees and messages are the same
// with SLL: parser_test.cc compares the two on every .mpijob file of the
// repository and thousands of edits of them.
//
// Two passes: the first bails out at the first syntax error (error recovery
// checks the input at every loop, 4 % of a build without errors); only then
// the second recovers and reports. It starts where the first did. Not at
// seek(0): that skips the tokens check_tokens has hidden since the stream was
// filled, and a stray character that starts a file is, as before, a syntax
// error too.
class Tokens : public antlr4::CommonTokenStream {
 public:
  using CommonTokenStream::CommonTokenStream;
  void rewind(size_t index) { _p = index; }
};

P::FileContext* parse_tree(P& parser, Tokens& tokens, const TokenLocs& locs,
                           DiagnosticEngine& diags, bool full_ll) {
  size_t start = tokens.index();
  auto* simulator = parser.getInterpreter<antlr4::atn::ParserATNSimulator>();
  simulator->setPredictionMode(full_ll ? antlr4::atn::PredictionMode::LL
                                       : antlr4::atn::PredictionMode::SLL);
  if (!full_ll) {
    parser.setErrorHandler(std::make_shared<antlr4::BailErrorStrategy>());
    try {
      return parser.file();
    } catch (const antlr4::ParseCancellationException&) {
    }
  }
  parser.reset();
  tokens.rewind(start);
  parser.setErrorHandler(std::make_shared<SyntaxErrors>(locs, diags));
  return parser.file();
}

std::optional<File> parse_checked(const SourceManager& sources, uint32_t file,
                                  DiagnosticEngine& diags, const DslLimits& limits,
                                  bool sound_jobs) {
  Lexer lexer(sources.text(file));
  Tokens tokens(&lexer);
  tokens.fill();
  TokenLocs locs(sources, file, lexer.byte_offsets());
  if (!check_tokens(tokens, locs, diags, limits)) return std::nullopt;

  P parser(&tokens);
  parser.removeErrorListeners();
  P::FileContext* tree = parse_tree(parser, tokens, locs, diags, limits.full_ll);
  check_values(tree, tokens, locs, diags);
  auto untouched = [&](P::JobContext* job) {
    if (mended(job) || !job->stop) return false;
    auto pos = [](SourceLoc l) { return std::make_pair(l.line, l.column); };
    auto first = pos(locs.at(job->start)), last = pos(locs.at(job->stop));
    for (const Diagnostic& d : diags.all())
      if (first <= pos(d.loc) && pos(d.loc) <= last) return false;
    return true;
  };
  if (diags.has_errors() && !sound_jobs) return std::nullopt;

  File result = Builder(locs).file(tree, [&](P::JobContext* job) {
    return !diags.has_errors() || untouched(job);
  });
  attach_comments(result, tokens);
  return result;
}

}  // namespace

namespace {

std::optional<File> parse(const SourceManager& sources, uint32_t file, DiagnosticEngine& diags,
                          const DslLimits& limits, bool sound_jobs) {
  if (!check_text(sources, file, diags)) return std::nullopt;
  // Lexical and syntax errors are found in two passes; they are reported in
  // the order of the file.
  DiagnosticEngine found;
  std::optional<File> result = parse_checked(sources, file, found, limits, sound_jobs);
  std::vector<Diagnostic> sorted = found.all();
  std::stable_sort(sorted.begin(), sorted.end(), [](const Diagnostic& a, const Diagnostic& b) {
    return std::tie(a.loc.line, a.loc.column) < std::tie(b.loc.line, b.loc.column);
  });
  for (Diagnostic& d : sorted) diags.report(std::move(d));
  return result;
}

}  // namespace

std::optional<File> parse(const SourceManager& sources, uint32_t file, DiagnosticEngine& diags,
                          const DslLimits& limits) {
  return parse(sources, file, diags, limits, false);
}

File parse_sound_jobs(const SourceManager& sources, uint32_t file, DiagnosticEngine& diags) {
  return parse(sources, file, diags, {}, true).value_or(File());
}

}  // namespace mpijobc::dsl

#include "dsl/comments.h"

#include <unordered_map>

#include "MpiJobLexer.h"

namespace mpijobc::dsl {
namespace {

using L = gen::MpiJobLexer;

// Where a comment can go, by the index of the token next to it.
struct Slots {
  std::unordered_map<size_t, Trivia*> starts;   // first token of an element
  std::unordered_map<size_t, Trivia*> ends;     // last token of an element
  std::unordered_map<size_t, Trivia*> inside;   // a token within an element's head
  std::unordered_map<size_t, std::string*> opens;
  std::unordered_map<size_t, std::vector<std::string>*> closes;
};

class Attacher {
 public:
  Attacher(File& file, antlr4::BufferedTokenStream& tokens) : file_(file), tokens_(tokens) {}

  void run() {
    bool comments = false;
    for (size_t i = 0; i < tokens_.size() && !comments; ++i)
      comments = tokens_.get(i)->getType() == L::COMMENT;
    if (comments) place_comments();
    for (Job& job : file_.jobs) blank_lines(job.body);
    for (Job& job : file_.jobs) mark_blank(job.trivia, job.first_token);
  }

 private:
  void place_comments() {
    for (Job& job : file_.jobs) {
      slots_.starts[job.first_token] = &job.trivia;
      slots_.inside[next_default(job.first_token)] = &job.trivia;  // the name
      slots_.inside[job.body.open_token] = &job.trivia;
      slots_.ends[job.body.close_token] = &job.trivia;
      index(job.body);
    }
    slots_.closes[tokens_.size() - 1] = &file_.closing;  // EOF

    for (size_t i = 0; i < tokens_.size(); ++i)
      if (tokens_.get(i)->getType() == L::COMMENT) place(i);
  }

  void index(Value& v) {
    if (v.is_scalar()) return;
    slots_.opens[v.open_token] = &v.open_comment;
    slots_.closes[v.close_token] = &v.closing;
    for (Entry& e : v.entries) {
      slots_.starts[e.first_token] = &e.trivia;
      slots_.ends[e.last_token] = &e.trivia;
      slots_.inside.emplace(next_default(e.first_token), &e.trivia);  // the value
      index(e.value);
    }
    for (Item& i : v.items) {
      slots_.starts[i.first_token] = &i.trivia;
      slots_.ends[i.last_token] = &i.trivia;
      index(i.value);
    }
  }

  void place(size_t c) {
    std::string text = tokens_.get(c)->getText();
    while (!text.empty() && (text.back() == ' ' || text.back() == '\t' || text.back() == '\r'))
      text.pop_back();
    size_t line = tokens_.get(c)->getLine();
    size_t p = prev_default(c);
    if (p != kNone && tokens_.get(p)->getLine() == line) {
      if (auto it = slots_.opens.find(p); it != slots_.opens.end()) return append(*it->second, text);
      size_t q = tokens_.get(p)->getType() == L::COMMA ? prev_default(p) : p;
      if (auto it = slots_.ends.find(q); it != slots_.ends.end())
        return append(it->second->trailing, text);
    }
    // On its own line (or after the head of an element): it leads what follows.
    for (size_t n = next_default(c); n != kNone; n = next_default(n)) {
      std::vector<std::string>* list = nullptr;
      if (auto it = slots_.starts.find(n); it != slots_.starts.end()) list = &it->second->leading;
      else if (auto it = slots_.closes.find(n); it != slots_.closes.end()) list = it->second;
      else if (auto it = slots_.inside.find(n); it != slots_.inside.end()) list = &it->second->leading;
      if (!list) continue;
      if (c > 0 && gap(c) && (list->empty() || !list->back().empty())) list->push_back("");
      list->push_back(text);
      return;
    }
  }

  // Adds the blank line above each element that had one.
  void blank_lines(Value& v) {
    for (Entry& e : v.entries) {
      mark_blank(e.trivia, e.first_token);
      blank_lines(e.value);
    }
    for (Item& i : v.items) {
      mark_blank(i.trivia, i.first_token);
      blank_lines(i.value);
    }
  }

  void mark_blank(Trivia& t, size_t first) {
    if (first > 0 && gap(first) && (t.leading.empty() || !t.leading.back().empty()))
      t.leading.push_back("");
  }

  // Whether an empty line separates token i from the token before it.
  bool gap(size_t i) { return tokens_.get(i)->getLine() > tokens_.get(i - 1)->getLine() + 1; }

  static void append(std::string& slot, const std::string& text) {
    slot = slot.empty() ? text : slot + " " + text;
  }

  size_t prev_default(size_t i) {
    while (i-- > 0)
      if (tokens_.get(i)->getChannel() == antlr4::Token::DEFAULT_CHANNEL) return i;
    return kNone;
  }
  size_t next_default(size_t i) {
    while (++i < tokens_.size())
      if (tokens_.get(i)->getChannel() == antlr4::Token::DEFAULT_CHANNEL) return i;
    return kNone;
  }

  static constexpr size_t kNone = static_cast<size_t>(-1);
  File& file_;
  antlr4::BufferedTokenStream& tokens_;
  Slots slots_;
};

}  // namespace

void attach_comments(File& file, antlr4::BufferedTokenStream& tokens) {
  Attacher(file, tokens).run();
}

}  // namespace mpijobc::dsl

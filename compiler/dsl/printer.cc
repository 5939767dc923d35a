#include "dsl/printer.h"

#include <optional>

#include "dsl/lexical.h"

namespace mpijobc::dsl {
namespace {

constexpr size_t kMaxColumns = 100;
constexpr size_t kMaxInlineEntries = 4;

bool has_comment(const std::vector<std::string>& lines) {
  for (const std::string& l : lines)
    if (!l.empty()) return true;
  return false;
}

bool has_comment(const Trivia& t) { return !t.trailing.empty() || has_comment(t.leading); }

std::string key_text(const std::string& key) { return is_word(key) ? key : quote(key); }

std::string scalar_text(const Value& v) { return v.kind == Value::Kind::String ? quote(v.text) : v.text; }

// The value on one line, or nullopt when it needs several.
std::optional<std::string> one_line(const Value& v) {
  if (v.is_scalar()) return scalar_text(v);
  if (!v.open_comment.empty() || has_comment(v.closing)) return std::nullopt;
  std::string out;
  if (v.kind == Value::Kind::Block) {
    if (v.entries.size() > kMaxInlineEntries) return std::nullopt;
    for (const Entry& e : v.entries) {
      if (!e.value.is_scalar() || has_comment(e.trivia)) return std::nullopt;
      out += (out.empty() ? "" : ", ") + key_text(e.key) + " " + scalar_text(e.value);
    }
    return out.empty() ? "{}" : "{ " + out + " }";
  }
  for (const Item& i : v.items) {
    std::optional<std::string> item = one_line(i.value);
    if (!item || has_comment(i.trivia)) return std::nullopt;
    out += (out.empty() ? "" : ", ") + *item;
  }
  return "[" + out + "]";
}

class Printer {
 public:
  std::string file(const File& f) {
    for (size_t k = 0; k < f.jobs.size(); ++k) {
      const Job& job = f.jobs[k];
      if (k > 0) out_ += '\n';
      comments(job.trivia.leading, 0, true);
      std::string head = job.kind.text + " " + scalar_text(job.name) + " ";
      multi_line(job.body, 0, head, "", job.trivia.trailing);
    }
    comments(f.closing, 0, f.jobs.empty(), true);
    return std::move(out_);
  }

 private:
  void value(const Value& v, size_t indent, const std::string& head, const std::string& suffix,
             const std::string& trailing) {
    std::optional<std::string> line = one_line(v);
    if (line && (v.is_scalar() || pad(indent).size() + head.size() + line->size() <= kMaxColumns)) {
      out_ += pad(indent) + head + *line + suffix + comment(trailing) + '\n';
      return;
    }
    multi_line(v, indent, head, suffix, trailing);
  }

  void multi_line(const Value& v, size_t indent, const std::string& head, const std::string& suffix,
                  const std::string& trailing) {
    bool block = v.kind == Value::Kind::Block;
    out_ += pad(indent) + head + (block ? "{" : "[") + comment(v.open_comment) + '\n';
    for (size_t k = 0; k < v.entries.size(); ++k) {
      const Entry& e = v.entries[k];
      comments(e.trivia.leading, indent + 1, k == 0);
      value(e.value, indent + 1, key_text(e.key) + " ", "", e.trivia.trailing);
    }
    for (size_t k = 0; k < v.items.size(); ++k) {
      const Item& i = v.items[k];
      comments(i.trivia.leading, indent + 1, k == 0);
      value(i.value, indent + 1, "", ",", i.trivia.trailing);
    }
    comments(v.closing, indent + 1, v.entries.empty() && v.items.empty(), true);
    out_ += pad(indent) + (block ? "}" : "]") + suffix + comment(trailing) + '\n';
  }

  // Whole-line comments; "" is a blank line, dropped at the top of a block
  // (`first`) and, for closing comments (`last`), at the bottom.
  void comments(const std::vector<std::string>& lines, size_t indent, bool first,
                bool last = false) {
    size_t end = lines.size();
    if (last)
      while (end > 0 && lines[end - 1].empty()) --end;
    bool blank = first;
    for (size_t k = 0; k < end; ++k) {
      if (lines[k].empty()) {
        if (!blank) out_ += '\n';
        blank = true;
      } else {
        out_ += pad(indent) + lines[k] + '\n';
        blank = false;
      }
    }
  }

  static std::string comment(const std::string& c) { return c.empty() ? "" : "  " + c; }
  static std::string pad(size_t indent) { return std::string(2 * indent, ' '); }

  std::string out_;
};

}  // namespace

std::string print(const File& file) { return Printer().file(file); }

}  // namespace mpijobc::dsl

#include "render/mustache.h"

#include <cstring>

namespace mpijobc {

TemplateData& TemplateData::operator[](std::string_view key) {
  if (type_ != Type::Object) *this = TemplateData();
  for (size_t i = 0; i < keys_.size(); ++i)
    if (keys_[i] == key) return items_[i];
  keys_.emplace_back(key);
  return items_.emplace_back();
}

const TemplateData* TemplateData::get(std::string_view key) const {
  if (type_ != Type::Object) return nullptr;
  for (size_t i = 0; i < keys_.size(); ++i)
    if (keys_[i] == key) return &items_[i];
  return nullptr;
}

bool TemplateData::truthy() const {
  switch (type_) {
    case Type::Bool: return truth_;
    case Type::List: return !items_.empty();
    default: return true;
  }
}

namespace {

std::string_view trim(std::string_view s) {
  size_t b = s.find_first_not_of(" \t\r\n");
  if (b == std::string_view::npos) return {};
  return s.substr(b, s.find_last_not_of(" \t\r\n") - b + 1);
}

bool only(std::string_view s, const char* chars) { return s.find_first_not_of(chars) == s.npos; }

struct Tag {
  char sigil;  // one of # ^ / ! = & {, or 0 for a variable
  std::string_view name;
  size_t at;          // where it starts
  size_t begin, end;  // the bytes it takes: itself, or its whole line when alone on it
};

struct ParseError {
  size_t offset;
  std::string message;
};

// "LINE:COL" of a byte offset.
std::string position(std::string_view text, size_t offset) {
  size_t line = 1, line_start = 0;
  for (size_t i = 0; i < offset; ++i)
    if (text[i] == '\n') ++line, line_start = i + 1;
  return std::to_string(line) + ":" + std::to_string(offset - line_start + 1);
}

std::vector<Tag> scan(std::string_view text) {
  std::vector<Tag> tags;
  std::string open = "{{", close = "}}";
  for (size_t pos = 0;;) {
    size_t at = text.find(open, pos);
    if (at == text.npos) return tags;
    size_t inner = at + open.size();
    bool triple = open == "{{" && close == "}}" && inner < text.size() && text[inner] == '{';
    std::string closing = triple ? "}}}" : close;
    size_t close_at = text.find(closing, inner + triple);
    if (close_at == text.npos)
      throw ParseError{at, "unclosed tag: no '" + closing + "' after this '" + open + "'"};
    std::string_view content = trim(text.substr(inner + triple, close_at - inner - triple));
    Tag tag{0, content, at, at, close_at + closing.size()};
    if (triple) {
      tag.sigil = '{';
    } else if (!content.empty() && std::strchr("#^/!>=&", content[0])) {
      tag.sigil = content[0];
      tag.name = trim(content.substr(1));
    }
    if (tag.sigil == '>')
      throw ParseError{at, "partials ('" + open + ">name" + close + "') are not supported"};
    if (tag.sigil == '=') {
      // {{=<% %>=}}: two new delimiters, without spaces or '='.
      std::string_view spec = tag.name.size() >= 1 && tag.name.back() == '='
                                  ? trim(tag.name.substr(0, tag.name.size() - 1))
                                  : std::string_view();
      size_t space = spec.find_first_of(" \t");
      std::string_view new_open = spec.substr(0, space == spec.npos ? 0 : space);
      std::string_view new_close =
          space == spec.npos ? std::string_view() : trim(spec.substr(space));
      if (new_open.empty() || new_close.empty() || new_open.find('=') != new_open.npos ||
          new_close.find_first_of(" \t=") != new_close.npos)
        throw ParseError{at, "set delimiters as " + open + "=<% %>=" + close};
      open = new_open;
      close = new_close;
    } else if (tag.name.empty() && tag.sigil != '!') {
      throw ParseError{at, "empty tag '" + std::string(text.substr(at, tag.end - at)) + "'"};
    }
    tags.push_back(tag);
    pos = tag.end;
  }
}

// A section, inverted, closing, comment or delimiter tag alone on its line
// takes the whole line with it, indentation and newline included.
void take_standalone_lines(std::string_view text, std::vector<Tag>& tags) {
  for (size_t i = 0; i < tags.size(); ++i) {
    Tag& t = tags[i];
    if (t.sigil == 0 || t.sigil == '&' || t.sigil == '{') continue;
    size_t nl = t.begin == 0 ? text.npos : text.rfind('\n', t.begin - 1);
    size_t line_start = nl == text.npos ? 0 : nl + 1;
    size_t newline = text.find('\n', t.end);
    size_t line_end = newline == text.npos ? text.size() : newline;
    bool alone = (i == 0 || tags[i - 1].end <= line_start) &&
                 (i + 1 == tags.size() || tags[i + 1].begin >= line_end) &&
                 only(text.substr(line_start, t.begin - line_start), " \t") &&
                 only(text.substr(t.end, line_end - t.end), " \t\r");
    if (!alone) continue;
    t.begin = line_start;
    t.end = newline == text.npos ? text.size() : newline + 1;
  }
}

}  // namespace

std::optional<MustacheTemplate> MustacheTemplate::parse(std::string_view text, std::string& error,
                                                      size_t* error_at) {
  MustacheTemplate tmpl;
  std::vector<std::pair<size_t, size_t>> open;  // (op index, tag offset) of open sections
  try {
    std::vector<Tag> tags = scan(text);
    take_standalone_lines(text, tags);
    std::vector<Op>& ops = tmpl.ops_;
    bool after_text = false;  // the last op is text that more text may join
    size_t cursor = 0;
    auto add_text = [&](size_t end) {
      if (end <= cursor) return;
      if (after_text) ops.back().text.append(text.substr(cursor, end - cursor));
      else ops.push_back({Op::Kind::Text, std::string(text.substr(cursor, end - cursor))});
      after_text = true;
    };
    for (const Tag& tag : tags) {
      add_text(tag.begin);
      cursor = tag.end;
      if (tag.sigil == '!' || tag.sigil == '=') continue;
      after_text = false;
      std::string name(tag.name);
      if (tag.sigil == '#' || tag.sigil == '^') {
        // Rendering recurses once per level.
        if (open.size() == kMaxDepth)
          throw ParseError{tag.at, "sections nested deeper than " + std::to_string(kMaxDepth)};
        open.emplace_back(ops.size(), tag.at);
        ops.push_back({tag.sigil == '#' ? Op::Kind::Section : Op::Kind::Inverted, name, 0, tag.at});
      } else if (tag.sigil == '/') {
        if (open.empty()) throw ParseError{tag.at, "'" + name + "' closes no section"};
        Op& section = ops[open.back().first];
        if (section.text != name)
          throw ParseError{tag.at, "'" + name + "' closes section '" + section.text +
                                          "', opened at " + position(text, open.back().second)};
        section.end = ops.size();
        open.pop_back();
      } else {
        ops.push_back({tag.sigil ? Op::Kind::Raw : Op::Kind::Var, name, 0, tag.at});
      }
    }
    add_text(text.size());
    if (!open.empty())
      throw ParseError{open.back().second,
                       "section '" + ops[open.back().first].text + "' is not closed"};
  } catch (const ParseError& e) {
    error = position(text, e.offset) + ": " + e.message;
    if (error_at) *error_at = e.offset;
    return std::nullopt;
  }
  return tmpl;
}

namespace {

// A name looked up through the sections around it, innermost first; in a
// dotted name only the first part is.
const TemplateData* lookup(const std::string& name, const std::vector<const TemplateData*>& stack) {
  if (name == ".") return stack.back();
  size_t dot = name.find('.');
  std::string_view head = std::string_view(name).substr(0, dot);
  const TemplateData* value = nullptr;
  for (auto it = stack.rbegin(); it != stack.rend() && !value; ++it) value = (*it)->get(head);
  while (value && dot != std::string::npos) {
    size_t next = name.find('.', dot + 1);
    value = value->get(std::string_view(name).substr(dot + 1, next - dot - 1));
    dot = next;
  }
  return value;
}

// Reports a variable that found nothing, once per tag.
void note_unresolved(const std::string& name, size_t at,
                     const std::vector<const TemplateData*>& stack,
                     std::vector<MustacheTemplate::Unresolved>& unresolved) {
  for (const auto& u : unresolved)
    if (u.offset == at) return;
  std::vector<std::string> known;
  for (const TemplateData* object : stack)
    known.insert(known.end(), object->keys().begin(), object->keys().end());
  unresolved.push_back({name, at, std::move(known)});
}

}  // namespace

std::optional<std::string> MustacheTemplate::render(const TemplateData& data, Escape escape,
                                                    std::vector<Unresolved>* unresolved,
                                                    size_t max_bytes) const {
  Output out{{}, max_bytes, unresolved};
  std::vector<const TemplateData*> stack{&data};
  if (!render(0, ops_.size(), stack, escape, out)) return std::nullopt;
  return std::move(out.text);
}

bool MustacheTemplate::render(size_t begin, size_t end, std::vector<const TemplateData*>& stack,
                              Escape escape, Output& out) const {
  for (size_t i = begin; i < end; ++i) {
    const Op& op = ops_[i];
    if (op.kind == Op::Kind::Text) {
      out.text += op.text;
    } else {
      const TemplateData* value = lookup(op.text, stack);
      bool more = true;
      switch (op.kind) {
        case Op::Kind::Var:
        case Op::Kind::Raw:
          if (!value && out.unresolved) note_unresolved(op.text, op.at, stack, *out.unresolved);
          if (value && value->type() == TemplateData::Type::String)
            out.text += op.kind == Op::Kind::Var ? escape(value->text()) : value->text();
          break;
        case Op::Kind::Section:
          if (value && value->truthy()) {
            if (value->type() == TemplateData::Type::List) {
              for (size_t k = 0; more && k < value->items().size(); ++k) {
                stack.push_back(&value->items()[k]);
                more = render(i + 1, op.end, stack, escape, out);
                stack.pop_back();
              }
            } else {
              stack.push_back(value);
              more = render(i + 1, op.end, stack, escape, out);
              stack.pop_back();
            }
          }
          i = op.end - 1;
          break;
        case Op::Kind::Inverted:
          if (!value || !value->truthy()) more = render(i + 1, op.end, stack, escape, out);
          i = op.end - 1;
          break;
        case Op::Kind::Text: break;
      }
      if (!more) return false;
    }
    if (out.text.size() > out.max_bytes) return false;
  }
  return true;
}

}  // namespace mpijobc

#include "support/yaml_reader.h"

#include <yaml.h>

#include <algorithm>
#include <cstdio>
#include <cstring>
#include <iterator>
#include <map>
#include <new>
#include <string_view>

#include "support/plain_scalar.h"
#include "support/text_checks.h"

namespace mpijobc {
namespace {

// Thrown from the event handler to stop the parser on the first structural
// error; caught in read_yaml and turned into a diagnostic.
struct ReadError {
  SourceLoc loc;
  std::string message;
  std::string hint;
  const char* rule = "yaml/syntax";
  bool fatal = false;  // a limit of the file's: nothing more of it is read
};

// libyaml counts positions in characters; diagnostics count bytes. Events
// arrive in text order, so the conversion walks forward from the last one.
class Offsets {
 public:
  // Positions counted from byte `start` of `text`.
  explicit Offsets(std::string_view text, size_t start = 0) : text_(text), base_(start), bytes_(start) {
    // libyaml skips a leading byte order mark without counting it.
    if (text.substr(start, 3) == "\xEF\xBB\xBF") base_ = bytes_ = start + 3;
  }
  size_t byte_offset(size_t index) {
    if (index < chars_) chars_ = 0, bytes_ = base_;
    while (chars_ < index && bytes_ < text_.size()) {
      ++bytes_;
      while (bytes_ < text_.size() && (static_cast<unsigned char>(text_[bytes_]) & 0xC0) == 0x80)
        ++bytes_;
      ++chars_;
    }
    return bytes_;
  }

 private:
  std::string_view text_;
  size_t base_;
  size_t chars_ = 0;
  size_t bytes_;
};

std::string_view text_of(const yaml_char_t* s) {
  return s ? reinterpret_cast<const char*>(s) : std::string_view();
}

// Builds one located tree per document from libyaml's events.
class TreeBuilder {
 public:
  TreeBuilder(const SourceManager& sources, uint32_t file, const YamlLimits& limits)
      : sources_(sources), file_(file), offsets_(sources.text(file)), limits_(limits) {}

  // Reads on from byte `start` of the file (a document after a broken one):
  // what the broken one left open is dropped, its anchors with it (anchors
  // are a document's own); the file's budgets go on counting.
  void restart(size_t start) {
    offsets_ = Offsets(sources_.text(file_), start);
    stack_.clear();
    anchors_.clear();
    has_root_ = false;
  }

  bool has_root() const { return has_root_; }
  Node take_root() {
    has_root_ = false;
    return std::move(root_);
  }

  size_t offset(const yaml_mark_t& m) { return offsets_.byte_offset(m.index); }
  SourceLoc loc(const yaml_mark_t& m) { return sources_.loc(file_, offset(m)); }

  void on_event(const yaml_event_t& e) {
    switch (e.type) {
      case YAML_SCALAR_EVENT: {
        const auto& s = e.data.scalar;
        bool plain = s.style == YAML_PLAIN_SCALAR_STYLE;
        Node n = scalar(e.start_mark, text_of(s.tag), plain,
                        std::string(reinterpret_cast<const char*>(s.value), s.length));
        bool merge_key = plain && !s.tag && n.text == "<<";
        complete(std::move(n), text_of(s.anchor), merge_key);
        return;
      }
      case YAML_ALIAS_EVENT: alias(e.start_mark, text_of(e.data.alias.anchor)); return;
      case YAML_SEQUENCE_START_EVENT:
        check_collection_tag(e.start_mark, text_of(e.data.sequence_start.tag),
                             "tag:yaml.org,2002:seq");
        open(Node::seq(loc(e.start_mark)), text_of(e.data.sequence_start.anchor));
        return;
      case YAML_MAPPING_START_EVENT:
        check_collection_tag(e.start_mark, text_of(e.data.mapping_start.tag),
                             "tag:yaml.org,2002:map");
        open(Node::map(loc(e.start_mark)), text_of(e.data.mapping_start.anchor));
        return;
      case YAML_SEQUENCE_END_EVENT:
      case YAML_MAPPING_END_EVENT: close(); return;
      default: return;  // stream and document boundaries: read_yaml handles them
    }
  }

 private:
  struct Frame {
    Node node;
    std::string anchor;
    size_t first_count = 0;  // node and byte counts when the frame opened, to size anchors
    size_t first_bytes = 0;
    bool have_key = false;
    std::string key;
    SourceLoc key_loc;
    MemberIndex keys;  // of the keys written in this mapping
    // YAML's merge key: `<<: *defaults` or `<<: [*a, *b]` adds the keys of
    // those mappings that this one does not write itself, at the place of the
    // `<<` (in the order of the mappings, the first to have a key wins).
    bool key_is_merge = false;  // the pending key is a plain <<
    bool merge_value = false;   // this list is the value of a <<
    bool merged = false;
    size_t merge_at = 0;  // in node.members
    Node merge = Node::map();
  };
  struct Anchored {
    Node node;
    size_t nodes;
    size_t bytes;  // of scalar text, keys included
  };

  void alias(const yaml_mark_t& mark, std::string_view anchor) {
    auto it = anchors_.find(anchor);
    if (it == anchors_.end())
      throw ReadError{loc(mark), "unknown alias '*" + std::string(anchor) + "'",
                      "define the anchor '&" + std::string(anchor) + "' before using it"};
    count(it->second.nodes, loc(mark));
    expand(it->second, loc(mark));
    Node copy = it->second.node;
    // What an alias copies is located at the alias; what a << merges stays
    // at its definition, so findings in a shared block point into it.
    const Frame* top = stack_.empty() ? nullptr : &stack_.back();
    if (top && top->merge_value) check_merge(copy, loc(mark), true);
    else if (top && top->key_is_merge) check_merge(copy, loc(mark), false);
    else relocate(copy, loc(mark));
    attach(std::move(copy));
  }

  // A << takes a mapping, or a list of mappings (`item`: one of those).
  // Errors are at `at` (an alias), else where the value is.
  static void check_merge(const Node& n, SourceLoc at, bool item) {
    if (n.is_map()) return;
    if (!item && n.is_seq()) {
      for (const Node& i : n.items) check_merge(i, at, true);
      return;
    }
    std::string what = n.is_null() ? "null"
                       : std::string(n.kind == Node::Kind::Int ? "an " : "a ") + kind_name(n.kind);
    throw ReadError{at.valid() ? at : n.loc,
                    (item ? "a list merged by '<<' may only hold mappings, not "
                          : "'<<' merges a mapping or a list of mappings, not ") + what,
                    "point it at an anchored mapping: <<: *defaults, or <<: [*a, *b]", "yaml/merge"};
  }

  void count(size_t n, SourceLoc at) {
    nodes_ += n;
    if (nodes_ > limits_.max_nodes)
      throw ReadError{at, "document too large: more than " +
                                     std::to_string(limits_.max_nodes) +
                                     " nodes (after expanding aliases)",
                      "split the file or avoid deeply nested aliases", "yaml/syntax", true};
  }

  // Each alias copies its anchor's tree: a few bytes of input can ask for
  // gigabytes ("billion laughs"), so what aliases copy has its own budget.
  void expand(const Anchored& a, SourceLoc at) {
    alias_nodes_ += a.nodes;
    alias_bytes_ += a.bytes;
    if (alias_nodes_ > limits_.max_alias_nodes || alias_bytes_ > limits_.max_alias_bytes)
      throw ReadError{at, "aliases expand to more than " + std::to_string(limits_.max_alias_nodes) +
                              " nodes or " + std::to_string(limits_.max_alias_bytes >> 20) +
                              " MiB of text",
                      "write the repeated part out, or alias less of it", "yaml/syntax", true};
    bytes_ += a.bytes;
  }

  static void relocate(Node& n, SourceLoc l) {
    n.loc = l;
    for (Node& i : n.items) relocate(i, l);
    for (Member& m : n.members) {
      m.key_loc = l;
      relocate(m.value, l);
    }
  }

  // Untagged collections have no tag; "!" is the non-specific tag.
  void check_collection_tag(const yaml_mark_t& mark, std::string_view tag,
                            std::string_view canonical) {
    if (tag.empty() || tag == "!" || tag == canonical) return;
    throw ReadError{loc(mark), "unsupported YAML tag '" + std::string(tag) + "'",
                    "remove the tag"};
  }

  // Untagged plain scalars resolve by the core schema; quoted and block
  // scalars, and those tagged "!", are strings.
  Node scalar(const yaml_mark_t& mark, std::string_view tag, bool plain, std::string value) {
    Node n;
    n.loc = loc(mark);
    if (value.size() > limits_.max_scalar_bytes)
      throw ReadError{n.loc, "value too long: " + std::to_string(value.size()) + " bytes, the limit is " +
                                 std::to_string(limits_.max_scalar_bytes),
                      "keep large data out of the spec (mount it from a ConfigMap or volume)"};
    n.text = std::move(value);
    if (tag == "!" || tag == "tag:yaml.org,2002:str" || (tag.empty() && !plain)) {
      n.kind = Node::Kind::String;
      return n;
    }
    enum { Any, Null, Bool, Int, Float } want = Any;
    if (tag == "tag:yaml.org,2002:null") want = Null;
    else if (tag == "tag:yaml.org,2002:bool") want = Bool;
    else if (tag == "tag:yaml.org,2002:int") want = Int;
    else if (tag == "tag:yaml.org,2002:float") want = Float;
    else if (!tag.empty())
      throw ReadError{n.loc, "unsupported YAML tag '" + std::string(tag) + "'", "remove the tag"};

    n.kind = resolve_plain(n.text);
    if (n.kind == Node::Kind::Int && !parse_yaml_int(n.text))
      throw ReadError{n.loc, "integer " + n.text + " is out of range", "use a smaller number"};

    bool ok = want == Any || (want == Null && n.kind == Node::Kind::Null) ||
              (want == Bool && n.kind == Node::Kind::Bool) ||
              (want == Int && n.kind == Node::Kind::Int) ||
              (want == Float && (n.kind == Node::Kind::Float || n.kind == Node::Kind::Int));
    if (!ok)
      throw ReadError{n.loc, "'" + n.text + "' does not match its tag '" + std::string(tag) + "'",
                      {}};
    if (n.kind == Node::Kind::Null) n.text.clear();
    if (want == Float) n.kind = Node::Kind::Float;
    return n;
  }

  void open(Node n, std::string_view anchor) {
    if (stack_.size() >= limits_.max_depth)
      throw ReadError{n.loc, "nesting deeper than " + std::to_string(limits_.max_depth) + " levels",
                      {}};
    if (!stack_.empty() && stack_.back().node.is_map() && !stack_.back().have_key)
      throw ReadError{n.loc, "mapping keys must be plain scalars",
                      "write the key as a string"};
    count(1, n.loc);
    Frame f;
    f.merge_value = n.is_seq() && !stack_.empty() && stack_.back().key_is_merge;
    f.node = std::move(n);
    f.anchor = anchor;
    f.first_count = nodes_;
    f.first_bytes = bytes_;
    stack_.push_back(std::move(f));
  }

  void close() {
    Frame f = std::move(stack_.back());
    stack_.pop_back();
    if (f.merged) apply_merge(f);
    if (!f.anchor.empty())
      anchors_[f.anchor] = Anchored{f.node, nodes_ - f.first_count + 1, bytes_ - f.first_bytes};
    attach(std::move(f.node));
  }

  void complete(Node n, std::string_view anchor, bool merge_key) {
    count(1, n.loc);
    bytes_ += n.text.size();
    if (!anchor.empty()) anchors_[std::string(anchor)] = Anchored{n, 1, n.text.size()};
    attach(std::move(n), merge_key);
  }

  // The value of a <<: its mappings' members, those of earlier mappings first.
  static void take_merge(Frame& top, Node value) {
    check_merge(value, {}, false);
    top.merged = true;
    top.merge_at = top.node.members.size();
    MemberIndex seen;
    auto take = [&](Node& source) {
      for (Member& m : source.members)
        if (!seen.find(top.merge, m.key)) top.merge.members.push_back(std::move(m));
    };
    if (value.is_map()) take(value);
    for (Node& source : value.items) take(source);
  }

  // The merged members that the mapping does not write, at the place of the <<.
  static void apply_merge(Frame& f) {
    Node written = std::move(f.node);
    f.node = Node::map(written.loc);
    auto& out = f.node.members;
    out.reserve(written.members.size() + f.merge.members.size());
    std::move(written.members.begin(), written.members.begin() + f.merge_at, std::back_inserter(out));
    MemberIndex keys;
    for (Member& m : f.merge.members)
      if (!keys.find(written, m.key)) out.push_back(std::move(m));
    std::move(written.members.begin() + f.merge_at, written.members.end(), std::back_inserter(out));
  }

  void attach(Node n, bool merge_key = false) {
    if (stack_.empty()) {
      root_ = std::move(n);
      has_root_ = true;
      return;
    }
    Frame& top = stack_.back();
    if (top.node.is_seq()) {
      top.node.items.push_back(std::move(n));
      return;
    }
    if (!top.have_key && merge_key) {
      if (top.merged)
        throw ReadError{n.loc, "duplicate key '<<'",
                        "merge several mappings with one key: <<: [*a, *b]", "yaml/merge"};
      top.have_key = top.key_is_merge = true;
      return;
    }
    if (!top.have_key) {
      if (!n.is_scalar())
        throw ReadError{n.loc, "mapping keys must be plain scalars", "write the key as a string"};
      if (!n.is_string())
        throw ReadError{n.loc, "mapping key '" + n.text + "' is not a string (it reads as " +
                                   kind_name(n.kind) + ")",
                        "quote it: \"" + n.text + "\""};
      if (n.text.size() > kMaxKeyBytes)
        throw ReadError{n.loc, "mapping key of " + std::to_string(n.text.size()) +
                                   " bytes; keys are at most " + std::to_string(kMaxKeyBytes),
                        "shorten the key"};
      if (const Member* prev = top.keys.find(top.node, n.text))
        throw ReadError{n.loc, "duplicate key '" + n.text + "'",
                        "the first '" + n.text + "' is at line " +
                            std::to_string(prev->key_loc.line) + "; keep only one"};
      top.key = std::move(n.text);
      top.key_loc = n.loc;
      top.have_key = true;
      return;
    }
    if (top.key_is_merge) take_merge(top, std::move(n));
    else top.node.add(std::move(top.key), top.key_loc, std::move(n));
    top.have_key = top.key_is_merge = false;
  }

  const SourceManager& sources_;
  uint32_t file_;
  Offsets offsets_;
  YamlLimits limits_;
  std::vector<Frame> stack_;
  std::map<std::string, Anchored, std::less<>> anchors_;
  size_t nodes_ = 0;
  size_t bytes_ = 0;  // scalar text read or copied, for sizing anchors
  size_t alias_nodes_ = 0;
  size_t alias_bytes_ = 0;
  Node root_;
  bool has_root_ = false;
};

// libyaml's parser and one event, released however the reading ends.
struct Parser {
  yaml_parser_t p;
  explicit Parser(std::string_view text) {
    if (!yaml_parser_initialize(&p)) throw std::bad_alloc();
    yaml_parser_set_input_string(&p, reinterpret_cast<const unsigned char*>(text.data()),
                                 text.size());
  }
  ~Parser() { yaml_parser_delete(&p); }
  Parser(const Parser&) = delete;
  Parser& operator=(const Parser&) = delete;
};
struct Event {
  yaml_event_t e{};
  ~Event() { yaml_event_delete(&e); }
};

// `start`: where in the file the parser began.
ReadError syntax_error(const yaml_parser_t& p, const SourceManager& sources, uint32_t file,
                       TreeBuilder& builder, size_t start) {
  if (p.error == YAML_MEMORY_ERROR) throw std::bad_alloc();
  std::string problem = p.problem ? p.problem : "unreadable input";
  if (p.error == YAML_READER_ERROR && p.problem_value < 0)
    return {sources.loc(file, start + p.problem_offset), "invalid YAML: " + problem, {}};
  if (p.error == YAML_READER_ERROR) {
    // Characters YAML does not allow raw (DEL, C1 controls, U+FFFE, U+FFFF);
    // check_text has already refused bytes that are not UTF-8.
    char name[16];
    std::snprintf(name, sizeof name, "U+%04X", static_cast<unsigned>(p.problem_value));
    return {sources.loc(file, start + p.problem_offset), "invalid YAML: character " + std::string(name) +
                                                     " is not allowed",
            "in a double-quoted string write it as an escape, e.g. \\u" + std::string(name + 2)};
  }
  SourceLoc loc = builder.loc(p.problem_mark);
  if (problem == "found character that cannot start any token") {
    std::string_view text = sources.text(file);
    size_t at = builder.offset(p.problem_mark);
    if (at < text.size() && text[at] == '\t') {
      size_t line_start = text.rfind('\n', at) + 1;  // npos + 1 == 0
      if (text.substr(line_start, at - line_start).find_first_not_of(" \t") == std::string_view::npos)
        return {loc, "invalid YAML: a tab cannot indent YAML", "indent with spaces"};
      return {loc, "invalid YAML: a tab cannot stand before a value here", "write a space instead"};
    }
  }
  if (problem == "mapping values are not allowed in this context")
    return {loc, "invalid YAML: " + problem,
            "a key indented deeper than the line above it continues that line's value: line it "
            "up with its siblings; a value that holds ': ' must be quoted"};
  std::string hint;
  if (p.context) {
    SourceLoc at = builder.loc(p.context_mark);
    hint = std::string(p.context) + " that starts at line " + std::to_string(at.line) +
           ", column " + std::to_string(at.column);
  }
  return {loc, "invalid YAML: " + problem, hint};
}

// Reads the documents of `text`, which starts at byte `start` of the file,
// into `docs`; `count` counts the file's documents.
void read_documents(std::string_view text, size_t start, TreeBuilder& builder, size_t& count,
                    std::vector<Node>& docs, const SourceManager& sources, uint32_t file,
                    const YamlLimits& limits) {
  Parser parser(text);
  for (;;) {
    Event ev;
    if (!yaml_parser_parse(&parser.p, &ev.e))
      throw syntax_error(parser.p, sources, file, builder, start);
    if (ev.e.type == YAML_STREAM_END_EVENT) return;
    if (ev.e.type == YAML_DOCUMENT_START_EVENT && ++count > limits.max_documents)
      throw ReadError{builder.loc(ev.e.start_mark),
                      "more than " + std::to_string(limits.max_documents) +
                          " YAML documents in one file",
                      "split the file", "yaml/syntax", true};
    builder.on_event(ev.e);
    if (ev.e.type == YAML_DOCUMENT_END_EVENT && builder.has_root()) {
      Node root = builder.take_root();
      if (!root.is_null()) docs.push_back(std::move(root));
    }
  }
}

// The first document marker ("---" at the start of a line, alone or before
// a blank) in the lines from byte `line` (a line's start) on that starts
// past byte `after`; npos when there is none. A marker starts a document
// whatever came before it: YAML allows it in no scalar and no collection.
size_t next_document(std::string_view text, size_t line, size_t after) {
  while (line < text.size()) {
    if (line > after && text.compare(line, 3, "---") == 0 &&
        (line + 3 == text.size() || std::strchr(" \t\r\n", text[line + 3])))
      return line;
    size_t nl = text.find('\n', line);
    if (nl == std::string_view::npos) break;
    line = nl + 1;
  }
  return std::string_view::npos;
}

}  // namespace

std::vector<Node> read_yaml(const SourceManager& sources, uint32_t file, DiagnosticEngine& diags,
                            const YamlLimits& limits) {
  std::vector<Node> docs;
  if (!check_text(sources, file, diags)) return docs;
  TreeBuilder builder(sources, file, limits);
  std::string_view text = sources.text(file);
  size_t count = 0;  // documents
  // After an error, the documents after the broken one are read on.
  for (size_t start = 0; start != std::string_view::npos;) {
    try {
      read_documents(text.substr(start), start, builder, count, docs, sources, file, limits);
      return docs;
    } catch (const ReadError& e) {
      diags.error(e.loc, {}, e.message, e.hint, e.rule);
      if (e.fatal) return docs;
      size_t at = e.loc.line ? static_cast<size_t>(sources.line(file, e.loc.line).data() - text.data())
                             : start;
      start = next_document(text, std::max(at, start), start);
      if (start != std::string_view::npos) builder.restart(start);
    }
  }
  return docs;
}

}  // namespace mpijobc


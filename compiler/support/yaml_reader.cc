#include "support/yaml_reader.h"

#include <yaml-cpp/eventhandler.h>
#include <yaml-cpp/yaml.h>

#include <charconv>
#include <cstdlib>
#include <map>
#include <sstream>

#include "support/text_checks.h"

namespace mpijobc {
namespace {

// Thrown from the event handler to stop the parser on the first structural
// error; caught in read_yaml and turned into a diagnostic.
struct ReadError {
  SourceLoc loc;
  std::string message;
  std::string hint;
};

bool all_of(std::string_view s, size_t from, bool (*pred)(char)) {
  if (from >= s.size()) return false;
  for (size_t i = from; i < s.size(); ++i)
    if (!pred(s[i])) return false;
  return true;
}
bool is_dec(char c) { return c >= '0' && c <= '9'; }
bool is_oct(char c) { return c >= '0' && c <= '7'; }
bool is_hex(char c) { return is_dec(c) || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F'); }

bool is_core_int(std::string_view s) {
  if (s.size() > 2 && s[0] == '0' && s[1] == 'o') return all_of(s, 2, is_oct);
  if (s.size() > 2 && s[0] == '0' && s[1] == 'x') return all_of(s, 2, is_hex);
  size_t i = (!s.empty() && (s[0] == '-' || s[0] == '+')) ? 1 : 0;
  return all_of(s, i, is_dec);
}

bool is_core_float(std::string_view s) {
  static const char* specials[] = {".inf", ".Inf", ".INF", "+.inf", "+.Inf", "+.INF", "-.inf",
                                   "-.Inf", "-.INF", ".nan", ".NaN", ".NAN"};
  for (const char* sp : specials)
    if (s == sp) return true;
  size_t i = 0;
  if (i < s.size() && (s[i] == '-' || s[i] == '+')) ++i;
  size_t digits = 0;
  while (i < s.size() && is_dec(s[i])) ++i, ++digits;
  if (i < s.size() && s[i] == '.') {
    ++i;
    while (i < s.size() && is_dec(s[i])) ++i, ++digits;
  }
  if (digits == 0) return false;
  if (i < s.size() && (s[i] == 'e' || s[i] == 'E')) {
    ++i;
    if (i < s.size() && (s[i] == '-' || s[i] == '+')) ++i;
    return all_of(s, i, is_dec);
  }
  return i == s.size();
}

class TreeBuilder : public YAML::EventHandler {
 public:
  TreeBuilder(uint32_t file, const YamlLimits& limits) : file_(file), limits_(limits) {}

  bool has_root() const { return has_root_; }
  Node take_root() {
    has_root_ = false;
    return std::move(root_);
  }

  void OnDocumentStart(const YAML::Mark&) override {}
  void OnDocumentEnd() override {}

  void OnNull(const YAML::Mark& mark, YAML::anchor_t anchor) override {
    complete(Node::null(loc(mark)), anchor);
  }

  void OnAlias(const YAML::Mark& mark, YAML::anchor_t anchor) override {
    auto it = anchors_.find(anchor);
    if (it == anchors_.end()) throw ReadError{loc(mark), "unknown alias", {}};
    count(it->second.nodes, loc(mark));
    expand(it->second, loc(mark));
    Node copy = it->second.node;
    relocate(copy, loc(mark));
    attach(std::move(copy));
  }

  void OnScalar(const YAML::Mark& mark, const std::string& tag, YAML::anchor_t anchor,
                const std::string& value) override {
    complete(scalar(mark, tag, value), anchor);
  }

  void OnSequenceStart(const YAML::Mark& mark, const std::string& tag, YAML::anchor_t anchor,
                       YAML::EmitterStyle::value) override {
    check_collection_tag(mark, tag, "tag:yaml.org,2002:seq");
    open(Node::seq(loc(mark)), anchor, mark);
  }
  void OnSequenceEnd() override { close(); }

  void OnMapStart(const YAML::Mark& mark, const std::string& tag, YAML::anchor_t anchor,
                  YAML::EmitterStyle::value) override {
    check_collection_tag(mark, tag, "tag:yaml.org,2002:map");
    open(Node::map(loc(mark)), anchor, mark);
  }
  void OnMapEnd() override { close(); }

 private:
  struct Frame {
    Node node;
    YAML::anchor_t anchor = 0;
    size_t first_count = 0;  // node and byte counts when the frame opened, to size anchors
    size_t first_bytes = 0;
    bool have_key = false;
    std::string key;
    SourceLoc key_loc;
  };
  struct Anchored {
    Node node;
    size_t nodes;
    size_t bytes;  // of scalar text, keys included
  };

  SourceLoc loc(const YAML::Mark& m) const {
    return {file_, static_cast<uint32_t>(m.line + 1), static_cast<uint32_t>(m.column + 1)};
  }

  void count(size_t n, SourceLoc at) {
    nodes_ += n;
    if (nodes_ > limits_.max_nodes)
      throw ReadError{at, "document too large: more than " +
                                     std::to_string(limits_.max_nodes) +
                                     " nodes (after expanding aliases)",
                      "split the file or avoid deeply nested aliases"};
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
                      "write the repeated part out, or alias less of it"};
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

  void check_collection_tag(const YAML::Mark& mark, const std::string& tag,
                            const char* canonical) {
    if (tag.empty() || tag == "?" || tag == "!" || tag == canonical) return;
    throw ReadError{loc(mark), "unsupported YAML tag '" + tag + "'", "remove the tag"};
  }

  Node scalar(const YAML::Mark& mark, const std::string& tag, const std::string& value) {
    Node n;
    n.loc = loc(mark);
    if (value.size() > limits_.max_scalar_bytes)
      throw ReadError{n.loc, "value too long: " + std::to_string(value.size()) + " bytes, the limit is " +
                                 std::to_string(limits_.max_scalar_bytes),
                      "keep large data out of the spec (mount it from a ConfigMap or volume)"};
    n.text = value;
    if (tag == "!" || tag == "tag:yaml.org,2002:str") {
      n.kind = Node::Kind::String;
      return n;
    }
    enum { Any, Null, Bool, Int, Float } want = Any;
    if (tag == "tag:yaml.org,2002:null") want = Null;
    else if (tag == "tag:yaml.org,2002:bool") want = Bool;
    else if (tag == "tag:yaml.org,2002:int") want = Int;
    else if (tag == "tag:yaml.org,2002:float") want = Float;
    else if (tag != "?" && !tag.empty())
      throw ReadError{n.loc, "unsupported YAML tag '" + tag + "'", "remove the tag"};

    const std::string& s = value;
    if (s.empty() || s == "~" || s == "null" || s == "Null" || s == "NULL") n.kind = Node::Kind::Null;
    else if (s == "true" || s == "True" || s == "TRUE" || s == "false" || s == "False" || s == "FALSE")
      n.kind = Node::Kind::Bool;
    else if (is_core_int(s)) n.kind = Node::Kind::Int;
    else if (is_core_float(s)) n.kind = Node::Kind::Float;
    else n.kind = Node::Kind::String;

    if (n.kind == Node::Kind::Int && !parse_yaml_int(s))
      throw ReadError{n.loc, "integer " + s + " is out of range", "use a smaller number"};
    if (n.kind == Node::Kind::Bool) n.text = (s[0] == 't' || s[0] == 'T') ? "true" : "false";

    bool ok = want == Any || (want == Null && n.kind == Node::Kind::Null) ||
              (want == Bool && n.kind == Node::Kind::Bool) ||
              (want == Int && n.kind == Node::Kind::Int) ||
              (want == Float && (n.kind == Node::Kind::Float || n.kind == Node::Kind::Int));
    if (!ok) throw ReadError{n.loc, "'" + s + "' does not match its tag '" + tag + "'", {}};
    if (want == Float) n.kind = Node::Kind::Float;
    return n;
  }

  void open(Node n, YAML::anchor_t anchor, const YAML::Mark& mark) {
    if (stack_.size() >= limits_.max_depth)
      throw ReadError{loc(mark), "nesting deeper than " + std::to_string(limits_.max_depth) +
                                     " levels",
                      {}};
    if (!stack_.empty() && stack_.back().node.is_map() && !stack_.back().have_key)
      throw ReadError{loc(mark), "mapping keys must be plain scalars",
                      "write the key as a string"};
    count(1, loc(mark));
    Frame f;
    f.node = std::move(n);
    f.anchor = anchor;
    f.first_count = nodes_;
    f.first_bytes = bytes_;
    stack_.push_back(std::move(f));
  }

  void close() {
    Frame f = std::move(stack_.back());
    stack_.pop_back();
    if (f.anchor) anchors_[f.anchor] = Anchored{f.node, nodes_ - f.first_count + 1, bytes_ - f.first_bytes};
    attach(std::move(f.node));
  }

  void complete(Node n, YAML::anchor_t anchor) {
    if (n.is_scalar()) {
      count(1, n.loc);
      bytes_ += n.text.size();
    }
    if (anchor) anchors_[anchor] = Anchored{n, 1, n.text.size()};
    attach(std::move(n));
  }

  void attach(Node n) {
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
      if (const Member* prev = top.node.member(n.text))
        throw ReadError{n.loc, "duplicate key '" + n.text + "'",
                        "the first '" + n.text + "' is at line " +
                            std::to_string(prev->key_loc.line) + "; keep only one"};
      top.key = std::move(n.text);
      top.key_loc = n.loc;
      top.have_key = true;
      return;
    }
    top.node.members.push_back(Member{std::move(top.key), top.key_loc, std::move(n)});
    top.have_key = false;
  }

  uint32_t file_;
  YamlLimits limits_;
  std::vector<Frame> stack_;
  std::map<YAML::anchor_t, Anchored> anchors_;
  size_t nodes_ = 0;
  size_t bytes_ = 0;  // scalar text read or copied, for sizing anchors
  size_t alias_nodes_ = 0;
  size_t alias_bytes_ = 0;
  Node root_;
  bool has_root_ = false;
};

}  // namespace

std::vector<Node> read_yaml(const SourceManager& sources, uint32_t file, DiagnosticEngine& diags,
                            const YamlLimits& limits) {
  std::vector<Node> docs;
  if (!check_text(sources, file, diags)) return docs;
  std::istringstream in(sources.text(file));
  TreeBuilder builder(file, limits);
  try {
    YAML::Parser parser(in);
    for (size_t count = 1; parser.HandleNextDocument(builder); ++count) {
      if (count > limits.max_documents)
        throw ReadError{{file, 1, 1}, "more than " + std::to_string(limits.max_documents) +
                                          " YAML documents in one file",
                        "split the file"};
      if (builder.has_root()) {
        Node root = builder.take_root();
        if (!root.is_null()) docs.push_back(std::move(root));
      }
    }
  } catch (const ReadError& e) {
    diags.error(e.loc, {}, e.message, e.hint, "yaml/syntax");
  } catch (const YAML::Exception& e) {
    SourceLoc l{file, static_cast<uint32_t>(e.mark.line + 1),
                static_cast<uint32_t>(e.mark.column + 1)};
    if (e.mark.is_null()) l = {file, 1, 1};
    diags.error(l, {}, "invalid YAML: " + e.msg, {}, "yaml/syntax");
  }
  return docs;
}

}  // namespace mpijobc

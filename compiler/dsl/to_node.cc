#include "dsl/to_node.h"

#include <limits>
#include <optional>

#include "dsl/lexical.h"
#include "support/plain_scalar.h"

namespace mpijobc::dsl {
namespace {

constexpr const char* kSyntax = "dsl/syntax";

class Lowering {
 public:
  explicit Lowering(DiagnosticEngine& diags) : diags_(diags) {}

  // The job's document, or nothing when it has a key error. A value error
  // (a duration that is none, an integer outside 64 bits) leaves the value
  // in its place: a refused value (frontend/documents.h).
  std::optional<Node> job(const Job& job) {
    key_error_ = false;
    Node doc = Node::map(job.kind.loc);
    add(doc, "apiVersion", job.kind.loc, Node::string("mpijobc/v1", job.kind.loc));
    add(doc, "kind", job.kind.loc, Node::string(job.kind.text, job.kind.loc));
    Node metadata = Node::map(job.name.loc);
    add(metadata, "name", job.name.loc, Node::string(job.name.text, job.name.loc));
    Node spec = Node::map(job.body.loc);
    MemberIndex metadata_keys, spec_keys;
    for (const Entry& e : job.body.entries) {
      if (e.key == "name") {  // YAML's metadata.name: here, the header's
        diags_.error(e.key_loc, {}, "a job's name is written after its kind, not as an entry",
                     "this job is named '" + job.name.text + "' at line " +
                         std::to_string(job.name.loc.line) + ": " + job.kind.text + " " +
                         job.name.text + " { ... }",
                     kSyntax);
        continue;
      }
      bool meta = is_metadata_key(e.key);
      put(meta ? metadata : spec, meta ? metadata_keys : spec_keys, e);
    }
    add(doc, "metadata", job.name.loc, std::move(metadata));
    add(doc, "spec", job.body.loc, std::move(spec));
    if (key_error_) return std::nullopt;
    return doc;
  }

 private:
  Node value(const Value& v, const std::string& key) {
    switch (v.kind) {
      case Value::Kind::Word:
        // A word is a string, or by YAML's resolution a boolean or null.
        switch (resolve_plain(v.text)) {
          case Node::Kind::Bool: return scalar(Node::Kind::Bool, v.text, v.loc);
          case Node::Kind::Null: return Node::null(v.loc);
          default: return Node::string(v.text, v.loc);
        }
      case Value::Kind::String: return Node::string(v.text, v.loc);
      case Value::Kind::Int:
        if (!parse_yaml_int(v.text))
          diags_.error(v.loc, {}, "integer " + v.text + " is out of range", "use a smaller number",
                       kSyntax);
        return scalar(Node::Kind::Int, v.text, v.loc);
      case Value::Kind::Float: return scalar(Node::Kind::Float, v.text, v.loc);
      case Value::Kind::Unit: return unit(v, key);
      case Value::Kind::Block: {
        Node map = Node::map(v.loc);
        MemberIndex keys;
        for (const Entry& e : v.entries) put(map, keys, e);
        return map;
      }
      case Value::Kind::List: {
        Node seq = Node::seq(v.loc);
        for (const Item& i : v.items) seq.push(value(i.value, key));
        return seq;
      }
    }
    return Node::null(v.loc);
  }

  Node unit(const Value& v, const std::string& key) {
    std::string_view suffix = unit_suffix(v.text);
    long long per_unit = duration_unit_seconds(suffix);
    if (per_unit == 0) {
      if (is_seconds_field(key))
        diags_.error(v.loc, {}, "'" + v.text + "' is a quantity, not a duration",
                     suffix == "m" ? "for minutes write " +
                                         v.text.substr(0, v.text.size() - 1) + "min (m is milli)"
                                   : "durations use s, min, h or d, e.g. 90s, 30min, 1h, 2d",
                     "dsl/duration");
      return Node::string(v.text, v.loc);
    }
    std::string number(v.text.substr(0, v.text.size() - suffix.size()));
    if (!is_seconds_field(key)) {
      diags_.error(v.loc, {}, "a duration only fits a field in seconds (named *seconds* or *timeout*)",
                   "if it is a string, quote it: \"" + v.text + "\"", "dsl/duration");
    } else if (number.find('.') != std::string::npos) {
      diags_.error(v.loc, {}, "a duration is a whole number of its unit",
                   "use a smaller unit, e.g. 90min instead of 1.5h", "dsl/duration");
    } else {
      std::optional<int64_t> n = parse_yaml_int(number);
      if (n && *n <= std::numeric_limits<int64_t>::max() / per_unit)
        return scalar(Node::Kind::Int, std::to_string(*n * per_unit), v.loc);
      diags_.error(v.loc, {}, "duration " + v.text + " is out of range", "use a smaller number",
                   "dsl/duration");
    }
    return Node::null(v.loc);
  }

  // Adds an entry to a map, refusing a key that is already there.
  void put(Node& map, MemberIndex& keys, const Entry& e) {
    if (e.key.size() > kMaxKeyBytes) {
      diags_.error(e.key_loc, {}, "key of " + std::to_string(e.key.size()) +
                                      " bytes; keys are at most " + std::to_string(kMaxKeyBytes),
                   "shorten the key", kSyntax);
      key_error_ = true;
      return;
    }
    if (const Member* prev = keys.find(map, e.key)) {
      diags_.error(e.key_loc, {}, "duplicate key '" + e.key + "'",
                   "the first '" + e.key + "' is at line " + std::to_string(prev->key_loc.line) +
                       "; keep only one",
                   kSyntax);
      key_error_ = true;
      return;
    }
    add(map, e.key, e.key_loc, value(e.value, e.key));
  }

  static void add(Node& map, std::string key, SourceLoc key_loc, Node value) {
    map.add(std::move(key), std::move(value));
    map.members.back().key_loc = key_loc;
  }

  static Node scalar(Node::Kind kind, std::string text, SourceLoc loc) {
    Node n;
    n.kind = kind;
    n.text = std::move(text);
    n.loc = loc;
    return n;
  }

  DiagnosticEngine& diags_;
  bool key_error_ = false;
};

}  // namespace

bool is_seconds_field(std::string_view key) {
  return key.find("seconds") != std::string_view::npos ||
         key.find("timeout") != std::string_view::npos;
}

bool is_metadata_key(std::string_view key) {
  return key == "namespace" || key == "labels" || key == "annotations";
}

std::vector<Node> to_documents(const File& file, DiagnosticEngine& diags) {
  std::vector<Node> docs;
  Lowering lowering(diags);
  for (const Job& job : file.jobs)
    if (std::optional<Node> doc = lowering.job(job)) docs.push_back(std::move(*doc));
  return docs;
}

}  // namespace mpijobc::dsl

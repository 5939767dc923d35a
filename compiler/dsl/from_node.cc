#include "dsl/from_node.h"

#include "dsl/lexical.h"
#include "dsl/to_node.h"
#include "support/plain_scalar.h"

namespace mpijobc::dsl {
namespace {

Value scalar(Value::Kind kind, std::string text) {
  Value v;
  v.kind = kind;
  v.text = std::move(text);
  return v;
}

// `key`: the entry the value is in (unit literals are durations in fields
// counted in seconds, so a quantity-like string stays quoted there). What
// reads bare as anything but a string ("True", "null", "0xff") is quoted.
Value string_value(const std::string& s, const std::string& key) {
  if (resolve_plain(s) != Node::Kind::String) return scalar(Value::Kind::String, s);
  if (is_word(s)) return scalar(Value::Kind::Word, s);
  if (is_unit(s) && duration_unit_seconds(unit_suffix(s)) == 0 && !is_seconds_field(key))
    return scalar(Value::Kind::Unit, s);
  return scalar(Value::Kind::String, s);
}

Entry entry(const Member& m);

Value value(const Node& n, const std::string& key) {
  switch (n.kind) {
    // Both syntaxes spell numbers and booleans alike: the text as written.
    case Node::Kind::Null: return scalar(Value::Kind::Word, "null");
    case Node::Kind::Bool: return scalar(Value::Kind::Word, n.text);
    case Node::Kind::Int: return scalar(Value::Kind::Int, n.text);
    case Node::Kind::Float: return scalar(Value::Kind::Float, n.text);
    case Node::Kind::String: return string_value(n.text, key);
    case Node::Kind::Seq: {
      Value list;
      list.kind = Value::Kind::List;
      for (const Node& item : n.items) list.items.push_back({value(item, key), {}});
      return list;
    }
    case Node::Kind::Map: {
      Value block;
      block.kind = Value::Kind::Block;
      for (const Member& m : n.members) block.entries.push_back(entry(m));
      return block;
    }
  }
  return {};
}

Entry entry(const Member& m) { return {m.key, {}, value(m.value, m.key), {}}; }

}  // namespace

Job from_document(const Node& doc) {
  Job job;
  const Node* kind = doc.get("kind");
  job.kind = scalar(Value::Kind::Word, kind ? kind->text : "MPIJob");
  job.body.kind = Value::Kind::Block;
  const Node* metadata = doc.get("metadata");
  const Node* name = metadata ? metadata->get("name") : nullptr;
  std::string name_text = name ? name->text : "";
  job.name = is_word(name_text) ? scalar(Value::Kind::Word, name_text)
                                : scalar(Value::Kind::String, name_text);
  if (metadata)
    for (const Member& m : metadata->members)
      if (is_metadata_key(m.key)) job.body.entries.push_back(entry(m));
  if (const Node* spec = doc.get("spec"))
    for (const Member& m : spec->members) job.body.entries.push_back(entry(m));
  return job;
}

}  // namespace mpijobc::dsl

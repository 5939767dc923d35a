#include "support/node.h"

#include <charconv>
#include <cstdint>

namespace mpijobc {

Node Node::null(SourceLoc loc) {
  Node n;
  n.loc = loc;
  return n;
}

Node Node::boolean(bool v, SourceLoc loc) {
  Node n;
  n.kind = Kind::Bool;
  n.text = v ? "true" : "false";
  n.loc = loc;
  return n;
}

Node Node::integer(int64_t v, SourceLoc loc) {
  Node n;
  n.kind = Kind::Int;
  n.text = std::to_string(v);
  n.loc = loc;
  return n;
}

Node Node::string(std::string v, SourceLoc loc) {
  Node n;
  n.kind = Kind::String;
  n.text = std::move(v);
  n.loc = loc;
  return n;
}

Node Node::seq(SourceLoc loc) {
  Node n;
  n.kind = Kind::Seq;
  n.loc = loc;
  return n;
}

Node Node::map(SourceLoc loc) {
  Node n;
  n.kind = Kind::Map;
  n.loc = loc;
  return n;
}

std::optional<int64_t> parse_yaml_int(std::string_view s) {
  int base = 10;
  bool neg = false;
  if (s.size() > 2 && s[0] == '0' && (s[1] == 'o' || s[1] == 'x')) {
    base = s[1] == 'o' ? 8 : 16;
    s.remove_prefix(2);
  } else if (!s.empty() && (s[0] == '-' || s[0] == '+')) {
    neg = s[0] == '-';
    s.remove_prefix(1);
  }
  uint64_t v = 0;
  auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), v, base);
  if (s.empty() || ec != std::errc() || end != s.data() + s.size()) return std::nullopt;
  if (neg) {
    if (v > uint64_t(INT64_MAX) + 1) return std::nullopt;
    return v == uint64_t(INT64_MAX) + 1 ? INT64_MIN : -int64_t(v);
  }
  if (v > uint64_t(INT64_MAX)) return std::nullopt;
  return int64_t(v);
}

std::optional<int64_t> Node::as_int() const {
  if (kind != Kind::Int) return std::nullopt;
  return parse_yaml_int(text);
}

std::optional<bool> Node::as_bool() const {
  if (kind != Kind::Bool) return std::nullopt;
  return !text.empty() && (text[0] == 't' || text[0] == 'T');
}

const Member* Node::member(std::string_view key) const {
  if (kind != Kind::Map) return nullptr;
  for (const Member& m : members)
    if (m.key == key) return &m;
  return nullptr;
}

const Member* MemberIndex::find(const Node& map, const std::string& key) {
  const std::vector<Member>& members = map.members;
  if (members.size() < 32) return map.member(key);
  // Index what was added since the last call, then look up.
  for (; indexed_ < members.size(); ++indexed_) positions_.emplace(members[indexed_].key, indexed_);
  auto it = positions_.find(key);
  return it == positions_.end() ? nullptr : &members[it->second];
}

const Node* Node::get(std::string_view key) const {
  const Member* m = member(key);
  return m ? &m->value : nullptr;
}

Node& Node::add(std::string key, Node value) {
  return add(std::move(key), value.loc, std::move(value));
}

Node& Node::add(std::string key, SourceLoc key_loc, Node value) {
  // Most mappings have a few members: growing 1, 2, 4 moved each one twice.
  if (members.empty()) members.reserve(4);
  Member& m = members.emplace_back();  // filled in place: a Node is costly to move
  m.key = std::move(key);
  m.key_loc = key_loc;
  m.value = std::move(value);
  return m.value;
}

Node& Node::push(Node value) {
  items.push_back(std::move(value));
  return items.back();
}

Node&& Node::from(SourceLoc l, std::string spec_path) && {
  loc = l;
  origin = std::move(spec_path);
  return std::move(*this);
}

const char* kind_name(Node::Kind k) {
  switch (k) {
    case Node::Kind::Null: return "null";
    case Node::Kind::Bool: return "boolean";
    case Node::Kind::Int: return "integer";
    case Node::Kind::Float: return "number";
    case Node::Kind::String: return "string";
    case Node::Kind::Seq: return "list";
    case Node::Kind::Map: return "mapping";
  }
  return "value";
}

}  // namespace mpijobc

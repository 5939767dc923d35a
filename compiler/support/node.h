// A located document tree: the shape of JSON, with a source position on every
// node. The YAML reader produces it from spec files and manifests; manifest
// generators build it (positions then point at the spec value that produced
// each field); the YAML writer serialises it; rules walk it.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "support/source.h"

namespace mpijobc {

struct Member;

struct Node {
  enum class Kind { Null, Bool, Int, Float, String, Seq, Map };

  Kind kind = Kind::Null;
  SourceLoc loc;
  // Scalars: the text as written (Int/Float/Bool keep their spelling, `0x1F`,
  // `+3`, `True`; String its unescaped value; Null is empty). Fields that take
  // text (command items, env values, quantities) use it as it is.
  std::string text;
  std::vector<Node> items;      // Seq
  std::vector<Member> members;  // Map, in document order
  // For generated nodes: the spec field that produced this value, so findings
  // name what the user wrote ("spec.launcher.restart_policy"). Empty for
  // nodes read from a file, whose path is where they are.
  std::string origin;

  static Node null(SourceLoc loc = {});
  static Node boolean(bool v, SourceLoc loc = {});
  static Node integer(int64_t v, SourceLoc loc = {});
  static Node string(std::string v, SourceLoc loc = {});
  static Node seq(SourceLoc loc = {});
  static Node map(SourceLoc loc = {});

  bool is_null() const { return kind == Kind::Null; }
  bool is_map() const { return kind == Kind::Map; }
  bool is_seq() const { return kind == Kind::Seq; }
  bool is_string() const { return kind == Kind::String; }
  bool is_scalar() const { return kind != Kind::Seq && kind != Kind::Map; }
  std::optional<int64_t> as_int() const;
  std::optional<bool> as_bool() const;

  // Map access; nullptr when absent or when this is not a map.
  const Node* get(std::string_view key) const;
  const Member* member(std::string_view key) const;
  // Appends a member and returns its value (for building trees); the key is
  // located where the value is, or at `key_loc`.
  Node& add(std::string key, Node value);
  Node& add(std::string key, SourceLoc key_loc, Node value);
  // Appends an item and returns it.
  Node& push(Node value);

  // Tags the node with the spec field it came from.
  Node&& from(SourceLoc l, std::string spec_path) &&;
};

// Map keys are at most this long: YAML's limit for implicit keys, the form
// the writer uses (a longer one would not read back). Front ends enforce it.
inline constexpr size_t kMaxKeyBytes = 1024;

struct Member {
  std::string key;
  SourceLoc key_loc;
  Node value;
};

// Finds a key among the members of a mapping being built, for front ends
// that refuse duplicates: a linear search while the mapping is small, a hash
// index once it grows (one mapping of a hostile file can hold 100,000 keys,
// and checking each against all before it would take minutes).
class MemberIndex {
 public:
  const Member* find(const Node& map, const std::string& key);

 private:
  std::unordered_map<std::string, size_t> positions_;  // key -> index in members
  size_t indexed_ = 0;                                 // members in positions_
};

const char* kind_name(Node::Kind k);

// Parses a YAML 1.2 core integer (decimal with sign, 0o octal, 0x hex);
// nullopt when malformed or outside int64.
std::optional<int64_t> parse_yaml_int(std::string_view s);

}  // namespace mpijobc

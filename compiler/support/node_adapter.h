// A valijson adapter over a located tree (support/node.h): the schema checks
// read the document itself instead of a JSON copy of it (making that copy,
// and freeing it, was a twentieth of a build). Values read as to_json would
// write them: integers as int64, floats as doubles, strict types.
#pragma once

#include <iterator>
#include <string>
#include <utility>

#include <valijson/internal/adapter.hpp>
#include <valijson/internal/basic_adapter.hpp>
#include <valijson/internal/frozen_value.hpp>

#include "support/node.h"

namespace mpijobc {

class NodeAdapter;
using NodeAdapterMember = std::pair<std::string, NodeAdapter>;
template <typename Element, typename Value>
class NodeIterator;
using NodeItemIterator = NodeIterator<Node, NodeAdapter>;
using NodeMemberIterator = NodeIterator<Member, NodeAdapterMember>;

// The value of a Float node: its text as a double, ".inf" and "-.inf" too.
double float_value(const Node& n);

class NodeArray {
 public:
  using const_iterator = NodeItemIterator;
  using iterator = NodeItemIterator;
  NodeArray();
  explicit NodeArray(const Node& n) : node_(&n) {}
  NodeItemIterator begin() const;
  NodeItemIterator end() const;
  size_t size() const { return node_->items.size(); }

 private:
  const Node* node_;
};

class NodeObject {
 public:
  using const_iterator = NodeMemberIterator;
  using iterator = NodeMemberIterator;
  NodeObject();
  explicit NodeObject(const Node& n) : node_(&n) {}
  NodeMemberIterator begin() const;
  NodeMemberIterator end() const;
  NodeMemberIterator find(const std::string& name) const;
  size_t size() const { return node_->members.size(); }

 private:
  const Node* node_;
};

class NodeValue {
 public:
  NodeValue();
  explicit NodeValue(const Node& n) : node_(&n) {}

  valijson::adapters::FrozenValue* freeze() const;
  opt::optional<NodeArray> getArrayOptional() const {
    if (!isArray()) return opt::nullopt;
    return NodeArray(*node_);
  }
  bool getArraySize(size_t& result) const {
    if (!isArray()) return false;
    result = node_->items.size();
    return true;
  }
  bool getBool(bool& result) const {
    if (!isBool()) return false;
    result = node_->as_bool().value_or(false);
    return true;
  }
  bool getDouble(double& result) const {
    if (!isDouble()) return false;
    result = float_value(*node_);
    return true;
  }
  bool getInteger(int64_t& result) const {
    if (!isInteger()) return false;
    result = node_->as_int().value_or(0);
    return true;
  }
  opt::optional<NodeObject> getObjectOptional() const {
    if (!isObject()) return opt::nullopt;
    return NodeObject(*node_);
  }
  bool getObjectSize(size_t& result) const {
    if (!isObject()) return false;
    result = node_->members.size();
    return true;
  }
  bool getString(std::string& result) const {
    if (!isString()) return false;
    result = node_->text;
    return true;
  }
  static bool hasStrictTypes() { return true; }
  bool isArray() const { return node_->kind == Node::Kind::Seq; }
  bool isBool() const { return node_->kind == Node::Kind::Bool; }
  bool isDouble() const { return node_->kind == Node::Kind::Float; }
  bool isInteger() const { return node_->kind == Node::Kind::Int; }
  bool isNull() const { return node_->kind == Node::Kind::Null; }
  bool isNumber() const { return isInteger() || isDouble(); }
  bool isObject() const { return node_->kind == Node::Kind::Map; }
  bool isString() const { return node_->kind == Node::Kind::String; }

 private:
  const Node* node_;
};

class NodeAdapter : public valijson::adapters::BasicAdapter<NodeAdapter, NodeArray,
                                                            NodeAdapterMember, NodeObject, NodeValue> {
 public:
  NodeAdapter() = default;
  explicit NodeAdapter(const Node& n) : BasicAdapter(NodeValue(n)) {}
};

// An iterator over a node's items or members, as valijson wants one.
template <typename Element, typename Value>
class NodeIterator {
 public:
  using iterator_category = std::bidirectional_iterator_tag;
  using value_type = Value;
  using difference_type = std::ptrdiff_t;
  using pointer = Value*;
  using reference = Value&;

  explicit NodeIterator(const Element* at) : at_(at) {}
  Value operator*() const { return value(*at_); }
  valijson::adapters::DerefProxy<Value> operator->() const {
    return valijson::adapters::DerefProxy<Value>(**this);
  }
  bool operator==(const NodeIterator& other) const { return at_ == other.at_; }
  bool operator!=(const NodeIterator& other) const { return at_ != other.at_; }
  const NodeIterator& operator++() { return ++at_, *this; }
  NodeIterator operator++(int) { return NodeIterator(at_++); }
  const NodeIterator& operator--() { return --at_, *this; }
  void advance(std::ptrdiff_t n) { at_ += n; }

 private:
  static NodeAdapter value(const Node& n) { return NodeAdapter(n); }
  static NodeAdapterMember value(const Member& m) { return {m.key, NodeAdapter(m.value)}; }

  const Element* at_;
};

}  // namespace mpijobc

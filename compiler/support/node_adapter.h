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
class NodeItemIterator;
class NodeMemberIterator;
using NodeAdapterMember = std::pair<std::string, NodeAdapter>;

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
    result = node_->text == "true";
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

class NodeItemIterator {
 public:
  using iterator_category = std::bidirectional_iterator_tag;
  using value_type = NodeAdapter;
  using difference_type = std::ptrdiff_t;
  using pointer = NodeAdapter*;
  using reference = NodeAdapter&;

  explicit NodeItemIterator(const Node* at) : at_(at) {}
  NodeAdapter operator*() const { return NodeAdapter(*at_); }
  valijson::adapters::DerefProxy<NodeAdapter> operator->() const {
    return valijson::adapters::DerefProxy<NodeAdapter>(**this);
  }
  bool operator==(const NodeItemIterator& other) const { return at_ == other.at_; }
  bool operator!=(const NodeItemIterator& other) const { return at_ != other.at_; }
  const NodeItemIterator& operator++() { return ++at_, *this; }
  NodeItemIterator operator++(int) { return NodeItemIterator(at_++); }
  const NodeItemIterator& operator--() { return --at_, *this; }
  void advance(std::ptrdiff_t n) { at_ += n; }

 private:
  const Node* at_;
};

class NodeMemberIterator {
 public:
  using iterator_category = std::bidirectional_iterator_tag;
  using value_type = NodeAdapterMember;
  using difference_type = std::ptrdiff_t;
  using pointer = NodeAdapterMember*;
  using reference = NodeAdapterMember&;

  explicit NodeMemberIterator(const Member* at) : at_(at) {}
  NodeAdapterMember operator*() const { return {at_->key, NodeAdapter(at_->value)}; }
  valijson::adapters::DerefProxy<NodeAdapterMember> operator->() const {
    return valijson::adapters::DerefProxy<NodeAdapterMember>(**this);
  }
  bool operator==(const NodeMemberIterator& other) const { return at_ == other.at_; }
  bool operator!=(const NodeMemberIterator& other) const { return at_ != other.at_; }
  const NodeMemberIterator& operator++() { return ++at_, *this; }
  NodeMemberIterator operator++(int) { return NodeMemberIterator(at_++); }
  const NodeMemberIterator& operator--() { return --at_, *this; }

 private:
  const Member* at_;
};

}  // namespace mpijobc

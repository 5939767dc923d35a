#include "support/node_adapter.h"

#include <cmath>
#include <cstdlib>

namespace mpijobc {
namespace {

const Node& empty_map() {
  static const Node map = Node::map();
  return map;
}
const Node& empty_seq() {
  static const Node seq = Node::seq();
  return seq;
}

class NodeFrozenValue : public valijson::adapters::FrozenValue {
 public:
  explicit NodeFrozenValue(Node n) : node_(std::move(n)) {}
  FrozenValue* clone() const override { return new NodeFrozenValue(node_); }
  bool equalTo(const valijson::adapters::Adapter& other, bool strict) const override {
    return NodeAdapter(node_).equalTo(other, strict);
  }

 private:
  Node node_;
};

}  // namespace

double float_value(const Node& n) {
  if (n.text.find("inf") != std::string::npos || n.text.find("Inf") != std::string::npos ||
      n.text.find("INF") != std::string::npos)
    return n.text[0] == '-' ? -HUGE_VAL : HUGE_VAL;
  return std::strtod(n.text.c_str(), nullptr);
}

NodeArray::NodeArray() : node_(&empty_seq()) {}
NodeItemIterator NodeArray::begin() const { return NodeItemIterator(node_->items.data()); }
NodeItemIterator NodeArray::end() const {
  return NodeItemIterator(node_->items.data() + node_->items.size());
}

NodeObject::NodeObject() : node_(&empty_map()) {}
NodeMemberIterator NodeObject::begin() const { return NodeMemberIterator(node_->members.data()); }
NodeMemberIterator NodeObject::end() const {
  return NodeMemberIterator(node_->members.data() + node_->members.size());
}
NodeMemberIterator NodeObject::find(const std::string& name) const {
  const Member* m = node_->member(name);
  return m ? NodeMemberIterator(m) : end();
}

NodeValue::NodeValue() : node_(&empty_map()) {}
valijson::adapters::FrozenValue* NodeValue::freeze() const { return new NodeFrozenValue(*node_); }

}  // namespace mpijobc

#include "support/node.h"

#include <catch2/catch.hpp>

using namespace mpijobc;

TEST_CASE("MemberIndex finds keys in small and large mappings as they grow") {
  Node map = Node::map();
  MemberIndex index;
  for (int i = 0; i < 1000; ++i) {
    std::string key = "k" + std::to_string(i);
    REQUIRE(index.find(map, key) == nullptr);  // not there yet
    map.add(key, Node::integer(i, {1, uint32_t(i + 1), 1}));
    // Past the linear-search size too, every key added so far is found.
    const Member* m = index.find(map, "k" + std::to_string(i / 2));
    REQUIRE(m);
    CHECK(m->value.as_int() == i / 2);
  }
  CHECK(index.find(map, "k1000") == nullptr);
  CHECK(index.find(map, "k999")->key_loc.line == 1000);
}

#include "lower/legacy_units.h"

#include <catch2/catch.hpp>

using namespace mpijobc;

TEST_CASE("legacy units: fewer than per node is one worker with all of them") {
  auto s = split_units(4, 8);
  REQUIRE(s);
  CHECK(s->workers == 1);
  CHECK(s->per_worker == 4);
}

TEST_CASE("legacy units: a multiple of per node is whole nodes") {
  auto s = split_units(32, 8);
  REQUIRE(s);
  CHECK(s->workers == 4);
  CHECK(s->per_worker == 8);
  auto one = split_units(16, 1);  // the operator flag's default
  REQUIRE(one);
  CHECK(one->workers == 16);
  CHECK(one->per_worker == 1);
}

TEST_CASE("legacy units: a total that is not a multiple never started") {
  CHECK_FALSE(split_units(12, 8));
}

TEST_CASE("legacy units: the CRD took 1, 2, 4 and multiples of 8") {
  for (int64_t ok : {1, 2, 4, 8, 16, 24, 64}) CHECK(legacy_units_allowed(ok));
  for (int64_t bad : {0, 3, 5, 6, 7, 12, 20}) CHECK_FALSE(legacy_units_allowed(bad));
}

#include "support/quantity.h"

#include <catch2/catch.hpp>

using namespace mpijobc;

TEST_CASE("quantities: suffixes, decimals and exponents") {
  CHECK(*parse_quantity("2") == 2);
  CHECK(*parse_quantity("500m") == Approx(0.5));
  CHECK(*parse_quantity("1.5") == Approx(1.5));
  CHECK(*parse_quantity(".5") == Approx(0.5));
  CHECK(*parse_quantity("4Gi") == 4.0L * 1024 * 1024 * 1024);
  CHECK(*parse_quantity("10G") == 10e9L);
  CHECK(*parse_quantity("1e3") == 1000);
  CHECK(*parse_quantity("2.5E-1") == Approx(0.25));
  CHECK(*parse_quantity("+1k") == 1000);
  // 1Gi is more than 1G; 1000Mi less than 1Gi.
  CHECK(*parse_quantity("1Gi") > *parse_quantity("1G"));
  CHECK(*parse_quantity("1000Mi") < *parse_quantity("1Gi"));
}

TEST_CASE("quantities: what is not one") {
  for (const char* bad : {"", "-1", "Gi", "1.2.3", "1x", "1e", "1e+", "abc", "1 Gi", "1ee3", "1e99999"})
    CHECK_FALSE(parse_quantity(bad));
}

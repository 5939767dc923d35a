#include "support/plain_scalar.h"

#include <catch2/catch.hpp>

using namespace mpijobc;
using K = Node::Kind;

TEST_CASE("plain scalars resolve by the YAML 1.2 core schema, every spelling") {
  for (const char* s : {"", "~", "null", "Null", "NULL"}) CHECK(resolve_plain(s) == K::Null);
  for (const char* s : {"true", "True", "TRUE", "false", "False", "FALSE"})
    CHECK(resolve_plain(s) == K::Bool);
  for (const char* s : {"0", "-0", "+3", "010", "0o755", "0x1F", "0xff", "-12345678901234567890"})
    CHECK(resolve_plain(s) == K::Int);
  for (const char* s : {"1.5", ".5", "1.", "+2.0", "-.5e3", "1e3", "1E-3", "1.e+2", ".inf", "-.Inf",
                        "+.INF", ".nan", ".NaN", ".NAN"})
    CHECK(resolve_plain(s) == K::Float);
  // YAML 1.1 spellings and near misses are strings in 1.2.
  for (const char* s : {"yes", "no", "on", "Off", "y", "tRUE", "nULL", "0b101", "1_000", "0o8", "0x",
                        "0o", "-0x1F", "+0o7", "-.nan", ".", "+", "-", "e3", ".e3", "1e", "1e3.5",
                        "1.2.3", "inf", ".infinity", "0x1G", "1 ", " 1", "500m", "4Gi"})
    CHECK(resolve_plain(s) == K::String);
}

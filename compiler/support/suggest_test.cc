#include "support/suggest.h"

#include <catch2/catch.hpp>

using mpijobc::closest_match;

TEST_CASE("closest_match finds plausible typos only") {
  std::vector<std::string> keys = {"slots", "image", "command", "restart_policy", "replicas"};
  CHECK(closest_match("slotz", keys) == "slots");
  CHECK(closest_match("imgae", keys) == "image");
  CHECK(closest_match("restartPolicy", keys) == "restart_policy");
  CHECK(closest_match("restart-policy", keys) == "restart_policy");
  CHECK(closest_match("replica", keys) == "replicas");
  CHECK(closest_match("xyz", keys) == "");
  CHECK(closest_match("always", {"ALWAYS", "FAILURE", "NEVER"}) == "ALWAYS");
}

// Catch2's main lives in its own translation unit so that editing a test does
// not recompile the framework.
#define CATCH_CONFIG_MAIN
#include <catch2/catch.hpp>

#include "support/parallel.h"

#include <atomic>
#include <catch2/catch.hpp>
#include <stdexcept>
#include <string>

using namespace mpijobc;

TEST_CASE("ordered_parallel: results are consumed in index order, whatever the threads") {
  for (unsigned threads : {1u, 2u, 4u, 16u}) {
    std::vector<size_t> order;
    std::vector<std::string> values;
    ordered_parallel<std::string>(
        500, threads,
        [](size_t i) {
          // Uneven work, so that later items often finish first.
          volatile size_t spin = (500 - i) * (i % 7) * 50;
          while (spin) spin = spin - 1;
          return std::to_string(i * i);
        },
        [&](size_t i, std::string&& v) {
          order.push_back(i);
          values.push_back(std::move(v));
        },
        8);
    REQUIRE(order.size() == 500);
    for (size_t i = 0; i < 500; ++i) {
      CHECK(order[i] == i);
      CHECK(values[i] == std::to_string(i * i));
    }
  }
}

TEST_CASE("ordered_parallel: workers stay within the window of the consumer") {
  std::atomic<size_t> consumed{0}, furthest_ahead{0};
  ordered_parallel<size_t>(
      300, 4,
      [&](size_t i) {
        size_t ahead = i - std::min(i, consumed.load());
        size_t seen = furthest_ahead.load();
        while (ahead > seen && !furthest_ahead.compare_exchange_weak(seen, ahead)) {
        }
        return i;
      },
      [&](size_t i, size_t&&) { consumed = i + 1; }, 5);
  CHECK(furthest_ahead.load() <= 5);  // counting the item being consumed
}

TEST_CASE("ordered_parallel: an exception stops the work and reaches the caller") {
  for (unsigned threads : {1u, 3u}) {
    std::vector<size_t> consumed;
    CHECK_THROWS_WITH(ordered_parallel<int>(
                          100, threads,
                          [](size_t i) {
                            if (i == 40) throw std::runtime_error("item 40");
                            return static_cast<int>(i);
                          },
                          [&](size_t i, int&&) { consumed.push_back(i); }),
                      "item 40");
    CHECK(consumed.size() == 40);  // everything before the failure, in order
  }
}

TEST_CASE("thread_count: 0 means one per CPU, at least one") {
  CHECK(thread_count(3) == 3);
  CHECK(thread_count(0) >= 1);
}

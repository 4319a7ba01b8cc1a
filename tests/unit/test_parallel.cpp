#include "notice/parallel.hpp"

#include <catch2/catch.hpp>

#include <atomic>
#include <stdexcept>
#include <string>
#include <vector>

using namespace notice;

TEST_CASE("results are consumed in order whatever the number of threads", "[parallel]") {
  for (const unsigned jobs : {1u, 2u, 4u, 7u}) {
    std::vector<std::size_t> seen;
    for_each_ordered<std::string>(
        100, jobs, [](std::size_t i) { return std::to_string(i * i); },
        [&](std::size_t i, std::string &result) {
          CHECK(result == std::to_string(i * i));
          seen.push_back(i);
        });
    REQUIRE(seen.size() == 100);
    for (std::size_t i = 0; i < seen.size(); ++i) {
      CHECK(seen[i] == i);
    }
  }
}

TEST_CASE("only a few results wait for their turn", "[parallel]") {
  std::atomic<int> produced{0};
  int consumed = 0;
  int most_waiting = 0;
  for_each_ordered<int>(
      1000, 3,
      [&](std::size_t i) {
        ++produced;
        return static_cast<int>(i);
      },
      [&](std::size_t, int &) {
        ++consumed;
        most_waiting = std::max(most_waiting, produced.load() - consumed);
      });
  CHECK(consumed == 1000);
  CHECK(most_waiting <= 3 * 4 + 3); // the window, plus one in the hands of each worker
}

TEST_CASE("an exception in the work is rethrown at that item's turn, after the items before it", "[parallel]") {
  std::vector<std::size_t> seen;
  CHECK_THROWS_WITH(for_each_ordered<int>(
                        50, 2,
                        [](std::size_t i) {
                          if (i == 20) {
                            throw std::runtime_error("item 20");
                          }
                          return static_cast<int>(i);
                        },
                        [&](std::size_t i, int &) { seen.push_back(i); }),
                    "item 20");
  CHECK(seen.size() == 20);
}

TEST_CASE("an exception in the consumer stops the workers", "[parallel]") {
  CHECK_THROWS_WITH(for_each_ordered<int>(
                        10'000, 2, [](std::size_t i) { return static_cast<int>(i); },
                        [](std::size_t i, int &) {
                          if (i == 5) {
                            throw std::runtime_error("disk full");
                          }
                        }),
                    "disk full");
}

TEST_CASE("default_jobs is at least one", "[parallel]") {
  CHECK(default_jobs() >= 1);
}

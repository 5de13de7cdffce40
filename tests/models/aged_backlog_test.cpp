// A backlog held in age groups: counts and bytes exact, times kept as the
// records' means, the number of groups bounded by the backlog's age however
// many batches it holds, and a cut-off by arrival (a stream's retention) that
// takes each group's evenly spread share.
#include <doctest/doctest.h>

#include <algorithm>
#include <cmath>
#include <cstdint>

#include "archsim/engine/rng.hpp"
#include "archsim/models/common/aged_backlog.hpp"

using namespace archsim;
using models::AgedBacklog;

namespace {
engine::Batch batch_at(engine::SimTime t, std::uint64_t count, std::uint32_t mix = 1) {
  return {.count = count, .bytes = 100 * count, .created = t, .arrived = t, .origin = 0, .mix = mix};
}
}  // namespace

TEST_CASE("aged backlog: a day of one batch a second holds a few hundred groups and every record") {
  AgedBacklog backlog;
  const engine::SimTime day = 86400 * engine::kSecond;
  std::uint64_t pushed = 0;
  for (engine::SimTime t = 0; t < day; t += engine::kSecond) {
    backlog.push(batch_at(t, 7), t);
    pushed += 7;
  }
  // Groups span at most 1/64 of the age when they were made: about
  // 64 (1 + ln(86,400 / 64)) = 525 groups, not 86,400 batches.
  MESSAGE("groups: " << backlog.size());
  CHECK(backlog.size() < 600);
  CHECK(backlog.size() > 64);
  std::uint64_t count = 0, bytes = 0;
  double created = 0;
  engine::SimTime last_arrival = -1;
  while (!backlog.empty()) {
    CHECK(backlog.oldest_arrival() > last_arrival);
    last_arrival = backlog.oldest_arrival();
    const AgedBacklog::Group g = backlog.pop();
    count += g.batch.count;
    bytes += g.batch.bytes;
    created += static_cast<double>(g.batch.created) * static_cast<double>(g.batch.count);
    // A group's mean time lies within its own span, which is at most 1/64 of the day.
    CHECK(g.batch.created >= g.first);
    CHECK(g.batch.created <= g.last);
    CHECK(g.last - g.first <= day / 64);
  }
  CHECK(count == pushed);
  CHECK(bytes == 100 * pushed);
  // The records' mean creation time is kept: (86,399 / 2) s, to rounding.
  CHECK(created / static_cast<double>(count) == doctest::Approx(86399.0 / 2 * 1e9).epsilon(1e-9));
}

TEST_CASE("aged backlog: batches of other key mixes, or of single records, stay apart") {
  AgedBacklog backlog;
  for (int i = 0; i < 100; ++i) {
    const engine::SimTime t = 1000 * engine::kSecond + i * engine::kMillisecond;
    backlog.push(batch_at(t, 1, static_cast<std::uint32_t>(1 + i % 2)), t);
  }
  CHECK(backlog.size() == 100);
  AgedBacklog singles;
  for (int i = 0; i < 10; ++i) singles.push(batch_at(i, 1, 0), 1000 * engine::kSecond);
  CHECK(singles.size() == 10);
}

TEST_CASE("aged backlog: a cut-off by arrival takes each group's evenly spread share") {
  // 100 records a second for an hour, held from the hour's end: the records
  // that arrived in the first 20 minutes are 120,000 of 360,000, whatever
  // groups the backlog made of them.
  AgedBacklog backlog;
  const engine::SimTime hour = 3600 * engine::kSecond;
  for (engine::SimTime t = 0; t < hour; t += engine::kSecond) backlog.push(batch_at(t, 100), t + 30 * hour);
  std::uint64_t taken = 0;
  for (engine::Batch b; (b = backlog.take_arrived_by(hour / 3 - 1)).count > 0;) taken += b.count;
  CHECK(static_cast<double>(taken) == doctest::Approx(120000).epsilon(0.002));
  CHECK(backlog.oldest_arrival() >= hour / 3 - 2 * engine::kSecond);
  // Nothing more is older than the cut.
  CHECK(backlog.take_arrived_by(hour / 3 - 1).count == 0);
  std::uint64_t left = 0;
  while (!backlog.empty()) left += backlog.pop().batch.count;
  CHECK(taken + left == 360000);
}

TEST_CASE("aged backlog: a group's mean time is the exact rounded-down mean, with or without 128 bits") {
  // Against the sum in 128 bits: close times (the 64-bit way), far times and
  // huge counts (where the product does not fit), and a mean below the first time.
  engine::Rng rng(7);
  auto exact = [](engine::SimTime a, std::uint64_t na, engine::SimTime b, std::uint64_t nb) {
    const std::uint64_t n = na + nb;
    const __int128 sum = static_cast<__int128>(a) * na + static_cast<__int128>(b) * nb + n / 2;
    return static_cast<engine::SimTime>(sum / n);
  };
  for (int i = 0; i < 20000; ++i) {
    const auto a = static_cast<engine::SimTime>(rng.uniform() * 9e13);
    const auto spread = i % 3 == 0 ? 9e13 : 1e9;
    const auto b = std::max<engine::SimTime>(0, a + static_cast<engine::SimTime>((rng.uniform() - 0.5) * spread));
    const auto na = 1 + static_cast<std::uint64_t>(rng.uniform() * (i % 2 ? 1e3 : 1e12));
    const auto nb = 1 + static_cast<std::uint64_t>(rng.uniform() * (i % 5 ? 1e4 : 1e13));
    REQUIRE(AgedBacklog::mean(a, na, b, nb, na + nb) == exact(a, na, b, nb));
  }
  CHECK(AgedBacklog::mean(10, 1, 0, 1, 2) == 5);
  CHECK(AgedBacklog::mean(10, 1, 7, 2, 3) == 8);  // 24 / 3 + the half rounded down: (24 + 1) / 3
  CHECK(AgedBacklog::mean(10, 2, 3, 1, 3) == 8);  // (23 + 1) / 3
}

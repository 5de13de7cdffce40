#include <doctest/doctest.h>

#include "archsim/metrics/time_series.hpp"

using namespace archsim::metrics;
using archsim::engine::kSecond;

TEST_CASE("time series: a level's interval means and window mean are time-weighted") {
  LevelSeries s(10 * kSecond, 40 * kSecond, 5 * kSecond);  // window [5 s, 40 s)
  s.set(0, 1);
  s.set(15 * kSecond, 3);  // 1 until 15 s, then 3
  s.set(30 * kSecond, 0);
  s.finish(40 * kSecond);
  const auto m = s.means();
  REQUIRE(m.size() == 4);
  CHECK(m[0] == doctest::Approx(1));
  CHECK(m[1] == doctest::Approx(2));  // half at 1, half at 3
  CHECK(m[2] == doctest::Approx(3));
  CHECK(m[3] == doctest::Approx(0));
  // window: 10 s at 1, 15 s at 3, 10 s at 0 over 35 s
  CHECK(s.window_mean() == doctest::Approx((10.0 + 45.0) / 35.0));
  CHECK(s.window_peak() == doctest::Approx(3));
}

TEST_CASE("time series: counters fall into their interval, the last interval may be short") {
  CounterSeries c(10 * kSecond, 25 * kSecond);
  REQUIRE(c.bins().size() == 3);
  c.add(0, 1);
  c.add(9 * kSecond, 2);
  c.add(10 * kSecond, 4);
  c.add(24 * kSecond, 8);
  CHECK(c.bins() == std::vector<double>{3, 4, 8});
}

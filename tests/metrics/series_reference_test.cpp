// The time series keep the current interval (and whether it is inside the
// window) to avoid a division per update. These tests compare them with the
// plain definition, dividing on every update, and require the same doubles.
#include <doctest/doctest.h>

#include <algorithm>
#include <cstdint>
#include <vector>

#include "archsim/engine/rng.hpp"
#include "archsim/metrics/time_series.hpp"

using namespace archsim::metrics;
using archsim::engine::kMillisecond;
using archsim::engine::Rng;

namespace {

// The level-series definition, one division per update.
struct ReferenceLevel {
  SimTime interval, duration, window_start, last_t = 0;
  double level = 0, window_area = 0;
  std::vector<double> area;
  ReferenceLevel(SimTime i, SimTime d, SimTime w)
      : interval(i), duration(d), window_start(w), area(static_cast<std::size_t>((d + i - 1) / i), 0.0) {}
  void advance(SimTime t) {
    t = std::min(t, duration);
    while (last_t < t) {
      const auto i = static_cast<std::size_t>(last_t / interval);
      const SimTime bin_end = std::min<SimTime>(static_cast<SimTime>(i + 1) * interval, t);
      area[i] += level * static_cast<double>(bin_end - last_t);
      const SimTime in_window = bin_end - std::max(last_t, window_start);
      if (in_window > 0) window_area += level * static_cast<double>(in_window);
      last_t = bin_end;
    }
  }
  void set(SimTime t, double l) {
    if (t > last_t) advance(t);
    level = l;
  }
};

}  // namespace

TEST_CASE("time series: a level series matches the per-update definition exactly") {
  const SimTime interval = 10 * kMillisecond, duration = 995 * kMillisecond, warmup = 137 * kMillisecond;
  LevelSeries fast(interval, duration, warmup);
  ReferenceLevel slow(interval, duration, warmup);
  Rng rng(42);
  SimTime t = 0;
  while (t < duration + 20 * kMillisecond) {  // runs past the end, as events at the end may
    t += static_cast<SimTime>(rng.below(3 * kMillisecond));  // often several updates at one time
    const double level = static_cast<double>(rng.below(5)) + (rng.below(2) ? 0.25 : 0.0);
    fast.set(t, level);
    slow.set(t, level);
  }
  fast.finish(duration);
  slow.advance(duration);
  const auto means = fast.means();
  REQUIRE(means.size() == slow.area.size());
  for (std::size_t i = 0; i < means.size(); ++i) {
    const SimTime width = std::min(interval, duration - static_cast<SimTime>(i) * interval);
    CHECK(means[i] == slow.area[i] / static_cast<double>(width));
  }
  CHECK(fast.window_mean() == slow.window_area / static_cast<double>(duration - warmup));
}

TEST_CASE("time series: counters land in the bin of their time, whatever order times come in") {
  CounterSeries c(10, 95);  // bins [0,10) ... [90,95)
  REQUIRE(c.bins().size() == 10);
  std::vector<double> expected(10, 0.0);
  const SimTime times[] = {0, 9, 10, 55, 54, 94, 95, 500, 3, 89, 90, 30};
  double amount = 1;
  for (SimTime t : times) {
    c.add(t, amount);
    expected[std::min<std::size_t>(static_cast<std::size_t>(t / 10), 9)] += amount;
    amount *= 2;
  }
  CHECK(c.bins() == expected);
}

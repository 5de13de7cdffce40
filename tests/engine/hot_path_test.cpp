// Checks on the engine's inline fast paths: rounding without the library call,
// the calendar's packed slots, and the inline exponential draw.
#include <doctest/doctest.h>

#include <cmath>
#include <limits>

#include "archsim/engine/calendar.hpp"
#include "archsim/engine/distribution.hpp"
#include "archsim/engine/rng.hpp"
#include "archsim/engine/time.hpp"

using namespace archsim::engine;

TEST_CASE("engine: round_half_away agrees with std::llround") {
  const double edge[] = {0.0,  0.49999999999999994, 0.5, 1.5, 2.5, -0.5, -1.5, -2.4999999999999996,
                         1e15 + 0.5, 4503599627370495.5, 4503599627370497.0, 9.2e18, -9.2e18, 123456.789};
  for (double x : edge) CHECK(round_half_away(x) == std::llround(x));
  Rng rng(7);
  for (int i = 0; i < 100000; ++i) {
    const double x = (rng.uniform() - 0.5) * std::ldexp(1.0, static_cast<int>(rng.below(60)));
    REQUIRE(round_half_away(x) == std::llround(x));
  }
}

TEST_CASE("engine: the calendar gives back handler, tag and data as pushed") {
  Calendar cal;
  const std::uint32_t big = std::numeric_limits<std::uint32_t>::max();
  for (std::uint64_t i = 0; i < 300; ++i)
    cal.push(Event{static_cast<SimTime>((i * 7919) % 101), i, static_cast<std::uint32_t>(i) ^ big,
                   static_cast<std::uint32_t>(i * 3), ~i});
  REQUIRE(cal.size() == 300);
  CHECK(cal.top().time == cal.next_time());
  SimTime previous = -1;
  while (!cal.empty()) {
    const Event e = cal.pop();
    CHECK(e.time >= previous);
    previous = e.time;
    CHECK(e.handler == (static_cast<std::uint32_t>(e.seq) ^ big));
    CHECK(e.tag == static_cast<std::uint32_t>(e.seq * 3));
    CHECK(e.data == ~e.seq);
  }
}

TEST_CASE("engine: exponential draws use log(1 - u) of one uniform, as log1p(-u) would") {
  const auto d = Distribution::exponential(8000);
  Rng a(99), b(99);
  for (int i = 0; i < 100000; ++i) {
    const double x = d.sample(a);
    const double reference = -8000 * std::log1p(-b.uniform());
    REQUIRE(x == doctest::Approx(reference).epsilon(1e-15));
  }
}

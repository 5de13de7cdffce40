// Simulated time: an integer count of nanoseconds, so event order never depends
// on floating-point rounding (as in ns-3's Time and OMNeT++'s SimTime).
#pragma once
#include <cmath>
#include <cstdint>
#include <limits>

namespace archsim::engine {

using SimTime = std::int64_t;  // nanoseconds since the start of the run

inline constexpr SimTime kNanosecond = 1;
inline constexpr SimTime kMicrosecond = 1'000;
inline constexpr SimTime kMillisecond = 1'000'000;
inline constexpr SimTime kSecond = 1'000'000'000;
inline constexpr SimTime kMinute = 60 * kSecond;
inline constexpr SimTime kHour = 60 * kMinute;
inline constexpr SimTime kDay = 24 * kHour;
inline constexpr SimTime kForever = std::numeric_limits<SimTime>::max();

inline constexpr double to_seconds(SimTime t) { return static_cast<double>(t) / 1e9; }

// The nearest integer, halves away from zero: exactly std::llround for
// |x| < 2^63, without its library call, which on the event path cost more
// than the rest of a draw. x - trunc(x) is exact in double arithmetic.
inline std::int64_t round_half_away(double x) {
  const auto whole = static_cast<std::int64_t>(x);  // toward zero
  const double rest = x - static_cast<double>(whole);
  return whole + (rest >= 0.5) - (rest <= -0.5);
}

// Rounds to the nearest nanosecond; durations below half a nanosecond become 0.
inline SimTime from_seconds(double s) { return static_cast<SimTime>(std::llround(s * 1e9)); }

}  // namespace archsim::engine

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
// Beyond ±2^63 it saturates at the largest integer (kForever: a time past
// any run's end), where a cast would be undefined; NaN gives 0.
inline std::int64_t round_half_away(double x) {
  constexpr double kLimit = 9223372036854775808.0;  // 2^63
  if (!(x < kLimit)) [[unlikely]] return x >= kLimit ? std::numeric_limits<std::int64_t>::max() : 0;
  if (x <= -kLimit) [[unlikely]] return std::numeric_limits<std::int64_t>::min();
  const auto whole = static_cast<std::int64_t>(x);  // toward zero
  const double rest = x - static_cast<double>(whole);
  return whole + (rest >= 0.5) - (rest <= -0.5);
}

// t + d for d >= 0, saturating at kForever: a service time of centuries, or
// a gap of a rate of one record in a thousand years, lands after the run's
// end, never before its start.
inline SimTime later(SimTime t, SimTime d) { return d > kForever - t ? kForever : t + d; }

// Rounds to the nearest nanosecond; durations below half a nanosecond become 0.
inline SimTime from_seconds(double s) { return static_cast<SimTime>(std::llround(s * 1e9)); }

}  // namespace archsim::engine

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

// Rounds to the nearest nanosecond; durations below half a nanosecond become 0.
inline SimTime from_seconds(double s) { return static_cast<SimTime>(std::llround(s * 1e9)); }

}  // namespace archsim::engine

// What a run will count and how long it will take, checked when the scenario
// is loaded: a rate typed a few orders of magnitude too high must not
// overflow a count or run for days; it is bad input, reported at its line.
#pragma once
#include <string>

#include "archsim/scenario/diagnostics.hpp"
#include "archsim/scenario/scenario.hpp"

namespace archsim::scenario {

// Counts are exact in every report up to 2^53 (they pass through doubles).
inline constexpr double kMaxRecords = 9007199254740992.0;
// Byte totals are 64-bit signed counts: 2^63 bytes, 8 EiB.
inline constexpr double kMaxBytes = 9223372036854775807.0;
// The events a run may take: hours on one core at the one to ten million
// events a second a full design sustains (docs/performance.md). Checked
// before the run from each source's arrivals, and during it from the
// events so far, which also counts what arrivals alone do not (a batch
// split across shards, pollers, timers).
inline constexpr double kMaxEvents = 1e10;

// Reports each source whose records over the run overflow a count or a byte
// total, and a design whose events over the run exceed kMaxEvents, with the
// arithmetic, the largest value that fits, and how to shorten the run.
void check_scale(const Scenario& s, Diagnostics& diags);

// A large count as messages give it: two significant figures, "7.2e+19".
std::string about(double count);

}  // namespace archsim::scenario

// What a run shows about one component's limits, read from its result and
// from what its model declares (model/diagnosis.hpp): records it lost by its
// own limits or for having waited too long, requests refused, its own backlog
// growing, its capacity at the top, and whether it was held back by what is
// downstream of it and by which component. The diagnosis is built from these.
#pragma once
#include <cstdint>
#include <string>
#include <vector>

#include "archsim/run/result.hpp"
#include "archsim/scenario/scenario.hpp"

namespace archsim::analysis {

// Below these a component's limit is not said to bind: a throttle now and
// then is the service working as designed.
inline constexpr double kThrottleFloor = 0.001;  // requests refused per record offered
inline constexpr double kBusyFloor = 0.9;        // of its capacity, at the peak interval
inline constexpr double kUnitFloor = 0.95;       // of one unit's capacity offered to the hottest unit

struct Evidence {
  const run::ComponentResult* result = nullptr;
  const scenario::ComponentDecl* decl = nullptr;
  std::uint64_t dropped_own = 0;     // by its own limits
  std::uint64_t dropped_waited = 0;  // for having waited too long (a symptom of what kept them waiting)
  std::vector<run::DropCount> drops_own;
  double throttle_fraction = 0;
  double own_growth_per_min = 0;   // its own backlog (the part not held back), fastest sustained growth
  double held_growth_per_min = 0;  // the part held back by what is downstream
  bool held = false;               // held back enough to matter
  std::string refused_by;          // the downstream component that refused it most
  double passed_on = 0;            // of those refusals, the share that only passed on back-pressure from further down
  double utilization = 0;          // peak, of its capacity (the hottest unit's offered load where it has units)
  bool saturated = false;
  // At its top with its own queue long enough to matter: records waited a
  // second or more for its capacity (a fifth of their time here at least),
  // or it ends the run with more than a minute of its input still waiting.
  bool falls_behind = false;
  double backlog_at_end = 0;       // its own backlog at the last interval, records
  double late_runs = 0;
  std::string resource;  // the id of the resource its own symptoms point at
  bool own_symptoms() const {
    return dropped_own > 0 || throttle_fraction > kThrottleFloor || late_runs > 0 || saturated;
  }
};

Evidence gather(const run::ComponentResult& result, const scenario::ComponentDecl& decl);

// The fastest growth of a level series sustained over five intervals, in records a minute.
double growth_per_min(const std::vector<double>& level, double interval_s);

}  // namespace archsim::analysis

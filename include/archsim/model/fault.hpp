// A fault on a run's timeline (docs/faults.md): from `start` to `end` a
// component or a source behaves as its documentation says it does when that
// kind of failure strikes it. A model declares the kinds it simulates
// (ModelSpec::faults) and is handed those that target it at build time;
// the engine knows nothing of them.
#pragma once
#include <string>
#include <vector>

#include "archsim/engine/time.hpp"

namespace archsim::model {

// Every kind the scenario format names, in the order messages list them.
// A kind a model does not declare is refused where it is written.
inline const std::vector<std::string>& fault_kinds() {
  static const std::vector<std::string> kinds = {"stopped", "capacity_lost", "throttled", "error_rate",
                                                 "latency", "spike",         "poison"};
  return kinds;
}

struct Fault {
  std::string kind;
  engine::SimTime start = 0, end = 0;
  double factor = 1;  // spike: the load multiplied; latency: the slow-down
  double share = 0;   // capacity_lost, throttled, error_rate: the fraction struck
};

// What one fault did to the component it struck, beyond its probe's counts:
// the records it processed again after a restart (duplicates downstream
// under at-least-once delivery).
struct FaultOutcome {
  std::uint64_t replayed = 0;
};

// A kind a model simulates, with what it does there in a few words for
// messages and the faults page: "the job fails and restarts from its last
// checkpoint, replaying what came after it".
struct FaultKind {
  std::string kind;
  std::string what;
  // The component takes nothing in while it lasts (a job down): everything
  // that arrives meanwhile waits, which explain works out as λT.
  bool stops = false;
  // Its work takes `factor` times as long while it lasts (a dependency
  // slowed), so its capacity is divided by the factor: explain works out
  // the backlog of arrivals beyond that.
  bool slows = false;
};

// The share of requests the `throttled` faults among `faults` refuse at `t`,
// each refusing its share independently (0 when none is on).
inline double refused_share_at(const std::vector<Fault>& faults, engine::SimTime t) {
  double passing = 1;
  for (const Fault& f : faults)
    if (f.kind == "throttled" && t >= f.start && t < f.end) passing *= 1 - f.share;
  return 1 - passing;
}

// How many times longer work started at `t` takes under the `latency`
// faults among `faults` (1 when none is on).
inline double slowdown_at(const std::vector<Fault>& faults, engine::SimTime t) {
  double factor = 1;
  for (const Fault& f : faults)
    if (f.kind == "latency" && t >= f.start && t < f.end) factor *= f.factor;
  return factor;
}

}  // namespace archsim::model

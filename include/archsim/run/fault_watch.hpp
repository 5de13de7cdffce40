// Watches a run through its faults: the records in flight anywhere in the
// design over the minute before each fault (its level), at their most from
// its start, and the first second after its end when they are back to that
// level: the time the design took to recover.
#pragma once
#include <cstdint>
#include <functional>
#include <string>
#include <utility>
#include <vector>

#include "archsim/engine/time.hpp"
#include "archsim/run/result.hpp"
#include "archsim/scenario/scenario.hpp"

namespace archsim::run {

class FaultWatch {
 public:
  // How often it samples, and how long before a fault it takes the level.
  static constexpr engine::SimTime kStep = engine::kSecond;
  static constexpr engine::SimTime kBefore = engine::kMinute;

  FaultWatch(const std::vector<scenario::FaultDecl>& faults, engine::SimTime end);
  // The next time after `t` it wants a sample at; kForever when none.
  engine::SimTime next_sample_after(engine::SimTime t) const;
  // Records dropped so far, by component and then by reason, in the order
  // each component's model declared its reasons (they are only appended).
  using Drops = std::vector<std::vector<std::uint64_t>>;
  // A sample at `t`: the records in flight, summed over the design, and those dropped so far.
  void sample(engine::SimTime t, double in_flight, const Drops& dropped);
  // `components` and `reasons` name the counts: reasons[c][r] of components[c].
  std::vector<FaultResult> results(const std::vector<std::string>& components,
                                   const std::vector<std::vector<std::string>>& reasons) const;

 private:
  struct Watch {
    engine::SimTime start, end;
    bool done = false;
    Drops dropped_at_start, dropped_since;
    bool started = false;
  };
  std::vector<Watch> watches_;
  std::vector<FaultResult> results_;
  engine::SimTime end_;
};

}  // namespace archsim::run

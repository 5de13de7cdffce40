// The smallest change of a finding's levers that clears what binds, found by
// simulating: each lever of the binding resource (model/diagnosis.hpp), in
// the order its model lists them, is moved from a first estimate (the peak
// load over the capacity it has) and then halved towards today's value or
// doubled towards its bound, each step simulated again. A move clears when
// the finding is gone from the new run's diagnosis and every requirement it
// failed passes; of those that clear, the one that costs least is suggested.
// When none clears within the levers' bounds, the trials say how far they
// went and what binds then.
#pragma once
#include <cstddef>
#include <vector>

#include "archsim/run/result.hpp"
#include "archsim/scenario/scenario.hpp"

namespace archsim::analysis {

struct FixBudget {
  int simulations = 6;  // runs one finding's search may take
  // Scaling trials two at a time (when a core would otherwise be idle: one
  // finding searched); the search then takes more runs for the same precision.
  bool side_by_side = false;
  // The most threads at work at once, nested calls included (run::parallel_for;
  // 0: one per core). It decides how trials run, never which.
  unsigned jobs = 0;
  static FixBudget alone(unsigned jobs = 0) { return {.simulations = 8, .side_by_side = true, .jobs = jobs}; }
};

// Fills finding.fixes, .fix and .fix_checked. `failed` are the indexes of
// the requirements (in result.requirements) the finding causes to fail.
void search_fix(const scenario::Scenario& scenario, const run::RunResult& result, run::Bottleneck& finding,
                const std::vector<std::size_t>& failed, FixBudget budget = {});

}  // namespace archsim::analysis

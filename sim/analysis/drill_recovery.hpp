// What paced a drill's recovery: of the components the fault's records pass
// through (its target and everything downstream of it), the busiest against
// its own limit from the fault's end until the design was back to its level,
// and the rate the backlog drained at. A design that catches up slowly is
// held by that limit, whatever stopped it. Only for a design that caught up;
// a `recover_within` it failed is bound by that limit.
#pragma once
#include "archsim/run/result.hpp"
#include "archsim/scenario/scenario.hpp"

namespace archsim::analysis {

void fill_recovery(const scenario::Scenario& scenario, run::RunResult& result);

}  // namespace archsim::analysis

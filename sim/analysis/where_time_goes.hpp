// Where a path's time goes, component by component (in service, waiting for
// capacity, buffering, held back by what is downstream), and how much room
// the design has at its peak: the busiest bounded component. A component
// whose own service time dominates at low utilization shows here, not among
// the bottlenecks.
#pragma once
#include "archsim/run/result.hpp"
#include "archsim/scenario/scenario.hpp"

namespace archsim::analysis {

void fill_time_by_path(run::RunResult& result);
void fill_headroom(const scenario::Scenario& scenario, run::RunResult& result);

}  // namespace archsim::analysis

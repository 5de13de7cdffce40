// The capacity that meets a drill's `recover_within`, found by simulating:
// the slowest recovery's pace is raised where it was set (the first scaling
// lever of the limit that paced it), by the catch-up the target asks for,
// and the drill run again; when another component paces the next run, its
// lever is raised too. Each trial is a whole drill; the first design that
// recovers in time is reported with its cost, or why none was found.
#pragma once
#include "archsim/run/result.hpp"
#include "archsim/scenario/scenario.hpp"

namespace archsim::analysis {

// `drill`: the scenario's run with its recoveries' pace filled (fill_recovery).
run::RecoveryFix search_recovery_fix(const scenario::Scenario& scenario, const run::RunResult& drill,
                                     int simulations = 6);

}  // namespace archsim::analysis

// Everything archsim says about a run beyond its raw figures: simulate the
// scenario, then the analyses that read the result (and may simulate again).
#pragma once
#include "archsim/run/result.hpp"
#include "archsim/scenario/scenario.hpp"

namespace archsim::analysis {

// The runs the analyses add (fix trials, the query engines' rerun) go on up
// to `jobs` threads (run::parallel_for; 0: one per core); the result is the
// same with any number.
run::RunResult run_and_explain(const scenario::Scenario& scenario, unsigned jobs = 0);

}  // namespace archsim::analysis

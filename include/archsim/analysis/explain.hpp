// Everything archsim says about a run beyond its raw figures: simulate the
// scenario, then the analyses that read the result (and may simulate again).
#pragma once
#include "archsim/run/result.hpp"
#include "archsim/scenario/scenario.hpp"

namespace archsim::analysis {

run::RunResult run_and_explain(const scenario::Scenario& scenario);

}  // namespace archsim::analysis

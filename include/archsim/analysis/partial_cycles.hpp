// Where the simulated time covers a source's load cycle only in part and
// its load there is not the cycle's mean (by more than 5%): the sources
// whose monthly figures are projected from an unrepresentative span.
#pragma once
#include <vector>

#include "archsim/run/partial_cycle.hpp"
#include "archsim/scenario/scenario.hpp"

namespace archsim::analysis {

std::vector<run::PartialCycle> partial_cycles(const scenario::Scenario& scenario);

}  // namespace archsim::analysis

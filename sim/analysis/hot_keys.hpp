// The keys behind a hot unit, from the key spaces the design declares: for a
// finding on a keyed limit (shards, partitions, subtasks), the most frequent
// keys of each source whose records reach the component with their keys (no
// aggregation between), each with its share of the component's records, its
// rate at the peak, the unit it hashes to and what one unit takes. When the
// hottest key alone is more than one unit takes, more units cannot help.
#pragma once
#include <vector>

#include "archsim/run/result.hpp"
#include "archsim/scenario/scenario.hpp"

namespace archsim::analysis {

void find_hot_keys(const scenario::Scenario& scenario, std::vector<run::Bottleneck>& findings);

}  // namespace archsim::analysis

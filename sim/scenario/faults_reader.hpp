// The `faults` section (and `--fault`, which adds to it): each fault's
// target, kind, start and end, checked against the design's names, the
// kinds the target's model simulates and the run's length.
#pragma once
#include <vector>

#include "archsim/scenario/diagnostics.hpp"
#include "archsim/scenario/scenario.hpp"
#include "archsim/scenario/yaml_tree.hpp"

namespace archsim::scenario {

// `scenario` holds the sources, the components (with their models, where
// read) and the duration the faults are checked against.
std::vector<FaultDecl> read_faults(const YamlNode& section, const Scenario& scenario, Diagnostics& diags);

}  // namespace archsim::scenario

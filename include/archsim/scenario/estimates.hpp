// Reading a candidate's napkin numbers (scenario::Estimate), from the
// scenario's `estimates:` or from a file of their own (`archsim grade FILE
// --estimates FILE`).
#pragma once
#include <string>
#include <vector>

#include "archsim/scenario/diagnostics.hpp"
#include "archsim/scenario/scenario.hpp"
#include "archsim/scenario/yaml_tree.hpp"

namespace archsim::scenario {

// The keys of an `estimates` mapping.
const std::vector<std::string>& estimate_keys();
const char* estimate_key(EstimateKind kind);

// Reads an `estimates` mapping against a loaded scenario: every component,
// parameter, sink and path it names must be the scenario's.
std::vector<Estimate> read_estimates(const YamlNode& section, const Scenario& scenario, Diagnostics& diags);

// The same from a file of its own (a mapping whose `estimates` holds them,
// or the estimates' mapping itself).
std::vector<Estimate> load_estimates(const std::string& path, const Scenario& scenario, Diagnostics& diags);

}  // namespace archsim::scenario

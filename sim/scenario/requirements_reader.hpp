// The `requirements` section: each target with what it is judged on (the
// whole design; a sink or a path SOURCE -> SINK for latency and freshness; a
// batch job for completes_by), every scope checked against the flows.
#pragma once
#include <vector>

#include "archsim/scenario/diagnostics.hpp"
#include "archsim/scenario/scenario.hpp"
#include "archsim/scenario/yaml_tree.hpp"

namespace archsim::scenario {

struct RequirementsContext {
  // Every declared source and component with the flows, whether or not its
  // keys were valid: the graph scopes are checked against.
  const Scenario& shape;
  // The components whose service was read, with their models.
  const std::vector<ComponentDecl>& components;
  // Both name sections and every flow are there: scopes can be resolved. When
  // not, their problems are reported already and scopes are left unchecked.
  bool graph_known = false;
};

std::vector<Requirement> read_requirements(const YamlNode& section, const RequirementsContext& context,
                                           Diagnostics& diags);

}  // namespace archsim::scenario

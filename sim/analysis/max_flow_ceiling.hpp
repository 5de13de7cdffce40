// The max-flow / min-cut figure beside the static ceiling: vertex v's
// capacity in records/s of the design's input (+inf for the sources and the
// unbounded), split into in -> out edges; the flow value and the cut.
#pragma once
#include <vector>

#include "archsim/analysis/static_explain.hpp"
#include "archsim/scenario/topology.hpp"

namespace archsim::analysis {

StaticCeiling max_flow_ceiling(const scenario::Topology& topo, const std::vector<double>& capacity_in_input_units);

}  // namespace archsim::analysis

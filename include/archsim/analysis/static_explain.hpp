// `archsim explain`: the napkin math of a design without simulating it. The
// traffic equations (traffic.hpp) give every component's offered load; each
// model's static hook (model/static_figures.hpp) its capacity, first-order
// latency and monthly cost at that load; the ceiling is the largest multiple
// of today's peak the design carries (docs/decisions/0005-static-ceiling.md).
#pragma once
#include <string>
#include <vector>

#include "archsim/model/catalog.hpp"
#include "archsim/scenario/scenario.hpp"

namespace archsim::analysis {

struct StaticComponent {
  std::string name, service;
  double offered = 0, peak = 0;  // records/s, at the mean and with every source at its peak
  double record_bytes = 0;
  double capacity = 0;  // records/s; +inf when unbounded
  std::string limit;    // what sets it
  double utilization = 0, peak_utilization = 0;
  double latency_s = 0, peak_latency_s = 0;  // first order; +inf past capacity
  double monthly_usd = 0;                    // at the mean load
  double peak_attempts_per_s = 0;            // requests with retries at the peak, where the client retries
};

struct StaticCeiling {
  // Fixed routing (the design as written: its shares and copies): every load
  // scales with the input, so the design carries `scale` x today's peak,
  // scale = min over components of capacity / peak load. Exact for the linear
  // model; +inf when nothing is bounded.
  double scale = 0;
  std::vector<std::string> binding;  // the components at that minimum
  // Max-flow / min-cut (Boost.Graph) over the component graph split into
  // in -> out edges of capacity / gain, in records/s of the design's input:
  // the most the design could carry if routing were free to choose (shares
  // rebalanced). Equal to scale x peak input when the design has no fan-out;
  // an upper bound that overstates fixed shares otherwise, and not a bound
  // at all past a copy (each branch carries the whole flow; see 0005).
  double max_flow = 0;
  std::vector<std::string> min_cut;
  bool fixed_routing = false;  // the design has shares or copies: max_flow is not its ceiling
};

struct StaticPath {
  std::vector<std::string> vertices;  // source first, then components to a sink
  double latency_s = 0, peak_latency_s = 0;
};

struct StaticExplanation {
  std::string scenario;
  double input = 0, peak_input = 0;  // the sources' records/s
  std::vector<StaticComponent> components;
  StaticCeiling ceiling;
  std::vector<StaticPath> paths;
  double monthly_usd = 0;
};

StaticExplanation explain_statically(const scenario::Scenario& scenario, const model::Catalog& catalog);

}  // namespace archsim::analysis

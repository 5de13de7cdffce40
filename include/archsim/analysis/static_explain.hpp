// `archsim explain`: the napkin math of a design without simulating it. The
// traffic over the run (traffic.hpp) gives every component's offered load;
// each model's static hook (model/static_figures.hpp) its capacity,
// first-order latency and monthly cost at that load; the key mixes the
// hottest unit and key; the ceiling is the largest multiple of today's peak
// the design carries (docs/decisions/0005-static-ceiling.md, 0009).
#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "archsim/model/catalog.hpp"
#include "archsim/model/read_shape.hpp"
#include "archsim/model/static_figures.hpp"
#include "archsim/run/partial_cycle.hpp"
#include "archsim/scenario/scenario.hpp"

namespace archsim::analysis {

// The key that weighs most in a component's records, and what it asks of
// the one unit it lands on.
struct StaticHotKey {
  std::string source;       // whose key space it belongs to
  std::uint64_t key = 0;    // its value (in a zipf space, 0 is the most frequent)
  double share = 0;         // of the component's records
  double peak_per_s = 0;    // its records/s at the peak
  std::optional<std::uint64_t> unit;  // the unit it hashes to, where the units are known
  double unit_capacity = 0;           // records/s one unit takes
  bool beyond_unit = false;           // it alone is more than one unit takes
};

struct StaticComponent {
  std::string name, service;
  double offered = 0, peak = 0;  // records/s over the run: the mean and the highest
  double record_bytes = 0;
  // Each source of reads' part of what it is offered (FlowIn::ReadPart, with
  // its shape held here): a lever sizing a store's reads apart from its
  // writes needs them.
  struct ReadLoad {
    model::ReadShape shape;
    double share = 0;
    std::vector<double> by_interval;
    double record_bytes = 0;
    std::optional<model::FlowIn::SizePart> size;
  };
  std::vector<ReadLoad> reads;
  double capacity = 0;  // records/s; +inf when unbounded
  std::string limit;    // what sets it
  bool capacity_grows = false;  // on demand: `capacity` is the most it grows to with the load
  // Its busy share: at the mean and at the peak. Where it has keyed units,
  // the hottest unit's; on demand or for a batch job, as its model reads it
  // (busy_words says what sets the peak); else offered over capacity.
  double utilization = 0, peak_utilization = 0;
  std::string busy_words;
  double latency_s = 0, peak_latency_s = 0;  // first order; +inf past capacity
  double monthly_usd = 0;                    // the span's bill at its load, as a month
  double peak_attempts_per_s = 0;            // requests with retries at the peak, where the client retries
  // Keyed units (shards, partitions, subtasks, prefixes): how many, what one
  // takes, the one the most records land on and its share of them.
  std::string unit;  // what one is called ("shard"), as its model names its resources
  double units = 0, unit_capacity = 0;
  std::uint64_t hottest_unit = 0;
  double hottest_share = 0;
  std::optional<StaticHotKey> hottest_key;
  double dropped_per_s = 0;  // records it cannot hold past its capacity, over the run
  // How far the load may grow before this component's own limit binds, as a
  // multiple of today's peak (+inf: never).
  double headroom = 0;
  // Figures it cannot know without simulating, and why.
  std::vector<model::StaticNote> notes;
};

struct StaticCeiling {
  // Fixed routing (the design as written: its shares and copies): the design
  // carries `scale` x today's peak, scale = min over components of their
  // headroom (capacity over the peak demand, at its hottest unit, or as its
  // model reads its busy share). Exact where loads scale with the input;
  // first order past an aggregation or an on-demand rule; +inf when nothing
  // is bounded.
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

// A drill's fault by first-order arithmetic (docs/faults.md): the records it
// leaves waiting at the component it holds up, and how fast that one catches
// up: its capacity less what arrives after the fault. A stopped consumer
// leaves what arrives while it is down (λT); a spike what passes the
// capacity of the component it loads the most ((kλ − μ)T). The other kinds
// are left to the run (`component` empty): what they cost depends on the
// retries and error handling it simulates.
struct StaticRecovery {
  std::string target, kind, component;  // component: where the backlog waits for
  double factor = 1, share = 0;          // as the fault gave them
  double start_s = 0, end_s = 0;
  double arriving = 0;   // records/s offered to `component` during the fault (the spike's included)
  double capacity = 0;   // records/s it takes (+inf: unbounded)
  double capacity_during = 0;  // records/s it takes while the fault lasts: 0 stopped, capacity / factor slowed
  double backlog = 0;    // records left waiting at the fault's end
  double after = 0;      // records/s arriving in the half hour after it
  double catch_up = 0;   // capacity - after
  double drain_s = 0;    // backlog / catch_up; +inf when it cannot catch up
};

struct StaticExplanation {
  std::string scenario;
  double input = 0, peak_input = 0;  // the sources' records/s
  std::vector<StaticComponent> components;
  StaticCeiling ceiling;
  std::vector<StaticPath> paths;
  double monthly_usd = 0;
  std::vector<StaticRecovery> recoveries;  // one per fault, in time order
  std::vector<run::PartialCycle> partial_cycles;  // sources whose month is projected from part of their cycle
};

StaticExplanation explain_statically(const scenario::Scenario& scenario, const model::Catalog& catalog);

}  // namespace archsim::analysis

// The traffic of a design over its run, without simulating: the records per
// second offered to every component in each interval of the span
// (load_grid.hpp). The design has no cycles (the loader refuses them), so the
// loads follow in topological order: a component is offered what its
// upstream passes on (all of it through a copy, its part through a share);
// it processes at most its capacity, holding the excess (or dropping what
// exceeds its queue), and passes on its processed records times its output
// ratio, or, for an aggregation, one record per distinct key per unit and
// window (KeyMixes::expected_distinct at the rate it processes), or all it
// held at a scheduled run's end. Loads are kept per source, so that each
// source's keys and query shape follow its records. Beside the loads the
// design sees, a second set ignores capacities: the demand, what each
// component would be offered if nothing upstream held records back, from
// which the ceiling scales.
#pragma once
#include <cstddef>
#include <cstdint>
#include <functional>
#include <optional>
#include <vector>

#include "archsim/model/key_mix.hpp"
#include "archsim/model/static_figures.hpp"
#include "archsim/scenario/scenario.hpp"

namespace archsim::analysis {

// Records out per record in, and bytes out per byte in, of one component:
// its `output_ratio` (Flink, Glue, EMR) and `output_size_ratio` (Glue, EMR);
// a component without an output_size_ratio keeps its records' size, so its
// bytes follow its records. 1 and 1 for every other model.
struct Gain {
  double records = 1, bytes = 1;
};
Gain gain_of(const scenario::ComponentDecl& component);

// One source's records at a vertex, by interval of the grid.
struct SourceFlow {
  std::vector<double> records_per_s;  // offered
  std::vector<double> demand_per_s;   // offered if nothing upstream held records back
  double record_bytes = 0;            // mean bytes of one, as they arrive here
  std::optional<engine::Distribution> size;  // of one as the source made it (record_bytes scales it)
  std::uint32_t mix = 0;              // their key mix as they arrive (0: none of this source's records arrive)
  bool evened = false;                // an aggregation upstream emitted each key once
};

// What the walk knows of a vertex: what it is offered and what it does with it.
struct VertexTraffic {
  std::vector<SourceFlow> sources;       // indexed like the scenario's sources
  std::vector<double> records_per_s;     // offered, all sources
  std::vector<double> processed_per_s;   // what it took on (at most its capacity)
  std::vector<double> busy;              // processed over capacity (0 when unbounded)
  double dropped = 0;                    // records it could not hold over the span
  double mean = 0, peak = 0;             // offered records/s
  double demand_peak = 0;                // the demand's highest
  double bytes_per_s = 0, peak_bytes_per_s = 0;
  double busy_mean = 0;
  double out_peak = 0, out_demand_peak = 0;  // passed on, at their highest
};

// What one component does to the load through it, from its static figures.
struct Passage {
  double capacity = model::kUnbounded;      // records/s it processes at most
  std::vector<double> capacity_over_time;   // by interval, where it changes
  double queue_records = model::kUnbounded;  // excess held before it drops
  std::vector<double> loss_over_time;        // share dropped below capacity, by interval
  Gain gain;
  double key_window_s = 0;  // each unit emits each key once a window
  double units = 0;         // and its units, keyed by unit_of_key (null: even)
  std::uint64_t (*unit_of_key)(std::uint64_t, std::uint64_t) = nullptr;
  bool releases_in_runs = false;  // output leaves only at its runs' ends
  std::vector<model::Release> releases;
  std::vector<bool> ends;  // by source: its records end here (reads at a table), none passed on
};
// Called in topological order, once a component's offered load is known.
using PassageFn = std::function<Passage(std::size_t vertex, const VertexTraffic& offered)>;

struct Traffic {
  model::LoadOverTime grid;  // the intervals (records_per_s empty)
  std::vector<VertexTraffic> vertices;  // indexed as the Topology indexes them: sources, then components
  model::KeyMixes* mixes = nullptr;     // the sources' key spaces and what aggregation made of them (static_mixes)
  // The mean and highest offered load of every vertex, as the per-vertex figures above.
  std::vector<double> records_per_s, bytes_per_s, peak_records_per_s, peak_bytes_per_s;
  double source_records_per_s = 0;  // the sources' mean rates added (the design's input)
  double source_peak_records_per_s = 0;  // their highest, at one moment
  double record_bytes(std::size_t v) const {
    return records_per_s[v] > 0 ? bytes_per_s[v] / records_per_s[v] : 0;
  }
  // Vertex v's offered load by interval, for FlowIn::over_time.
  model::LoadOverTime over_time(std::size_t v) const;
};

// With every component passing on all it is offered times its gain (no
// capacities, no aggregation). Precondition: the scenario loaded without errors.
Traffic solve_traffic(const scenario::Scenario& scenario);
// With each component's passage as `passage` reads it from its figures.
Traffic solve_traffic(const scenario::Scenario& scenario, const PassageFn& passage);

}  // namespace archsim::analysis

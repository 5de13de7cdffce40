// The traffic equations of a design: the records per second offered to every
// component, without simulating. With gamma the records the sources send
// each component (rate x instances) and M[i][j] the records j receives per
// record i receives (1 for a copy, the share for a share, times i's output
// ratio), the offered load solves lambda = gamma + M^T lambda, that is
// (I - M^T) lambda = gamma (Eigen). Bytes likewise, with each component's
// bytes out per byte in. The design has no cycles (the loader refuses them),
// so I - M^T is triangular in topological order and always solvable.
#pragma once
#include <cstddef>
#include <vector>

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

// Offered load of every vertex of the design, indexed as the Topology indexes
// them: the scenario's sources first (their own rate), then its components.
struct Traffic {
  std::vector<double> records_per_s;       // mean offered records (queries) per second
  std::vector<double> bytes_per_s;         // mean offered bytes per second
  std::vector<double> peak_records_per_s;  // every source at its profile's maximum at once
  std::vector<double> peak_bytes_per_s;
  double source_records_per_s = 0;  // sum of the sources' mean rates (the design's input)
  double source_peak_records_per_s = 0;
  double record_bytes(std::size_t v) const {
    return records_per_s[v] > 0 ? bytes_per_s[v] / records_per_s[v] : 0;
  }
};

// The mean rate of each source (rate x instances) and its bytes (x the mean
// record size, or a query's table size); `peak` multiplies each by its
// profile's max_factor. Precondition: the scenario loaded without errors.
Traffic solve_traffic(const scenario::Scenario& scenario);

}  // namespace archsim::analysis

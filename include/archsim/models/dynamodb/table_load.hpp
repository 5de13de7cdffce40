// A table's offered load split into its writes and its reads, for the static
// figures: the records of sources of reads (FlowIn::reads) are reads, the
// rest writes, each with its own load over the run and its units per request
// by the spread of its sizes, as the simulated table counts them.
#pragma once
#include <string>

#include "archsim/model/catalog.hpp"
#include "archsim/model/static_figures.hpp"
#include "archsim/models/common/previous_peak.hpp"

namespace archsim::models {

struct TableLoad {
  model::FlowIn writes;  // the writes alone; its over_time is null: see writes_over_time
  model::LoadOverTime writes_over_time, reads_over_time;
  double read_share = 0;   // of the records offered
  double reads_per_s = 0;  // offered, on average
  double write_units = 1;  // per write: whole write units of its item
  double read_units = 0;   // per read: whole read units of what it returns, by its consistency
};

// `item_size` >= 0: every write stores that many bytes (a table's stated item_size).
TableLoad table_load(const model::FlowIn& in, const model::Catalog& catalog, double item_size);

// The rule the simulated table (or index) follows on demand for one kind of
// request ("write" or "read"), in requests/s of `units_per_request` units:
// from the initial throughput, twice the highest second once it is a window
// old, up to the table quota.
PreviousPeakRule on_demand_rule(const model::Catalog& catalog, const std::string& kind, double units_per_request);

}  // namespace archsim::models

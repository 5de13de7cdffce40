// A drill's run split in two: the time from each fault's start until it
// recovered, and the rest after warmup. Each path's latencies and the
// design's throughput are summed over each part (to the minute, or the
// metrics interval when finer), and each fault counts, per path, the records delivered later than the
// path's level before it: what the requirements judge during and outside
// the faults, and the report's "records delayed".
#pragma once
#include <vector>

#include "archsim/model/network.hpp"
#include "archsim/run/result.hpp"

namespace archsim::run {

// `paths` in the order of r.paths, their latencies kept per `interval`;
// r.faults already filled.
void split_by_faults(RunResult& r, const std::vector<const model::PathStats*>& paths, engine::SimTime interval,
                     engine::SimTime warmup);

}  // namespace archsim::run

// A run's requirements watched while it goes, for a caller that wants only
// the verdict (the sizer): a requirement failed whatever the rest of the run
// does stops it. Which failures are settled before the end:
// - max_dropped: drops only add up, so one past the target settles it;
// - freshness: the oldest record delivered only grows;
// - latency_pNN: the records past the target are more than the (1 - NN%)
//   share of every record the path can still deliver, counted as those
//   delivered, twice those in flight, and twice those its source's profile
//   brings over the rest of the run at the pace the path has kept.
// Throughput, cost, deadlines and recoveries are judged at the end only.
#pragma once
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "archsim/model/network.hpp"
#include "archsim/models/workload/source.hpp"
#include "archsim/run/simulation.hpp"
#include "archsim/scenario/topology.hpp"

namespace archsim::run {

class FailureWatch {
 public:
  FailureWatch(const scenario::Scenario& s, const scenario::Topology& topo, const RunLimits& limits);
  bool active() const { return !paths_.empty() || most_dropped_.has_value(); }
  // The requirement settled as failed by `at`, in words; empty while none is.
  std::string failed(engine::SimTime at, const model::Network& network, double dropped, double in_flight,
                     const std::vector<std::unique_ptr<models::Source>>& sources) const;

 private:
  struct PathTarget {
    std::string requirement;  // "latency_p99 15s"
    std::uint32_t origin, sink;
    double quantile;          // 1 for freshness
    std::uint64_t target_ns;
  };
  std::vector<PathTarget> paths_;
  std::optional<double> most_dropped_;
  std::string dropped_words_;
  engine::SimTime warmup_, end_;
};

}  // namespace archsim::run

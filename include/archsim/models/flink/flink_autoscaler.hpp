// Managed Service for Apache Flink's automatic scaling as a rule over
// one-minute CPU datapoints (how-scaling-auto.html, retrieved 2026-12-05):
// 15 consecutive datapoints at or above 75% double the current parallelism;
// 360 consecutive datapoints below 10% halve it, rounded up, never below the
// configured parallelism. The numbers are catalog data (flink.autoscaling.*);
// the model feeds the datapoints and carries out the action.
#pragma once
#include <cstdint>

#include "archsim/model/catalog.hpp"

namespace archsim::models::flink {

struct AutoscalingRule {
  double datapoint_s = 60;
  double up_cpu = 0.75, down_cpu = 0.10;
  std::uint64_t up_datapoints = 15, down_datapoints = 360;
  double up_factor = 2, down_factor = 2;
  static AutoscalingRule from(const model::Catalog& catalog);
};

class Autoscaler {
 public:
  // `configured`: the Parallelism setting, the floor; `most`: the ceiling
  // (the quota's parallelism and the job's key groups).
  Autoscaler(const AutoscalingRule& rule, std::uint64_t configured, std::uint64_t most);
  // One datapoint, the busiest container's CPU over the last period, at
  // parallelism `current`: the parallelism a scaling action starting now
  // goes to, or 0 when none starts.
  std::uint64_t datapoint(double cpu, std::uint64_t current);
  // A scaling action restarts the job: the datapoints count afresh after it.
  void restarted() { above_ = below_ = 0; }
  std::uint64_t up_from(std::uint64_t parallelism) const;
  std::uint64_t down_from(std::uint64_t parallelism) const;
  // Where a steady load settles: the parallelism doubled from the configured
  // one while a mean CPU of `cpu_at_configured` x configured / parallelism
  // stays at or above the scale-up threshold.
  std::uint64_t settles_at(double cpu_at_configured) const;
  std::uint64_t most() const { return most_; }
  const AutoscalingRule& rule() const { return rule_; }

 private:
  AutoscalingRule rule_;
  std::uint64_t configured_, most_;
  std::uint64_t above_ = 0, below_ = 0;  // consecutive datapoints at or above up_cpu, below down_cpu
};

}  // namespace archsim::models::flink

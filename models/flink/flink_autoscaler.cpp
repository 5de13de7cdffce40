// The scale-up and scale-down rule of Managed Flink's automatic scaling:
// consecutive datapoints against two thresholds, a factor each way, the
// configured parallelism as the floor.
#include "archsim/models/flink/flink_autoscaler.hpp"

#include <algorithm>
#include <cmath>

namespace archsim::models::flink {

AutoscalingRule AutoscalingRule::from(const model::Catalog& catalog) {
  AutoscalingRule r;
  r.datapoint_s = catalog.value("flink.autoscaling.datapoint_s");
  r.up_cpu = catalog.value("flink.autoscaling.scale_up_cpu");
  r.up_datapoints = static_cast<std::uint64_t>(catalog.value("flink.autoscaling.scale_up_datapoints"));
  r.up_factor = catalog.value("flink.autoscaling.scale_up_factor");
  r.down_cpu = catalog.value("flink.autoscaling.scale_down_cpu");
  r.down_datapoints = static_cast<std::uint64_t>(catalog.value("flink.autoscaling.scale_down_datapoints"));
  r.down_factor = catalog.value("flink.autoscaling.scale_down_factor");
  return r;
}

Autoscaler::Autoscaler(const AutoscalingRule& rule, std::uint64_t configured, std::uint64_t most)
    : rule_(rule), configured_(configured), most_(std::max(configured, most)) {}

std::uint64_t Autoscaler::up_from(std::uint64_t p) const {
  const auto to = static_cast<std::uint64_t>(std::ceil(static_cast<double>(p) * rule_.up_factor - 1e-9));
  return std::min(most_, std::max(p, to));
}

// "halves (rounded up) the parallelism".
std::uint64_t Autoscaler::down_from(std::uint64_t p) const {
  const auto to = static_cast<std::uint64_t>(std::ceil(static_cast<double>(p) / rule_.down_factor - 1e-9));
  return std::max(configured_, std::min(p, to));
}

std::uint64_t Autoscaler::datapoint(double cpu, std::uint64_t current) {
  above_ = cpu >= rule_.up_cpu ? above_ + 1 : 0;
  below_ = cpu < rule_.down_cpu ? below_ + 1 : 0;
  if (above_ >= rule_.up_datapoints && up_from(current) != current) return up_from(current);
  if (below_ >= rule_.down_datapoints && down_from(current) != current) return down_from(current);
  return 0;
}

std::uint64_t Autoscaler::settles_at(double cpu_at_configured) const {
  std::uint64_t p = configured_;
  while (cpu_at_configured * static_cast<double>(configured_) / static_cast<double>(p) >= rule_.up_cpu &&
         up_from(p) != p)
    p = up_from(p);
  return p;
}

}  // namespace archsim::models::flink

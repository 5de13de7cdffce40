#include "archsim/metrics/interval_latencies.hpp"

#include <algorithm>

namespace archsim::metrics {

Histogram IntervalLatencies::merged(const std::function<bool(std::size_t)>& chosen) const {
  Histogram h;
  for (std::size_t i = 0; i < intervals_.size(); ++i) {
    if (!chosen(i)) continue;
    for (const auto& [bucket, count] : intervals_[i].buckets) h.add_to_bucket(bucket, count);
  }
  return h;
}

std::int64_t IntervalLatencies::max(const std::function<bool(std::size_t)>& chosen) const {
  std::int64_t out = 0;
  for (std::size_t i = 0; i < intervals_.size(); ++i)
    if (chosen(i) && !intervals_[i].buckets.empty()) out = std::max(out, intervals_[i].max);
  return out;
}

std::uint64_t IntervalLatencies::count_above(const std::function<bool(std::size_t)>& chosen, std::int64_t limit) const {
  const auto above = static_cast<std::uint64_t>(std::max<std::int64_t>(limit, 0));
  std::uint64_t out = 0;
  for (std::size_t i = 0; i < intervals_.size(); ++i) {
    if (!chosen(i)) continue;
    for (const auto& [bucket, count] : intervals_[i].buckets)
      if (Histogram::lower_bound_of(bucket) > above) out += count;
  }
  return out;
}

}  // namespace archsim::metrics

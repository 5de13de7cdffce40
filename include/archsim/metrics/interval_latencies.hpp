// End-to-end latencies kept per metrics interval, so that a part of a run (a
// drill's fault until it recovered, or the rest) can be judged on its own.
// Each interval keeps only the Histogram buckets it touched: a run keeps one
// only when it has faults, and a day's intervals then cost a few MB a path,
// where a full Histogram each would cost 60 KB.
#pragma once
#include <cstdint>
#include <functional>
#include <unordered_map>
#include <vector>

#include "archsim/metrics/histogram.hpp"

namespace archsim::metrics {

class IntervalLatencies {
 public:
  void add(std::size_t interval, std::int64_t value, std::uint64_t weight) {
    if (intervals_.size() <= interval) intervals_.resize(interval + 1);
    Interval& i = intervals_[interval];
    i.buckets[static_cast<std::uint32_t>(Histogram::index_of(static_cast<std::uint64_t>(value < 0 ? 0 : value)))] += weight;
    if (value > i.max) i.max = value;
  }

  // The latencies of the intervals `chosen` picks, as one histogram (each
  // value at its bucket's middle), and the largest exactly.
  Histogram merged(const std::function<bool(std::size_t)>& chosen) const;
  std::int64_t max(const std::function<bool(std::size_t)>& chosen) const;
  // Of those, how many records took longer than `limit`, to its bucket.
  std::uint64_t count_above(const std::function<bool(std::size_t)>& chosen, std::int64_t limit) const;

 private:
  struct Interval {
    std::unordered_map<std::uint32_t, std::uint64_t> buckets;
    std::int64_t max = 0;
  };
  std::vector<Interval> intervals_;
};

}  // namespace archsim::metrics

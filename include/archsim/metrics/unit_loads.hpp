// The load on each of a component's keyed units (a stream's shards, a table's
// partitions, a job's subtasks), in units of one unit's own capacity: the
// hottest unit and the mean unit side by side, per interval. An average over
// the units hides the one that throttles; this keeps both, in memory that
// grows with the units and the intervals, never with the records.
#pragma once
#include <cstdint>
#include <vector>

#include "archsim/engine/time.hpp"

namespace archsim::metrics {

using engine::SimTime;

class UnitLoads {
 public:
  UnitLoads() = default;
  UnitLoads(SimTime interval, SimTime duration, SimTime warmup);
  // The number of units (it may grow: an on-demand stream adds shards).
  void resize(std::size_t units);
  std::size_t units() const { return current_.size(); }
  // `load` capacity-seconds offered to `unit` at time t (records over the
  // unit's records per second, say): a unit offered twice its limit for a
  // second adds 2.
  void add(SimTime t, std::size_t unit, double load) {
    if (t >= bin_end_) roll(t);
    current_[unit] += load;
    total_[unit] += load;
  }
  void throttled(std::size_t unit, std::uint64_t requests) { throttled_[unit] += requests; }
  // Records waiting for `unit` changed by `delta` at time t; the largest a
  // single unit held after the warm-up is kept, with the mean unit's then.
  void queued(SimTime t, std::size_t unit, double delta) {
    backlog_[unit] += delta;
    total_backlog_ += delta;
    if (t >= warmup_ && backlog_[unit] > backlog_peak_) {
      backlog_peak_ = backlog_[unit];
      backlog_peak_unit_ = unit;
      backlog_peak_mean_ = total_backlog_ / static_cast<double>(backlog_.size());
      backlog_peak_at_ = t;
    }
  }
  void finish(SimTime end);

  // Per interval: the hottest unit's load and the mean unit's, 0..1 of a unit's capacity (above 1: over it).
  const std::vector<double>& hottest() const { return hottest_; }
  const std::vector<double>& mean() const { return mean_; }
  // The hottest unit of each interval.
  const std::vector<std::uint32_t>& hottest_unit() const { return hottest_unit_; }
  // Over the whole run: each unit's load (capacity-seconds) and throttled requests.
  const std::vector<double>& total() const { return total_; }
  const std::vector<std::uint64_t>& throttled() const { return throttled_; }
  // The interval after the warm-up whose hottest unit was loaded most (0 when none).
  std::size_t peak_interval() const;
  // The most records one unit held waiting (0: none reported), which unit,
  // the mean unit's then, and when.
  double backlog_peak() const { return backlog_peak_; }
  std::size_t backlog_peak_unit() const { return backlog_peak_unit_; }
  double backlog_peak_mean() const { return backlog_peak_mean_; }
  SimTime backlog_peak_at() const { return backlog_peak_at_; }

 private:
  void roll(SimTime t);
  SimTime interval_ = 1, duration_ = 1, warmup_ = 0;
  std::size_t bin_ = 0;
  SimTime bin_end_ = engine::kForever;
  std::vector<double> current_, total_;
  std::vector<std::uint64_t> throttled_;
  std::vector<double> backlog_;
  double total_backlog_ = 0, backlog_peak_ = 0, backlog_peak_mean_ = 0;
  std::size_t backlog_peak_unit_ = 0;
  SimTime backlog_peak_at_ = 0;
  std::vector<double> hottest_, mean_;
  std::vector<std::uint32_t> hottest_unit_;
};

}  // namespace archsim::metrics

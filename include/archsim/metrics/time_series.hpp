// Time series at a fixed interval, kept as one number per interval so memory
// depends on the simulated duration, never on the number of records.
//   CounterSeries: how much happened in each interval (records in, drops).
//   LevelSeries: the time-weighted mean of a level in each interval (queue
//   length, busy servers), plus its mean over any window.
#pragma once
#include <cstdint>
#include <vector>

#include "archsim/engine/time.hpp"

namespace archsim::metrics {

using engine::SimTime;

class CounterSeries {
 public:
  CounterSeries() = default;
  CounterSeries(SimTime interval, SimTime duration);
  void add(SimTime t, double amount) {
    std::size_t i = static_cast<std::size_t>(t / interval_);
    if (i >= bins_.size()) i = bins_.size() - 1;
    bins_[i] += amount;
  }
  const std::vector<double>& bins() const { return bins_; }
  SimTime interval() const { return interval_; }

 private:
  SimTime interval_ = 1;
  std::vector<double> bins_;
};

class LevelSeries {
 public:
  LevelSeries() = default;
  // Statistics of the window [window_start, duration) are kept exactly besides the bins.
  LevelSeries(SimTime interval, SimTime duration, SimTime window_start = 0);
  // The level becomes `level` at time t (t never decreases).
  void set(SimTime t, double level) {
    if (t > last_t_) advance(t);
    level_ = level;
  }
  void add(SimTime t, double delta) { set(t, level_ + delta); }
  double level() const { return level_; }
  // Closes the series at the end of the run.
  void finish(SimTime end) { advance(end); }
  // Time-weighted mean per interval (after finish()).
  std::vector<double> means() const;
  // Time-weighted mean over the window (after finish()).
  double window_mean() const;
  // Largest interval mean among intervals that start inside the window.
  double window_peak() const;

 private:
  void advance(SimTime t);
  SimTime interval_ = 1;
  SimTime duration_ = 1;
  SimTime window_start_ = 0;
  SimTime last_t_ = 0;
  double level_ = 0;
  double window_area_ = 0;
  std::vector<double> area_;  // integral of level over each interval, in level * ns
};

}  // namespace archsim::metrics

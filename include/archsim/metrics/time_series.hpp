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
  // Records come in time order, so nearly every add lands in the bin of the
  // one before: a range check instead of a 64-bit division per record.
  void add(SimTime t, double amount) {
    if (t < bin_start_ || t >= bin_end_) locate(t);
    bins_[bin_] += amount;
  }
  const std::vector<double>& bins() const { return bins_; }
  SimTime interval() const { return interval_; }

 private:
  void locate(SimTime t);  // makes bin_ the bin of t (times past the end count in the last bin)
  SimTime interval_ = 1;
  std::vector<double> bins_;
  std::size_t bin_ = 0;
  SimTime bin_start_ = 0, bin_end_ = 0;  // the times that fall in bins_[bin_]; empty until the first add
};

class LevelSeries {
 public:
  LevelSeries() = default;
  // Statistics of the window [window_start, duration) are kept exactly besides the bins.
  LevelSeries(SimTime interval, SimTime duration, SimTime window_start = 0);
  // The level becomes `level` at time t (t never decreases).
  void set(SimTime t, double level) {
    // Up to stretch_end_ the level's area goes to one bin, and wholly inside
    // or wholly outside the window: one product, no division (the common
    // case, several times per record). Crossing a boundary takes advance().
    if (t > last_t_) {
      if (t < stretch_end_) {
        const double area = level_ * static_cast<double>(t - last_t_);
        area_[bin_] += area;
        if (in_window_) window_area_ += area;
        last_t_ = t;
      } else {
        advance(t);
      }
    }
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
  void settle();  // sets bin_, stretch_end_ and in_window_ for last_t_
  SimTime interval_ = 1;
  SimTime duration_ = 1;
  SimTime window_start_ = 0;
  SimTime last_t_ = 0;
  std::size_t bin_ = 0;        // last_t_ / interval_
  SimTime stretch_end_ = 0;    // the next bin boundary, window start or end of run after last_t_
  bool in_window_ = false;     // last_t_ >= window_start_
  double level_ = 0;
  double window_area_ = 0;
  std::vector<double> area_;  // integral of level over each interval, in level * ns
};

}  // namespace archsim::metrics

#include "archsim/metrics/time_series.hpp"

#include <algorithm>

namespace archsim::metrics {

namespace {
std::size_t interval_count(SimTime interval, SimTime duration) {
  return static_cast<std::size_t>(std::max<SimTime>(1, (duration + interval - 1) / interval));
}
}  // namespace

CounterSeries::CounterSeries(SimTime interval, SimTime duration)
    : interval_(interval), bins_(interval_count(interval, duration), 0.0) {}

void CounterSeries::locate(SimTime t) {
  std::size_t i = static_cast<std::size_t>(t / interval_);
  const std::size_t last = bins_.size() - 1;
  if (i >= last) {
    bin_ = last;
    bin_start_ = static_cast<SimTime>(last) * interval_;  // a time before 0 stays out of range and comes back here
    bin_end_ = engine::kForever;
    return;
  }
  bin_ = i;
  bin_start_ = static_cast<SimTime>(i) * interval_;
  bin_end_ = bin_start_ + interval_;
}

LevelSeries::LevelSeries(SimTime interval, SimTime duration, SimTime window_start)
    : interval_(interval),
      duration_(duration),
      window_start_(window_start),
      area_(interval_count(interval, duration), 0.0) {
  settle();
}

void LevelSeries::advance(SimTime t) {
  t = std::min(t, duration_);
  while (last_t_ < t) {
    const std::size_t i = static_cast<std::size_t>(last_t_ / interval_);
    const SimTime bin_end = std::min<SimTime>(static_cast<SimTime>(i + 1) * interval_, t);
    area_[i] += level_ * static_cast<double>(bin_end - last_t_);
    const SimTime in_window = bin_end - std::max(last_t_, window_start_);
    if (in_window > 0) window_area_ += level_ * static_cast<double>(in_window);
    last_t_ = bin_end;
  }
  settle();
}

void LevelSeries::settle() {
  bin_ = static_cast<std::size_t>(last_t_ / interval_);
  stretch_end_ = std::min<SimTime>(static_cast<SimTime>(bin_ + 1) * interval_, duration_);
  in_window_ = last_t_ >= window_start_;
  if (!in_window_) stretch_end_ = std::min(stretch_end_, window_start_);
}

std::vector<double> LevelSeries::means() const {
  std::vector<double> out(area_.size());
  for (std::size_t i = 0; i < area_.size(); ++i) {
    const SimTime start = static_cast<SimTime>(i) * interval_;
    const SimTime width = std::min(interval_, duration_ - start);
    out[i] = width > 0 ? area_[i] / static_cast<double>(width) : 0;
  }
  return out;
}

double LevelSeries::window_mean() const {
  const SimTime width = duration_ - window_start_;
  return width > 0 ? window_area_ / static_cast<double>(width) : 0;
}

double LevelSeries::window_peak() const {
  const auto m = means();
  double peak = 0;
  for (std::size_t i = 0; i < m.size(); ++i)
    if (static_cast<SimTime>(i) * interval_ >= window_start_) peak = std::max(peak, m[i]);
  return peak;
}

}  // namespace archsim::metrics

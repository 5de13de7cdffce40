#include "archsim/metrics/unit_loads.hpp"

#include <algorithm>

namespace archsim::metrics {

UnitLoads::UnitLoads(SimTime interval, SimTime duration, SimTime warmup)
    : interval_(interval), duration_(duration), warmup_(warmup), bin_end_(interval) {
  const auto bins = static_cast<std::size_t>(std::max<SimTime>(1, (duration + interval - 1) / interval));
  hottest_.assign(bins, 0.0);
  mean_.assign(bins, 0.0);
  hottest_unit_.assign(bins, 0);
  if (bins == 1) bin_end_ = engine::kForever;
}

void UnitLoads::resize(std::size_t units) {
  if (units <= current_.size()) return;
  current_.resize(units, 0.0);
  total_.resize(units, 0.0);
  throttled_.resize(units, 0);
  backlog_.resize(units, 0.0);
}

// Closes the bin in progress (its loads over its width become the hottest and
// the mean unit's) and moves to the bin of t; bins nothing reached stay 0.
void UnitLoads::roll(SimTime t) {
  const SimTime start = static_cast<SimTime>(bin_) * interval_;
  const double width_s = engine::to_seconds(std::min(interval_, duration_ - start));
  if (width_s > 0 && !current_.empty()) {
    const auto hottest = std::max_element(current_.begin(), current_.end());
    hottest_[bin_] = *hottest / width_s;
    hottest_unit_[bin_] = static_cast<std::uint32_t>(hottest - current_.begin());
    double sum = 0;
    for (double& load : current_) sum += load, load = 0;
    mean_[bin_] = sum / static_cast<double>(current_.size()) / width_s;
  }
  const std::size_t last = hottest_.size() - 1;
  bin_ = std::min(last, static_cast<std::size_t>(t / interval_));
  bin_end_ = bin_ == last ? engine::kForever : static_cast<SimTime>(bin_ + 1) * interval_;
}

void UnitLoads::finish(SimTime end) {
  (void)end;
  if (hottest_.empty()) return;
  roll(engine::kForever - 1);
}

std::size_t UnitLoads::peak_interval() const {
  std::size_t best = 0;
  double peak = -1;
  for (std::size_t i = 0; i < hottest_.size(); ++i)
    if (static_cast<SimTime>(i) * interval_ >= warmup_ && hottest_[i] > peak) peak = hottest_[i], best = i;
  return best;
}

}  // namespace archsim::metrics

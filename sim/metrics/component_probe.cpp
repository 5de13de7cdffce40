#include "archsim/metrics/component_probe.hpp"

namespace archsim::metrics {

ComponentProbe::ComponentProbe(const MeasurementWindow& window)
    : window_(window),
      busy_(window.interval, window.duration, window.warmup),
      backlog_(window.interval, window.duration, window.warmup),
      held_(window.interval, window.duration, window.warmup),
      size_(window.interval, window.duration, window.warmup),
      units_(window.interval, window.duration, window.warmup),
      readers_(window.interval, window.duration, window.warmup),
      in_series_(window.interval, window.duration),
      out_series_(window.interval, window.duration),
      drop_series_(window.interval, window.duration) {}

std::size_t ComponentProbe::drop_reason(const std::string& reason) {
  for (std::size_t i = 0; i < drops_.size(); ++i)
    if (drops_[i].reason == reason) return i;
  drops_.push_back({reason, 0});
  return drops_.size() - 1;
}

void ComponentProbe::finish(SimTime end) {
  busy_.finish(end);
  backlog_.finish(end);
  held_.finish(end);
  size_.finish(end);
  units_.finish(end);
}

double ComponentProbe::utilization_mean() const { return capacity_ > 0 ? busy_.window_mean() / capacity_ : 0; }

double ComponentProbe::utilization_peak() const { return capacity_ > 0 ? busy_.window_peak() / capacity_ : 0; }

std::vector<double> ComponentProbe::utilization_series() const {
  auto series = busy_.means();
  for (auto& v : series) v = capacity_ > 0 ? v / capacity_ : 0;
  return series;
}

}  // namespace archsim::metrics

// The span a static bill is worked out over: the scenario's duration, scaled
// to a month the way a run's monthly figure is (linearly), so that a bill
// that is not linear in time (storage that accumulates, scheduled runs,
// minimums per run) agrees with the simulated one.
#pragma once
#include <algorithm>
#include <vector>

#include "archsim/model/static_figures.hpp"
#include "archsim/models/common/billing.hpp"

namespace archsim::models {

// The span in seconds: the scenario's duration, or a month when not given.
inline double span_seconds(const model::FlowIn& in) { return in.span_s > 0 ? in.span_s : kSecondsPerMonth; }
// A quantity used over the span, as a month's worth.
inline double per_month(double over_span, const model::FlowIn& in) {
  return over_span * kSecondsPerMonth / span_seconds(in);
}
// The load over the span: FlowIn's own, or the mean all along.
inline model::LoadOverTime load_over_span(const model::FlowIn& in) {
  if (in.over_time && !in.over_time->starts_s.empty()) return *in.over_time;
  return {.starts_s = {0.0}, .records_per_s = {in.records_per_s}, .end_s = span_seconds(in)};
}

// Records taken over the span: each interval's load up to the capacity then
// (`over_time`, by interval, where it changes; else `capacity` all along).
inline double accepted_over_span(const model::LoadOverTime& load, double capacity,
                                 const std::vector<double>& over_time = {}) {
  double sum = 0;
  for (std::size_t i = 0; i < load.starts_s.size(); ++i) {
    const double cap = i < over_time.size() ? over_time[i] : capacity;
    sum += std::min(load.records_per_s[i], cap) * load.length_s(i);
  }
  return sum;
}

}  // namespace archsim::models

#include "fault_windows.hpp"

#include <algorithm>

#include "archsim/scenario/scenario.hpp"

namespace archsim::run {

namespace {

LatencySummary summary_of(const metrics::Histogram& h, std::int64_t max_ns) {
  if (h.count() == 0) return {};
  return {h.count(), h.mean() / 1e9, h.quantile(0.50) / 1e9, h.quantile(0.90) / 1e9, h.quantile(0.99) / 1e9,
          static_cast<double>(max_ns) / 1e9};
}

// The level a fault's delays are measured against: the oldest record the
// path delivered over the minute before it began (at least one whole
// interval), or none when no whole interval after warmup comes before it.
std::optional<engine::SimTime> level_before(const model::PathStats& p, engine::SimTime start, engine::SimTime interval,
                                            engine::SimTime warmup) {
  const engine::SimTime from = start - std::max(engine::kMinute, interval);
  const auto before = [&](std::size_t i) {
    const engine::SimTime a = static_cast<engine::SimTime>(i) * interval;
    return a >= warmup && a + interval <= start && a + interval > from;
  };
  bool any = false;
  for (std::size_t i = 0; static_cast<engine::SimTime>(i) * interval < start; ++i) any = any || before(i);
  if (!any) return std::nullopt;
  return p.by_interval.max(before);
}

}  // namespace

void split_by_faults(RunResult& r, const std::vector<const model::PathStats*>& paths, engine::SimTime interval,
                     engine::SimTime warmup) {
  if (r.faults.empty()) return;
  const double width = engine::to_seconds(interval);
  const auto affects = [&](const FaultResult& f, std::size_t i) {
    const double a = static_cast<double>(i) * width;
    return a + width > f.start_s && a < f.affected_until_s(r.duration_s);
  };
  const auto during = [&](std::size_t i) {
    return std::any_of(r.faults.begin(), r.faults.end(), [&](const FaultResult& f) { return affects(f, i); });
  };
  const auto outside = [&](std::size_t i) { return !during(i); };

  // The time in each part, after warmup and before the run's end.
  const double warm = engine::to_seconds(warmup);
  for (std::size_t i = 0; static_cast<double>(i) * width < r.duration_s; ++i) {
    const double a = std::max(static_cast<double>(i) * width, warm);
    const double b = std::min(static_cast<double>(i + 1) * width, r.duration_s);
    if (b <= a) continue;
    (during(i) ? r.during_faults_s : r.outside_faults_s) += b - a;
  }

  std::uint64_t delivered_during = 0, delivered_outside = 0;
  for (std::size_t k = 0; k < paths.size() && k < r.paths.size(); ++k) {
    const metrics::IntervalLatencies& by = paths[k]->by_interval;
    r.paths[k].during_faults = summary_of(by.merged(during), by.max(during));
    r.paths[k].outside_faults = summary_of(by.merged(outside), by.max(outside));
    delivered_during += r.paths[k].during_faults.count;
    delivered_outside += r.paths[k].outside_faults.count;
  }
  if (r.during_faults_s > 0) r.throughput_during_faults_per_s = static_cast<double>(delivered_during) / r.during_faults_s;
  if (r.outside_faults_s > 0)
    r.throughput_outside_faults_per_s = static_cast<double>(delivered_outside) / r.outside_faults_s;

  for (FaultResult& f : r.faults) {
    const auto span = [&](std::size_t i) { return affects(f, i); };
    for (std::size_t k = 0; k < paths.size() && k < r.paths.size(); ++k) {
      const auto level = level_before(*paths[k], engine::round_half_away(f.start_s * 1e9), interval, warmup);
      if (!level) continue;
      const std::uint64_t delivered = paths[k]->by_interval.merged(span).count();
      if (delivered == 0) continue;
      f.delayed.push_back({.path = scenario::path_name(r.paths[k].from, r.paths[k].to),
                           .delayed = paths[k]->by_interval.count_above(span, *level),
                           .delivered = delivered,
                           .level_s = engine::to_seconds(*level)});
    }
  }
}

}  // namespace archsim::run

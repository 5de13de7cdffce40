#include "evidence.hpp"

#include <algorithm>

namespace archsim::analysis {

double growth_per_min(const std::vector<double>& level, double interval_s) {
  constexpr std::size_t kSpan = 5;
  double best = 0;
  for (std::size_t i = kSpan; i < level.size(); ++i)
    best = std::max(best, (level[i] - level[i - kSpan]) / (kSpan * interval_s) * 60);
  return best;
}

namespace {

// The part of the backlog a component holds for its own limits.
std::vector<double> own_backlog(const run::Series& s) {
  std::vector<double> own = s.backlog;
  for (std::size_t i = 0; i < own.size() && i < s.held.size(); ++i) own[i] = std::max(0.0, own[i] - s.held[i]);
  return own;
}

// Records a component took in per second, on average over its series.
double input_per_s(const run::ComponentResult& c) {
  const double span_s = c.series.interval_s * static_cast<double>(c.series.backlog.size());
  return span_s > 0 ? static_cast<double>(c.records_in) / span_s : 0.0;
}

// Held back enough to matter: its records waited a second or more on
// average for what is downstream (a fifth of their time here at least), or
// were dropped for waiting, or it ends the run holding more than a minute of
// its input for what is downstream: records that never left (a shard
// blocked by a consumer retrying a bad record) count no time, but they are
// the backlog. Shorter holds (a consumer's pause for a checkpoint) are the
// pipeline breathing, not a backlog.
bool held_back(const run::ComponentResult& c, std::uint64_t dropped_waited) {
  if (c.refused_by.empty()) return false;
  if (dropped_waited > 0) return true;
  const bool holds_at_end = !c.series.held.empty() && c.series.held.back() >= std::max(1.0, 60 * input_per_s(c));
  return c.held_peak >= 1 &&
         ((c.time.held_s >= 1.0 && c.time.held_s >= 0.2 * c.time.total()) || holds_at_end);
}

}  // namespace

Evidence gather(const run::ComponentResult& c, const scenario::ComponentDecl& d) {
  Evidence e;
  e.result = &c;
  e.decl = &d;
  const model::ModelSpec& spec = *d.model;
  for (const auto& drop : c.drops) {
    if (drop.count == 0) continue;
    const model::DropReason* why = spec.drop(drop.reason);
    if (why && why->waited_too_long) {
      e.dropped_waited += drop.count;
    } else {
      e.dropped_own += drop.count;
      e.drops_own.push_back(drop);
    }
  }
  const double offered = static_cast<double>(std::max<std::uint64_t>(1, c.records_in));
  e.throttle_fraction = static_cast<double>(c.throttled) / offered;
  e.own_growth_per_min = growth_per_min(own_backlog(c.series), c.series.interval_s);
  e.held_growth_per_min = growth_per_min(c.series.held, c.series.interval_s);
  e.held = held_back(c, e.dropped_waited);
  std::uint64_t most = 0;
  for (const auto& x : c.refused_by)
    if (x.times > most) {
      most = x.times;
      e.refused_by = x.by;
      e.passed_on = static_cast<double>(x.passed_on) / static_cast<double>(x.times);
    }
  e.late_runs = run::usage_or_zero(c, "skipped_runs") + run::usage_or_zero(c, "queued_runs");
  e.utilization = c.capacity > 0 ? c.utilization_peak : 0;
  if (!c.units.unit.empty()) e.utilization = std::max(e.utilization, c.units.hottest_load);
  // A batch job runs at full tilt whenever it runs: what binds it is a run
  // outlasting its interval (late runs), not being busy.
  const bool runs_in_batches = spec.resource("run_time") != nullptr;
  // Where it has keyed units, the hottest one's offered load says whether it
  // is at its top (a Lambda group is busy whenever anything waits, however
  // little); elsewhere its busy capacity.
  e.saturated = !runs_in_batches && (!c.units.unit.empty() ? c.units.hottest_load >= kUnitFloor
                                                           : c.capacity > 0 && c.utilization_peak >= kBusyFloor);
  const std::vector<double> own = own_backlog(c.series);
  e.backlog_at_end = own.empty() ? 0 : own.back();
  e.falls_behind = e.saturated && ((c.time.capacity_s >= 1.0 && c.time.capacity_s >= 0.2 * c.time.total()) ||
                                   e.backlog_at_end >= std::max(1.0, 60 * input_per_s(c)));
  // The resource its own symptoms point at: what refused the most requests
  // (records dropped after their retries are that limit's too), else what
  // dropped its records, else a run outlasting its interval, else what its
  // utilization measures.
  if (!c.throttled_by.empty()) {
    e.resource = std::max_element(c.throttled_by.begin(), c.throttled_by.end(), [](const auto& a, const auto& b) {
                   return a.second < b.second;
                 })->first;
  } else if (!e.drops_own.empty()) {
    const auto worst = std::max_element(e.drops_own.begin(), e.drops_own.end(),
                                        [](const auto& a, const auto& b) { return a.count < b.count; });
    if (const model::DropReason* why = spec.drop(worst->reason)) e.resource = why->resource;
  }
  if (e.resource.empty() && e.late_runs > 0) e.resource = "run_time";
  if (e.resource.empty() && !spec.resources.empty()) e.resource = spec.resources.front().id;
  return e;
}

}  // namespace archsim::analysis

// The previous-peak rule of on-demand capacity, walked over the intervals of
// a run's load; each interval is cut where the capacity may grow.
#include "archsim/models/common/previous_peak.hpp"

#include <algorithm>
#include <cmath>
#include <deque>

namespace archsim::models {

namespace {

struct Walker {
  const PreviousPeakRule& rule;
  double allowed = 0;
  double seen_peak = 0;     // accepted so far (grows at the next tick)
  double matured_peak = 0;  // accepted long enough ago to count
  struct Accepted {
    double end_s, rate;
  };
  std::deque<Accepted> recent;  // not yet matured

  double rounded(double capacity) const {
    if (rule.step > 0) capacity = std::ceil(capacity / rule.step - 1e-9) * rule.step;
    return std::min(rule.most, capacity);
  }
  // The peaks old enough by `t` count; the capacity follows them.
  void mature(double t) {
    while (!recent.empty() && recent.front().end_s + rule.matures_s <= t + 1e-9) {
      matured_peak = std::max(matured_peak, recent.front().rate);
      recent.pop_front();
    }
    allowed = std::max(allowed, rounded(rule.multiple * matured_peak));
  }
  void tick() { allowed = std::max(allowed, rounded(rule.multiple * seen_peak)); }
  void accept(double end_s, double rate) {
    seen_peak = std::max(seen_peak, rate);
    if (rule.every_s <= 0) recent.push_back({end_s, rate});
  }
};

}  // namespace

PreviousPeakWorst walk_previous_peak(const PreviousPeakRule& rule, const model::LoadOverTime& load) {
  Walker w{rule};
  w.allowed = std::min(rule.most, rule.initial);
  PreviousPeakWorst worst;
  double highest = -1, busy_s = 0;
  double allowed_s = 0;  // allowed x seconds within the current interval
  auto segment = [&](double from, double to, double offered) {
    if (to <= from) return;
    if (rule.every_s <= 0) w.mature(from);
    allowed_s += w.allowed * (to - from);
    busy_s += (to - from) * (w.allowed > 0 ? std::min(1.0, offered / w.allowed) : 1.0);
    const double ratio = w.allowed > 0 ? offered / w.allowed : (offered > 0 ? model::kUnbounded : 0);
    if (ratio > worst.ratio) worst.ratio = ratio, worst.at_s = from, worst.offered = offered, worst.allowed = w.allowed;
    if (offered > highest) highest = offered, worst.allowed_at_peak = w.allowed;
    w.accept(to, std::min(offered, w.allowed));
  };
  for (std::size_t i = 0; i < load.starts_s.size(); ++i) {
    double from = load.starts_s[i];
    const double to = from + load.length_s(i), offered = load.records_per_s[i];
    if (rule.every_s > 0) {
      // Ticks inside the interval: before each, the old capacity; from it, the grown one.
      double first = std::ceil(from / rule.every_s - 1e-12) * rule.every_s;
      if (first <= 0) first = rule.every_s;  // no tick at the start
      for (double t = first; t < to; t += rule.every_s) {
        segment(from, t, offered);
        w.tick();
        from = t;
      }
    }
    segment(from, to, offered);
    const double length = load.length_s(i);
    worst.allowed_by_interval.push_back(length > 0 ? allowed_s / length : w.allowed);
    allowed_s = 0;
  }
  worst.allowed_at_end = w.allowed;
  if (load.end_s > 0) worst.mean_ratio = busy_s / load.end_s;
  if (highest < 0) worst.allowed_at_peak = w.allowed;
  return worst;
}

}  // namespace archsim::models

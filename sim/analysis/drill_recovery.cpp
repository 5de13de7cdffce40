#include "drill_recovery.hpp"

#include <algorithm>
#include <set>
#include <string>

namespace archsim::analysis {

namespace {

// The target and every component its flows lead to.
std::set<std::string> downstream_of(const scenario::Scenario& s, const std::string& target) {
  std::set<std::string> seen{target};
  std::vector<std::string> open{target};
  while (!open.empty()) {
    const std::string at = open.back();
    open.pop_back();
    for (const auto& f : s.flows)
      if (f.from == at && seen.insert(f.to).second) open.push_back(f.to);
  }
  return seen;
}

// The time-weighted mean of an interval series over [from, to).
double mean_over(const std::vector<double>& series, double interval_s, double from, double to) {
  double sum = 0, weight = 0;
  for (std::size_t i = 0; i < series.size(); ++i) {
    const double a = std::max(from, static_cast<double>(i) * interval_s);
    const double b = std::min(to, static_cast<double>(i + 1) * interval_s);
    if (b <= a) continue;
    sum += series[i] * (b - a);
    weight += b - a;
  }
  return weight > 0 ? sum / weight : 0;
}

}  // namespace

void fill_recovery(const scenario::Scenario& s, run::RunResult& r) {
  for (run::FaultResult& f : r.faults) {
    // A design still behind at the end drained nothing to speak of: its
    // backlog is reported as it stands.
    if (!f.recovered) continue;
    const double until = f.recovered_at_s;
    if (f.in_flight_peak <= f.in_flight_before || until <= f.peak_at_s) continue;
    f.drain_per_s = (f.in_flight_peak - f.in_flight_before) / (until - f.peak_at_s);
    // The busiest over the catch-up: from the fault's end (the peak, for a
    // fault whose backlog peaks later) until it had caught up.
    const double from = std::max(f.end_s, std::min(f.peak_at_s, until));
    const std::set<std::string> reached = downstream_of(s, f.target);
    for (std::size_t i = 0; i < r.components.size() && i < s.components.size(); ++i) {
      const run::ComponentResult& c = r.components[i];
      if (!reached.count(c.name) || c.series.utilization.empty()) continue;
      const double busy = mean_over(c.series.utilization, c.series.interval_s, from, until);
      if (busy <= f.paced_utilization) continue;
      f.paced_utilization = busy;
      f.paced_by = c.name;
      f.paced_service = c.service;
      const auto& resources = s.components[i].model->resources;
      f.paced_resource = resources.empty() ? "" : resources.front().name;
    }
  }
  // A recovery too slow is bound by what paced it.
  for (run::RequirementResult& q : r.requirements)
    if (q.name == "recover_within" && !q.pass)
      for (const run::FaultResult& f : r.faults)
        if (!f.paced_by.empty() && f.recovery_s() > q.target) {
          q.cause = f.paced_service + " '" + f.paced_by + "', " + f.paced_resource + " (it paced the catch-up)";
          break;
        }
}

}  // namespace archsim::analysis

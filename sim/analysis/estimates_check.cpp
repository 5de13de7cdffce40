#include "archsim/analysis/estimates_check.hpp"

#include <algorithm>
#include <cmath>

#include "archsim/run/parallel.hpp"
#include "archsim/run/simulation.hpp"
#include "archsim/scenario/catalog_loader.hpp"
#include "archsim/analysis/moves.hpp"

namespace archsim::analysis {

namespace {

using scenario::EstimateKind;

const run::ComponentResult* find_component(const run::RunResult& r, const std::string& name) {
  for (const auto& c : r.components)
    if (c.name == name) return &c;
  return nullptr;
}

// How loaded a component is at the peak against its binding limit: its
// hottest unit where it has units (what refuses first), else the whole.
double peak_load_of(const run::ComponentResult& c) {
  return std::max(c.utilization_peak, c.units.count > 0 ? c.units.hottest_load : 0.0);
}

bool near(double estimate, double value, double relative) {
  return std::abs(estimate - value) <= std::max(1.0, relative * value);
}

// The least value of one of a component's levers that takes the peak,
// found by simulating the design with the lever moved (its other
// parameters in proportion, as the lever moves them), and the run there.
class NeededSearch {
 public:
  // In a drill, a streaming component is sized on the design without its
  // faults (catching up at full capacity after a fault is recovery, not a
  // shortfall); a batch job with them, its deadline judged on the run the
  // fault struck and its retry.
  NeededSearch(const scenario::Scenario& s, const scenario::ComponentDecl& decl, const std::string& key)
      : s_(s), decl_(decl), key_(key) {
    if (!decl.model->batch_runs) s_.faults.clear();
    for (const model::ParamSpec& p : decl.model->params)
      if (p.name == key) spec_ = &p;
    now_ = decl.params.has(key) ? decl.params.number(key) : 0;
    // The lever that moves this key, and what moves with it.
    PeakLoad load;
    peak_load(s, decl.name, load);
    const model::FlowIn& peak = load.in;
    for (const model::Lever& lever : decl.model->levers) {
      if (!lever.scales || !lever.move) continue;
      const auto changes = lever.move(decl.params, scenario::builtin_catalog(), peak, 2);
      const auto it = std::find_if(changes.begin(), changes.end(), [&](const auto& c) { return c.key == key; });
      if (it == changes.end() || it->is_text()) continue;
      lever_ = &lever;
      for (const auto& c : changes)
        if (c.key != key && !c.is_text() && c.key.find('.') == std::string::npos && now_ > 0) with_.push_back(c);
      break;
    }
  }

  const model::Lever* lever() const { return lever_; }
  double now() const { return now_; }

  struct Trial {
    bool simulated = false, holds = false;
    run::ComponentResult at;
  };

  Trial at(double value, int& simulations) {
    std::vector<model::ParamChange> changes = {{key_, now_, value, {}, {}}};
    for (const auto& c : with_) {
      double to = c.from * value / now_;
      if (integer(c.key)) to = std::ceil(to - 1e-9);
      changes.push_back({c.key, c.from, std::max(to, 1.0), {}, {}});
    }
    Trial t;
    try {
      ++simulations;
      const run::RunResult r = run::simulate(with_moves(s_, moves_of(decl_.name, *decl_.model, changes)));
      const run::ComponentResult* c = find_component(r, decl_.name);
      if (!c) return t;
      t.simulated = true;
      t.at = *c;
      t.holds = holds(*c, r);
    } catch (const run::Overloaded&) {
      // Something else could not keep up: this value does not take the peak either.
    }
    return t;
  }

  // The least value that takes the peak, to 1% (or one unit); none within the bound.
  std::optional<double> search(int& simulations, Trial& found) {
    const double least = spec_ && spec_->min > 1 ? spec_->min : 1;
    const double most = spec_ ? std::min(spec_->max, std::max(now_, 1.0) * 256) : std::max(now_, 1.0) * 256;
    double hi = std::max(now_, least);
    Trial t = at(hi, simulations);
    while (!t.holds) {
      if (hi >= most) return std::nullopt;
      hi = std::min(most, step(hi * 2));
      t = at(hi, simulations);
    }
    found = t;
    double failing = least - 1;
    while (hi - failing > std::max(1.0, 0.01 * hi)) {
      const double mid = step((failing + hi) / 2);
      if (mid <= failing || mid >= hi) break;
      Trial m = at(mid, simulations);
      if (m.holds) hi = mid, found = m;
      else failing = mid;
    }
    return hi;
  }

 private:
  bool integer(const std::string& key) const {
    for (const model::ParamSpec& p : decl_.model->params)
      if (p.name == key) return p.type == model::ParamType::integer || p.type == model::ParamType::capacity;
    return false;
  }
  double step(double v) const { return integer(key_) ? std::ceil(v - 1e-9) : v; }

  // Takes the peak: nothing dropped, almost nothing refused, no unit offered
  // more than it takes; a batch job meets its deadlines.
  bool holds(const run::ComponentResult& c, const run::RunResult& r) const {
    if (c.dropped > 0) return false;
    if (static_cast<double>(c.throttled) > 1e-3 * static_cast<double>(std::max<std::uint64_t>(1, c.records_in)))
      return false;
    if (decl_.model->batch_runs) {
      for (const auto& q : r.requirements)
        if (q.name == "completes_by" && q.scope == decl_.name && !q.pass) return false;
      return true;
    }
    return peak_load_of(c) < 0.999;
  }

  scenario::Scenario s_;
  const scenario::ComponentDecl& decl_;
  std::string key_;
  const model::ParamSpec* spec_ = nullptr;
  const model::Lever* lever_ = nullptr;
  double now_ = 0;
  std::vector<model::ParamChange> with_;
};

void check_needed(const scenario::Scenario& s, EstimateCheck& e, int& simulations) {
  const auto decl = std::find_if(s.components.begin(), s.components.end(),
                                 [&](const auto& c) { return c.name == e.estimate.component; });
  NeededSearch search(s, *decl, e.estimate.key);
  if (!search.lever()) {
    e.why_not = "no lever of its model scales '" + e.estimate.key + "'";
    return;
  }
  NeededSearch::Trial at_needed;
  const auto needed = search.search(simulations, at_needed);
  e.simulated = true;
  e.tolerance = kNeededTolerance;
  if (!needed) {
    e.gap = "no_value";
    e.gap_component = e.estimate.component;
    return;
  }
  e.actual = *needed;
  // Within 20%; below five units, exactly.
  e.within = std::abs(e.estimate.value - e.actual) <= std::max(0.5, kNeededTolerance * e.actual);
  if (e.within) return;
  const run::ComponentResult& c = at_needed.at;
  e.gap_component = c.name;
  if (e.estimate.value > e.actual) {
    e.gap = "over";
    e.gap_value = peak_load_of(c);
    return;
  }
  const double at_mean = e.actual * c.utilization_mean, at_peak = e.actual * c.utilization_peak;
  if (c.utilization_mean > 0 && c.utilization_peak > 1.2 * c.utilization_mean && near(e.estimate.value, at_mean, kNeededTolerance)) {
    e.gap = "peak_factor";
    e.gap_value = c.utilization_peak / c.utilization_mean;
    e.without = std::ceil(at_mean);
  } else if (c.units.count > 0 && c.units.mean_load > 0 && c.units.hottest_load > 1.1 * c.units.mean_load &&
             near(e.estimate.value, e.actual * c.units.mean_load, kNeededTolerance)) {
    e.gap = "hot_unit";
    e.gap_detail = c.units.unit;
    e.gap_value = c.units.hottest_load / c.units.mean_load;
    e.without = std::ceil(e.actual * c.units.mean_load);
  } else {
    // What the estimate gives, simulated: how far short of the peak it falls.
    const NeededSearch::Trial t = search.at(e.estimate.value, simulations);
    e.gap = "short";
    e.gap_detail = c.units.unit;
    e.gap_value = t.simulated ? peak_load_of(t.at) : 0;
    e.without = std::ceil(at_peak);
  }
}

void check_utilization(const run::RunResult& r, EstimateCheck& e) {
  const run::ComponentResult* c = find_component(r, e.estimate.component);
  if (!c || (c->capacity == 0 && c->units.count == 0 && c->utilization_peak == 0)) {
    e.why_not = "it has no bounded capacity to measure a utilization against";
    return;
  }
  e.simulated = true;
  e.tolerance = kUtilizationTolerance;
  e.actual = peak_load_of(*c);
  e.within = std::abs(e.estimate.value - e.actual) <= kUtilizationTolerance + 1e-9;
  if (e.within) return;
  e.gap_component = c->name;
  if (e.estimate.value > e.actual) {
    e.gap = "over";
    e.gap_value = e.actual;
  } else if (c->utilization_mean > 0 && std::abs(e.estimate.value - c->utilization_mean) <= kUtilizationTolerance) {
    e.gap = "peak_factor";
    e.gap_value = c->utilization_peak / c->utilization_mean;
    e.without = c->utilization_mean;
  } else if (c->units.count > 0 && c->units.hottest_load > 1.1 * c->units.mean_load) {
    e.gap = "hot_unit";
    e.gap_detail = c->units.unit;
    e.gap_value = c->units.mean_load > 0 ? c->units.hottest_load / c->units.mean_load : 0;
    e.without = c->units.mean_load;
  }
}

void check_freshness(const run::RunResult& r, EstimateCheck& e) {
  const run::PathResult* worst = nullptr;
  for (const auto& p : r.paths)
    if (std::find(e.estimate.paths.begin(), e.estimate.paths.end(), scenario::path_name(p.from, p.to)) !=
            e.estimate.paths.end() &&
        p.latency.count > 0 && (!worst || p.latency.p99 > worst->latency.p99))
      worst = &p;
  if (!worst) {
    e.why_not = "no record reached it after the warm-up";
    return;
  }
  e.simulated = true;
  e.tolerance = kFreshnessTolerance;
  e.actual = worst->latency.p99;
  e.within = std::abs(e.estimate.value - e.actual) <= kFreshnessTolerance * e.actual;
  if (e.within) return;
  if (e.estimate.value > e.actual) {
    e.gap = "over";
    return;
  }
  if (worst->latency.mean > 0 && e.actual > 2 * worst->latency.mean &&
      std::abs(e.estimate.value - worst->latency.mean) <= kFreshnessTolerance * worst->latency.mean) {
    e.gap = "tail";
    e.gap_value = e.actual / worst->latency.mean;
    e.without = worst->latency.mean;
    return;
  }
  // The stage where a record of this path spends the most time.
  for (const auto& t : r.time_by_path) {
    if (t.from != worst->from || t.to != worst->to) continue;
    for (const auto& [name, split] : t.components) {
      const std::pair<const char*, double> kinds[] = {{"service", split.service_s},
                                                      {"capacity", split.capacity_s},
                                                      {"buffering", split.buffering_s},
                                                      {"held", split.held_s}};
      for (const auto& [kind, s] : kinds)
        if (s > e.gap_value) e.gap = "stage", e.gap_component = name, e.gap_detail = kind, e.gap_value = s;
    }
  }
  e.without = worst->latency.mean;
}

void check_cost(const run::RunResult& r, EstimateCheck& e) {
  e.simulated = true;
  e.tolerance = kCostTolerance;
  e.actual = r.cost_monthly_usd;
  e.within = std::abs(e.estimate.value - e.actual) <= kCostTolerance * e.actual;
  if (e.within) return;
  if (e.estimate.value > e.actual) {
    e.gap = "over";
    return;
  }
  // The term that, left out, brings the bill nearest the estimate: a
  // billing line, or what rounding each record up adds to one.
  const double per_month = r.cost_total_usd > 0 ? r.cost_monthly_usd / r.cost_total_usd : 0;
  double best = std::abs(e.actual - e.estimate.value);
  for (const auto& c : r.components)
    for (const auto& line : c.billed) {
      const double term = line.usd * per_month;
      if (const double off = std::abs(e.actual - term - e.estimate.value); off < best)
        best = off, e.gap = "billing_line", e.gap_component = c.name, e.gap_detail = line.unit, e.gap_value = term;
      if (line.rounded_to.empty()) continue;
      const double added = (line.usd - line.usd_unrounded) * per_month;
      if (const double off = std::abs(e.actual - added - e.estimate.value); off <= best)
        best = off, e.gap = "rounding", e.gap_component = c.name, e.gap_detail = line.rounded_to, e.gap_value = added;
    }
  if (best > kCostTolerance * e.actual) e.gap.clear();
}

void check_binds_first(const run::RunResult& r, EstimateCheck& e) {
  std::string first;
  double load = 0;
  if (!r.bottlenecks.empty()) first = r.bottlenecks.front().component;
  else first = r.headroom.component;
  // No bounded component in the headroom (a batch job runs flat out by
  // design): the one run closest to its limit at the peak.
  for (const auto& c : r.components)
    if (r.bottlenecks.empty() && r.headroom.component.empty() && c.utilization_peak > load) first = c.name, load = peak_load_of(c);
  if (first.empty()) {
    e.why_not = "nothing in the design has a bounded capacity";
    return;
  }
  e.simulated = true;
  e.actual_text = first;
  e.within = first == e.estimate.component;
  if (const auto* c = find_component(r, first)) load = peak_load_of(*c);
  if (e.within) return;
  e.gap = "busier";
  e.gap_component = first;
  e.gap_value = load;
  if (const auto* c = find_component(r, e.estimate.component)) e.without = peak_load_of(*c);
}

}  // namespace

std::vector<EstimateCheck> check_estimates(const scenario::Scenario& design, const run::RunResult& run, unsigned jobs,
                                           int& simulations) {
  std::vector<EstimateCheck> out(design.estimates.size());
  std::vector<int> runs(out.size(), 0);
  run::parallel_for(out.size(), jobs, [&](std::size_t i) {
    EstimateCheck& e = out[i];
    e.estimate = design.estimates[i];
    switch (e.estimate.kind) {
      case EstimateKind::kNeeded: check_needed(design, e, runs[i]); break;
      case EstimateKind::kPeakUtilization: check_utilization(run, e); break;
      case EstimateKind::kP99Freshness: check_freshness(run, e); break;
      case EstimateKind::kMonthlyCost: check_cost(run, e); break;
      case EstimateKind::kBindsFirst: check_binds_first(run, e); break;
    }
  });
  for (int n : runs) simulations += n;
  return out;
}

}  // namespace archsim::analysis

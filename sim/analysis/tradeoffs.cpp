#include "archsim/analysis/tradeoffs.hpp"

#include <cmath>
#include <exception>
#include <functional>
#include <set>
#include <string>
#include <vector>

#include "archsim/analysis/static_explain.hpp"
#include "archsim/models/builtin.hpp"
#include "archsim/scenario/catalog_loader.hpp"
#include "by_name.hpp"
#include "archsim/analysis/moves.hpp"
#include "param_edit.hpp"

namespace archsim::analysis {

namespace {

// How far a scaling lever moves for a tradeoff: half as much again.
constexpr double kScale = 1.5;

struct Variant {
  const model::ModelSpec* spec;
  const model::Lever* lever;
  std::string owner;       // the component or source whose lever it is
  std::string instead_of;  // its label today, for a switch
  std::vector<run::ParamMove> moves;
};

// Each weighed lever costs a static explanation of the whole design, so a
// large design has only the levers of its components that matter weighed:
// those that cost most and those that run hottest, and its largest sources.
constexpr std::size_t kWeighedEach = 6;

std::vector<std::size_t> first_by(std::size_t n, std::size_t keep, const std::function<double(std::size_t)>& key) {
  std::vector<std::size_t> order(n);
  for (std::size_t i = 0; i < n; ++i) order[i] = i;
  if (n <= keep) return order;
  std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) { return key(a) > key(b); });
  order.resize(keep);
  return order;
}

// The names whose levers are weighed: every one in a design of up to twice
// kWeighedEach components (and as many sources), else the costliest and the
// hottest components and the sources sending most.
std::set<std::string> weighed_owners(const scenario::Scenario& s, const StaticExplanation& now) {
  std::set<std::string> out;
  const auto& cs = now.components;
  const std::size_t both = 2 * kWeighedEach;
  auto bill = [&](std::size_t i) { return cs[i].monthly_usd; };
  auto heat = [&](std::size_t i) { return std::isfinite(cs[i].peak_utilization) ? cs[i].peak_utilization : 1e300; };
  for (const auto& pick : {first_by(cs.size(), cs.size() <= both ? both : kWeighedEach, bill),
                           first_by(cs.size(), cs.size() <= both ? both : kWeighedEach, heat)})
    for (const std::size_t i : pick) out.insert(cs[i].name);
  auto rate = [&](std::size_t i) { return s.sources[i].params.number("rate"); };
  for (const std::size_t i : first_by(s.sources.size(), both, rate)) out.insert(s.sources[i].name);
  return out;
}

// Every lever the weighed components and sources declare that applies to
// them as they are, moved once: a switch to its other side, a scale by half.
std::vector<Variant> variants_of(const scenario::Scenario& s, const StaticExplanation& now,
                                 const model::Catalog& catalog, const std::set<std::string>& weighed) {
  std::vector<Variant> out;
  auto add = [&](const model::ModelSpec& spec, const std::string& owner, const model::ParamSet& params,
                 const std::string& label, const std::string& section) {
    for (const auto& lever : spec.levers) {
      if (!lever.move) continue;
      PeakLoad peak;
      if (const StaticComponent* c = figures_of(now, owner)) peak_load(*c, peak);
      const auto changes = lever.move(params, catalog, peak.in, lever.scales ? kScale : 1);
      if (changes.empty()) continue;
      out.push_back({&spec, &lever, owner, label, moves_of(owner, spec, changes, section)});
    }
  };
  for (const auto& c : s.components)
    if (c.model && weighed.count(c.name)) add(*c.model, c.name, c.params, c.model->label ? c.model->label(c.params) : c.service, "components");
  for (const auto& src : s.sources)
    if (weighed.count(src.name)) add(models::source_spec(), src.name, src.params, src.name, "workload");
  return out;
}

double monthly_of(const scenario::Scenario& s, const std::string& component, const model::Catalog& catalog) {
  const auto e = explain_statically(s, catalog);
  const auto* c = figures_of(e, component);
  return c ? c->monthly_usd : 0;
}

// The factor on today's load at which one component's monthly bill is the
// same in the two designs, nearest today's load, between a thousandth and a
// thousand times it; 0 when the bills do not cross there. The bills are
// piecewise linear in the load (a capacity bill is flat; a request bill
// grows), so a scan on a log grid brackets the crossing and bisection
// finds it.
double break_even_factor(const scenario::Scenario& a, const scenario::Scenario& b, const std::string& component,
                         const model::Catalog& catalog) {
  auto gap = [&](double f) {
    return monthly_of(scaled(a, f), component, catalog) - monthly_of(scaled(b, f), component, catalog);
  };
  constexpr int kSteps = 12;  // per side: a factor of 1.78 a step over three decades
  const double step = std::pow(1000.0, 1.0 / kSteps);
  const double at_one = gap(1);
  if (at_one == 0) return 1;
  double lo = 0, hi = 0;
  for (int i = 1; i <= kSteps && hi == 0; ++i)
    for (double f : {std::pow(step, i), std::pow(step, -i)}) {
      const double near = f > 1 ? f / step : f * step;
      if ((gap(f) > 0) != (at_one > 0)) {
        lo = std::min(near, f), hi = std::max(near, f);
        break;
      }
    }
  if (hi == 0) return 0;
  const bool lo_sign = gap(lo) > 0;
  for (int i = 0; i < 40; ++i) {
    const double mid = std::sqrt(lo * hi);
    ((gap(mid) > 0) == lo_sign ? lo : hi) = mid;
  }
  return std::sqrt(lo * hi);
}

bool latency_moves(const StaticComponent& now, const StaticComponent& then) {
  return std::isfinite(now.latency_s) && std::isfinite(then.latency_s) &&
         std::abs(then.latency_s - now.latency_s) > 0.05 * std::max(now.latency_s, 1e-9);
}

// The component a lever's change shows best in: its own, or for a source's
// lever the component whose first-order latency moves most.
std::string shown_at(const Variant& v, const StaticExplanation& now, const StaticExplanation& then) {
  if (figures_of(now, v.owner)) return v.owner;
  std::string best;
  double most = 0;
  const ByName<StaticComponent> after(then.components);
  for (const auto& c : now.components) {
    const auto* t = after.find(c.name);
    if (!t || !std::isfinite(c.latency_s) || !std::isfinite(t->latency_s)) continue;
    const double moved = std::abs(t->latency_s - c.latency_s) / std::max(c.latency_s, 1e-9) +
                         std::abs(t->monthly_usd - c.monthly_usd) / std::max(c.monthly_usd, 1e-9);
    if (moved > most) most = moved, best = c.name;
  }
  return best;
}

}  // namespace

void find_tradeoffs(const scenario::Scenario& s, run::RunResult& r) {
  const model::Catalog& catalog = scenario::builtin_catalog();
  StaticExplanation now;
  try {
    now = explain_statically(s, catalog);
  } catch (const std::exception&) {
    return;  // a design the static figures cannot read has no levers to weigh
  }
  const std::set<std::string> weighed = weighed_owners(s, now);
  r.tradeoffs_left_out = s.components.size() + s.sources.size() - weighed.size();
  for (const Variant& v : variants_of(s, now, catalog, weighed)) {
    try {
      const scenario::Scenario changed = with_moves(s, v.moves);
      const StaticExplanation then = explain_statically(changed, catalog);
      const std::string at = shown_at(v, now, then);
      const auto* c_now = figures_of(now, at);
      const auto* c_then = figures_of(then, at);
      if (!c_now || !c_then) continue;
      // A lever that moves neither the bill nor the component says nothing here.
      if (std::abs(then.monthly_usd - now.monthly_usd) < 0.01 && !latency_moves(*c_now, *c_then) &&
          std::abs(c_then->peak_utilization - c_now->peak_utilization) <= 0.01)
        continue;
      run::Tradeoff t;
      t.component = at;
      t.lever = v.lever->id;
      t.words = v.lever->words;
      t.instead_of = v.instead_of;
      t.switches = !v.lever->scales;
      t.moves = v.moves;
      t.monthly_usd_now = now.monthly_usd;
      t.monthly_usd_then = then.monthly_usd;
      t.run_monthly_usd = r.cost_monthly_usd;
      t.latency_s_now = c_now->latency_s;
      t.latency_s_then = c_then->latency_s;
      t.peak_utilization_now = c_now->peak_utilization;
      t.peak_utilization_then = c_then->peak_utilization;
      t.limit_then = c_then->limit;
      t.capacity_now = std::isfinite(c_now->capacity) ? c_now->capacity : 0;
      t.capacity_then = std::isfinite(c_then->capacity) ? c_then->capacity : 0;
      t.runs_in_batches = v.spec->resource("run_time") != nullptr;
      if (v.lever->capacity_mode) {
        t.capacity_mode = true;
        t.break_even_factor = break_even_factor(s, changed, at, catalog);
        t.break_even_records_per_s = t.break_even_factor * c_now->offered;
        if (t.break_even_factor > 0)
          t.lever_cheaper_below = monthly_of(scaled(changed, t.break_even_factor / 2), at, catalog) <
                                  monthly_of(scaled(s, t.break_even_factor / 2), at, catalog);
      }
      r.tradeoffs.push_back(std::move(t));
    } catch (const std::exception&) {
      // A lever the static figures cannot price is left out rather than guessed.
    }
  }
}

}  // namespace archsim::analysis

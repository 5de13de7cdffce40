#include "archsim/whatif/sizing.hpp"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <exception>
#include <functional>
#include <limits>
#include <map>
#include <set>

#include "archsim/analysis/moves.hpp"
#include "archsim/analysis/static_explain.hpp"
#include "archsim/scenario/catalog_loader.hpp"
#include "engine_alone.hpp"
#include "size_trials.hpp"
#include "sized_design.hpp"

namespace archsim::whatif {

namespace {

constexpr double kLeast = 1e-6;         // a factor that takes a scaling lever to its least
// Factors that take a lever one step down its grid: a whole number's step
// (model::scaled_whole) at the first, a coarser grid (brokers in whole
// multiples of the zones) at a later one.
constexpr double kStepsLess[] = {0.999, 0.99, 0.9, 0.75, 0.5};
constexpr double kGrow = 2;             // a failing design's binding lever, doubled
constexpr double kRepair = 1.05;        // a verification seed failing: a little more room
constexpr int kBisections = 200;
constexpr int kGrowSteps = 12, kRepairs = 6, kDescents = 3, kStepRounds = 5;
constexpr double kCent = 0.005;  // bills closer than this are the same
constexpr double kLeastSaving = 1e-4;  // of the bill: what a step down of a lever that bills must save

// The lever one step down from its setting in `s`; nothing at its least.
std::vector<model::ParamChange> one_less(const LeverRef& l, const scenario::Scenario& s,
                                         const analysis::StaticExplanation& e) {
  for (const double f : kStepsLess)
    if (auto changes = turn(l, s, e, f); !changes.empty()) return changes;
  return {};
}

// Whether the labels name the choices the moves made ("2 x ra3.xlplus"), for
// a lever that goes nowhere from where it is.
bool label_names(const std::vector<run::ParamMove>& moves, const std::string& before, const std::string& after) {
  bool named = false;
  for (const auto& m : moves) {
    if (m.text_to.empty()) continue;
    if (before.find(m.text_from) == std::string::npos || after.find(m.text_to) == std::string::npos) return false;
    named = true;
  }
  return named;
}

bool named(const std::vector<std::string>& names, const LeverRef& l, const std::string& component) {
  for (const auto& n : names)
    if (n == l.lever->id || n == l.id || n == component) return true;
  return false;
}

// The least factor in (lo, hi] that passes, where hi passes and lo is taken
// not to, on the lever's own grid: a middle whose setting is one of the
// ends' narrows the bracket without a trial, so that only settings between
// the two are tried, until none is left between them.
double bisect(double lo, double hi, const std::function<std::vector<model::ParamChange>(double)>& at,
              const std::function<bool(double)>& pass) {
  auto lo_at = at(lo), hi_at = at(hi);
  for (int i = 0; i < kBisections && hi > lo * (1 + 1e-9); ++i) {
    const double mid = std::sqrt(lo * hi);
    const auto mid_at = at(mid);
    if (same_changes(mid_at, lo_at)) lo = mid;
    else if (same_changes(mid_at, hi_at)) hi = mid;
    else if (pass(mid)) hi = mid, hi_at = mid_at;
    else lo = mid, lo_at = mid_at;
  }
  return hi;
}

// The same on the simulator: two points a third of the way each (in the
// logarithm of the factor) run side by side, so that a step takes the
// bracket to a third for two runs at once. Which points are tried does not
// depend on the thread count.
double trisect(double lo, double hi, const std::function<std::vector<model::ParamChange>(double)>& at,
               const std::function<std::vector<bool>(const std::vector<double>&)>& pass) {
  auto lo_at = at(lo), hi_at = at(hi);
  for (int i = 0; i < kBisections && hi > lo * (1 + 1e-9); ++i) {
    const double span = std::log(hi / lo);
    std::vector<double> points = {lo * std::exp(span / 3), lo * std::exp(2 * span / 3)};
    std::vector<std::vector<model::ParamChange>> settings = {at(points[0]), at(points[1])};
    std::vector<int> known(2, -1);  // 0 fails, 1 passes, -1 to run
    std::vector<double> run;
    for (std::size_t k = 0; k < 2; ++k) {
      if (same_changes(settings[k], lo_at)) known[k] = 0;
      else if (same_changes(settings[k], hi_at)) known[k] = 1;
      else if (k == 1 && same_changes(settings[1], settings[0])) known[1] = -2;  // as the first
      else run.push_back(points[k]);
    }
    if (!run.empty()) {
      const std::vector<bool> passed = pass(run);
      std::size_t next = 0;
      for (std::size_t k = 0; k < 2; ++k)
        if (known[k] == -1) known[k] = passed[next++] ? 1 : 0;
    }
    if (known[1] == -2) known[1] = known[0];
    // Monotone: the lowest point that passes is the new top, the point below it the new bottom.
    if (known[0] == 1) hi = points[0], hi_at = settings[0];
    else if (known[1] == 1) lo = points[0], lo_at = settings[0], hi = points[1], hi_at = settings[1];
    else lo = points[1], lo_at = settings[1];
  }
  return hi;
}

// The factors `descend_lever` tries away from explain's least, in pairs.
constexpr double kFanDown[] = {0.99, 0.97, 0.9, 0.75, 0.5, 0.25, 0.125, 0.0625};
constexpr double kFanUp[] = {1.01, 1.03, 1.1, 1.25, 1.5, 2};

// From a start whose verdict set `lo` (fails) or `hi` (passes), the points
// `start * factor` (up to `most`) two at a time until one passes (up) or
// fails (down): the bracket narrowed to it. Whether a bracket was found;
// false when every point down passed (`lo` still 0) or every point up
// failed (`hi` as it was).
template <std::size_t N>
bool fan_out(double start, const double (&factors)[N], double& lo, double& hi,
             const std::function<std::vector<bool>(const std::vector<double>&)>& pass, double most = 1) {
  const bool down = factors[0] < 1;
  for (std::size_t k = 0; k + 1 < N; k += 2) {
    std::vector<double> points = {std::min(most, start * factors[k]), std::min(most, start * factors[k + 1])};
    const std::vector<bool> passed = pass(points);
    if (down) {
      if (!passed[0]) return lo = points[0], true;
      hi = points[0];
      if (!passed[1]) return lo = points[1], true;
      hi = points[1];
    } else {
      if (passed[0]) return hi = points[0], true;
      lo = points[0];
      if (passed[1]) return hi = points[1], true;
      lo = points[1];
      if (lo >= most) return false;
    }
  }
  return down ? lo > 0 : false;
}

class Sizer {
 public:
  Sizer(const scenario::Scenario& s, const SizingOptions& o)
      : base_(s), design_base_{&s, o.overrides, o.faults}, options_(o), trials_(s, o), seed_(s.seed) {
    for (auto& l : levers_of(s)) (wanted(l) ? levers_ : kept_).push_back(l);
  }

  Sizing run() {
    Sizing out = search();
    engines_alone(out);
    return out;
  }

 private:
  Sizing search() {
    Sizing out;
    out.file = base_.file, out.name = base_.name, out.seed = seed_;
    out.max_runs = options_.max_runs, out.max_seconds = options_.max_seconds;
    out.implied_requirements = trials_.implied();
    const Design written(&design_base_);
    const Trial as_written = trials_.run(written, seed_);
    out.written_meets = as_written.meets;
    out.monthly_before = as_written.monthly;

    // Explain's sizing first: every lever at the least its component's
    // static figures carry the peak with; then the simulator decides.
    Design start = static_sizing(written);
    const Trial at_start = trials_.run(start, seed_);
    Design best = written;
    Trial best_trial = as_written;
    if (at_start.meets && (!as_written.meets || at_start.monthly <= as_written.monthly)) best = start, best_trial = at_start;
    if (!best_trial.meets) {
      best = grow(at_start.simulated ? start : written, out);
      best_trial = trials_.run(best, seed_);
    }
    if (!best_trial.meets) {
      out.still_failing = best_trial.failing;
      if (!best_trial.refused.empty()) out.still_failing.push_back(best_trial.refused);
      less_.clear();
      return finish(out, written, as_written);  // nothing to suggest: the levers cannot clear it
    }
    best = descend(best);
    best = runners_up(best, out);
    best = verify(best, out);
    best_trial = trials_.run(best, seed_);
    return finish(out, best, best_trial);
  }

  // Each query engine of a choice alone answering its sources: the design
  // without the others sized again (Redshift against Athena as two
  // designs), on what is left of the budget, shared out evenly.
  void engines_alone(Sizing& out) const {
    std::size_t sides = 0;
    for (const auto& choice : out.engines) sides += choice.engines.size();
    for (auto& choice : out.engines)
      for (auto& side : choice.engines) {
        std::vector<std::string> dropped;
        for (const auto& other : choice.engines)
          if (other.component != side.component) dropped.push_back(other.component);
        const auto alone = without_engines(base_, dropped);
        const std::size_t share = sides--;
        if (!alone) continue;
        SizingOptions o = options_;
        o.overrides.clear(), o.faults.clear();  // the scenario holds them already
        o.max_runs = (options_.max_runs > out.runs ? options_.max_runs - out.runs : 0) / share;
        o.max_seconds = std::max(0.0, options_.max_seconds - out.seconds) / static_cast<double>(share);
        const auto started = std::chrono::steady_clock::now();
        const Sizing sized = Sizer(*alone, o).run();
        out.seconds += std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
        out.runs += sized.runs, out.settled_early += sized.settled_early;
        out.budget_ran_out = out.budget_ran_out || sized.budget_ran_out;
        const scenario::Scenario chosen = analysis::with_moves(*alone, sized.moves);
        std::string label;
        for (const auto& c : chosen.components)
          if (c.name == side.component) label = label_of(c);
        std::vector<std::string> fails = sized.still_failing;
        if (!sized.found && fails.empty() && !sized.budget_ran_out) fails.push_back("not verified on every seed");
        side.alone = {.sized = true, .found = sized.found, .ran_out = sized.budget_ran_out, .monthly_usd = sized.monthly_after, .label = label,
                      .moves = sized.moves, .dropped = dropped, .fails = sized.found ? std::vector<std::string>{} : fails,
                      .why_not = sized.why_not};
      }
  }

  bool wanted(const LeverRef& l) const {
    const std::string& component = base_.components[l.component].name;
    if (!options_.levers.empty() && !named(options_.levers, l, component)) return false;
    return !named(options_.keep, l, component);
  }

  static analysis::StaticExplanation figures(const scenario::Scenario& s) {
    try {
      return analysis::explain_statically(s, scenario::builtin_catalog());
    } catch (const std::exception&) {
      return {};
    }
  }

  double static_monthly(const Design& d) const { return figures(d.scenario()).monthly_usd; }

  // Whether the lever's component carries its peak by its static figures.
  bool fits_statically(const Design& d, const LeverRef& l) const {
    std::string why;
    const auto s = d.load(why);
    if (!s) return false;
    const auto* f = analysis::figures_of(figures(*s), s->components[l.component].name);
    return f && f->headroom >= 1;
  }

  // The factor that takes the lever to the least its static figures carry
  // the peak with (below 1: room to spare today; 1: none to spare or none known).
  double least_static(const Design& d, const LeverRef& l) const {
    const scenario::Scenario s = d.scenario();
    const auto e = figures(s);
    auto at = [&](double f) { return turn(l, s, e, f); };
    auto pass = [&](double f) { return fits_statically(d.with(l.component, at(f)), l); };
    if (!pass(1)) {
      double hi = kGrow;
      while (!pass(hi)) {
        if (same_changes(at(hi), at(hi / kGrow)) || hi > 1e6) return 1;
        hi *= kGrow;
      }
      return bisect(hi / kGrow, hi, at, pass);
    }
    if (one_less(l, s, e).empty()) return 1;
    if (pass(kLeast)) return kLeast;
    return bisect(kLeast, 1, at, pass);
  }

  Design static_sizing(const Design& written) const {
    Design out = written;
    const scenario::Scenario s = written.scenario();
    const auto e = figures(s);
    for (const auto& l : levers_) {
      if (!l.lever->scales || !is_bill_lever(written, l)) continue;
      const auto changes = turn(l, s, e, least_static(written, l));
      if (worth(written.with(l.component, changes), written, l)) out = out.with(l.component, changes);
    }
    return out;
  }

  // A scaling lever whose setting moves the bill: the ones worth turning down.
  bool is_bill_lever(const Design& d, const LeverRef& l) const {
    if (!l.lever->scales) return false;
    const scenario::Scenario s = d.scenario();
    const auto e = figures(s);
    const double now = e.monthly_usd;
    // Four times the room: a lever may take two steps before it bills a
    // unit more (Flink's subtasks, two to a KPU).
    if (const auto up = turn(l, s, e, kGrow * kGrow); !up.empty() && static_monthly(d.with(l.component, up)) > now + kCent)
      return true;
    const auto down = turn(l, s, e, 1 / kGrow);
    return !down.empty() && static_monthly(d.with(l.component, down)) < now - kCent;
  }

  // The parameters the lever moves that `d` has moved from the scenario's values.
  std::vector<run::ParamMove> moved_by(const Design& d, const LeverRef& l) const {
    const scenario::Scenario s = d.scenario();
    const auto e = figures(s);
    std::set<std::string> keys(l.lever->keys.begin(), l.lever->keys.end());
    for (const double f : {kGrow, kGrow * kGrow})  // a second parameter may move only further up (KPUs)
      for (const auto& ch : turn(l, s, e, f)) keys.insert(ch.key);
    for (const auto& ch : one_less(l, s, e)) keys.insert(ch.key);
    std::vector<run::ParamMove> out;
    for (const auto& m : d.moves())
      if (m.component == s.components[l.component].name && keys.count(m.key)) out.push_back(m);
    return out;
  }

  // Whether turning `l` from `d` to `x` is worth it by their static bills
  // (deterministic and monotone in a lever, where a run's bill moves by
  // cents with the dice): a lever that bills must save a ten-thousandth of
  // the bill at least, so that a cent is no reason to change a design; one
  // the search raised to meet a requirement goes back down at any bill no
  // higher.
  bool worth(const Design& x, const Design& d, const LeverRef& l) const {
    const double now = static_monthly(d), then = static_monthly(x);
    if (is_bill_lever(d, l)) return then <= now - std::max(kCent, kLeastSaving * now);
    return then <= now + kCent;
  }

  // The levers to turn down at `d`: those that move the bill, and those the
  // search raised to meet a requirement (back to the least that meets it),
  // the components that cost most first.
  std::vector<LeverRef> cost_levers(const Design& d) const {
    std::vector<LeverRef> out;
    for (const auto& l : levers_)
      if (is_bill_lever(d, l) || (l.lever->scales && !moved_by(d, l).empty())) out.push_back(l);
    const auto e = figures(d.scenario());
    auto bill = [&](const LeverRef& l) {
      const auto* f = analysis::figures_of(e, base_.components[l.component].name);
      return f ? f->monthly_usd : 0;
    };
    std::stable_sort(out.begin(), out.end(), [&](const LeverRef& a, const LeverRef& b) { return bill(a) > bill(b); });
    return out;
  }

  // The design that passes with the lever as low as it goes. Explain's
  // least first; then points fanning out from it, two side by side (1% and
  // 3% away, then 10% and 25%, then 50% and 75%), so that a good static
  // figure costs a few runs and a poor one about what halving would; then
  // trisection between the setting that fails and the one that passes.
  // Each candidate runs until it passes or fails for certain, and one that
  // would not save what a step must save is not run.
  Design descend_lever(const Design& d, const LeverRef& l) {
    const scenario::Scenario s = d.scenario();
    const auto e = figures(s);
    auto at = [&](double f) { return turn(l, s, e, f); };
    if (one_less(l, s, e).empty()) return d;
    auto passes = [&](const std::vector<double>& fs) {
      std::vector<bool> out(fs.size(), false);
      std::vector<Design> xs;
      std::vector<std::size_t> tried_at, same_as;
      for (std::size_t k = 0; k < fs.size(); ++k) {
        const auto changes = at(fs[k]);
        if (fs[k] >= 1 || changes.empty()) {
          out[k] = true;  // the setting it has
          continue;
        }
        Design x = d.with(l.component, changes);
        if (!worth(x, d, l)) continue;
        std::size_t i = 0;
        while (i < xs.size() && xs[i].key() != x.key()) ++i;  // two factors, one setting: one run
        if (i == xs.size()) xs.push_back(std::move(x));
        tried_at.push_back(k), same_as.push_back(i);
      }
      if (xs.empty() || trials_.exhausted()) return out;
      const std::vector<Trial> tried = trials_.run(xs, seed_, RunLength::until_settled);
      for (std::size_t j = 0; j < tried_at.size(); ++j)
        out[tried_at[j]] = tried[same_as[j]].simulated && tried[same_as[j]].meets;
      return out;
    };
    const double least = least_static(d, l);
    if (least >= 1) return d;
    double lo = 0, hi = 1;
    if (passes({least}).front()) {
      hi = least;
      if (!fan_out(least, kFanDown, lo, hi, passes)) return d.with(l.component, at(hi));
    } else {
      lo = least;
      fan_out(least, kFanUp, lo, hi, passes);
      if (lo >= 1) return d;  // no less than it has passes
    }
    hi = trisect(lo, hi, at, passes);
    return hi < 1 ? d.with(l.component, at(hi)) : d;
  }

  // Coordinate descent: each cost lever bisected down in turn, until a round
  // moves none; then each one step less, the best saving taken, until none passes.
  Design descend(Design d) {
    for (int round = 0; round < kDescents && !trials_.exhausted(); ++round) {
      const std::string before = d.key();
      for (const auto& l : cost_levers(d)) {
        if (trials_.exhausted()) break;
        d = descend_lever(d, l);
      }
      if (d.key() == before) break;
    }
    for (int round = 0; round < kStepRounds && !trials_.exhausted(); ++round) {
      const double now = static_monthly(d);
      const scenario::Scenario s = d.scenario();
      const auto e = figures(s);
      std::vector<Design> less;
      less_.clear();
      for (const auto& l : cost_levers(d)) {
        const auto changes = one_less(l, s, e);
        less_.push_back({l, !changes.empty(), {}, {}, seed_});
        if (!changes.empty()) less.push_back(d.with(l.component, changes));
      }
      const std::vector<Trial> tried = trials_.run(less, seed_, RunLength::until_settled);
      std::size_t k = 0;
      int better = -1;
      double saving = -kCent;
      for (auto& step : less_) {
        if (!step.moved) continue;
        step.design = less[k], step.trial = tried[k];
        const double saves = now - static_monthly(less[k]);
        if (tried[k].meets && worth(less[k], d, step.lever) && saves > saving) better = static_cast<int>(k), saving = saves;
        ++k;
      }
      if (better < 0) break;
      d = less[static_cast<std::size_t>(better)];
    }
    return d;
  }

  // The lever that gives the cause of a failure more room: its resource's
  // levers in its model's order, then any other lever of its component.
  const LeverRef* lever_for(const Design& d, const Trial& t, double factor) const {
    const scenario::Scenario s = d.scenario();
    const auto e = figures(s);
    std::vector<const LeverRef*> order;
    for (const auto& l : levers_) {
      const auto& c = s.components[l.component];
      if (c.name != t.cause_component) continue;
      const model::Resource* r = c.model->resource(t.cause_resource);
      if (r && std::find(r->levers.begin(), r->levers.end(), l.lever->id) != r->levers.end()) order.push_back(&l);
    }
    for (const auto& l : levers_)
      if (s.components[l.component].name == t.cause_component && l.lever->scales &&
          std::find(order.begin(), order.end(), &l) == order.end())
        order.push_back(&l);
    for (const LeverRef* l : order) {
      const auto changes = turn(*l, s, e, factor);
      std::string why;
      if (!changes.empty() && d.with(l->component, changes).load(why)) return l;
    }
    return nullptr;
  }

  // From a design that fails: the lever of what binds, doubled, until it passes.
  // A lever doubled twice that does not move what fails by a hundredth (a
  // hot key no number of partitions serves) is not turned further.
  Design grow(Design d, Sizing& out) {
    const LeverRef* last = nullptr;
    double before = 0;
    int stuck = 0;
    for (int step = 0; step < kGrowSteps && !trials_.exhausted(); ++step) {
      const Trial t = trials_.run(d, seed_);
      if (t.meets) return d;
      const LeverRef* l = lever_for(d, t, kGrow);
      if (!l) {
        out.why_not = t.cause.empty() ? "the run names no component whose limit causes it"
                                      : "no lever left of " + t.cause + " that gives it more room";
        return d;
      }
      const double now = first_failing_actual(t);
      stuck = l == last && std::abs(now - before) <= 0.01 * std::abs(before) ? stuck + 1 : 0;
      if (stuck >= 2) {
        out.why_not = l->lever->words + " does not move it: " + t.cause + " binds however far it is turned";
        return d;
      }
      last = l, before = now;
      const scenario::Scenario s = d.scenario();
      d = d.with(l->component, turn(*l, s, figures(s), kGrow));
    }
    return d;
  }

  static double first_failing_actual(const Trial& t) {
    for (const auto& q : t.requirements)
      if (!q.pass) return q.actual;
    return 0;
  }

  // The winner on more seeds; a seed it fails gives the lever of what binds
  // there a little more room, and the seeds run again.
  Design verify(Design d, Sizing& out) {
    const std::size_t n = std::max<std::size_t>(1, options_.replications);
    std::vector<std::uint64_t> seeds;
    for (std::size_t k = 0; k < n; ++k) seeds.push_back(seed_ + k);
    for (int repair = 0; repair <= kRepairs && !trials_.exhausted(); ++repair) {
      const std::vector<Trial> tried = trials_.run(std::vector<Design>(n, d), seeds);
      out.verified_of = n, out.verified = 0;
      std::vector<std::size_t> failed;
      for (std::size_t k = 0; k < n; ++k) {
        if (tried[k].meets) ++out.verified;
        else if (!tried[k].over_budget) failed.push_back(k);
      }
      if (failed.empty()) return d;
      const LeverRef* l = lever_for(d, tried[failed.front()], kRepair);
      if (!l) return d;
      // The least room more that meets them on every seed that failed:
      // fanned out from the setting that failed, then trisected, the seeds
      // side by side; then every seed again.
      const scenario::Scenario s = d.scenario();
      const auto e = figures(s);
      auto at = [&](double f) { return turn(*l, s, e, f); };
      auto passes = [&](const std::vector<double>& fs) {
        std::vector<Design> xs;
        std::vector<std::uint64_t> on;
        for (const double f : fs)
          for (const std::size_t k : failed) xs.push_back(d.with(l->component, at(f))), on.push_back(seeds[k]);
        const std::vector<Trial> ts = trials_.run(xs, on, RunLength::until_settled);
        std::vector<bool> out(fs.size(), true);
        for (std::size_t i = 0; i < ts.size(); ++i)
          if (ts[i].over_budget || !ts[i].meets) out[i / failed.size()] = false;
        return out;
      };
      double lo = 1, hi = std::numeric_limits<double>::infinity();
      fan_out(1, kFanUp, lo, hi, passes, hi);
      hi = std::isinf(hi) ? lo : trisect(lo, hi, at, passes);
      // What binds it now is the first seed that failed with less.
      std::erase_if(less_, [&](const Less& step) { return step.lever.id == l->id; });
      less_.push_back({*l, true, d, tried[failed.front()], seeds[failed.front()]});
      d = d.with(l->component, at(hi));
    }
    return d;
  }

  // The switches of a capacity mode at the winner (on-demand for
  // provisioned, and back), each sized again; the cheapest that meets the
  // requirements wins, and the others are its runners-up.
  Design runners_up(const Design& winner, Sizing& out) {
    struct Other {
      LeverRef lever;
      Design design;
    };
    std::vector<Other> others;
    const scenario::Scenario s = winner.scenario();
    const auto e = figures(s);
    for (const auto& l : levers_) {
      if (!l.lever->capacity_mode || l.lever->scales) continue;
      // The component's other levers back as written: they were sized for
      // the mode it leaves (WCU for an on-demand table mean nothing).
      const Design reset = winner.without(s.components[l.component].name);
      const scenario::Scenario at = reset.scenario();
      const auto changes = turn(l, at, figures(at), 1);
      if (!changes.empty()) others.push_back({l, reset.with(l.component, changes)});
    }
    if (others.empty()) return winner;
    std::vector<Design> switched;
    for (const auto& o : others) switched.push_back(o.design);
    trials_.run(switched, seed_);  // side by side, before each is sized again
    const auto saved_less = less_;
    Design best = winner;
    Trial best_trial = trials_.run(winner, seed_);
    std::vector<std::pair<std::size_t, Design>> sized;
    for (std::size_t i = 0; i < others.size(); ++i) {
      Design d = others[i].design;
      if (trials_.run(d, seed_).meets) d = descend(d);
      sized.emplace_back(i, d);
    }
    less_ = saved_less;
    int adopted = -1;
    for (const auto& [i, d] : sized) {
      const Trial t = trials_.run(d, seed_);
      if (t.meets && t.monthly < best_trial.monthly - kCent) best = d, best_trial = t, adopted = static_cast<int>(i);
    }
    if (adopted >= 0) best = descend(best);  // one step less judged again on the winner
    for (const auto& [i, d] : sized) {
      const Design& shown = static_cast<int>(i) == adopted ? winner : d;
      out.runners_up.push_back(runner_up(others[i].lever, shown));
    }
    return best;
  }

  RunnerUp runner_up(const LeverRef& l, const Design& d) {
    const Trial t = trials_.run(d, seed_);
    const scenario::Scenario s = d.scenario();
    const auto& c = s.components[l.component];
    RunnerUp r{.component = c.name, .service = c.service, .lever = l.lever->id, .words = l.lever->words,
               .label = label_of(c), .moves = d.moves(), .simulated = t.simulated, .meets = t.meets,
               .monthly_usd = t.monthly, .fails = t.failing};
    if (!t.refused.empty()) r.fails.push_back(t.refused);
    return r;
  }

  Sizing& finish(Sizing& out, const Design& best, const Trial& t) {
    // What one step less fails, and why, is reported from a whole run: the
    // search's stopped at the failure with no diagnosis.
    std::vector<Design> whole;
    std::vector<std::uint64_t> seeds;
    for (const auto& step : less_)
      if (step.moved && step.trial.settled_early) whole.push_back(step.design), seeds.push_back(step.seed);
    const std::vector<Trial> rerun = trials_.run(whole, seeds);
    std::size_t k = 0;
    for (auto& step : less_)
      if (step.moved && step.trial.settled_early && !rerun[k].over_budget) step.trial = rerun[k++];
      else if (step.moved && step.trial.settled_early) ++k;
    out.found = t.meets && out.verified == out.verified_of && out.verified_of > 0;
    out.monthly_after = t.monthly;
    out.moves = best.moves();
    out.requirements = t.requirements;
    out.headroom = t.headroom;
    const scenario::Scenario after = best.scenario();
    const auto e = figures(after);
    for (const auto& l : levers_) {
      const auto& c = after.components[l.component];
      const auto moves = moved_by(best, l);
      if (!is_bill_lever(best, l) && moves.empty()) continue;
      SizedLever sized{.component = c.name, .service = c.service, .lever = l.lever->id, .words = l.lever->words,
                       .label_before = label_of(base_.components[l.component]), .label_after = label_of(c),
                       .moves = moves, .least_words = l.lever->least};
      if (l.lever->scales) {
        const Design napkin = best.with(l.component, turn(l, after, e, least_static(best, l)));
        sized.label_static = label_of(napkin.scenario().components[l.component]);
        sized.static_moves = moved_by(napkin, l);
      }
      const auto up = turn(l, after, e, l.lever->scales ? kGrow * kGrow : 1);
      sized.label_tells = up.empty() ? label_names(sized.moves.empty() ? sized.static_moves : sized.moves,
                                                   sized.label_before,
                                                   sized.moves.empty() ? sized.label_static : sized.label_after)
                                     : label_of(best.with(l.component, up).scenario().components[l.component]) !=
                                           sized.label_after;
      for (const auto& ch : up) {
        model::ParamChange same = ch;
        same.to = ch.from, same.text_to = ch.text_from;
        for (const auto& m : analysis::moves_of(c.name, *c.model, {same})) sized.now.push_back(m);
      }
      for (const auto& step : less_) {
        if (step.lever.id != l.id) continue;
        sized.tried_less = true;
        sized.at_least = !step.moved;
        if (!step.moved) continue;
        sized.less_label = label_of(step.design.scenario().components[l.component]);
        sized.less_moves = moved_by(step.design, l);
        sized.fails_less = step.trial.failing;
        sized.less_refused = step.trial.refused;
        sized.binds_less = step.trial.cause;
        sized.less_seed = step.seed;
      }
      out.levers.push_back(sized);
    }
    for (const auto& l : kept_) {
      if (!turn(l, after, e, l.lever->scales ? kGrow : 1).empty()) out.kept.push_back(l.id);
    }
    out.engines = engines_of(after, t);
    out.runs = trials_.runs();
    out.settled_early = trials_.settled_early();
    out.seconds = trials_.seconds();
    out.budget_ran_out = trials_.exhausted();
    return out;
  }

  // The query engines that answer the same query sources, side by side.
  static std::vector<EngineChoice> engines_of(const scenario::Scenario& s, const Trial& t) {
    std::map<std::vector<std::string>, EngineChoice> by_sources;
    for (const auto& c : s.components) {
      if (!c.model || c.model->query_billing.empty()) continue;
      std::vector<std::string> sources;
      for (const auto& f : s.flows)
        if (f.to == c.name && scenario::sends_queries(s, f.from)) sources.push_back(f.from);
      if (sources.empty()) continue;
      std::sort(sources.begin(), sources.end());
      auto& choice = by_sources[sources];
      choice.sources = sources;
      const auto bill = t.monthly_by_component.find(c.name);
      const auto p99 = t.worst_p99_into.find(c.name);
      choice.engines.push_back({c.name, c.service, label_of(c), bill == t.monthly_by_component.end() ? 0 : bill->second,
                                p99 == t.worst_p99_into.end() ? 0 : p99->second});
    }
    std::vector<EngineChoice> out;
    for (auto& [sources, choice] : by_sources) {
      if (choice.engines.size() < 2) continue;
      std::stable_sort(choice.engines.begin(), choice.engines.end(),
                       [](const EngineSide& a, const EngineSide& b) { return a.monthly_usd < b.monthly_usd; });
      out.push_back(std::move(choice));
    }
    return out;
  }

  struct Less {
    LeverRef lever;
    bool moved = false;
    Design design;
    Trial trial;
    std::uint64_t seed = 0;  // the seed it was judged on
  };

  const scenario::Scenario& base_;
  DesignBase design_base_;
  SizingOptions options_;
  Trials trials_;
  std::uint64_t seed_;
  std::vector<LeverRef> levers_, kept_;
  std::vector<Less> less_;  // the last round of one step less, on the winner
};

}  // namespace

Sizing size(const scenario::Scenario& scenario, const SizingOptions& options) { return Sizer(scenario, options).run(); }

}  // namespace archsim::whatif

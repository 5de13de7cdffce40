#include "fix_search.hpp"

#include <algorithm>
#include <cmath>
#include <exception>
#include <optional>
#include <string>
#include <utility>

#include "archsim/analysis/static_explain.hpp"
#include "archsim/run/parallel.hpp"
#include "archsim/run/simulation.hpp"
#include "archsim/models/builtin.hpp"
#include "archsim/scenario/catalog_loader.hpp"
#include "archsim/scenario/topology.hpp"
#include "archsim/analysis/diagnosis.hpp"
#include "evidence.hpp"
#include "archsim/analysis/moves.hpp"

namespace archsim::analysis {

namespace {

const run::Bottleneck* finding_at(const Diagnosis& d, const std::string& component) {
  for (const auto& f : d.findings)
    if (f.component == component) return &f;
  return nullptr;
}

// Whether what bound in `was` still binds in the run `again`, diagnosed as
// `d`: any requirement it failed still fails, or any of its own symptoms is
// still there (records lost there or expired in what it holds back, anything
// held back, late runs).
bool still_binds(const run::Bottleneck& was, const run::RunResult& again, const Diagnosis& d,
                 const std::vector<std::size_t>& failed) {
  // A requirement it failed that still fails is still its doing unless the
  // new run traces it to another component (records another one drops,
  // latency another one now sets): that one binds next.
  for (const std::size_t i : failed) {
    if (i >= again.requirements.size() || again.requirements[i].pass) continue;
    const int cause = i < d.requirement_cause.size() ? d.requirement_cause[i] : -1;
    if (cause < 0 || d.findings[static_cast<std::size_t>(cause)].component == was.component) return true;
  }
  const run::Bottleneck* now = finding_at(d, was.component);
  if (!now) return false;
  auto expired = [](const run::Bottleneck& b) {
    std::uint64_t n = 0;
    for (const auto& h : b.held_back) n += h.expired;
    return n;
  };
  if (was.dropped + expired(was) > 0 && now->dropped + expired(*now) > 0) return true;
  if (!was.held_back.empty() && !now->held_back.empty()) return true;
  if (was.late_runs > 0 && now->late_runs > 0) return true;
  if (was.kind == "falls_behind" && now->kind == "falls_behind") return true;
  // Room at the edge is no fix: the root must not be at its top at the peak.
  if (now->at_capacity && (was.dropped + expired(was) > 0 || !was.held_back.empty() || was.kind == "falls_behind"))
    return true;
  // Throttling absorbed by retries, a busy component, a slow one: a fix for
  // them is one that makes the requirements they failed pass.
  return false;
}

// Where a scaling lever starts: the room the finding shows it needs, with a
// margin, at least half as much again.
double start_factor(const run::Bottleneck& b, const run::RunResult& r, const std::vector<std::size_t>& failed) {
  double need = 1.25;
  if (b.units.count > 0) need = std::max(need, b.units.hottest_load / 0.85);
  need = std::max(need, b.static_peak_utilization / 0.85);
  if (b.kind == "latency")
    for (const std::size_t i : failed)
      if (r.requirements[i].target > 0) need = std::max(need, r.requirements[i].actual / r.requirements[i].target);
  return std::min(need, 64.0);
}

// Steps up from the first estimate, at most.
constexpr int kStepsUp = 5;

// Trials to run: a lever's factor and the moves it makes.
using Candidates = std::vector<std::pair<double, std::vector<run::ParamMove>>>;

class Search {
 public:
  Search(const scenario::Scenario& s, const run::RunResult& r, run::Bottleneck& b, const std::vector<std::size_t>& failed,
         FixBudget budget)
      : s_(s), r_(r), b_(b), failed_(failed), left_(budget.simulations), side_by_side_(budget.side_by_side),
        jobs_(budget.jobs) {
    for (const auto& c : s.components)
      if (c.name == b.component) decl_ = &c;
  }

  void run() {
    if (!decl_ || !decl_->model) return;
    const model::ModelSpec& spec = *decl_->model;
    const model::Resource* resource = spec.resource(b_.resource_id);
    if (!resource) return;
    PeakLoad load;
    peak_load(s_, b_.component, load);
    const model::FlowIn& peak = load.in;
    if (b_.key_beyond_unit) spread_keys();
    // Hot keys behind a keyed limit: spreading or aggregating them upstream
    // may cost less than more units, so two runs are kept for it.
    const bool keys_upstream = !b_.key_beyond_unit && !b_.hot_keys.empty() && !resource->unit.empty();
    const int reserve = keys_upstream ? 2 : 0;
    left_ -= reserve;
    for (const std::string& id : resource->levers) {
      const model::Lever* lever = spec.lever(id);
      if (!lever || !lever->move || left_ <= 0) continue;
      // No lever of a per-unit limit helps a key that alone is more than one
      // unit takes, but one that gives every unit more room.
      if (b_.key_beyond_unit && !resource->unit.empty() && !lever->raises_unit) continue;
      if (!lever->scales) {
        try_moves(*lever, lever->move(decl_->params, scenario::builtin_catalog(), peak, 1));
        continue;
      }
      scale(*lever, peak);
      if (cleared_) break;  // the first lever that clears is the designer's own knob for this limit
    }
    left_ = std::max(left_, 0) + reserve;
    if (keys_upstream) spread_keys();
    choose();
  }

 private:
  // Up from the estimate until it clears, the lever reaches its bound, or a
  // step buys almost nothing (a lever that does not touch what binds); then
  // down towards the least that still clears, while the budget lasts. With
  // a budget's `side_by_side`, the trials go in pairs simulated at once: two
  // steps up at a time, and down by thirds rather than halves. Which trials
  // run depends on the budget only, never on the cores.
  void scale(const model::Lever& lever, const model::FlowIn& peak) {
    auto moves_at = [&](double f) { return moves_of(decl_->name, *decl_->model, lever.move(decl_->params, scenario::builtin_catalog(), peak, f)); };
    const std::size_t width = side_by_side_ ? 2 : 1;
    const std::size_t first = b_.fixes.size();  // this lever's first trial
    double f = start_factor(b_, r_, failed_);
    std::vector<run::ParamMove> last;
    double cleared_at = 0, failed_at = 1;
    bool stop = false;
    for (int step = 0; step < kStepsUp && left_ > 0 && !stop && cleared_at == 0;) {
      Candidates up;
      for (; up.size() < width && step < kStepsUp && static_cast<int>(up.size()) < left_; ++step, f *= step < 2 ? 1.5 : 2) {
        auto moves = moves_at(f);
        if (moves.empty() || same_moves(moves, last)) {
          stop = true;
          break;
        }
        last = moves;
        up.emplace_back(f, std::move(moves));
      }
      const std::size_t clears = try_together(lever, up);
      if (clears < up.size()) cleared_at = up[clears].first;
      for (std::size_t i = 0; i < clears; ++i) {
        failed_at = up[i].first;
        const std::size_t at = b_.fixes.size() - up.size() + i;
        if (at > first && !improved(b_.fixes[at - 1], b_.fixes[at])) stop = true;
      }
    }
    if (cleared_at == 0) return;
    while (left_ > 0) {
      // Halfway (in ratio) between what failed and what cleared, or two points a third apart.
      std::vector<double> at{std::sqrt(failed_at * cleared_at)};
      if (width == 2 && left_ >= 2) {
        const double third = std::cbrt(cleared_at / failed_at);
        at = {failed_at * third, failed_at * third * third};
      }
      const auto moves_cleared = moves_at(cleared_at), moves_failed = moves_at(failed_at);
      Candidates inside;
      for (const double m : at) {
        auto moves = moves_at(m);
        if (moves.empty() || same_moves(moves, moves_cleared) || same_moves(moves, moves_failed) ||
            (!inside.empty() && same_moves(moves, inside.back().second)))
          continue;
        inside.emplace_back(m, std::move(moves));
      }
      if (inside.empty()) break;
      const std::size_t clears = try_together(lever, inside);
      if (clears < inside.size()) cleared_at = inside[clears].first;
      if (clears > 0) failed_at = inside[clears - 1].first;
    }
  }

  // A key that alone is more than one unit takes: the levers upstream that
  // spread it (write sharding at its producer, aggregation before the write),
  // each moved as far as the key needs, on the way up to its sources.
  void spread_keys() {
    const run::HotKey& hot = b_.hot_keys.front();
    const double needed = std::max(2.0, std::ceil(hot.peak_per_s / (0.8 * hot.unit_capacity_per_s)));
    const scenario::Topology topo(s_);
    const auto at = topo.find(b_.component);
    if (!at) return;
    std::vector<std::size_t> stack{*at};
    std::vector<bool> seen(topo.size(), false);
    while (!stack.empty() && left_ > 0) {
      const std::size_t v = stack.back();
      stack.pop_back();
      for (const auto& e : topo.in_edges(v)) {
        if (seen[e.from]) continue;
        seen[e.from] = true;
        const bool source = topo.is_source(e.from);
        // Only the source the key comes from can spread it: sharding another
        // source's writes does nothing for a hot key of the page's reads.
        if (source && topo.name(e.from) != hot.source) continue;
        const model::ModelSpec& spec =
            source ? models::source_spec() : *s_.components[e.from - topo.source_count()].model;
        const model::ParamSet& params =
            source ? s_.sources[e.from].params : s_.components[e.from - topo.source_count()].params;
        for (const auto& lever : spec.levers) {
          if (!lever.spreads_keys || !lever.move) continue;
          // As far as the key needs, then further while each step helps.
          std::vector<run::ParamMove> last;
          for (double f = needed; left_ > 0; f *= 2) {
            const auto moves = moves_of(topo.name(e.from), spec, lever.move(params, scenario::builtin_catalog(), {}, f),
                                        source ? "workload" : "components");
            if (moves.empty() || same_moves(moves, last)) break;
            const bool first = last.empty();
            last = moves;
            if (try_moves(lever, moves) || !lever.scales) break;
            if (!first && !improved(b_.fixes[b_.fixes.size() - 2], b_.fixes.back())) break;
          }
        }
        if (!source) stack.push_back(e.from);
      }
    }
  }

  // Whether the later of two trials is better by more than a twentieth in
  // what bound: records lost, requests refused, how late a batch job's
  // latest run finished, or the worst p99. (A batch job's p99 is no
  // measure: a run that finishes at last delivers records a day old.)
  bool improved(const run::FixTrial& before, const run::FixTrial& after) const {
    if (!before.simulated || !after.simulated) return true;
    auto better = [](double a, double b) { return b < 0.95 * a; };
    if (before.late_by_s > 0) return better(before.late_by_s, after.late_by_s);
    if (b_.dropped > 0) return better(static_cast<double>(before.dropped), static_cast<double>(after.dropped));
    if (b_.kind == "throttles") return better(static_cast<double>(before.throttled), static_cast<double>(after.throttled));
    return better(before.worst_p99_s, after.worst_p99_s);
  }

  bool try_moves(const model::Lever& lever, const std::vector<model::ParamChange>& changes) {
    return try_moves(lever, moves_of(decl_->name, *decl_->model, changes));
  }

  bool try_moves(const model::Lever& lever, const std::vector<run::ParamMove>& moves) {
    if (moves.empty() || left_ <= 0) return false;
    return try_together(lever, {{0.0, moves}}) == 0;
  }

  // Each candidate simulated, at the same time, and recorded in order; the
  // index of the first that clears (the candidates' size when none does).
  std::size_t try_together(const model::Lever& lever, const Candidates& candidates) {
    std::vector<run::FixTrial> done(candidates.size());
    run::parallel_for(candidates.size(), jobs_, [&](std::size_t i) { done[i] = trial(lever, candidates[i].second); });
    std::size_t first_clearing = candidates.size();
    for (std::size_t i = 0; i < done.size(); ++i) {
      --left_;
      if (record(std::move(done[i])) && first_clearing == candidates.size()) first_clearing = i;
    }
    return first_clearing;
  }

  bool record(run::FixTrial t) {
    b_.fix_checked = true;
    const bool clears = t.clears;
    b_.fixes.push_back(std::move(t));
    cleared_ = cleared_ || clears;
    return clears;
  }

  // The design with `moves` simulated again, and what it shows. It reads the
  // search's inputs only, so that trials can run at the same time.
  run::FixTrial trial(const model::Lever& lever, const std::vector<run::ParamMove>& moves) const {
    run::FixTrial t;
    t.lever = lever.id;
    t.words = lever.words;
    t.moves = moves;
    try {
      const scenario::Scenario changed = with_moves(s_, moves);
      const run::RunResult again = run::simulate(changed);
      const Diagnosis d = diagnose(changed, again);
      t.simulated = true;
      for (const auto& c : again.components)
        if (c.name == b_.component) t.dropped = c.dropped, t.throttled = c.throttled;
      for (const auto& p : again.paths)
        if (std::find(p.components.begin(), p.components.end(), b_.component) != p.components.end())
          t.worst_p99_s = std::max(t.worst_p99_s, p.latency.p99);
      t.monthly_usd_delta = again.cost_monthly_usd - r_.cost_monthly_usd;
      // How late its latest run ends; one still going when the run ends, by
      // when its model says it would finish (else every step that leaves it
      // unfinished would look the same).
      for (const auto& q : again.requirements) {
        if (q.name != "completes_by" || q.scope != b_.component || q.runs_judged == 0) continue;
        const run::JobRun& w = q.worst_run;
        const double end = w.finished ? w.end_s : std::max(w.end_s, w.started_s + w.startup_s + w.processing_s);
        t.late_by_s = std::max(t.late_by_s, end - w.deadline_s);
      }
      for (const std::size_t i : failed_)
        if (i < again.requirements.size() && !again.requirements[i].pass)
          t.requirements_failing.push_back(again.requirements[i].name);
      // The cause of what still fails, when another component's, is what binds next.
      for (const std::size_t i : failed_) {
        if (i >= again.requirements.size() || again.requirements[i].pass || i >= d.requirement_cause.size()) continue;
        const int cause = d.requirement_cause[i];
        if (cause >= 0 && d.findings[static_cast<std::size_t>(cause)].component != b_.component) {
          t.binds_next = cause_words(d.findings[static_cast<std::size_t>(cause)]);
          break;
        }
      }
      t.clears = !still_binds(b_, again, d, failed_);
      if (t.binds_next.empty() && !d.findings.empty()) {
        const run::Bottleneck& next = d.findings.front();
        if (next.kind != "latency" || !next.causes.empty()) t.binds_next = cause_words(next);
      }
    } catch (const std::exception&) {
      t.simulated = false;  // overloaded elsewhere before the run could finish
    }
    return t;
  }

  // The cheapest that clears among the component's own levers, the knob a
  // designer reaches for first; a design change upstream that clears for
  // less is offered beside it (or instead, when no own lever clears).
  void choose() {
    // The least cost, then the smallest move (a free lever: the fewest servers).
    auto better = [](const run::FixTrial& a, const run::FixTrial& b) {
      if (std::abs(a.monthly_usd_delta - b.monthly_usd_delta) >= 0.005) return a.monthly_usd_delta < b.monthly_usd_delta;
      if (a.lever != b.lever) return false;
      double sa = 0, sb = 0;
      for (const auto& m : a.moves) sa += m.to;
      for (const auto& m : b.moves) sb += m.to;
      return sa < sb;
    };
    auto cheapest = [&](bool own) {
      int best = -1;
      for (std::size_t i = 0; i < b_.fixes.size(); ++i) {
        const run::FixTrial& t = b_.fixes[i];
        if (!t.clears || t.moves.empty() || (t.moves.front().component == b_.component) != own) continue;
        if (best < 0 || better(t, b_.fixes[static_cast<std::size_t>(best)])) best = static_cast<int>(i);
      }
      return best;
    };
    const int own = cheapest(true), upstream = cheapest(false);
    b_.fix = own >= 0 ? own : upstream;
    if (own >= 0 && upstream >= 0 &&
        b_.fixes[static_cast<std::size_t>(upstream)].monthly_usd_delta <
            b_.fixes[static_cast<std::size_t>(own)].monthly_usd_delta)
      b_.alternative = upstream;
  }

  const scenario::Scenario& s_;
  const run::RunResult& r_;
  run::Bottleneck& b_;
  const std::vector<std::size_t>& failed_;
  int left_;
  bool side_by_side_;
  unsigned jobs_;  // the most threads at work at once (run::parallel_for)
  const scenario::ComponentDecl* decl_ = nullptr;
  bool cleared_ = false;
};

}  // namespace

void search_fix(const scenario::Scenario& s, const run::RunResult& r, run::Bottleneck& b,
                const std::vector<std::size_t>& failed, FixBudget budget) {
  Search(s, r, b, failed, budget).run();
}

}  // namespace archsim::analysis

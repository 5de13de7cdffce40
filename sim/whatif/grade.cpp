#include "archsim/whatif/grade.hpp"

#include <algorithm>
#include <cmath>

#include "archsim/analysis/explain.hpp"
#include "archsim/run/parallel.hpp"
#include "archsim/run/simulation.hpp"
#include "archsim/scenario/loader.hpp"
#include "archsim/whatif/figures.hpp"
#include "archsim/whatif/replications.hpp"

namespace archsim::whatif {

namespace {

// The rubric's points (docs/challenges.md#the-rubric).
constexpr double kRequirementsPoints = 30, kFreshnessPoints = 15, kCostPoints = 20, kHeadroomPoints = 15,
                 kRecoveryPoints = 10, kSimplicityPoints = 10;
// A requirement whose first run comes this near its target is replicated.
constexpr double kNearTarget = 0.10;
// The cost dimension: full within 10% of the reference's bill, none from 2.5 times it.
constexpr double kCostFull = 1.1, kCostNone = 2.5;
// The headroom dimension: full up to 80% at the peak, none at 100%.
constexpr double kHeadroomFull = 0.8;

bool is_freshness(const run::RequirementResult& q) {
  return q.name == "freshness" || q.name.rfind("latency_", 0) == 0;
}

bool near_target(const run::RequirementResult& q) {
  const double scale = std::max(std::abs(q.target), 1e-9);
  return std::abs(q.actual - q.target) <= kNearTarget * scale;
}

// Components, and the parameters a design sets beyond the defaults.
std::pair<int, int> size_of(const scenario::Scenario& s) {
  int settings = 0;
  for (const auto& c : s.components)
    for (const auto& [key, value] : c.params.values())
      if (!value.defaulted) ++settings;
  return {static_cast<int>(s.components.size()), settings};
}

std::vector<std::string> joined(std::vector<std::string> a, const std::vector<std::string>& b) {
  a.insert(a.end(), b.begin(), b.end());
  return a;
}

// A drill's requirements outside its faults: those judged apart on their
// own part; the rest (a deadline, the bill) fail outside only when they fail
// without the faults too; the records lost are the drill's own score.
bool holds_outside(const run::RunResult& r) {
  for (const auto& q : r.requirements) {
    if (q.name == "max_dropped" || q.name == "recover_within") continue;
    if (q.outside_faults.judged ? !q.outside_faults.pass : !q.pass && !q.fails_only_with_faults) return false;
  }
  return true;
}

void grade_follow_up(const std::string& file, const scenario::FollowUp& up, const GradeOptions& options,
                     FollowUpGrade& g, int& simulations) {
  g.follow_up = up;
  g.drill = !up.faults.empty();
  if (up.sets.empty() && up.faults.empty()) {
    g.not_simulated = "it asks for an answer in words; nothing to simulate";
    return;
  }
  auto loaded = scenario::load_scenario(file, joined(options.sets, up.sets), up.faults);
  if (!loaded.ok()) {
    g.not_simulated = loaded.diagnostics.sorted().front().message;
    return;
  }
  run::RunResult r;
  try {
    r = analysis::run_and_explain(*loaded.scenario, options.jobs);
  } catch (const run::Overloaded& e) {
    g.not_simulated = e.what();
    return;
  }
  ++simulations;
  g.simulated = true;
  for (const auto& q : r.requirements)
    if (!q.pass) g.failing.push_back(q);
  g.holds = g.failing.empty();
  if (!r.bottlenecks.empty()) g.binds = r.bottlenecks.front();
  g.headroom = r.headroom;
  g.monthly_usd = r.cost_monthly_usd;
  const double per_month = r.cost_total_usd > 0 ? r.cost_monthly_usd / r.cost_total_usd : 0;
  for (const auto& c : r.components)
    if (c.cost_usd * per_month > g.costliest_monthly_usd)
      g.costliest = c.name, g.costliest_service = c.service, g.costliest_monthly_usd = c.cost_usd * per_month;
  g.faults = r.faults;
  if (!g.drill) return;
  g.recovered = std::all_of(r.faults.begin(), r.faults.end(), [](const auto& f) { return f.recovered; });
  for (const auto& f : r.faults) g.lost += f.dropped - f.set_aside;
  g.lost_nothing = g.lost == 0;
  g.holds_outside = holds_outside(r);
  g.score = (g.recovered ? 0.5 : 0) + (g.lost_nothing ? 0.25 : 0) + (g.holds_outside ? 0.25 : 0);
}

void find_busiest(Grade& g) {
  g.busiest = g.design.headroom.component;
  g.busiest_resource = g.design.headroom.resource;
  g.busiest_utilization = g.design.headroom.peak_utilization;
  // A limit that binds already (run::binds) leaves no room, however busy the rest is;
  // refusals its clients' retries absorb do not.
  if (!g.design.bottlenecks.empty()) {
    const run::Bottleneck& b = g.design.bottlenecks.front();
    if (run::binds(b)) {
      g.busiest = b.component;
      g.busiest_resource = b.resource;
      g.busiest_utilization = std::max(1.0, b.utilization);
      return;
    }
  }
  // A batch job's latest run against its window: from its trigger to its deadline.
  for (const auto& q : g.design.requirements) {
    if (q.name != "completes_by" || q.runs_judged == 0) continue;
    const run::JobRun& w = q.worst_run;
    const double window = w.deadline_s - w.triggered_s;
    if (window <= 0) continue;
    const double used = (w.end_s - w.triggered_s) / window;
    if (used > g.busiest_utilization || g.busiest.empty()) {
      g.busiest = q.scope;
      g.busiest_resource.clear();
      g.busiest_utilization = used;
      g.busiest_is_deadline = true;
    }
  }
}

void score(Grade& g) {
  auto add = [&](const char* id, double weight, bool applies, double value) {
    g.dimensions.push_back({id, weight, applies, applies ? std::clamp(value, 0.0, 1.0) : 0});
  };
  double met = 0, fresh = 0;
  int n_met = 0, n_fresh = 0;
  for (const auto& q : g.requirements) {
    (q.freshness ? fresh : met) += q.score();
    ++(q.freshness ? n_fresh : n_met);
  }
  const bool all_met = g.holds();
  add("requirements", kRequirementsPoints, n_met > 0, n_met ? met / n_met : 0);
  add("freshness", kFreshnessPoints, n_fresh > 0, n_fresh ? fresh / n_fresh : 0);
  // A design that misses its targets is not priced against one that meets them.
  const double ratio = g.reference_monthly_usd > 0 ? g.design.cost_monthly_usd / g.reference_monthly_usd : 0;
  add("cost", kCostPoints, g.reference_monthly_usd > 0,
      all_met ? (kCostNone - std::max(ratio, kCostFull)) / (kCostNone - kCostFull) : 0);
  add("headroom", kHeadroomPoints, !g.busiest.empty(),
      (1 - std::max(g.busiest_utilization, kHeadroomFull)) / (1 - kHeadroomFull));
  // Recovery and simplicity, too, count only for a design that holds: one
  // that fails in normal operation has no level to recover to, and leaving
  // a component unsized is not simplicity.
  double recovery = 0;
  int drills = 0;
  for (const auto& f : g.follow_ups)
    if (f.drill) recovery += f.score, ++drills;
  add("recovery", kRecoveryPoints, drills > 0, all_met && drills ? recovery / drills : 0);
  const int size = g.components + g.settings, reference = g.reference_components + g.reference_settings;
  add("simplicity", kSimplicityPoints, reference > 0, all_met && size > 0 ? static_cast<double>(reference) / size : 0);
  double points = 0, possible = 0;
  for (const auto& d : g.dimensions)
    if (d.applies) points += d.weight * d.score, possible += d.weight;
  g.total = possible > 0 ? 100 * points / possible : 0;
}

}  // namespace

Grade grade(const std::string& file, const scenario::Scenario& design, const scenario::Challenge& challenge,
            const GradeOptions& options) {
  Grade g;
  g.challenge = challenge.name;
  g.title = challenge.title;
  g.file = file;
  g.seed = design.seed;
  std::tie(g.components, g.settings) = size_of(design);
  if (g.title.empty()) g.title = design.name;
  g.follow_ups.resize(challenge.follow_ups.size());
  std::vector<int> runs(challenge.follow_ups.size() + 2, 0);
  // The design, the reference and every follow-up are independent runs.
  // Without a challenge (a lesson's predictions), only the design runs.
  run::parallel_for(challenge.name.empty() ? 1 : challenge.follow_ups.size() + 2, options.jobs, [&](std::size_t task) {
    if (task == 0) {
      g.design = analysis::run_and_explain(design, options.jobs);
      runs[0] = 1;
    } else if (task == 1) {
      // The reference is run on the design's seed, without the design's own --sets.
      std::vector<std::string> seed;
      for (const auto& set : options.sets)
        if (set.rfind("seed=", 0) == 0 || set.rfind("--seed ", 0) == 0) seed.push_back(set);
      auto reference = scenario::load_scenario_text(challenge.scenario, challenge.file, joined(challenge.reference, seed));
      if (!reference.ok()) return;  // the challenge was checked when read; a --set may not fit it
      std::tie(g.reference_components, g.reference_settings) = size_of(*reference.scenario);
      const run::RunResult r = run::simulate(*reference.scenario);
      runs[1] = 1;
      g.reference_monthly_usd = r.cost_monthly_usd;
      g.reference_holds = std::all_of(r.requirements.begin(), r.requirements.end(), [](const auto& q) { return q.pass; });
    } else {
      grade_follow_up(file, challenge.follow_ups[task - 2], options, g.follow_ups[task - 2], runs[task]);
    }
  });
  for (const auto& q : g.design.requirements) g.requirements.push_back({q, is_freshness(q), 1, q.pass ? 1u : 0u});
  // Where a requirement came near its target, one seed does not settle it.
  const bool uncertain = std::any_of(g.requirements.begin(), g.requirements.end(),
                                     [](const auto& q) { return near_target(q.result); });
  if (uncertain && options.replications > 1) {
    const Replicated rep = replicate(design, {.replications = options.replications, .jobs = options.jobs, .explain = false});
    runs.push_back(static_cast<int>(options.replications));
    for (std::size_t i = 0; i < g.requirements.size() && i < rep.requirements.size(); ++i)
      if (near_target(g.requirements[i].result))
        g.requirements[i].seeds = rep.count(), g.requirements[i].passed = rep.requirements[i].passed;
  }
  find_busiest(g);
  g.estimates = analysis::check_estimates(design, g.design, options.jobs, g.simulations);
  for (int n : runs) g.simulations += n;
  score(g);
  return g;
}

}  // namespace archsim::whatif

#include "size_trials.hpp"

#include <algorithm>
#include <exception>

#include "archsim/analysis/diagnosis.hpp"
#include "archsim/analysis/static_explain.hpp"
#include "archsim/report/human.hpp"
#include "archsim/run/parallel.hpp"
#include "archsim/run/simulation.hpp"
#include "archsim/scenario/catalog_loader.hpp"

namespace archsim::whatif {

namespace {

// A candidate is stopped early, and fails, when its run would take this
// many times the events of the busiest design that met the requirements:
// its queues grow (polled, retried, held back), and running it to the end
// would cost the search minutes and gigabytes for an answer already known.
constexpr double kEventsOverPassing = 10;

// A component offered this many times its capacity at the peak is refused
// by `archsim run` unless asked (its queue would outgrow the machine): a
// design so short of room fails without being simulated.
constexpr double kRefusedAbove = 20;

bool holds_back(const std::string& kind) {
  return kind == "loses_records" || kind == "holds_back" || kind == "falls_behind";
}

}  // namespace

std::string requirement_words(const run::RequirementResult& r) {
  std::string out = r.name + " " + r.target_text;
  if (!r.scope.empty()) out += " on " + r.scope;
  return out;
}

Trials::Trials(const scenario::Scenario& base, const SizingOptions& options)
    : base_(base),
      options_(options),
      implied_(base.requirements.empty()),
      start_(std::chrono::steady_clock::now()) {}

double Trials::seconds() const {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - start_).count();
}

bool Trials::exhausted() const { return runs_ >= options_.max_runs || seconds() >= options_.max_seconds; }

std::vector<Trial> Trials::run(const std::vector<Design>& designs, const std::vector<std::uint64_t>& seeds,
                               RunLength length) {
  std::vector<Trial> out(designs.size());
  std::vector<std::size_t> todo;
  auto key = [&](std::size_t i) { return designs[i].key() + "#" + std::to_string(seeds[i]); };
  for (std::size_t i = 0; i < designs.size(); ++i) {
    const auto found = done_.find(key(i));
    // A run stopped at a settled failure answers a search, not a report.
    if (found != done_.end() && !(found->second.settled_early && length == RunLength::whole)) out[i] = found->second;
    else if (exhausted() || runs_ + todo.size() >= options_.max_runs) out[i].over_budget = true;
    else todo.push_back(i);
  }
  const double cap = most_events_passing_ * kEventsOverPassing;
  run::parallel_for(todo.size(), options_.jobs,
                    [&](std::size_t k) { out[todo[k]] = simulate(designs[todo[k]], seeds[todo[k]], cap, length); });
  for (const std::size_t i : todo) {
    if (out[i].simulated || out[i].events > 0) ++runs_;
    if (out[i].settled_early) ++settled_early_;
    if (out[i].meets) most_events_passing_ = std::max(most_events_passing_, out[i].events);
    done_[key(i)] = out[i];
  }
  return out;
}

Trial Trials::simulate(const Design& design, std::uint64_t seed, double max_events, RunLength length) const {
  Trial t;
  auto loaded = design.load(t.refused);
  if (!loaded) return t;
  scenario::Scenario& s = *loaded;
  s.seed = seed;
  try {
    for (const auto& c : analysis::explain_statically(s, scenario::builtin_catalog()).components)
      if (c.peak_utilization > kRefusedAbove) {
        t.refused = c.service + " '" + c.name + "' is offered " + std::to_string(static_cast<long long>(c.peak_utilization)) +
                    "x its capacity at the peak";
        return t;
      }
  } catch (const std::exception&) {
    // a design the static figures cannot read is left to the run
  }
  run::RunResult r;
  try {
    r = run::simulate(s, {.max_events = max_events,
                          .stop_when_failed = length == RunLength::until_settled,
                          .most_dropped = implied_ ? 0.0 : -1.0});
  } catch (const run::Overloaded& e) {
    t.refused = e.what();
    return t;
  } catch (const run::RequirementFailed& e) {
    t.simulated = t.settled_early = true;
    t.events = e.events;
    t.failing.push_back(e.what());
    return t;
  } catch (const run::RunCapReached& e) {
    t.events = e.events;
    t.refused = std::string("stopped early, its queues growing: ") + e.what();
    return t;
  }
  t.simulated = true;
  t.monthly = r.cost_monthly_usd;
  t.events = static_cast<double>(r.events);
  t.requirements = r.requirements;
  const analysis::Diagnosis diagnosis = analysis::diagnose(s, r);
  bool meets = true;
  int cause = -1;
  if (implied_) {
    if (r.accounting.dropped > 0) {
      meets = false;
      t.failing.push_back("no record lost (" + report::count(r.accounting.dropped) + " dropped)");
    }
    for (std::size_t k = 0; k < diagnosis.findings.size(); ++k)
      if (holds_back(diagnosis.findings[k].kind)) {
        if (meets) t.failing.push_back("keeps up (" + analysis::cause_words(diagnosis.findings[k]) + " falls behind)");
        meets = false;
        if (cause < 0) cause = static_cast<int>(k);
      }
  } else {
    for (std::size_t i = 0; i < r.requirements.size(); ++i) {
      if (r.requirements[i].pass) continue;
      meets = false;
      t.failing.push_back(requirement_words(r.requirements[i]));
      if (cause < 0 && i < diagnosis.requirement_cause.size()) cause = diagnosis.requirement_cause[i];
    }
  }
  if (!meets && cause < 0 && !diagnosis.findings.empty()) cause = 0;
  if (cause >= 0) {
    const auto& f = diagnosis.findings[static_cast<std::size_t>(cause)];
    t.cause = analysis::cause_words(f), t.cause_component = f.component, t.cause_resource = f.resource_id;
  }
  t.meets = meets;
  const double months = r.cost_total_usd > 0 ? r.cost_monthly_usd / r.cost_total_usd : 0;
  for (const auto& c : r.components) t.monthly_by_component[c.name] = c.cost_usd * months;
  for (const auto& p : r.paths) t.worst_p99_into[p.to] = std::max(t.worst_p99_into[p.to], p.latency.p99);
  for (const auto& c : r.components) {
    const scenario::ComponentDecl* decl = nullptr;
    for (const auto& d : s.components)
      if (d.name == c.name) decl = &d;
    if (!decl || !decl->model || decl->model->resources.empty() || c.capacity <= 0) continue;
    t.headroom.push_back({c.name, c.service, decl->model->resources.front().name, c.utilization_peak});
  }
  return t;
}

}  // namespace archsim::whatif

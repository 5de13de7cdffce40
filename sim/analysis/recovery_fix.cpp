#include "recovery_fix.hpp"

#include <algorithm>
#include <exception>
#include <cmath>
#include <limits>
#include <map>

#include "archsim/analysis/static_explain.hpp"
#include "archsim/run/simulation.hpp"
#include "archsim/scenario/catalog_loader.hpp"
#include "drill_recovery.hpp"
#include "archsim/analysis/moves.hpp"

namespace archsim::analysis {

namespace {

const run::RequirementResult* failed_target(const run::RunResult& r) {
  for (const auto& q : r.requirements)
    if (q.name == "recover_within" && !q.pass) return &q;
  return nullptr;
}

// How long a fault took to recover (the rest of the run when it never did).
double recovery_of(const run::FaultResult& f, double run_s) { return f.recovered ? f.recovery_s() : run_s - f.end_s; }

const run::FaultResult* slowest(const run::RunResult& r) {
  const run::FaultResult* out = nullptr;
  for (const auto& f : r.faults)
    if (!out || recovery_of(f, r.duration_s) > recovery_of(*out, r.duration_s)) out = &f;
  return out;
}

// The first scaling lever of the limit that paced a recovery (the one
// fill_recovery names: the model's first resource).
const model::Lever* pace_lever(const model::ModelSpec& spec) {
  if (spec.resources.empty()) return nullptr;
  for (const std::string& id : spec.resources.front().levers)
    if (const model::Lever* lever = spec.lever(id); lever && lever->scales && lever->move) return lever;
  return nullptr;
}

// How much more capacity the pacer needs: a backlog drained at d over Tr
// drains within R at d x Tr / R, and with λ arriving meanwhile (its capacity
// μ less d, as it drained at full pace) that takes (λ + d Tr / R) / μ of its
// capacity, with a tenth more for the backlog a shorter outage does not
// shrink; at least a fifth more, so that each trial moves.
double step_factor(const run::FaultResult& f, double recovery_s, double target_s, double capacity) {
  const double ratio = recovery_s / std::max(target_s, 1.0);
  double need = ratio;
  if (capacity > 0 && std::isfinite(capacity) && f.drain_per_s > 0 && f.drain_per_s < capacity)
    need = (capacity - f.drain_per_s + f.drain_per_s * ratio) / capacity;
  return std::max(need * 1.1, 1.2);
}

double capacity_of(const scenario::Scenario& s, const std::string& component) {
  try {
    for (const auto& c : explain_statically(s, scenario::builtin_catalog()).components)
      if (c.name == component) return c.capacity;
  } catch (const std::exception&) {
  }
  return 0;
}

}  // namespace

run::RecoveryFix search_recovery_fix(const scenario::Scenario& s, const run::RunResult& drill, int simulations) {
  run::RecoveryFix fix;
  const run::RequirementResult* q = failed_target(drill);
  if (!q) return fix;
  fix.tried = true;
  std::map<std::string, double> factors;  // by component: its room over today's
  std::vector<run::ParamMove> moves;
  scenario::Scenario design = s;
  run::RunResult last = drill;
  for (int trial = 0; trial < simulations; ++trial) {
    const run::FaultResult* f = slowest(last);
    if (!f || f->paced_by.empty()) {
      fix.why_not = "the design never caught up after the fault, so no pace of catch-up could be raised";
      break;
    }
    const auto decl = std::find_if(s.components.begin(), s.components.end(),
                                   [&](const scenario::ComponentDecl& c) { return c.name == f->paced_by; });
    const model::Lever* lever = decl == s.components.end() || !decl->model ? nullptr : pace_lever(*decl->model);
    if (!lever) {
      fix.why_not = f->paced_service + " '" + f->paced_by + "' paces the catch-up and has no lever that scales its " +
                    f->paced_resource;
      break;
    }
    double& factor = factors.try_emplace(f->paced_by, 1.0).first->second;
    factor *= step_factor(*f, recovery_of(*f, last.duration_s), q->target, capacity_of(design, f->paced_by));
    std::vector<run::ParamMove> next;
    for (const auto& [name, room] : factors) {
      const std::string& component = name;  // a structured binding is not captured by clang 14's lambdas
      const auto& c = *std::find_if(s.components.begin(), s.components.end(),
                                    [&](const scenario::ComponentDecl& d) { return d.name == component; });
      const model::Lever* l = pace_lever(*c.model);
      PeakLoad load;
      peak_load(s, name, load);
      const auto changes = l->move(c.params, scenario::builtin_catalog(), load.in, room);
      for (auto& m : moves_of(name, *c.model, changes)) next.push_back(std::move(m));
    }
    if (next.empty() || same_moves(next, moves)) {
      fix.why_not = std::string(lever->words) + " of " + f->paced_service + " '" + f->paced_by + "' reach " +
                    (lever->bound.empty() ? "their bound" : lever->bound);
      break;
    }
    moves = std::move(next);
    design = with_moves(s, moves);
    try {
      last = run::simulate(design);
    } catch (const std::exception& e) {
      fix.why_not = std::string("the design with ") + lever->words + " did not run: " + e.what();
      break;
    }
    fill_recovery(design, last);
    ++fix.simulations;
    fix.moves = moves;
    fix.monthly_usd_delta = last.cost_monthly_usd - drill.cost_monthly_usd;
    const run::FaultResult* now = slowest(last);
    fix.recovery_s = now ? recovery_of(*now, last.duration_s) : 0;
    fix.paced_by = now ? now->paced_by : "";
    fix.paced_service = now ? now->paced_service : "";
    const auto met = std::find_if(last.requirements.begin(), last.requirements.end(),
                                  [](const run::RequirementResult& r) { return r.name == "recover_within"; });
    if (met != last.requirements.end() && met->pass) {
      fix.found = true;
      break;
    }
  }
  if (!fix.found && fix.why_not.empty()) fix.why_not = "the search's trials ran out";
  return fix;
}

}  // namespace archsim::analysis

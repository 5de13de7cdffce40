// Judges a run's requirements: latency and freshness on the paths of each
// target's scope (a path with no record after the warm-up cannot be judged),
// completes_by on the runs of its job, and the rest on the design's totals.
#include "archsim/run/requirements.hpp"

#include <algorithm>
#include <limits>

namespace archsim::run {

// latency_p50/p90/p99 read their percentile, freshness the oldest record delivered.
const PathStatistic* path_statistic(const std::string& requirement) {
  static const PathStatistic statistics[] = {{"latency_p50", &LatencySummary::p50, 0.50},
                                             {"latency_p90", &LatencySummary::p90, 0.90},
                                             {"latency_p99", &LatencySummary::p99, 0.99},
                                             {"freshness", &LatencySummary::max, 1.0}};
  for (const auto& s : statistics)
    if (s.requirement == requirement) return &s;
  return nullptr;
}

namespace {

// Every SOURCE -> SINK path the flows make, in source then sink order.
std::vector<std::string> all_paths(const scenario::Topology& topo) {
  std::vector<std::string> out;
  for (std::size_t source = 0; source < topo.source_count(); ++source)
    for (const std::size_t sink : topo.sinks_reached_from(source))
      out.push_back(scenario::path_name(topo.name(source), topo.name(sink)));
  return out;
}

// The worst value over the paths in scope (of the summary `part` names:
// the whole run after warmup, or a drill's time during or outside its
// faults), and those that delivered nothing then.
void judge_paths(const scenario::Requirement& req, const std::vector<std::string>& scope, const RunResult& r,
                 RequirementResult& q, LatencySummary PathResult::*part = &PathResult::latency) {
  const auto field = path_statistic(req.name)->statistic;
  for (const std::string& path : scope) {
    bool measured = false;
    for (const auto& p : r.paths) {
      if (scenario::path_name(p.from, p.to) != path) continue;
      q.actual = std::max(q.actual, (p.*part).*field);
      measured = (p.*part).count > 0;
    }
    if (!measured) q.unmeasured.push_back(path);
  }
}

// A drill's path and throughput targets judged on one part of the run: a
// part with no time in it, or a path in scope that delivered nothing then,
// is not judged.
RequirementResult::Part judge_part(const scenario::Requirement& req, const std::vector<std::string>& scope,
                                   const RunResult& r, bool during) {
  RequirementResult::Part part;
  if ((during ? r.during_faults_s : r.outside_faults_s) <= 0) return part;
  if (path_statistic(req.name)) {
    RequirementResult q;
    judge_paths(req, scope, r, q, during ? &PathResult::during_faults : &PathResult::outside_faults);
    if (!q.unmeasured.empty()) return part;
    part.actual = q.actual;
  } else if (req.name == "throughput") {
    part.actual = during ? r.throughput_during_faults_per_s : r.throughput_outside_faults_per_s;
  } else {
    return part;
  }
  part.judged = true;
  part.pass = req.at_most ? part.actual <= req.target : part.actual >= req.target;
  return part;
}

double design_total(const std::string& name, const RunResult& r) {
  if (name == "throughput") return r.throughput_per_s;
  if (name == "monthly_cost_usd") return r.cost_monthly_usd;
  if (name == "max_dropped") return static_cast<double>(r.accounting.dropped);
  // The slowest recovery of the drill's faults; one that never recovered
  // took at least the rest of the run.
  if (name == "recover_within") {
    double worst = 0;
    for (const auto& f : r.faults) worst = std::max(worst, f.recovered ? f.recovery_s() : r.duration_s - f.end_s);
    return worst;
  }
  return 0;
}

}  // namespace

SimTime deadline_after(SimTime triggered, SimTime time_of_day) {
  return model::Schedule{engine::kDay, time_of_day}.next_after(triggered);
}

DeadlineVerdict judge_deadline(const std::vector<model::Component::RunTimes>& runs, SimTime time_of_day,
                               SimTime end) {
  DeadlineVerdict v;
  SimTime worst = std::numeric_limits<SimTime>::min();
  for (const auto& run : runs) {
    const SimTime deadline = deadline_after(run.triggered, time_of_day);
    if (!run.ended && end <= deadline) continue;
    // A run that gave up never completes: late, whenever it stopped trying.
    const SimTime lateness = run.gave_up ? std::numeric_limits<SimTime>::max() / 2 : run.ended.value_or(end) - deadline;
    ++v.judged;
    if (lateness > 0) ++v.late;
    if (lateness <= worst) continue;
    worst = lateness;
    v.worst = {.triggered_s = engine::to_seconds(run.triggered), .started_s = engine::to_seconds(run.started),
               .end_s = engine::to_seconds(run.ended.value_or(end)), .finished = run.ended.has_value() && !run.gave_up,
               .deadline_s = engine::to_seconds(deadline), .records = run.records, .bytes = run.bytes,
               .bytes_besides = run.bytes_besides, .startup_s = engine::to_seconds(run.startup),
               .processing_s = engine::to_seconds(run.processing), .attempts = run.attempts,
               .gave_up = run.gave_up};
  }
  if (v.judged > 0)
    v.worst_finish_s = v.worst.gave_up ? v.worst.end_s - v.worst.deadline_s + engine::to_seconds(time_of_day)
                                       : engine::to_seconds(time_of_day + worst);
  return v;
}

std::vector<RequirementResult> judge_requirements(const scenario::Scenario& s, const scenario::Topology& topo,
                                                  const RunResult& r, const JobRuns& runs) {
  const std::vector<std::string> every_path = all_paths(topo);
  std::vector<RequirementResult> out;
  for (const auto& req : s.requirements) {
    RequirementResult q{.name = req.name, .target_text = req.target_text, .target = req.target,
                        .at_most = req.at_most, .scope = req.scope, .paths = req.paths};
    const std::vector<std::string>& scope = req.scope.empty() ? every_path : req.paths;
    if (!r.faults.empty()) {
      q.during_faults = judge_part(req, scope, r, true);
      q.outside_faults = judge_part(req, scope, r, false);
    }
    if (path_statistic(req.name)) {
      judge_paths(req, scope, r, q);
    } else if (req.name == "completes_by") {
      const auto it = runs.find(req.scope);
      const DeadlineVerdict v =
          judge_deadline(it == runs.end() ? std::vector<model::Component::RunTimes>{} : it->second,
                         engine::round_half_away(req.target * 1e9), s.duration);
      q.actual = v.judged > 0 ? v.worst_finish_s : 0;
      q.runs_judged = v.judged;
      q.runs_late = v.late;
      q.worst_run = v.worst;
      if (v.judged == 0) q.unmeasured.push_back(req.scope);
    } else {
      q.actual = design_total(req.name, r);
    }
    q.pass = q.unmeasured.empty() && (q.at_most ? q.actual <= q.target : q.actual >= q.target);
    if (req.name == "recover_within")
      for (const auto& f : r.faults) q.pass = q.pass && f.recovered;
    if (q.worst_run.gave_up) q.pass = false;  // a run that dropped its input never met its deadline
    out.push_back(std::move(q));
  }
  return out;
}

}  // namespace archsim::run

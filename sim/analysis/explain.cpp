#include "archsim/analysis/explain.hpp"

#include "archsim/analysis/bottlenecks.hpp"
#include "archsim/analysis/partial_cycles.hpp"
#include "archsim/analysis/query_engines.hpp"
#include "archsim/analysis/stream_choice.hpp"
#include "archsim/analysis/tradeoffs.hpp"
#include "archsim/run/parallel.hpp"
#include "archsim/run/simulation.hpp"
#include "drill_recovery.hpp"
#include "recovery_fix.hpp"
#include "where_time_goes.hpp"

namespace archsim::analysis {

namespace {

// A drill: the run with its faults is the one reported. What binds, its
// fixes, the headroom and the query engines' comparison are those of the
// design in normal operation, found on the same design without the faults:
// a backlog a fault leaves is the fault's, not a limit's, and catching up at
// full capacity is recovery, not a bottleneck. The requirements are judged
// both ways; one that fails only with the faults says so.
run::RunResult run_drill(const scenario::Scenario& scenario, unsigned jobs) {
  scenario::Scenario normal_design = scenario;
  normal_design.faults.clear();
  run::RunResult drill, normal;
  run::parallel_for(2, jobs, [&](std::size_t task) {
    if (task == 0) normal = run_and_explain(normal_design, jobs);
    else drill = run::simulate(scenario);
  });
  drill.bottlenecks = std::move(normal.bottlenecks);
  drill.headroom = std::move(normal.headroom);
  drill.query_engines = std::move(normal.query_engines);
  drill.stream_choices = std::move(normal.stream_choices);
  drill.tradeoffs = std::move(normal.tradeoffs);
  for (std::size_t i = 0; i < drill.requirements.size() && i < normal.requirements.size(); ++i) {
    run::RequirementResult& with = drill.requirements[i];
    const run::RequirementResult& without = normal.requirements[i];
    if (with.name == "recover_within") continue;  // a drill's own target: nothing to compare it with
    with.cause = without.pass ? "" : without.cause;
    with.fails_only_with_faults = !with.pass && without.pass;
  }
  for (run::RequirementResult& q : normal.requirements)
    if (q.name != "recover_within") drill.requirements_without_faults.push_back(std::move(q));
  fill_time_by_path(drill);
  drill.partial_cycles = partial_cycles(scenario);
  fill_recovery(scenario, drill);
  drill.recovery_fix = search_recovery_fix(scenario, drill);
  return drill;
}

}  // namespace

run::RunResult run_and_explain(const scenario::Scenario& scenario, unsigned jobs) {
  if (!scenario.faults.empty()) return run_drill(scenario, jobs);
  run::RunResult result = run::simulate(scenario);
  // Both may simulate the design again, and each writes its own part of the
  // result (the query engines' comparison; the bottlenecks, causes and
  // headroom) from figures neither changes: side by side.
  run::parallel_for(2, jobs, [&](std::size_t task) {
    if (task == 0) find_bottlenecks(scenario, result, true, jobs);
    else compare_query_engines(scenario, result);
  });
  find_tradeoffs(scenario, result);
  compare_streams(scenario, result);
  result.partial_cycles = partial_cycles(scenario);
  return result;
}

}  // namespace archsim::analysis

#include "archsim/analysis/explain.hpp"

#include "archsim/analysis/bottlenecks.hpp"
#include "archsim/analysis/query_engines.hpp"
#include "archsim/analysis/tradeoffs.hpp"
#include "archsim/run/parallel.hpp"
#include "archsim/run/simulation.hpp"

namespace archsim::analysis {

run::RunResult run_and_explain(const scenario::Scenario& scenario, unsigned jobs) {
  run::RunResult result = run::simulate(scenario);
  // Both may simulate the design again, and each writes its own part of the
  // result (the query engines' comparison; the bottlenecks, causes and
  // headroom) from figures neither changes: side by side.
  run::parallel_for(2, jobs, [&](std::size_t task) {
    if (task == 0) find_bottlenecks(scenario, result, true, jobs);
    else compare_query_engines(scenario, result);
  });
  find_tradeoffs(scenario, result);
  return result;
}

}  // namespace archsim::analysis

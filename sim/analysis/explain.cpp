#include "archsim/analysis/explain.hpp"

#include "archsim/analysis/bottlenecks.hpp"
#include "archsim/analysis/query_engines.hpp"
#include "archsim/analysis/tradeoffs.hpp"
#include "archsim/run/simulation.hpp"

namespace archsim::analysis {

run::RunResult run_and_explain(const scenario::Scenario& scenario) {
  run::RunResult result = run::simulate(scenario);
  compare_query_engines(scenario, result);
  find_bottlenecks(scenario, result);
  find_tradeoffs(scenario, result);
  return result;
}

}  // namespace archsim::analysis

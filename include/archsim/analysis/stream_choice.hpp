// Kinesis or Kafka, or any two streams fed the same records: the components
// whose models declare readers that read at their own pace (ModelSpec::
// reader_lag), reached by a common source. For each, the run's bill and
// freshness; what it needs to hold today's peak, sized by its own
// provisioned lever; and, by explain's figures over a range of loads, which
// of their capacity modes (as designed, and switched by each one's
// capacity-mode levers, provisioned ones sized for each load) costs least.
#pragma once
#include "archsim/run/result.hpp"
#include "archsim/scenario/scenario.hpp"

namespace archsim::analysis {

// Fills result.stream_choices for every such pair in one design.
void compare_streams(const scenario::Scenario& scenario, run::RunResult& result);
// The same across two designs (compare): a stream of one beside a stream of
// another service in the other, reached by a source of the same name.
std::vector<run::StreamChoice> compare_streams(const scenario::Scenario& a, const run::RunResult& ra,
                                               const scenario::Scenario& b, const run::RunResult& rb);

}  // namespace archsim::analysis

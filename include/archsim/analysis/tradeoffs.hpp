// The levers a designer has for the services present, and what each does on
// this workload: provisioned against on-demand capacity, a Firehose buffer's
// size against freshness, Parquet against JSON for the bytes a query scans,
// more workers for a batch job. Each is the scenario with one thing changed,
// costed and timed by the first-order figures of archsim explain, so the
// whole list takes milliseconds; the sentences carry this scenario's numbers.
#pragma once
#include "archsim/run/result.hpp"
#include "archsim/scenario/scenario.hpp"

namespace archsim::analysis {

void find_tradeoffs(const scenario::Scenario& scenario, run::RunResult& result);

}  // namespace archsim::analysis

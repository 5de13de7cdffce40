// What breaks first, from the simulation: every component whose resource
// binds (records dropped, requests throttled, capacity run to the top,
// backlog growing, or most of the end-to-end latency spent in it), ranked,
// with when it happens and the arithmetic behind it. The binding one gets a
// concrete lever (more shards, capacity units, KPUs, slots, nodes, workers),
// which is simulated again so that the suggestion says what it buys and what
// it costs. A failed requirement names the bottleneck as its cause.
#pragma once
#include "archsim/run/result.hpp"
#include "archsim/scenario/scenario.hpp"

namespace archsim::analysis {

// Fills result.bottlenecks and the causes of failed requirements. With
// `check_fix`, the binding bottleneck's lever is simulated again when it
// drops or throttles records, runs at its limit, or a requirement fails;
// those runs go on up to `jobs` threads (run::parallel_for; 0: one per core).
void find_bottlenecks(const scenario::Scenario& scenario, run::RunResult& result, bool check_fix = true,
                      unsigned jobs = 0);

}  // namespace archsim::analysis

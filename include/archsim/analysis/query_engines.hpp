// The Redshift-vs-Athena answer. When the same queries reach an Athena
// workgroup and a Redshift warehouse (copies of one query source), their
// monthly costs are split into what does not move with the load (Redshift's
// nodes, a reservation), what grows with the data held (managed storage) and
// what grows with the queries (Athena's per-TB scans, concurrency scaling,
// Serverless RPU-seconds). Each part is linear in the queries a day or in the
// data size to first order, so their costs cross at one rate and at one data
// size; the scenario is then simulated again at the crossing rate, which
// checks the linear estimate and gives each engine's latency there.
#pragma once
#include "archsim/run/result.hpp"
#include "archsim/scenario/scenario.hpp"

namespace archsim::analysis {

// Fills result.query_engines for every Athena and Redshift pair answering a
// common query source. `rerun` may be false to skip the second simulation.
void compare_query_engines(const scenario::Scenario& scenario, run::RunResult& result, bool rerun = true);

// The linear break-even of two monthly bills, each fixed + per_unit x units:
// the units at which they are equal, or 0 when they do not cross at a positive
// number of units.
double crossing(double fixed_a, double per_unit_a, double fixed_b, double per_unit_b);

}  // namespace archsim::analysis

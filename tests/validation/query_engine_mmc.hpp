// A query engine whose queries wait for c slots, checked against Erlang C.
// With exponential table sizes, no start-up and a fixed scan rate, a query's
// run time is exponential, so the engine fed by a Poisson source of queries
// is an M/M/c queue: the mean wait, the mean time to answer and the mean
// number waiting must match the closed forms. Each engine's test states how
// its keys give c slots and a mean of 1/256 s a query (mu = 256).
#pragma once
#include <sstream>
#include <string>

#include "validation/queueing_formulas.hpp"
#include "validation/replications.hpp"

namespace archsim::validation {

struct QueryEngineCase {
  std::string tag;        // for the messages: "athena M/M/4"
  std::string component;  // the engine's YAML mapping, with its c slots
  std::string scan;       // the source's scan: mapping, an exponential table size
  int c = 4;
};

inline void check_query_engine_mmc(const QueryEngineCase& k, std::uint64_t first_seed, double rho,
                                   const std::string& duration, double wq_bound, double w_bound) {
  const double mu = 256, lambda = rho * k.c * mu;
  const auto scenario = [&](std::uint64_t rep) {
    std::ostringstream y;
    y.precision(17);
    y << "name: erlang c\nseed: " << first_seed + rep << "\nduration: " << duration << "\nwarmup: 1m\n"
      << "workload:\n  analysts:\n    kind: queries\n    rate: " << lambda << "/s\n    scan: " << k.scan << "\n"
      << "components:\n  engine: " << k.component << "\nflows: [analysts -> engine]\n";
    return y.str();
  };
  const Metric wait = [](const run::RunResult&, const run::ComponentResult& a) { return a.wait_mean_s; };
  const Metric answer = [](const run::RunResult&, const run::ComponentResult& a) { return a.latency.mean; };
  const Metric waiting = [](const run::RunResult&, const run::ComponentResult& a) { return a.backlog_mean; };
  const auto e = replicate(scenario, "engine", {wait, answer, waiting});
  const std::string tag = k.tag + " rho=" + std::to_string(rho);
  check_against(tag + " Wq", e[0], mmc_wq(k.c, lambda, mu), wq_bound);
  check_against(tag + " W", e[1], mmc_w(k.c, lambda, mu), w_bound);
  check_against(tag + " Lq", e[2], mmc_lq(k.c, lambda, mu), wq_bound);
}

}  // namespace archsim::validation

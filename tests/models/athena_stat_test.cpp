// Queries queueing for Athena's active-query limit against Erlang C. With
// exponential table sizes, no start-up and a fixed scan rate, a query's run
// time is exponential, so a workgroup limited to c active queries fed by a
// Poisson source is an M/M/c queue: the mean wait, the mean time to answer and
// the mean number waiting must match the closed forms. Same scheme and bounds
// as the M/M/4 cases of tests/validation/queueing_stat_test.cpp.
#include <doctest/doctest.h>

#include <sstream>
#include <string>

#include "validation/queueing_formulas.hpp"
#include "validation/replications.hpp"

using namespace archsim;
using namespace archsim::validation;

namespace {

// c = 4 active queries; tables of 4 MiB on average scanned at 1 GiB/s: 1/256 s a query.
void athena_mmc_case(std::uint64_t first_seed, double rho, const std::string& duration, double wq_bound,
                     double w_bound) {
  const int c = 4;
  const double mu = 256, lambda = rho * c * mu;
  const auto scenario = [&](std::uint64_t rep) {
    std::ostringstream y;
    y.precision(17);
    y << "name: athena erlang c\nseed: " << first_seed + rep << "\nduration: " << duration << "\nwarmup: 1m\n"
      << "workload:\n  analysts:\n    kind: queries\n    rate: " << lambda << "/s\n"
      << "    scan: { data: { dist: exponential, mean: 4MiB }, compression: none }\n"
      << "components:\n  adhoc: { service: athena, concurrency_limit: " << c
      << ", startup: 0s, scan_rate: 1GiB/s }\nflows: [analysts -> adhoc]\n";
    return y.str();
  };
  const Metric wait = [](const run::RunResult&, const run::ComponentResult& a) { return a.wait_mean_s; };
  const Metric answer = [](const run::RunResult&, const run::ComponentResult& a) { return a.latency.mean; };
  const Metric waiting = [](const run::RunResult&, const run::ComponentResult& a) { return a.backlog_mean; };
  const auto e = replicate(scenario, "adhoc", {wait, answer, waiting});
  const std::string tag = "athena M/M/4 rho=" + std::to_string(rho);
  check_against(tag + " Wq", e[0], mmc_wq(c, lambda, mu), wq_bound);
  check_against(tag + " W", e[1], mmc_w(c, lambda, mu), w_bound);
  check_against(tag + " Lq", e[2], mmc_lq(c, lambda, mu), wq_bound);
}

}  // namespace

TEST_CASE("athena: queries waiting for the active-query limit match Erlang C at rho = 0.8") {
  athena_mmc_case(5100, 0.8, "41m", 0.015, 0.01);
}

TEST_CASE("athena: queries waiting for the active-query limit match Erlang C at rho = 0.95") {
  athena_mmc_case(5200, 0.95, "81m", 0.03, 0.03);
}

// The simulator against queueing theory. Each case writes a scenario as YAML
// text (a Poisson source feeding one `server`), simulates it R times with
// different seeds (independent replications), and compares the mean of the
// replications with a closed form from queueing_formulas.hpp.
//
// How the tolerances are set. Every comparison asserts two things:
//   1. statistical agreement: |mean - theory| <= 4 standard errors, the
//      standard error estimated from the spread of the R replications
//      (s / sqrt(R), R = 10; a t distribution with 9 degrees of freedom puts
//      about 0.3% of its mass beyond 4);
//   2. accuracy: |mean - theory| / theory <= a stated bound, so that a noisy
//      run cannot pass by having a wide standard error.
// Run lengths are chosen so that 4 standard errors fall inside the bound. For
// M/M/1 the guide is the asymptotic variance of the mean wait over n
// customers, n Var -> rho (2 + 5 rho - 4 rho^2 + rho^3) / (1 - rho)^4 in units
// of the mean service time (Daley 1968); it predicts relative standard errors
// of about 0.18% at rho = 0.5 (30 simulated minutes per replication), 0.25% at
// 0.8 (40 min) and 0.6% at 0.95 (80 min), and the spreads observed across
// replications agree with it to within the noise of a 10-sample estimate.
// The bounds are 1%, 1.5% and 3%. Other stations are less variable than M/M/1
// at the same load and use the same scheme; each bound is stated with its case.
//
// Warm-up: an M/M/1 queue forgets its empty start within a few relaxation
// times, 1 / (mu (1 - sqrt rho)^2) = 1.6 s at rho = 0.95 with a 1 ms mean
// service; every case discards a whole minute.
//
// Each case has its own seeds, so that no two cases share an arrival stream
// and their errors are independent.
#include <doctest/doctest.h>

#include <cmath>
#include <cstdint>
#include <functional>
#include <sstream>
#include <string>
#include <vector>

#include "archsim/run/simulation.hpp"
#include "archsim/scenario/loader.hpp"
#include "support/simulate.hpp"
#include "validation/queueing_formulas.hpp"
#include "validation/replications.hpp"

using namespace archsim;
using namespace archsim::validation;

namespace {
// A purely relative comparison (doctest's Approx adds 1 to the scale of its epsilon by default).
doctest::Approx rel(double value, double epsilon = 1e-12) { return doctest::Approx(value).epsilon(epsilon).scale(0); }
}  // namespace

namespace {

struct Station {
  std::uint64_t first_seed = 1;    // replications use first_seed, first_seed + 1, ...
  double rate_per_s = 0;           // Poisson arrival rate
  int servers = 1;
  std::string service_time;        // YAML, e.g. "{ dist: exponential, mean: 1ms }"
  std::string queue_capacity;      // empty: unlimited
  std::string duration = "10m";
  std::string warmup = "1m";
};

std::string scenario_text(const Station& st, std::uint64_t seed) {
  std::ostringstream y;
  y.precision(17);
  y << "name: queueing validation\n"
    << "seed: " << seed << "\n"
    << "duration: " << st.duration << "\n"
    << "warmup: " << st.warmup << "\n"
    << "workload:\n"
    << "  arrivals_in:\n"
    << "    rate: " << st.rate_per_s << "/s\n"
    << "    arrivals: poisson\n"
    << "components:\n"
    << "  station:\n"
    << "    service: server\n"
    << "    servers: " << st.servers << "\n"
    << "    service_time: " << st.service_time << "\n";
  if (!st.queue_capacity.empty()) y << "    queue_capacity: " << st.queue_capacity << "\n";
  y << "flows:\n"
    << "  - arrivals_in -> station\n";
  return y.str();
}

using testing::component;

std::vector<Estimate> replicate(const Station& st, const std::vector<Metric>& metrics) {
  return validation::replicate([&](std::uint64_t rep) { return scenario_text(st, st.first_seed + rep); }, "station",
                               metrics);
}

std::string label(const std::string& model, const std::string& param, double value) {
  std::ostringstream s;
  s << model << " " << param << "=" << value;
  return s.str();
}

const Metric kWait = [](const run::RunResult&, const run::ComponentResult& c) { return c.wait_mean_s; };
const Metric kSojourn = [](const run::RunResult&, const run::ComponentResult& c) { return c.latency.mean; };
const Metric kSojournP50 = [](const run::RunResult&, const run::ComponentResult& c) { return c.latency.p50; };
const Metric kSojournP99 = [](const run::RunResult&, const run::ComponentResult& c) { return c.latency.p99; };
const Metric kQueueLength = [](const run::RunResult&, const run::ComponentResult& c) { return c.backlog_mean; };
const Metric kUtilization = [](const run::RunResult&, const run::ComponentResult& c) { return c.utilization_mean; };
const Metric kLossFraction = [](const run::RunResult&, const run::ComponentResult& c) {
  return static_cast<double>(c.dropped) / static_cast<double>(c.records_in);
};
// The station is the sink, so the one path's end-to-end latency is the sojourn there.
const Metric kPathLatency = [](const run::RunResult& r, const run::ComponentResult&) {
  REQUIRE(r.paths.size() == 1);
  return r.paths[0].latency.mean;
};

// The busy fraction of the servers: its replication spread is a tenth of the queue's or less,
// so a 0.5% bound is still over 4 standard errors in every case below.
constexpr double kUtilizationBound = 0.005;

// M/M/1 with a 1 ms mean service: Wq, W, Lq and utilization; and the sojourn time's
// distribution, exponential with rate mu - lambda, through its median and 99th percentile
// (the latency histogram resolves quantiles to 0.4%, inside every bound). The 99th
// percentile of a queue in heavy traffic is noisier than its mean (1.3% standard error at
// rho = 0.95 against 0.65%), so it has a bound of its own.
void mm1_case(std::uint64_t first_seed, double rho, const std::string& duration, double bound, double p99_bound) {
  const double mu = 1000, lambda = rho * mu;
  const Station st{.first_seed = first_seed, .rate_per_s = lambda, .servers = 1,
                   .service_time = "{ dist: exponential, mean: 1ms }", .duration = duration, .warmup = "1m"};
  const auto e = replicate(st, {kWait, kSojourn, kQueueLength, kUtilization, kSojournP50, kSojournP99, kPathLatency});
  const std::string tag = label("M/M/1", "rho", rho);
  check_against(tag + " Wq", e[0], mm1_wq(lambda, mu), bound);
  check_against(tag + " W", e[1], mm1_w(lambda, mu), bound);
  check_against(tag + " Lq", e[2], mm1_lq(lambda, mu), bound);
  check_against(tag + " utilization", e[3], rho, kUtilizationBound);
  check_against(tag + " sojourn p50", e[4], std::log(2.0) / (mu - lambda), bound);
  check_against(tag + " sojourn p99", e[5], std::log(100.0) / (mu - lambda), p99_bound);
  check_against(tag + " path latency", e[6], mm1_w(lambda, mu), bound);
}

}  // namespace

// p99 standard errors: about 0.13%, 0.3% and 1.3%; p99 bounds 1%, 1.5% and 6%.
TEST_CASE("M/M/1 at rho = 0.5: Wq, W, Lq against the closed forms") { mm1_case(1100, 0.5, "31m", 0.01, 0.01); }
TEST_CASE("M/M/1 at rho = 0.8: Wq, W, Lq against the closed forms") { mm1_case(1200, 0.8, "41m", 0.015, 0.015); }
TEST_CASE("M/M/1 at rho = 0.95: Wq, W, Lq against the closed forms") { mm1_case(1300, 0.95, "81m", 0.03, 0.06); }

namespace {
// M/M/4 with a 4 ms mean service (total capacity 1000/s): Wq and W against Erlang C.
void mmc_case(std::uint64_t first_seed, double rho, const std::string& duration, double wq_bound,
              double w_bound) {
  const int c = 4;
  const double mu = 250, lambda = rho * c * mu;
  const Station st{.first_seed = first_seed, .rate_per_s = lambda, .servers = c,
                   .service_time = "{ dist: exponential, mean: 4ms }", .duration = duration, .warmup = "1m"};
  const auto e = replicate(st, {kWait, kSojourn, kQueueLength, kUtilization});
  const std::string tag = label("M/M/4", "rho", rho);
  check_against(tag + " Wq", e[0], mmc_wq(c, lambda, mu), wq_bound);
  check_against(tag + " W", e[1], mmc_w(c, lambda, mu), w_bound);
  check_against(tag + " Lq", e[2], mmc_lq(c, lambda, mu), wq_bound);
  check_against(tag + " utilization", e[3], rho, kUtilizationBound);
}
}  // namespace

// At light load few arrivals wait (C(4, 2) = 4/23), so Wq is a small, noisy number
// (0.35% standard error over 30 minutes) while W is dominated by the 4 ms service (0.05%).
TEST_CASE("M/M/4 at rho = 0.5: Erlang C waiting and sojourn times") { mmc_case(2100, 0.5, "31m", 0.015, 0.005); }
// Standard errors about 0.3% (Wq) and 0.15% (W) over 40 minutes.
TEST_CASE("M/M/4 at rho = 0.8: Erlang C waiting and sojourn times") { mmc_case(2200, 0.8, "41m", 0.015, 0.01); }
// Standard errors about 0.65% over 80 minutes, as for M/M/1 at the same load.
TEST_CASE("M/M/4 at rho = 0.95: Erlang C waiting and sojourn times") { mmc_case(2300, 0.95, "81m", 0.03, 0.03); }

namespace {
// M/G/10/10 (queue_capacity: 0) with a 10 ms mean service: the fraction of
// arrivals lost is Erlang B. The loss counters cover the whole run, warm-up
// included; a loss system forgets its empty start within a few service times
// (tens of milliseconds), so the bias is below 1e-5 of the fraction.
void erlang_b_case(std::uint64_t first_seed, double offered, const std::string& service,
                   const std::string& duration, double bound) {
  const int c = 10;
  const double mean_service = 0.010, lambda = offered / mean_service;
  const Station st{.first_seed = first_seed, .rate_per_s = lambda, .servers = c, .service_time = service,
                   .queue_capacity = "0", .duration = duration, .warmup = "1m"};
  const auto e = replicate(st, {kLossFraction, kUtilization, kWait, kSojourn});
  const double b = erlang_b(c, offered);
  const std::string tag = label("M/G/10/10", "a", offered) + " " + service;
  check_against(tag + " loss", e[0], b, bound);
  // Carried load a (1 - B) spread over c servers.
  check_against(tag + " utilization", e[1], offered * (1 - b) / c, kUtilizationBound);
  // Nobody waits in a loss system, and a record's stay is its service time.
  int waited = 0;
  for (double w : e[2].values) waited += w != 0.0;
  CHECK(waited == 0);
  check_against(tag + " W", e[3], mean_service, bound);
}
}  // namespace

// The loss fraction's standard error is the binomial one inflated by the correlation of
// consecutive losses: about 0.4% of B at a = 5 (B = 0.018) over 30 minutes, 0.12-0.22% at
// a = 8 and 0.04% at a = 12 over 15 minutes. Bounds: 2%, 1%, 0.5%.
TEST_CASE("Erlang B: loss probability of M/M/10/10 at a = 5") {
  erlang_b_case(3100, 5, "{ dist: exponential, mean: 10ms }", "31m", 0.02);
}
TEST_CASE("Erlang B: loss probability of M/M/10/10 at a = 8") {
  erlang_b_case(3200, 8, "{ dist: exponential, mean: 10ms }", "16m", 0.01);
}
TEST_CASE("Erlang B: loss probability of M/M/10/10 at a = 12") {
  erlang_b_case(3300, 12, "{ dist: exponential, mean: 10ms }", "16m", 0.005);
}
// Erlang B is insensitive to the service distribution: a lognormal with the same mean loses as much.
TEST_CASE("Erlang B: insensitivity, M/G/10/10 with lognormal service at a = 8") {
  erlang_b_case(3400, 8, "{ dist: lognormal, mean: 10ms, p99: 50ms }", "16m", 0.01);
}

namespace {
void mg1_case(std::uint64_t first_seed, const std::string& tag, double rho, double mean_service, double scv,
              const std::string& service, const std::string& duration, double bound) {
  const double lambda = rho / mean_service;
  const Station st{.first_seed = first_seed, .rate_per_s = lambda, .servers = 1, .service_time = service,
                   .duration = duration, .warmup = "1m"};
  const auto e = replicate(st, {kWait, kSojourn, kUtilization});
  check_against(tag + " Wq", e[0], mg1_wq(lambda, mean_service, scv), bound);
  check_against(tag + " W", e[1], mg1_w(lambda, mean_service, scv), bound);
  check_against(tag + " utilization", e[2], rho, kUtilizationBound);
}
}  // namespace

// M/D/1 waits vary less than M/M/1 waits at the same load: standard errors about 0.12% at
// rho = 0.5 and 0.24% at 0.8. Bound 1%.
TEST_CASE("M/D/1 at rho = 0.5: Pollaczek-Khinchine") {
  mg1_case(4100, "M/D/1 rho=0.5", 0.5, 0.001, 0, "{ dist: constant, value: 1ms }", "31m", 0.01);
}
TEST_CASE("M/D/1 at rho = 0.8: Pollaczek-Khinchine") {
  mg1_case(4200, "M/D/1 rho=0.8", 0.8, 0.001, 0, "{ dist: constant, value: 1ms }", "41m", 0.01);
}
// Uniform on [0, 2 ms]: scv = 1/3; standard error about 0.2%. Bound 1%.
TEST_CASE("M/G/1 with uniform service at rho = 0.8: general Pollaczek-Khinchine") {
  mg1_case(4300, "M/U/1 rho=0.8", 0.8, 0.001, uniform_scv(0, 0.002), "{ dist: uniform, min: 0ms, max: 2ms }", "41m",
           0.01);
}
// Lognormal with mean 1 ms and p99 6 ms: scv = 1.58, more variable than exponential; P-K
// predicts a wait 29% above M/M/1's. Standard error about 0.2%. Bound 1%.
TEST_CASE("M/G/1 with lognormal service at rho = 0.7: general Pollaczek-Khinchine") {
  const double scv = lognormal_scv_from_mean_p99(0.001, 0.006);
  CHECK(scv == rel(1.58, 0.01));
  mg1_case(4400, "M/LN/1 rho=0.7", 0.7, 0.001, scv, "{ dist: lognormal, mean: 1ms, p99: 6ms }", "41m", 0.01);
}

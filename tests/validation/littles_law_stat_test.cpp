// Little's law, L = lambda W, on every component of a network with queues,
// delays, a fan-out copy branch and sinks. The law is a sample-path identity:
// over a window that starts and ends empty it holds exactly for the measured
// averages. Here the window [warmup, end) starts and ends with a few records
// inside each component, and the two sides differ only by those records'
// time in the component outside the window: at most (N(warmup) + N(end)) x the
// longest stay, divided by the window. With at most some tens of records
// present, stays under a second and a window of 55 minutes this is below 1e-4
// of L; the test allows 0.2%.
#include <doctest/doctest.h>

#include <cmath>
#include <cstdint>
#include <string>

#include "archsim/run/simulation.hpp"
#include "archsim/scenario/loader.hpp"

using namespace archsim;

namespace {
// A purely relative comparison (doctest's Approx adds 1 to the scale of its epsilon by default).
doctest::Approx rel(double value, double epsilon = 1e-12) { return doctest::Approx(value).epsilon(epsilon).scale(0); }
}  // namespace

namespace {

constexpr double kTolerance = 0.002;  // relative, see above

const char* const kScenario = R"(name: Little's law on every component
seed: 7
duration: 1h
warmup: 5m
workload:
  requests:
    rate: 200/s
    arrivals: poisson
  batch_jobs:
    rate: 20/s
    arrivals: deterministic
components:
  front:                      # M/M/2 at rho = 0.8
    service: server
    servers: 2
    service_time: { dist: exponential, mean: 8ms }
  hop:                        # M/G/inf
    service: delay
    latency: { dist: uniform, min: 5ms, max: 15ms }
  back:                       # M/G/1 at rho = 200 x 3 ms = 0.6
    service: server
    servers: 1
    service_time: { dist: lognormal, mean: 3ms, p99: 10ms }
  store:
    service: sink
  archive_hop:                # the copy branch
    service: delay
    latency: { dist: exponential, mean: 50ms }
  limited:                    # a finite queue fed by two streams, offered rho = 220 x 4 ms = 0.88
    service: server
    servers: 1
    service_time: 4ms
    queue_capacity: 5
  archive:
    service: sink
flows:
  - requests -> front -> hop -> back -> store
  - front -> archive_hop -> limited -> archive
  - batch_jobs -> limited
)";

}  // namespace

TEST_CASE("Little's law L = lambda W holds on every component") {
  auto loaded = scenario::load_scenario_text(kScenario, "littles_law.yaml");
  REQUIRE(loaded.ok());
  const run::RunResult r = run::simulate(*loaded.scenario);
  REQUIRE(r.components.size() == 7);
  for (const auto& c : r.components) {
    // L: records inside the component, time-averaged over the window. A server holds
    // its queue (backlog) and one record per busy server (utilization x servers).
    const bool is_server = c.service == "server";
    const double L = c.backlog_mean + (is_server ? c.utilization_mean * c.capacity : 0.0);
    const double lambda = c.throughput_per_s;
    const double W = c.latency.mean;
    MESSAGE(c.name << " (" << c.service << "): L = " << L << ", lambda = " << lambda << "/s, W = " << W
                   << " s, lambda W = " << lambda * W);
    CHECK_MESSAGE(c.latency.count > 0, c.name << " measured no records");
    if (c.service == "sink") {
      // A sink delivers on arrival: nothing is held and no time passes.
      CHECK(L == 0.0);
      CHECK(W == 0.0);
      continue;
    }
    CHECK(L > 0.1);  // enough inside for the relative check to mean something
    CHECK_MESSAGE(std::abs(L - lambda * W) <= kTolerance * L,
                  c.name << ": L = " << L << " but lambda W = " << lambda * W);
    if (is_server) {
      // The same law for the queue alone: Lq = lambda Wq, lambda counting service starts,
      // which differ from departures after warm-up by at most the servers' count.
      const double Lq = c.backlog_mean, Wq = c.wait_mean_s;
      MESSAGE(c.name << " queue: Lq = " << Lq << ", lambda Wq = " << lambda * Wq);
      CHECK_MESSAGE(std::abs(Lq - lambda * Wq) <= kTolerance * L,
                    c.name << ": Lq = " << Lq << " but lambda Wq = " << lambda * Wq);
    }
  }
}

TEST_CASE("Little's law: end-to-end path latency is the sum of the stays along the path") {
  auto loaded = scenario::load_scenario_text(kScenario, "littles_law.yaml");
  REQUIRE(loaded.ok());
  const run::RunResult r = run::simulate(*loaded.scenario);
  auto comp = [&](const std::string& name) -> const run::ComponentResult& {
    for (const auto& c : r.components)
      if (c.name == name) return c;
    FAIL("no component " << name);
    return r.components.front();
  };
  auto path = [&](const std::string& from, const std::string& to) -> const run::PathResult& {
    for (const auto& p : r.paths)
      if (p.from == from && p.to == to) return p;
    FAIL("no path " << from << " -> " << to);
    return r.paths.front();
  };
  // Every record of `requests` crosses front, hop, back and store, and nothing else enters them,
  // so the mean end-to-end latency is the sum of the mean stays, up to the records at the window's
  // edges (see the tolerance above). The archive branch is not compared: `limited` drops records
  // that arrive in bursts, so the records it delivers are not a random sample of front's.
  const auto& store_path = path("requests", "store");
  const double store_sum = comp("front").latency.mean + comp("hop").latency.mean + comp("back").latency.mean +
                           comp("store").latency.mean;
  MESSAGE("requests -> store: path mean " << store_path.latency.mean << " s, sum of stays " << store_sum);
  CHECK(store_path.latency.mean == rel(store_sum, kTolerance));
  // Every record of `requests` reaches store: delivered + in flight + not yet out of front.
  std::uint64_t generated = 0;
  for (const auto& src : r.sources)
    if (src.name == "requests") generated = src.generated;
  CHECK(generated > 600000);
  CHECK(store_path.records + comp("hop").in_flight + comp("back").in_flight + comp("front").in_flight == generated);
  // Both sources reach archive, and the deterministic jobs see a shorter path than the requests.
  const auto& jobs_path = path("batch_jobs", "archive");
  const auto& archive_path = path("requests", "archive");
  CHECK(jobs_path.records > 0);
  CHECK(jobs_path.latency.mean < archive_path.latency.mean);
}

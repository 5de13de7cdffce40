#include <doctest/doctest.h>

#include <cmath>

#include "support/simulate.hpp"

using namespace archsim;
using archsim::testing::component;
using archsim::testing::simulate_text;

namespace {
void check_balanced(const run::RunResult& r) {
  for (const auto& c : r.components)
    CHECK_MESSAGE(c.records_in + c.created == c.records_out + c.dropped + c.absorbed + c.in_flight, c.name);
  const auto& a = r.accounting;
  CHECK(a.generated + a.created == a.delivered + a.dropped + a.absorbed + a.in_flight);
}
}  // namespace

TEST_CASE("accounting: copies to two targets are counted as created records") {
  // 100/s evenly spaced for 10 s: arrivals at 10 ms, 20 ms, ..., 9.99 s = 999 records.
  const auto r = simulate_text(R"(name: copies
duration: 10s
workload: { src: { rate: 100/s, arrivals: deterministic } }
components:
  hop: { service: delay, latency: 10ms }
  left: { service: sink }
  right: { service: sink }
flows:
  - src -> hop -> left
  - hop -> right
)");
  check_balanced(r);
  CHECK(r.accounting.generated == 999);
  const auto& hop = component(r, "hop");
  CHECK(hop.in_flight == 1);  // the record that arrived at 9.99 s leaves at 10 s, the end
  CHECK(hop.records_out == 2 * 998);
  CHECK(hop.created == 998);
  CHECK(r.accounting.delivered == 2 * 998);
  CHECK(r.accounting.created == 998);
  REQUIRE(r.paths.size() == 2);
  CHECK(r.paths[0].records == 998);
  CHECK(r.paths[0].latency.mean == doctest::Approx(0.010));
}

TEST_CASE("accounting: a source with two targets copies at the source") {
  const auto r = simulate_text(R"(name: source copies
duration: 10s
workload: { src: { rate: 50/s, arrivals: deterministic } }
components:
  a: { service: sink }
  b: { service: sink }
flows:
  - src -> a
  - src -> b
)");
  check_balanced(r);
  CHECK(r.sources[0].generated == 499);
  CHECK(r.sources[0].created == 499);
  CHECK(r.accounting.delivered == 2 * 499);
}

TEST_CASE("accounting: shares split records in proportion, none lost") {
  const auto r = simulate_text(R"(name: shares
duration: 60s
workload: { src: { rate: 1000/s } }
components:
  router: { service: delay, latency: 1ms }
  hot: { service: sink }
  cold: { service: sink }
flows:
  - src -> router
  - { from: router, to: hot, share: 30% }
  - { from: router, to: cold, share: 70% }
)");
  check_balanced(r);
  const auto& router = component(r, "router");
  const auto& hot = component(r, "hot");
  const auto& cold = component(r, "cold");
  CHECK(router.created == 0);
  CHECK(hot.records_in + cold.records_in == router.records_out);
  const double n = static_cast<double>(router.records_out);
  const double sigma = std::sqrt(0.3 * 0.7 / n);  // binomial standard error of the hot share
  CHECK(std::abs(static_cast<double>(hot.records_in) / n - 0.3) < 4 * sigma);
}

TEST_CASE("accounting: a full queue drops records with a reason") {
  // 200/s evenly spaced into one server of 10 ms each: it can take 100/s, so about half are dropped.
  const auto r = simulate_text(R"(name: drops
duration: 20s
workload: { src: { rate: 200/s, arrivals: deterministic } }
components:
  worker: { service: server, servers: 1, service_time: 10ms, queue_capacity: 5 }
flows:
  - src -> worker
)");
  check_balanced(r);
  const auto& w = component(r, "worker");
  REQUIRE(w.drops.size() == 1);
  CHECK(w.drops[0].reason == "queue_full");
  CHECK(w.drops[0].count == w.dropped);
  CHECK(static_cast<double>(w.dropped) == doctest::Approx(r.accounting.generated / 2.0).epsilon(0.01));
  CHECK(w.in_flight <= 6);  // 5 waiting and 1 in service at most
  CHECK(w.utilization_mean == doctest::Approx(1.0).epsilon(0.001));
}

TEST_CASE("accounting: records still inside at the end are in flight, not lost") {
  const auto r = simulate_text(R"(name: in flight
duration: 10s
workload: { src: { rate: 10/s, arrivals: deterministic } }
components:
  slow: { service: server, servers: 3, service_time: 1h }
flows:
  - src -> slow
)");
  check_balanced(r);
  CHECK(r.accounting.generated == 99);
  CHECK(r.accounting.in_flight == 99);
  CHECK(r.accounting.delivered == 0);
  CHECK(component(r, "slow").in_flight == 99);
}

TEST_CASE("accounting: a result that does not balance is an internal error") {
  auto r = simulate_text(R"(name: ok
duration: 10s
workload: { src: { rate: 10/s } }
components: { s: { service: sink } }
flows: [src -> s]
)");
  CHECK_NOTHROW(run::check_invariants(r));
  auto broken = r;
  broken.components[0].records_out += 1;
  CHECK_THROWS_AS(run::check_invariants(broken), run::InvariantViolation);
  broken = r;
  broken.accounting.delivered += 1;
  CHECK_THROWS_AS(run::check_invariants(broken), run::InvariantViolation);
}

TEST_CASE("accounting: the calendar's events are counted by metrics interval, and add up to the run's") {
  // 100/s evenly spaced for 10 s through a 10 ms delay, intervals of 1 s:
  // each second holds 100 arrivals (999 in all) and their 999 departures,
  // the last one at 10 s itself, the end, which is not run.
  const auto r = simulate_text(R"(name: events by interval
duration: 10s
metrics_interval: 1s
workload: { src: { rate: 100/s, arrivals: deterministic } }
components:
  hop: { service: delay, latency: 10ms }
  out: { service: sink }
flows:
  - src -> hop -> out
)");
  REQUIRE(r.events_by_interval.size() == 10);
  std::uint64_t sum = 0;
  for (const auto n : r.events_by_interval) sum += n;
  CHECK(sum == r.events);
  // The middle seconds are alike: the same arrivals and departures each.
  CHECK(r.events_by_interval[4] == r.events_by_interval[5]);
  CHECK(r.events_by_interval[4] > 0);
}

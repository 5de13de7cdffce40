#include <doctest/doctest.h>

#include "archsim/scenario/loader.hpp"
#include "archsim/scenario/topology.hpp"

using namespace archsim::scenario;
using archsim::engine::kSecond;

namespace {
const char* kScenario = R"(name: Everything at once
description: every key of the format
seed: 42
duration: 1h
warmup: 5m
region: eu-west-1
workload:
  orders:
    rate: 12000/min
    producers: 3
    arrivals: deterministic
    record_size: { dist: uniform, min: 1KB, max: 3KiB }
    keys: { count: 5000000, dist: zipf, s: 1.1 }
    profile: { kind: diurnal, peak_factor: 3 }
  clicks:
    rate: 2000/day
    profile: { kind: steps, steps: [{at: 0s, factor: 1}, {at: 1h, factor: 2}] }
components:
  router:
    service: server
    servers: 4
    service_time: { dist: lognormal, mean: 2ms, p99: 10ms }
    queue_capacity: 100
  hot:
    service: delay
    latency: { dist: exponential, mean: 20ms }
  audit:
    service: sink
flows:
  - orders -> router
  - clicks -> router -> audit
  - { from: router, to: hot, share: 30% }
requirements:
  latency_p99: 2s
  throughput: 100000/s
  monthly_cost_usd: 50000
  max_dropped: 0
)";
}  // namespace

TEST_CASE("loader: every part of the format parses into typed values with positions") {
  // router's flows mix a copy (to audit) and a share (to hot): fix the design first.
  std::string text = kScenario;
  text.replace(text.find("  - clicks -> router -> audit\n"), 30, "  - clicks -> router\n  - { from: router, to: audit, share: 70% }\n");
  auto r = load_scenario_text(text, "all.yaml");
  for (const auto& d : r.diagnostics.items()) MESSAGE(d.format());
  REQUIRE(r.ok());
  const Scenario& s = *r.scenario;
  CHECK(s.name == "Everything at once");
  CHECK(s.seed == 42);
  CHECK(s.duration == 3600 * kSecond);
  CHECK(s.warmup == 300 * kSecond);
  CHECK(s.region == "eu-west-1");
  REQUIRE(s.sources.size() == 2);
  const auto& orders = s.sources[0].params;
  CHECK(orders.number("rate") == 200);
  CHECK(orders.integer("producers") == 3);
  CHECK(orders.text("arrivals") == "deterministic");
  CHECK(orders.dist("record_size").mean() == doctest::Approx((1000 + 3072) / 2.0));
  CHECK(orders.at("keys").keys.count == 5000000);
  CHECK(orders.at("keys").keys.zipf);
  CHECK(orders.at("keys").keys.s == 1.1);
  CHECK(orders.at("profile").profile->max_factor() == 3);
  CHECK(s.sources[0].loc.line == 8);
  CHECK(s.sources[0].loc.col == 3);
  CHECK(s.sources[1].params.number("rate") == doctest::Approx(2000.0 / 86400));
  CHECK(s.sources[1].params.at("keys").keys.count == 1000000);  // the default key space
  CHECK(s.sources[1].params.text("arrivals") == "poisson");
  REQUIRE(s.components.size() == 3);
  CHECK(s.components[0].service == "server");
  CHECK(s.components[0].params.integer("servers") == 4);
  CHECK(s.components[0].params.number("queue_capacity") == 100);
  CHECK(s.components[0].params.dist("service_time").mean() == doctest::Approx(2e6));
  CHECK(s.components[0].params.at("service_time").loc.line == 22);
  CHECK(s.components[1].params.dist("latency").mean() == doctest::Approx(20e6));
  REQUIRE(s.flows.size() == 4);
  CHECK(s.flows[0].from == "orders");
  CHECK(s.flows[0].to == "router");
  CHECK_FALSE(s.flows[0].share);
  CHECK(*s.flows[2].share == doctest::Approx(0.7));
  CHECK(*s.flows[3].share == doctest::Approx(0.3));
  REQUIRE(s.requirements.size() == 4);
  CHECK(s.requirements[0].name == "latency_p99");
  CHECK(s.requirements[0].target == doctest::Approx(2.0));
  CHECK(s.requirements[1].target == 100000);
  CHECK_FALSE(s.requirements[1].at_most);
}

TEST_CASE("loader: --set overrides by dotted path, validated like the file") {
  auto r = load_scenario_text(kScenario, "all.yaml",
                              {"components.router.servers=8", "workload.orders.rate=5000/s", "seed=7"});
  // The unchanged kScenario mixes a share and a copy out of router: that error must remain.
  REQUIRE_FALSE(r.ok());
  bool mixed = false;
  for (const auto& d : r.diagnostics.items()) mixed |= d.message.find("mix shares and copies") != std::string::npos;
  CHECK(mixed);

  std::string fixed = kScenario;
  fixed.replace(fixed.find("{ from: router, to: hot, share: 30% }"), 37, "router -> hot");
  auto ok = load_scenario_text(fixed, "all.yaml", {"components.router.servers=8", "workload.orders.rate=5000/s", "seed=7"});
  REQUIRE(ok.ok());
  CHECK(ok.scenario->components[0].params.integer("servers") == 8);
  CHECK(ok.scenario->sources[0].params.number("rate") == 5000);
  CHECK(ok.scenario->seed == 7);
  CHECK(ok.scenario->components[0].params.at("servers").loc.file == "--set");

  auto bad = load_scenario_text(fixed, "all.yaml", {"components.router.servers=zero"});
  REQUIRE_FALSE(bad.ok());
  CHECK(bad.diagnostics.items()[0].format().rfind("--set:1:", 0) == 0);
}

TEST_CASE("topology: order, reachability and cycles come from the flow graph") {
  auto r = load_scenario_text(R"(name: t
duration: 1m
workload: { a: { rate: 1/s } }
components:
  x: { service: sink }
  y: { service: delay, latency: 1s }
  z: { service: delay, latency: 1s }
flows:
  - a -> z -> y -> x
)", "t.yaml");
  REQUIRE(r.ok());
  const Topology t(*r.scenario);
  CHECK(t.size() == 4);
  CHECK(t.is_source(0));
  CHECK(t.is_sink(*t.find("x")));
  CHECK_FALSE(t.is_sink(*t.find("y")));
  const auto order = t.topological_order();
  auto pos = [&](const std::string& n) { return std::find(order.begin(), order.end(), *t.find(n)) - order.begin(); };
  CHECK(pos("a") < pos("z"));
  CHECK(pos("z") < pos("y"));
  CHECK(pos("y") < pos("x"));
  CHECK_FALSE(t.find_cycle());
  for (bool reached : t.reachable_from_sources()) CHECK(reached);

  auto cyclic = load_scenario_text(R"(name: t
duration: 1m
workload: { a: { rate: 1/s } }
components:
  x: { service: sink }
  y: { service: delay, latency: 1s }
flows:
  - a -> y -> x
  - x -> y
)", "c.yaml");
  REQUIRE_FALSE(cyclic.ok());
  REQUIRE(cyclic.diagnostics.size() == 1);
  CHECK(cyclic.diagnostics.items()[0].message.find("cycle: ") != std::string::npos);
  CHECK(cyclic.diagnostics.items()[0].loc.line == 9);
}

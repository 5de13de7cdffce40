// A table that serves reads: the levers that size its capacity see the reads
// apart from the writes (the load explain offers it carries each source of
// reads' part), so provisioned capacity for the peak is WCU for the writes
// and RCU for the reads, by DynamoDB's units: a write of up to 1 KB is one
// write unit, an eventually consistent read of up to 4 KB half a read unit.
#include <doctest/doctest.h>

#include "archsim/analysis/explain.hpp"
#include "archsim/scenario/loader.hpp"

using namespace archsim;

TEST_CASE("levers: provisioned capacity for a read-heavy table sizes WCU from its writes and RCU from its reads") {
  const char* text = R"(name: read heavy
seed: 2
duration: 1h
workload:
  updates: { rate: 100/s, record_size: 500B }
  page_views: { kind: reads, rate: 2000/s, record_size: 2KB }
components:
  table: { service: dynamodb, mode: on_demand }
flows:
  - updates -> table
  - page_views -> table
)";
  auto loaded = scenario::load_scenario_text(text, "read-heavy.yaml");
  for (const auto& d : loaded.diagnostics.items()) MESSAGE(d.format());
  REQUIRE(loaded.ok());
  const run::RunResult r = analysis::run_and_explain(*loaded.scenario, 2);
  const run::Tradeoff* provisioned = nullptr;
  for (const auto& t : r.tradeoffs)
    if (t.component == "table" && t.lever == "provisioned") provisioned = &t;
  REQUIRE(provisioned);
  double wcu = 0, rcu = 0;
  for (const auto& m : provisioned->moves) {
    if (m.key == "wcu") wcu = m.to;
    if (m.key == "rcu") rcu = m.to;
  }
  // A constant rate's peak is the rate itself; the lever leaves a quarter to spare.
  CHECK(wcu == doctest::Approx(1.25 * 100).epsilon(0.05));
  CHECK(rcu == doctest::Approx(1.25 * 2000 * 0.5).epsilon(0.05));
}

TEST_CASE("hot keys: a hot item the page reads is weighed against what a partition reads, and only its own source spreads it") {
  // 40,000 eventually consistent reads/s of 2 KB over 1,000 items, Zipf 1.2:
  // the top item takes about a quarter, some 10,000 reads/s, half a read
  // unit each: 5,000 units/s against the 3,000 a partition reads. The
  // updates come from another source with keys of their own.
  const char* text = R"(name: hot read
seed: 4
duration: 20m
workload:
  updates: { rate: 50/s, record_size: 500B, keys: { count: 1000 } }
  page_views: { kind: reads, rate: 40000/s, record_size: 2KB, keys: { count: 1000, dist: zipf, s: 1.2 }, batch: 100ms }
components:
  table: { service: dynamodb, wcu: 1000, rcu: 40000 }
flows:
  - updates -> table
  - page_views -> table
requirements:
  max_dropped: 0
)";
  auto loaded = scenario::load_scenario_text(text, "hot-read.yaml");
  for (const auto& d : loaded.diagnostics.items()) MESSAGE(d.format());
  REQUIRE(loaded.ok());
  const run::RunResult r = analysis::run_and_explain(*loaded.scenario, 2);
  REQUIRE_FALSE(r.bottlenecks.empty());
  const run::Bottleneck& b = r.bottlenecks.front();
  CHECK(b.component == "table");
  REQUIRE_FALSE(b.hot_keys.empty());
  CHECK(b.hot_keys.front().source == "page_views");
  // A partition's reads, not its 1,000 write units: thousands of reads a second.
  CHECK(b.hot_keys.front().unit_capacity_per_s > 2000);
  for (const auto& t : b.fixes)
    for (const auto& m : t.moves) CHECK(m.component != "updates");
}

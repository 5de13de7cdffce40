// DynamoDB global secondary indexes against the AWS documents: every table
// write is also a write of the projected item to each index, billed in write
// units (developer guide GSI.html, provisioned throughput considerations);
// an index short of write capacity throttles the table's writes (repost.aws
// knowledge-center dynamodb-gsi-throttling-table: "When a GSI has
// insufficient write capacity, throttling results in write operations that
// fail on the base table"); an index's own keys can make its partition hot
// while the table's are even; the diagnosis names the index's capacity; the
// per-table quota and the count of indexes are checked at load.
#include <doctest/doctest.h>

#include <string>

#include "archsim/analysis/bottlenecks.hpp"
#include "archsim/analysis/static_explain.hpp"
#include "archsim/scenario/catalog_loader.hpp"
#include "support/simulate.hpp"

using namespace archsim;
using testing::component;
using testing::simulate_text;
using testing::usage_of;

namespace {

std::uint64_t throttled_by(const run::ComponentResult& c, const std::string& resource) {
  for (const auto& [id, n] : c.throttled_by)
    if (id == resource) return n;
  return 0;
}

}  // namespace

TEST_CASE("dynamodb gsi: every write is copied to each index in write units of its projection, and billed") {
  // Items of 2 KB (2,000 bytes: 2 write units). Index `by_customer`
  // projects ALL (2,000 bytes: 2 units); `by_status` a quarter (500 bytes:
  // 1 unit). A write takes 2 + 2 + 1 = 5 write request units on demand, at
  // $0.625 a million (catalog dynamodb.price.on_demand_write_per_million_usd).
  // Storage: 1 GB + 1 GB + 0.25 GB, inside the free 25 GB.
  const auto r = simulate_text(R"(name: write amplification
duration: 100s
workload: { writes: { rate: 100/s, arrivals: deterministic, record_size: 2KB } }
components:
  table:
    service: dynamodb
    mode: on_demand
    gsis:
      by_customer: { keys: {count: 10000} }
      by_status: { keys: {count: 5, dist: zipf, s: 1.2}, projection: 0.25 }
flows: [writes -> table]
)");
  const auto& t = component(r, "table");
  const double writes = static_cast<double>(t.records_in);
  CHECK(t.throttled == 0);
  CHECK(usage_of(t, "write_units_consumed") == doctest::Approx(writes * 2));
  CHECK(usage_of(t, "index_by_customer_write_units_consumed") == doctest::Approx(writes * 2));
  CHECK(usage_of(t, "index_by_status_write_units_consumed") == doctest::Approx(writes * 1));
  CHECK(t.cost_usd == doctest::Approx(writes * 5 * 0.625 / 1e6).epsilon(1e-9));
}

TEST_CASE("dynamodb gsi: an index short of write capacity throttles the table's writes, after its burst") {
  // Table wcu 1,000; index wcu 200 (one partition: ceil(5 / 3,000 + 200 /
  // 1,000) = 1, its ceiling of 1,000 WU/s not what binds). 500 writes/s of
  // 1 KB for 600 s, no retries. The index keeps 300 s x 200 = 60,000 saved
  // units, spent at the 300/s excess for 200 s; then 200 writes/s pass.
  // Served: 200 x 500 + 400 x 200 = 180,000 of 300,000; every refusal is the
  // index's, though the table's own WCU has room for all.
  const auto r = simulate_text(R"(name: thin index
duration: 600s
workload: { writes: { rate: 500/s, arrivals: deterministic, record_size: 1KB } }
components:
  table: { service: dynamodb, wcu: 1000, max_retries: 0, gsis: { by_day: { wcu: 200 } } }
flows: [writes -> table]
)");
  const auto& t = component(r, "table");
  CHECK(static_cast<double>(t.records_in - t.dropped) == doctest::Approx(180'000).epsilon(0.003));
  CHECK(throttled_by(t, "index_writes") == t.throttled);
  CHECK(usage_of(t, "index_by_day_throttled_writes") == static_cast<double>(t.throttled));
  // The table wrote only what the index took: one write unit each, in both.
  CHECK(usage_of(t, "write_units_consumed") == usage_of(t, "index_by_day_write_units_consumed"));
  // A month of it: 730 h x ((1,000 + 200) WCU x $0.00065 + (5 + 5) RCU x $0.00013), scaled from 600 s.
  CHECK(t.cost_usd == doctest::Approx((1200 * 0.00065 + 10 * 0.00013) * 600.0 / 3600).epsilon(1e-9));
}

TEST_CASE("dynamodb gsi: a hot index key throttles at its partition's ceiling while the table's keys are even") {
  // Table wcu 4,000 over 4 partitions, uniform keys: 1,500 writes/s of 1 KB
  // are well within it. The index has the same WCU but one key: every entry
  // lands on one of its partitions, whose ceiling is 1,000 WU/s whatever its
  // WCU. It takes 1,000 a second (plus the 1,000 its bucket starts with);
  // 500/s are refused, by the index.
  const std::string yaml = R"(name: hot index key
duration: 60s
workload: { writes: { rate: 1500/s, arrivals: deterministic, record_size: 1KB } }
components:
  table: { service: dynamodb, wcu: 4000, max_retries: 0, gsis: { by_tenant: { keys: {count: 1} } } }
flows: [writes -> table]
requirements:
  max_dropped: 0
)";
  const auto r = simulate_text(yaml);
  const auto& t = component(r, "table");
  CHECK(static_cast<double>(t.records_in - t.dropped) == doctest::Approx(60.0 * 1000 + 1000).epsilon(0.003));
  CHECK(throttled_by(t, "index_writes") == t.throttled);

  // The diagnosis names the index's write capacity as what binds, and explain
  // finds the same ceiling: 1,000 write units/s on the hottest index partition.
  auto loaded = scenario::load_scenario_text(yaml, "hot.yaml");
  REQUIRE(loaded.ok());
  run::RunResult d = run::simulate(*loaded.scenario);
  analysis::find_bottlenecks(*loaded.scenario, d, false);
  REQUIRE_FALSE(d.bottlenecks.empty());
  CHECK(d.bottlenecks.front().component == "table");
  CHECK(d.bottlenecks.front().resource_id == "index_writes");
  const auto e = analysis::explain_statically(*loaded.scenario, scenario::builtin_catalog());
  CHECK(e.components[0].capacity == doctest::Approx(1000));
  CHECK(e.components[0].limit.find("index 'by_tenant'") != std::string::npos);
}

TEST_CASE("dynamodb gsi: explain bills each index as the table and limits writes by the tightest") {
  // Provisioned table wcu 2,000, rcu 100; index a: wcu 500 (absent rcu: the
  // table's 100); index b: wcu and rcu of the table. Capacity for 1 KB writes:
  // min(2,000, a's 500, b's 2,000) = 500/s. A month: 730 h x ((2,000 + 500 +
  // 2,000) x $0.00065 + 3 x 100 x $0.00013) = $2,163.72.
  auto loaded = scenario::load_scenario_text(R"(name: two indexes
duration: 1h
workload: { writes: { rate: 300/s, arrivals: deterministic, record_size: 1KB } }
components:
  table: { service: dynamodb, wcu: 2000, rcu: 100, gsis: { a: { wcu: 500 }, b: {} } }
flows: [writes -> table]
)",
                                             "indexes.yaml");
  REQUIRE(loaded.ok());
  const auto e = analysis::explain_statically(*loaded.scenario, scenario::builtin_catalog());
  CHECK(e.components[0].capacity == doctest::Approx(500));
  CHECK(e.components[0].monthly_usd == doctest::Approx(2163.72).epsilon(1e-6));
  const auto r = run::simulate(*loaded.scenario);
  CHECK(component(r, "table").cost_usd * 730 == doctest::Approx(2163.72).epsilon(1e-6));
}

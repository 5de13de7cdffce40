// The DynamoDB table model against closed forms of its documented limits:
// a partition's 1,000 write units/s, its share of the provisioned WCU with up
// to 300 s of burst, item sizes rounded up to 1 KB write units, on-demand
// scaling to double the previous peak, and the capacity-hour prices.
#include <doctest/doctest.h>

#include <cmath>
#include <string>

#include "support/simulate.hpp"

using namespace archsim;
using testing::component;
using testing::simulate_text;

namespace {
double sum_bins(const std::vector<double>& per_s, std::size_t from, std::size_t to, double interval_s) {
  double sum = 0;
  for (std::size_t i = from; i < to; ++i) sum += per_s.at(i) * interval_s;
  return sum;
}
}  // namespace

TEST_CASE("dynamodb: a partition receiving more than its ceiling throttles the excess") {
  SUBCASE("share equal to the hard ceiling: burst capacity cannot raise it") {
    // wcu 1000, rcu 0: one partition (ceil(0/3000 + 1000/1000) = 1) whose share is
    // the 1,000 WU/s hard ceiling. Offered 1,500 writes/s of 1 KB (1,000 bytes,
    // one write unit) on one key for 120 s: 1,000/s pass, plus the ceiling
    // bucket's initial 1,000 units; the burst bucket is never the binding limit.
    const auto r = simulate_text(R"(name: one partition at its ceiling
duration: 120s
workload: { writes: { rate: 1500/s, arrivals: deterministic, record_size: 1KB, keys: {count: 1} } }
components: { table: { service: dynamodb, wcu: 1000, rcu: 0, max_retries: 0 } }
flows: [writes -> table]
)");
    const auto& t = component(r, "table");
    const double accepted = static_cast<double>(t.records_in - t.dropped);
    CHECK(accepted == doctest::Approx(120.0 * 1000 + 1000).epsilon(0.002));
    CHECK(t.throttled == t.dropped);
    CHECK(t.dropped == doctest::Approx(120.0 * 500 - 1000).epsilon(0.01));
    REQUIRE(t.drops.size() == 2);  // every reason the table declares, counted or not
    CHECK(t.drops[0].reason == "throttled_after_retries");
    CHECK(t.drops[1].count == 0);
  }
  SUBCASE("share below the ceiling: 300 s of burst, then the share") {
    // wcu 500: one partition, share 500 WU/s, burst bucket 300 s x 500 = 150,000
    // units (full at the start), hard ceiling 1,000 WU/s. Offered 800 writes/s:
    // all pass while the burst drains at 800 - 500 = 300 units/s, which takes
    // 150,000 / 300 = 500 s; then 500/s pass and 300/s are throttled.
    const auto r = simulate_text(R"(name: burst then share
duration: 1000s
metrics_interval: 10s
workload: { writes: { rate: 800/s, arrivals: deterministic, record_size: 1KB, keys: {count: 1} } }
components: { table: { service: dynamodb, wcu: 500, rcu: 0, max_retries: 0 } }
flows: [writes -> table]
)");
    const auto& t = component(r, "table");
    const auto& out = t.series.records_out_per_s;
    REQUIRE(out.size() == 100);
    CHECK(sum_bins(out, 1, 49, 10) / 480 == doctest::Approx(800).epsilon(0.002));   // 10 s .. 490 s: burst
    CHECK(sum_bins(out, 51, 100, 10) / 490 == doctest::Approx(500).epsilon(0.002));  // 510 s .. 1000 s: share
    const double accepted = static_cast<double>(t.records_in - t.dropped);
    CHECK(accepted == doctest::Approx(800.0 * 500 + 500.0 * 500).epsilon(0.002));
    CHECK(static_cast<double>(t.dropped) == doctest::Approx(300.0 * 500).epsilon(0.01));
  }
}

TEST_CASE("dynamodb: the hot partition throttles under skew while the table looks under-used") {
  // wcu 4000, rcu 0: 4 partitions of 1,000 WU/s each. 3,000 writes/s of 1 KB is
  // 75% of the table's capacity.
  const std::string base = R"(name: skew
duration: 60s
workload: { writes: { rate: 3000/s, record_size: 1KB, keys: KEYS } }
components: { table: { service: dynamodb, wcu: 4000, rcu: 0 } }
flows: [writes -> table]
)";
  auto with_keys = [&](const std::string& keys) {
    std::string yaml = base;
    yaml.replace(yaml.find("KEYS"), 4, keys);
    return yaml;
  };
  const auto uniform = simulate_text(with_keys("{count: 1000000, dist: uniform}"));
  const auto& u = component(uniform, "table");
  CHECK(u.throttled == 0);
  CHECK(u.dropped == 0);
  CHECK(u.utilization_mean < 0.9);  // the hottest partition's per-second load over what it may take

  // Zipf s = 1.3 over 1,000 keys: the top key alone is about 28% of the writes
  // (1 / H(1000, 1.3)), about 850/s, and its partition also takes a quarter of
  // the rest: well above 1,000 WU/s.
  const auto zipf = simulate_text(with_keys("{count: 1000, dist: zipf, s: 1.3}"));
  const auto& z = component(zipf, "table");
  CHECK(z.throttled > 0);
  CHECK(z.dropped > 0);
  const double table_utilization = static_cast<double>(z.records_out) / 60.0 / 4000.0;
  CHECK(table_utilization < 0.75);
  CHECK(z.utilization_mean > 0.95);  // the hot partition is at its ceiling
}

TEST_CASE("dynamodb: adaptive capacity lets a hot partition use the table's unused WCU up to its ceiling") {
  // wcu 2000, rcu 6000: ceil(6000 / 3000 + 2000 / 1000) = 4 partitions, an
  // even share of 500 WU/s each. Adaptive capacity (developer guide,
  // burst-adaptive-capacity.html) lets one partition take more than its share
  // while the table stays within its WCU and the partition within 1,000 WU/s.
  const std::string yaml = R"(name: adaptive
duration: 2h
metrics_interval: 10m
workload: { writes: { rate: RATE, arrivals: deterministic, record_size: 1KB, keys: KEYS } }
components: { table: { service: dynamodb, wcu: 2000, rcu: 6000, max_retries: 0 } }
flows: [writes -> table]
)";
  auto with = [&](const std::string& rate, const std::string& keys) {
    std::string y = yaml;
    y.replace(y.find("RATE"), 4, rate);
    y.replace(y.find("KEYS"), 4, keys);
    return simulate_text(y);
  };
  // One key at 600 writes/s: 120% of its partition's share, 30% of the table.
  // An even split would throttle 100/s once the burst credit is gone; with
  // adaptive capacity nothing is refused.
  const auto hot = with("600/s", "{count: 1}");
  const auto& h = component(hot, "table");
  CHECK(h.throttled == 0);
  CHECK(h.dropped == 0);
  CHECK(h.units.hottest_load == doctest::Approx(0.6).epsilon(0.01));  // 600 of the 1,000 WU/s ceiling
  // One key at 1,200 writes/s: past the partition's 1,000 WU/s ceiling, which
  // neither adaptive nor burst capacity lifts: 200/s refused, all along.
  const auto over = with("1200/s", "{count: 1}");
  const auto& o = component(over, "table");
  CHECK(static_cast<double>(o.dropped) == doctest::Approx(200.0 * 7200).epsilon(0.01));
  // 2,500 writes/s over many keys (about 625 WU/s a partition): past the
  // table's 2,000 WCU. Its burst credit, 300 s x 2,000 = 600,000 units, covers
  // the 500/s excess for 1,200 s; then 500/s are refused.
  const auto table = with("2500/s", "{count: 1000000, dist: uniform}");
  const auto& t = component(table, "table");
  const double accepted = static_cast<double>(t.records_in - t.dropped);
  CHECK(accepted == doctest::Approx(2000.0 * 7200 + 600000).epsilon(0.005));
}

TEST_CASE("dynamodb: item sizes round up to whole 1 KB write units") {
  // 1.5 KB = 1,500 bytes takes ceil(1500 / 1024) = 2 write units. On one
  // partition at 1,000 WU/s, 600 writes/s of 1.5 KB need 1,200 WU/s: 500/s pass
  // (plus 1,000 / 2 from the full ceiling bucket). 600 writes/s of 1 KB fit.
  const std::string yaml = R"(name: rounding
duration: 60s
workload: { writes: { rate: 600/s, arrivals: deterministic, record_size: 1KB, keys: {count: 1} } }
components: { table: { service: dynamodb, wcu: 1000, rcu: 0, max_retries: 0, ITEM } }
flows: [writes -> table]
)";
  auto with_item = [&](const std::string& item) {
    std::string y = yaml;
    y.replace(y.find("ITEM"), 4, item);
    return y;
  };
  const auto small = simulate_text(with_item("item_size: 1KB"));
  CHECK(component(small, "table").throttled == 0);
  const auto big = simulate_text(with_item("item_size: 1.5KB"));
  const auto& t = component(big, "table");
  CHECK(static_cast<double>(t.records_in - t.dropped) == doctest::Approx(60.0 * 500 + 500).epsilon(0.002));

  // On demand, the same rounding is billed: 2 write request units per 1.5 KB
  // item at $0.625 per million (catalog dynamodb.price.on_demand_write_per_million_usd);
  // 1 GB of storage is inside the free 25 GB.
  const auto od = simulate_text(R"(name: on-demand billing
duration: 100s
workload: { writes: { rate: 100/s, arrivals: deterministic, record_size: 1.5KB } }
components: { table: { service: dynamodb, mode: on_demand } }
flows: [writes -> table]
)");
  const auto& o = component(od, "table");
  CHECK(o.throttled == 0);
  CHECK(o.cost_usd == doctest::Approx(static_cast<double>(o.records_in) * 2 * 0.625 / 1e6).epsilon(1e-9));
}

TEST_CASE("dynamodb: provisioned cost over a month, to the cent") {
  // Computed by hand from the catalog's us-east-1 list prices (the AWS pricing
  // page's own examples use auto scaling, which the model does not simulate):
  // 730 h (one billing month) of 100 WCU at $0.00065/WCU-hour = $47.45, 200 RCU
  // at $0.00013/RCU-hour = $18.98, and 100 GB stored of which 25 GB-month are
  // free: 75 x $0.25 = $18.75. Total $85.18.
  const auto r = simulate_text(R"(name: monthly bill
duration: 730h
workload: { writes: { rate: 1/h } }
components: { table: { service: dynamodb, wcu: 100, rcu: 200, storage: 100GiB } }
flows: [writes -> table]
)");
  CHECK(std::llround(component(r, "table").cost_usd * 100) == 8518);
}

TEST_CASE("dynamodb: on demand serves double the previous peak, which counts after 30 minutes") {
  // A new on-demand table serves 4,000 WRU/s at once. Offered 6,000 writes/s:
  // 4,000/s pass until the first second at 4,000 is 30 minutes old; then the
  // ceiling is 2 x 4,000 = 8,000 WRU/s and everything passes (retries absorb
  // the per-second unevenness of 8 partitions).
  const auto r = simulate_text(R"(name: on-demand growth
duration: 1h
metrics_interval: 5m
workload: { writes: { rate: 6000/s, record_size: 1KB, batch: 10ms } }
components: { table: { service: dynamodb, mode: on_demand } }
flows: [writes -> table]
)");
  const auto& t = component(r, "table");
  const auto& out = t.series.records_out_per_s;
  REQUIRE(out.size() == 12);
  for (std::size_t i = 1; i < 6; ++i) CHECK(out[i] == doctest::Approx(4000).epsilon(0.01));
  for (std::size_t i = 7; i < 12; ++i) CHECK(out[i] == doctest::Approx(6000).epsilon(0.01));
  CHECK(t.throttled > 0);
}

TEST_CASE("dynamodb: batches with a key mix reach the hot partition as single records do") {
  const std::string yaml = R"(name: skew
duration: 60s
workload: { writes: { rate: 3000/s, record_size: 1KB, BATCH keys: {count: 1000, dist: zipf, s: 1.3} } }
components: { table: { service: dynamodb, wcu: 4000, rcu: 0, max_retries: 0 } }
flows: [writes -> table]
)";
  auto with = [&](const std::string& batch) {
    std::string y = yaml;
    y.replace(y.find("BATCH"), 5, batch);
    return simulate_text(y);
  };
  const auto single = with("");
  const auto batched = with("batch: 200ms,");
  const auto& s = component(single, "table");
  const auto& b = component(batched, "table");
  MESSAGE("dropped: single records " << s.dropped << ", 200 ms batches " << b.dropped);
  // The hot partition takes 1,000 WU/s (plus its first second's bucket) of
  // about 1,410/s its keys receive: the same excess either way, within 5%.
  CHECK(b.dropped > 0);
  CHECK(static_cast<double>(b.dropped) == doctest::Approx(static_cast<double>(s.dropped)).epsilon(0.05));
}

TEST_CASE("dynamodb: on demand doubles the previous peak every 30 minutes without overshoot, up to the table quota") {
  // Offered 50,000 write units/s (12,500 items/s of 4 KB, 4 units each), more
  // than the on-demand table quota of 40,000. A new table serves 4,000 WRU/s;
  // each peak served counts after 30 minutes and allows twice it: 8,000 WRU/s
  // from 30 min, 16,000 from 60, 32,000 from 90, the 40,000 quota from 120.
  // In items/s: 1,000, 2,000, 4,000, 8,000, 10,000. A second in which the
  // capacity rises must not count as a peak above that capacity, or the
  // table would reach its quota 30 minutes early.
  const auto r = simulate_text(R"(name: on-demand ramp
duration: 150m
metrics_interval: 30m
workload: { writes: { rate: 12500/s, record_size: 4KB, batch: 100ms, arrivals: deterministic } }
components: { table: { service: dynamodb, mode: on_demand, max_retries: 0 } }
flows: [writes -> table]
)");
  const auto& out = component(r, "table").series.records_out_per_s;
  REQUIRE(out.size() == 5);
  const double expected[] = {1000, 2000, 4000, 8000, 10000};
  for (std::size_t i = 0; i < 5; ++i) CHECK(out[i] == doctest::Approx(expected[i]).epsilon(0.02));
}

TEST_CASE("dynamodb: an item over 400 KB is refused for good, counted as item_too_large") {
  // DynamoDB's item size limit is 400 KB (409,600 bytes, attribute names
  // included): a PutItem over it fails validation, which no retry cures.
  const auto r = simulate_text(R"(name: big items
duration: 10s
workload: { writes: { rate: 10/s, arrivals: deterministic, record_size: 500KB } }
components: { table: { service: dynamodb, wcu: 1000, rcu: 0 } }
flows: [writes -> table]
)");
  const auto& t = component(r, "table");
  CHECK(t.records_out == 0);
  CHECK(t.throttled == 0);
  std::uint64_t too_large = 0;
  for (const auto& d : t.drops)
    if (d.reason == "item_too_large") too_large = d.count;
  CHECK(too_large == t.records_in);
  CHECK(t.records_in >= 99);  // 10/s for 10 s, the last one at the end
}

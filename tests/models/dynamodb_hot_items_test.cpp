// Adaptive capacity's isolation of frequently accessed items (developer guide
// burst-adaptive-capacity.html): a partition its own ceiling throttles for
// dynamodb.adaptive.isolation_delay_s (300 s, an assumption) moves its
// hottest items to partitions of their own; an item hotter than a partition
// stays capped at 1,000 write units/s, and the diagnosis says so.
#include <doctest/doctest.h>

#include <string>

#include "archsim/analysis/bottlenecks.hpp"
#include "archsim/report/findings.hpp"
#include "archsim/scenario/catalog_loader.hpp"
#include "support/simulate.hpp"

using namespace archsim;
using testing::component;
using testing::simulate_text;
using testing::usage_of;

namespace {

bool has_usage(const run::ComponentResult& c, const std::string& name) {
  for (const auto& [key, value] : c.usage)
    if (key == name) return true;
  return false;
}

}  // namespace

TEST_CASE("dynamodb hot items: the isolation delay is a catalog assumption") {
  const model::CatalogEntry& delay = scenario::builtin_catalog().at("dynamodb.adaptive.isolation_delay_s");
  CHECK(delay.value == 300);
  CHECK(delay.status == model::CatalogStatus::unconfirmed);
  CHECK(scenario::builtin_catalog().at("dynamodb.adaptive.isolated_item_min_share").status == model::CatalogStatus::unconfirmed);
}

TEST_CASE("dynamodb hot items: two hot keys sharing a partition each get one of their own after the delay") {
  // wcu 3000, rcu 0: 3 partitions. Keys 0, 1, 2 (uniform) at 1,800 writes/s
  // of 1 KB in one batch a second (at 1 s, 2 s, ... 599 s): 600/s each. splitmix64 mod 3 puts key 0
  // on partition 0 and keys 1 and 2 together on partition 1, offered 1,200
  // WU/s against its 1,000: each second 1,000 pass and 200 are throttled
  // (the table's 3,000 WCU leave room: 1,600 < 3,000). No retries, so every
  // throttled write is dropped. After 300 s throttled at its ceiling the
  // partition is split: key 1 (tied with key 2, the lower key first) moves
  // to a partition of its own and what stays, key 2's 600/s, fits. So 300
  // seconds x 200 = 60,000 throttled writes, then none: 4 partitions.
  const std::string yaml = R"(name: two hot keys
duration: 600s
metrics_interval: 10s
workload: { writes: { rate: 1800/s, arrivals: deterministic, record_size: 1KB, batch: 1s, keys: {count: 3, dist: uniform} } }
components: { table: { service: dynamodb, wcu: 3000, rcu: 0, max_retries: 0 } }
flows: [writes -> table]
)";
  const auto r = simulate_text(yaml);
  const auto& t = component(r, "table");
  CHECK(t.throttled == 60000);
  CHECK(t.dropped == 60000);
  CHECK(usage_of(t, "isolated_items") == 1);
  CHECK(usage_of(t, "partitions") == 4);
  // Nothing is refused in the second half: every record written arrives.
  const auto& out = t.series.records_out_per_s;
  REQUIRE(out.size() == 60);
  for (std::size_t i = 31; i < 60; ++i) CHECK(out[i] == doctest::Approx(1800));

  SUBCASE("the same seed gives the same run") {
    const auto again = simulate_text(yaml);
    CHECK(component(again, "table").throttled == t.throttled);
    CHECK(component(again, "table").series.records_out_per_s == out);
  }
}

TEST_CASE("dynamodb hot items: a key hotter than a partition keeps throttling, isolated or not") {
  // wcu 3000: 3 partitions; key 0 of a one-key space is on partition 0.
  SUBCASE("alone on its partition: nothing to isolate it from") {
    // 1,500 writes/s of 1 KB, one batch a second (599 in 600 s) onto
    // partition 0: 1,000 pass, 500 are throttled, every second: 299,500.
    // The partition holds that item only, so it is never split.
    const auto r = simulate_text(R"(name: one hot key
duration: 600s
workload: { writes: { rate: 1500/s, arrivals: deterministic, record_size: 1KB, batch: 1s, keys: {count: 1} } }
components: { table: { service: dynamodb, wcu: 3000, rcu: 0, max_retries: 0 } }
flows: [writes -> table]
)");
    const auto& t = component(r, "table");
    CHECK(t.throttled == 299500);
    CHECK_FALSE(has_usage(t, "isolated_items"));
    CHECK(usage_of(t, "partitions") == 3);
  }
  SUBCASE("beside other keys: it moves to a partition of its own, which it still overfills") {
    // Besides key 0's 1,500/s, 300 writes/s over a million uniform keys put
    // 100/s on each partition: partition 0 is offered 1,600 and throttles
    // 600 a second. After 300 s key 0 moves to a partition of its own
    // (1,500 >= 100, the least share, and 100/s stay): its partition
    // throttles 500 a second, partition 0 nothing. Batches at 1 s .. 599 s:
    // 300 x 600 + 299 x 500 = 329,500 (the spread keys' split rounds by a record).
    const auto r = simulate_text(R"(name: one hot key among many
duration: 600s
workload:
  hot: { rate: 1500/s, arrivals: deterministic, record_size: 1KB, batch: 1s, keys: {count: 1} }
  rest: { rate: 300/s, arrivals: deterministic, record_size: 1KB, batch: 1s, keys: {count: 1000000, dist: uniform} }
components: { table: { service: dynamodb, wcu: 3000, rcu: 0, max_retries: 0 } }
flows: [hot -> table, rest -> table]
)");
    const auto& t = component(r, "table");
    CHECK(static_cast<double>(t.throttled) == doctest::Approx(329500).epsilon(1e-5));
    CHECK(usage_of(t, "isolated_items") == 1);
  }
}

TEST_CASE("dynamodb hot items: the diagnosis says no WCU fixes one key hotter than a partition") {
  // As above, with retries: the key's 1,500/s are 1.5 times what a
  // partition takes, so more WCU (more partitions) is never tried and write
  // sharding at the source is the fix.
  const std::string yaml = R"(name: one hot key
duration: 10m
workload: { writes: { rate: 1500/s, record_size: 1KB, batch: 1s, keys: {count: 1} } }
components: { table: { service: dynamodb, wcu: 3000, rcu: 0 } }
flows: [writes -> table]
requirements:
  max_dropped: 0
)";
  auto loaded = scenario::load_scenario_text(yaml, "hot.yaml");
  REQUIRE(loaded.ok());
  run::RunResult r = run::simulate(*loaded.scenario);
  analysis::find_bottlenecks(*loaded.scenario, r);
  REQUIRE_FALSE(r.bottlenecks.empty());
  const run::Bottleneck& top = r.bottlenecks.front();
  CHECK(top.component == "table");
  REQUIRE_FALSE(top.hot_keys.empty());
  CHECK(top.hot_keys.front().peak_per_s == doctest::Approx(1500));
  CHECK(top.key_beyond_unit);
  CHECK(report::finding_sentence(top).find("no number of partitions fixes it") != std::string::npos);
  for (const auto& f : top.fixes) CHECK(f.lever != "wcu");
  REQUIRE(top.fix >= 0);
  CHECK(top.fixes[static_cast<std::size_t>(top.fix)].moves.front().key == "key_suffixes");
}

// DynamoDB reads against the AWS documents: read units of 4 KB, eventually
// consistent at half and transactional at double (developer guide
// read-write-operations.html, catalog dynamodb.read_unit.*); provisioned RCU
// with its 300 s of burst; a partition's ceiling shared linearly by reads and
// writes (reads / 3,000 + writes / 1,000 <= 1, catalog
// dynamodb.partition.read_units_per_s); on-demand reads from 12,000 RRU/s,
// doubling the previous peak after 30 minutes (warm-throughput-scenarios.html,
// on-demand-capacity-mode.html); the price of read request units; a read
// ends at the table; explain's figures for a mix of reads and writes.
#include <doctest/doctest.h>

#include <cmath>
#include <string>

#include "archsim/analysis/static_explain.hpp"
#include "archsim/scenario/catalog_loader.hpp"
#include "support/simulate.hpp"

using namespace archsim;
using archsim::testing::dropped_as;
using testing::component;
using testing::simulate_text;
using testing::usage_of;

namespace {

std::string with(std::string yaml, const std::string& slot, const std::string& text) {
  yaml.replace(yaml.find(slot), slot.size(), text);
  return yaml;
}


}  // namespace

TEST_CASE("dynamodb reads: read units per started 4 KB, halved when eventually consistent, doubled in a transaction") {
  // AWS's own example (read-write-operations.html): an item of 3.5 KB takes 1
  // read unit strongly consistent, 0.5 eventually consistent, 2 in a
  // transaction; 8 KB takes 2, 1 and 4. Billed on demand at $0.125 per
  // million read request units (catalog dynamodb.price.on_demand_read_per_million_usd).
  // 100 reads/s for 100 s, evenly spaced: 10,000 reads (the last one at the end).
  const std::string yaml = R"(name: read units
duration: 100s
workload: { readers: { kind: reads, CONSISTENCY rate: 100/s, arrivals: deterministic, record_size: SIZE } }
components: { table: { service: dynamodb, mode: on_demand } }
flows: [readers -> table]
)";
  struct Case {
    const char* consistency;
    const char* size;
    double units;
  };
  for (const Case c : {Case{"", "3.5KiB", 0.5}, Case{"consistency: eventual,", "3.5KiB", 0.5},
                       Case{"consistency: strong,", "3.5KiB", 1}, Case{"consistency: transactional,", "3.5KiB", 2},
                       Case{"consistency: eventual,", "8KiB", 1}, Case{"consistency: strong,", "8KiB", 2},
                       Case{"consistency: transactional,", "8KiB", 4}}) {
    CAPTURE(c.consistency);
    CAPTURE(c.size);
    const auto r = simulate_text(with(with(yaml, "CONSISTENCY", c.consistency), "SIZE", c.size));
    const auto& t = component(r, "table");
    const double reads = static_cast<double>(t.records_in);
    CHECK(reads == doctest::Approx(10000).epsilon(0.0002));
    CHECK(t.throttled == 0);
    CHECK(usage_of(t, "read_units_consumed") == doctest::Approx(reads * c.units));
    CHECK(usage_of(t, "write_units_consumed") == 0);
    CHECK(t.cost_usd == doctest::Approx(reads * c.units * 0.125 / 1e6).epsilon(1e-9));
  }
}

TEST_CASE("dynamodb reads: a read of varying size takes the read units of its own size") {
  // Reads of 2 to 6 KB (uniform, 2,000 to 6,000 bytes), strongly consistent:
  // ceil(size / 4,096) is 1 below 4,096 bytes and 2 above, so a read takes
  // 1 + P(size > 4,096) = 1 + (6,000 - 4,096) / 4,000 = 1.476 units on
  // average, not the mean size's 1. Batched and one by one agree.
  const std::string yaml = R"(name: varying reads
duration: 200s
workload: { readers: { kind: reads, consistency: strong, rate: 500/s, arrivals: deterministic,
                       record_size: {dist: uniform, min: 2KB, max: 6KB} BATCH } }
components: { table: { service: dynamodb, mode: on_demand } }
flows: [readers -> table]
)";
  for (const char* batch : {"", ", batch: 100ms"}) {
    CAPTURE(batch);
    const auto r = simulate_text(with(yaml, "BATCH", batch));
    const auto& t = component(r, "table");
    CHECK(usage_of(t, "read_units_consumed") / static_cast<double>(t.records_in) ==
          doctest::Approx(1.476).epsilon(0.01));
  }
}

TEST_CASE("dynamodb reads: provisioned RCU serves its rate plus 300 s of saved burst, then throttles") {
  // rcu 1,000, wcu 1: one partition (ceil(1,000 / 3,000 + 1 / 1,000) = 1),
  // whose ceiling of 3,000 read units/s is not what binds. 1,500 strongly
  // consistent reads/s of 4 KiB (1 unit each) for 1,200 s, no retries: the
  // RCU pool starts with 300 s x 1,000 = 300,000 saved units, spent at the
  // 500/s excess for 600 s; then 1,000/s. Served: 600 x 1,500 + 600 x 1,000
  // = 1,500,000 of 1,800,000; the other 300,000 are throttled and dropped.
  const auto r = simulate_text(R"(name: rcu burst
duration: 1200s
metrics_interval: 60s
workload: { readers: { kind: reads, consistency: strong, rate: 1500/s, arrivals: deterministic, record_size: 4KiB,
                       keys: {count: 1} } }
components: { table: { service: dynamodb, wcu: 1, rcu: 1000, max_retries: 0 } }
flows: [readers -> table]
)");
  const auto& t = component(r, "table");
  const double served = static_cast<double>(t.records_in - t.dropped);
  CHECK(served == doctest::Approx(1'500'000).epsilon(0.002));
  CHECK(static_cast<double>(dropped_as(t, "reads_throttled_after_retries")) == doctest::Approx(300'000).epsilon(0.01));
  CHECK(t.throttled == t.dropped);
  // Every refusal was the table's RCU, none the partition's ceiling.
  std::uint64_t by_rcu = 0;
  for (const auto& [resource, n] : t.throttled_by)
    if (resource == "provisioned_reads") by_rcu = n;
  CHECK(by_rcu == t.throttled);
  const auto& out = t.series.records_out_per_s;
  REQUIRE(out.size() == 20);
  CHECK(out[5] == doctest::Approx(1500).epsilon(0.002));   // 300 s .. 360 s: on the burst credit
  CHECK(out[15] == doctest::Approx(1000).epsilon(0.002));  // 900 s .. 960 s: the RCU alone
}

TEST_CASE("dynamodb reads: a partition's ceiling is shared linearly by reads and writes") {
  // One key, so one partition takes everything; the table's WCU (1,000) and
  // RCU (3,000) are not what binds. 600 writes/s of 1 KB (600 write units)
  // alone fit its 1,000 WU/s; 1,500 strongly consistent reads/s of 4 KiB
  // (1,500 read units, a half of its 3,000 RU/s) alone fit too. Together
  // 600 / 1,000 + 1,500 / 3,000 = 1.1 > 1: the partition serves writes +
  // reads / 3 = 1,000 a second (plus the 1,000 its full bucket starts with),
  // and refuses the rest. 60 s, no retries.
  const std::string yaml = R"(name: linear partition
duration: 60s
workload:
  WRITERS
  READERS
components: { table: { service: dynamodb, wcu: 1000, rcu: 3000, max_retries: 0 } }
flows: [FLOWS]
)";
  const std::string writers = "writers: { rate: 600/s, arrivals: deterministic, record_size: 1KB, keys: {count: 1} }";
  const std::string readers =
      "readers: { kind: reads, consistency: strong, rate: 1500/s, arrivals: deterministic, record_size: 4KiB, "
      "keys: {count: 1} }";
  auto run = [&](bool w, bool r) {
    std::string flows = w && r ? "writers -> table, readers -> table" : w ? "writers -> table" : "readers -> table";
    return simulate_text(with(with(with(yaml, "WRITERS", w ? writers : ""), "READERS", r ? readers : ""), "FLOWS", flows));
  };
  CHECK(component(run(true, false), "table").throttled == 0);
  CHECK(component(run(false, true), "table").throttled == 0);
  const auto both = run(true, true);
  const auto& t = component(both, "table");
  CHECK(t.throttled > 0);
  const double write_units = usage_of(t, "write_units_consumed");
  const double read_units = usage_of(t, "read_units_consumed");
  CHECK(write_units + read_units / 3 == doctest::Approx(60.0 * 1000 + 1000).epsilon(0.005));
}

TEST_CASE("dynamodb reads: on demand serves 12,000 read units/s at once, then double the peak after 30 minutes") {
  // A new on-demand table serves 12,000 RRU/s (catalog
  // dynamodb.on_demand.initial_read_units_per_s). 16,000 strongly consistent
  // reads/s of 4 KiB (16,000 RRU/s): 12,000/s pass until the first second at
  // 12,000 is 30 minutes old; then the ceiling is 24,000 and all pass. Its
  // partitions: ceil(4,000 / 1,000 + 12,000 / 3,000) = 8 at first, 12 after.
  const auto r = simulate_text(R"(name: on-demand reads
duration: 1h
metrics_interval: 5m
workload: { readers: { kind: reads, consistency: strong, rate: 16000/s, record_size: 4KiB, batch: 10ms } }
components: { table: { service: dynamodb, mode: on_demand } }
flows: [readers -> table]
)");
  const auto& t = component(r, "table");
  const auto& out = t.series.records_out_per_s;
  REQUIRE(out.size() == 12);
  for (std::size_t i = 1; i < 6; ++i) CHECK(out[i] == doctest::Approx(12000).epsilon(0.01));
  for (std::size_t i = 7; i < 12; ++i) CHECK(out[i] == doctest::Approx(16000).epsilon(0.01));
  CHECK(usage_of(t, "partitions") == 12);
  // Billed per read request unit: 1 a read, $0.125 a million.
  CHECK(t.cost_usd == doctest::Approx(usage_of(t, "read_units_consumed") * 0.125 / 1e6).epsilon(1e-9));
}

TEST_CASE("dynamodb reads: throttled reads are retried, then dropped with their own reason, holding no writer back") {
  // rcu 10, 100 strongly consistent reads/s of 4 KiB: the 3,000 saved units
  // last about 33 s, then 90/s are refused. Retried up to twice, the excess
  // is dropped as reads_throttled_after_retries; every attempt refused counts
  // as throttled, so throttled > dropped.
  const auto r = simulate_text(R"(name: read retries
duration: 300s
workload:
  readers: { kind: reads, consistency: strong, rate: 100/s, record_size: 4KiB }
  writers: { rate: 10/s, record_size: 1KB }
components: { table: { service: dynamodb, wcu: 100, rcu: 10, max_retries: 2 } }
flows: [readers -> table, writers -> table]
)");
  const auto& t = component(r, "table");
  const std::uint64_t dropped = dropped_as(t, "reads_throttled_after_retries");
  CHECK(dropped > 0);
  CHECK(t.throttled > dropped);
  CHECK(dropped_as(t, "throttled_after_retries") == 0);  // the writes all fit their WCU
  // About (300 - 33) s x 90/s refused for good, give or take what the retries catch.
  CHECK(static_cast<double>(dropped) == doctest::Approx(267.0 * 90).epsilon(0.05));
}

TEST_CASE("dynamodb reads: a read ends at the table, delivered at the end of its path or absorbed before its flows") {
  // A serving table read by an API: 200 reads/s end at the table. As the end
  // of its path, a read is delivered there and its path latency is the
  // read's (5 ms mean by default). Where the table's flows carry its writes
  // on (to a sink standing for a change consumer), the reads are absorbed
  // and only the writes go on.
  const auto sink = simulate_text(R"(name: serving table
duration: 60s
workload: { api: { kind: reads, rate: 200/s, record_size: 2KB } }
components: { table: { service: dynamodb, wcu: 10, rcu: 100 } }
flows: [api -> table]
)");
  const auto& t = component(sink, "table");
  // Every read is delivered but those still within their latency at the end.
  CHECK(t.records_out + t.in_flight == t.records_in);
  CHECK(sink.accounting.delivered == t.records_out);
  REQUIRE(sink.paths.size() == 1);
  CHECK(sink.paths[0].latency.mean == doctest::Approx(0.005).epsilon(0.1));

  const auto on = simulate_text(R"(name: table with a consumer
duration: 60s
workload:
  api: { kind: reads, rate: 200/s, record_size: 2KB }
  writers: { rate: 20/s, record_size: 1KB }
components:
  table: { service: dynamodb, wcu: 100, rcu: 100 }
  changes: { service: sink }
flows: [api -> table, writers -> table -> changes]
)");
  const auto& u = component(on, "table");
  const auto& c = component(on, "changes");
  CHECK(c.records_in == u.records_out);
  CHECK(u.absorbed + u.records_out + u.in_flight == u.records_in);
  CHECK(static_cast<double>(u.absorbed) == doctest::Approx(200.0 * 60).epsilon(0.05));
  CHECK(static_cast<double>(c.records_in) == doctest::Approx(20.0 * 60).epsilon(0.2));
}

TEST_CASE("dynamodb reads: explain sizes a provisioned table by the mix of reads and writes") {
  // 1,000 writes/s of 1 KB (1 write unit) and 1,000 strongly consistent
  // reads/s of 4 KiB (1 read unit) on wcu 1,000, rcu 3,000: ceil(3,000 /
  // 3,000 + 1,000 / 1,000) = 2 partitions. Half the records are reads. Per
  // record of the mix: 0.5 write units and 0.5 read units. Limits, in
  // records/s of the mix: the WCU 1,000 / 0.5 = 2,000; the RCU 3,000 / 0.5 =
  // 6,000; the partitions' linear ceiling 2 x 1,000 / (0.5 + 0.5 / 3) =
  // 3,000. Capacity 2,000/s, utilization 2,000 / 2,000 = 100%. A month:
  // 730 h x (1,000 x $0.00065 + 3,000 x $0.00013) = $759.20.
  auto loaded = scenario::load_scenario_text(R"(name: mix
duration: 1h
workload:
  writers: { rate: 1000/s, arrivals: deterministic, record_size: 1KB }
  readers: { kind: reads, consistency: strong, rate: 1000/s, arrivals: deterministic, record_size: 4KiB }
components: { table: { service: dynamodb, wcu: 1000, rcu: 3000 } }
flows: [writers -> table, readers -> table]
)",
                                             "mix.yaml");
  REQUIRE(loaded.ok());
  const auto e = analysis::explain_statically(*loaded.scenario, scenario::builtin_catalog());
  REQUIRE(e.components.size() == 1);
  const auto& c = e.components[0];
  CHECK(c.units == 2);
  CHECK(c.capacity == doctest::Approx(2000));
  CHECK(c.unit_capacity == doctest::Approx(1000 / (0.5 + 0.5 / 3)));
  CHECK(c.monthly_usd == doctest::Approx(759.20).epsilon(1e-6));
  CHECK(c.limit.find("3,000 RCU") != std::string::npos);
}

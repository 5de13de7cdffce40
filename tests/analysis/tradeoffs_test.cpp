// The levers weighed by archsim explain's figures against hand arithmetic
// from the catalog's prices.
#include <doctest/doctest.h>

#include <string>

#include "archsim/analysis/tradeoffs.hpp"
#include "archsim/report/findings.hpp"
#include "support/simulate.hpp"

using namespace archsim;

namespace {

run::RunResult weighed(const std::string& yaml) {
  auto loaded = scenario::load_scenario_text(yaml, "tradeoffs.yaml");
  REQUIRE(loaded.ok());
  run::RunResult r;  // the levers need only the scenario
  analysis::find_tradeoffs(*loaded.scenario, r);
  return r;
}

const run::Tradeoff* lever(const run::RunResult& r, const std::string& words) {
  for (const auto& t : r.tradeoffs)
    if (report::tradeoff_sentence(t).find(words) != std::string::npos) return &t;
  return nullptr;
}

// A table written 10 times a second with 1,000 WCU provisioned.
const char* kQuietTable = R"(name: quiet table
duration: 1h
workload:
  writes: { rate: 10/s, record_size: 1KB }
components:
  table: { service: dynamodb, wcu: 1000, rcu: 5, item_size: 1KB }
flows: [writes -> table]
)";

}  // namespace

TEST_CASE("tradeoffs: a table written 10 times a second costs less on demand than with 1,000 WCU") {
  const auto r = weighed(kQuietTable);
  const auto* t = lever(r, "on-demand capacity (mode on_demand instead of provisioned)");
  REQUIRE(t);
  // Provisioned: 1,000 WCU x $0.00065 + 5 RCU x $0.00013 an hour for 730 h.
  // On demand: 10 writes/s of one unit for 2,628,000 s at $0.625 per million.
  // Storage is the same on both sides.
  const double provisioned = 1000 * 0.00065 * 730 + 5 * 0.00013 * 730;
  const double on_demand = 10.0 * 2628000 * 0.625 / 1e6;
  CHECK(t->monthly_usd_then - t->monthly_usd_now == doctest::Approx(on_demand - provisioned).epsilon(1e-6));
  CHECK(report::tradeoff_sentence(*t).find("-$458.55") != std::string::npos);
}

TEST_CASE("tradeoffs: the same queries over JSON read every column, ten times the bytes of Parquet at 10% of them") {
  const auto r = weighed(R"(name: one source
duration: 24h
workload:
  q: { kind: queries, rate: 1000/day, scan: { data: 1TiB, format: parquet, compression: snappy, columns: 0.1 } }
components:
  adhoc: { service: athena }
flows: [q -> adhoc]
)");
  const auto* t = lever(r, "scan.format json instead of parquet");
  REQUIRE(t);
  CHECK(t->monthly_usd_then / t->monthly_usd_now == doctest::Approx(10).epsilon(1e-3));
}

TEST_CASE("tradeoffs: a lever that changes nothing is not listed") {
  // A Firehose stream whose buffer always fills by size long before either
  // interval: 60 s or 300 s, its latency and bill are the same.
  const auto r = weighed(R"(name: full buffers
duration: 1h
workload:
  events: { rate: 100000/s, record_size: 1KB, batch: 1s }
components:
  archive: { service: firehose, buffer_size: 1MiB, buffer_interval: 300s }
  lake: { service: s3 }
flows: [events -> archive -> lake]
)");
  CHECK(lever(r, "buffer interval") == nullptr);
}

TEST_CASE("tradeoffs: on-demand against provisioned says where the two bills cross, by hand arithmetic") {
  SUBCASE("DynamoDB: 1,000 WCU against on-demand writes") {
    const auto r = weighed(kQuietTable);
    const auto* t = lever(r, "on-demand capacity (mode on_demand instead of provisioned)");
    REQUIRE(t);
    // Provisioned is flat: 1,000 WCU and 5 RCU for 730 h. On demand grows
    // by 2,628,000 writes a month for each write a second, at $0.625 per
    // million; storage is the same on both sides.
    const double provisioned = 1000 * 0.00065 * 730 + 5 * 0.00013 * 730;
    const double per_write_per_s = 2628000 * 0.625 / 1e6;
    CHECK(t->break_even_records_per_s == doctest::Approx(provisioned / per_write_per_s).epsilon(1e-6));
    CHECK(t->break_even_factor == doctest::Approx(provisioned / per_write_per_s / 10).epsilon(1e-6));
    CHECK(report::tradeoff_sentence(*t).find("the bills cross at about 289 records/s into 'table' (29 x today's mean "
                                             "load): below it on-demand capacity costs less, above it mode provisioned "
                                             "does") != std::string::npos);
  }
  SUBCASE("Kinesis: 10 shards against an on-demand stream") {
    const auto r = weighed(R"(name: small stream
duration: 1h
workload:
  events: { rate: 100/s, record_size: 1KiB }
components:
  stream: { service: kinesis, shards: 10 }
  sink: { service: delay, latency: 1ms }
flows: [events -> stream -> sink]
)");
    const auto* t = lever(r, "on-demand capacity (mode on_demand instead of provisioned)");
    REQUIRE(t);
    // Provisioned: 10 shard-hours an hour at $0.015, plus one 25 KiB PUT
    // payload unit a record at $0.014 per million. On demand: $0.04 a
    // stream-hour, plus each KiB-rounded record's bytes at $0.08 a GB in and
    // $0.04 a GB out to its one consumer.
    const double seconds = 730 * 3600.0;
    const double provisioned_fixed = 10 * 0.015 * 730, put_per_record = seconds * 0.014 / 1e6;
    const double on_demand_fixed = 0.04 * 730, gb_per_record = seconds * 1024 / 1073741824.0;
    const double crossing = (provisioned_fixed - on_demand_fixed) / (gb_per_record * (0.08 + 0.04) - put_per_record);
    CHECK(t->break_even_records_per_s == doctest::Approx(crossing).epsilon(1e-6));
    CHECK(report::tradeoff_sentence(*t).find("the bills cross at about 304 records/s into 'stream'") !=
          std::string::npos);
  }
}

// Each model's billing lines (Component::billed): the quantities its bill is
// made of, in the unit AWS's price list bills them, each with its cost over
// the run, summing to the component's cost_usd. Small cases worked out by
// hand from the catalog's us-east-1 prices; the shipped scenarios' lines are
// checked where they run (scenarios_test.cpp).
#include <doctest/doctest.h>

#include <cmath>
#include <string>

#include "archsim/report/reports.hpp"
#include "support/billed_lines.hpp"
#include "support/simulate.hpp"

using namespace archsim;
using testing::check_billed_lines;
using testing::component;
using testing::simulate_text;
using testing::usage_of;

namespace {

constexpr double kGiB = 1073741824.0, kTiB = kGiB * 1024;


const model::BilledQuantity& line(const run::ComponentResult& c, const std::string& unit) {
  for (const auto& q : c.billed)
    if (q.unit == unit) return q;
  FAIL("no billing line '" << unit << "' on " << c.name);
  return c.billed.front();
}

bool has_line(const run::ComponentResult& c, const std::string& unit) {
  for (const auto& q : c.billed)
    if (q.unit == unit) return true;
  return false;
}

// One component `c` fed by a source of `rate` records a second, for `duration`.
run::ComponentResult run_one(const std::string& spec, const std::string& source, const std::string& duration) {
  const auto r = simulate_text("name: billed\nduration: " + duration + "\nworkload:\n  w: { " + source +
                               " }\ncomponents:\n  c: " + spec + "\n  out: { service: sink }\nflows: [w -> c -> out]\n");
  const auto c = component(r, "c");
  check_billed_lines(c);
  return c;
}

// One query source into one query engine, for two hours: one query, at 1 h.
run::RunResult run_queries(const std::string& source, const std::string& engine) {
  return simulate_text("name: billed\nduration: 2h\nworkload:\n  analysts: " + source + "\ncomponents:\n  dw: " + engine +
                       "\nflows: [analysts -> dw]\n");
}

// 1,000 records of 1 KB a second, keyed evenly, in one-second batches.
const std::string kThousand =
    "rate: 1000/s, arrivals: deterministic, batch: 1s, record_size: 1KB, keys: { count: 1000000, dist: uniform }";

}  // namespace

TEST_CASE("billed: a provisioned Kinesis stream bills shard-hours and million PUT payload units") {
  // 4 shards for 1 h = 4 shard-hours at $0.015 = $0.06. 3.6 million records
  // of 1 KB, one 25 KiB payload unit each: 3.6 million units at $0.014 =
  // $0.0504. Nothing retrieved is billed on shared-throughput reads.
  const auto c = run_one("{ service: kinesis, shards: 4 }", kThousand, "1h");
  CHECK(c.billed.size() == 2);
  CHECK(line(c, "shard-hours").amount == doctest::Approx(4));
  CHECK(line(c, "shard-hours").usd == doctest::Approx(0.06));
  CHECK(line(c, "million PUT payload units (25 KiB)").amount == doctest::Approx(3.6).epsilon(1e-3));
  CHECK(line(c, "million PUT payload units (25 KiB)").usd == doctest::Approx(0.0504).epsilon(1e-3));
}

TEST_CASE("billed: Kinesis enhanced fan-out and retention beyond 24 hours add their own lines") {
  // Enhanced fan-out: 1 consumer on each of 4 shards for 1 h = 4
  // consumer-shard-hours at $0.015 = $0.06, and the GB it reads at $0.013.
  // Retention of 48 h: 4 shard-hours of extended retention at $0.02 = $0.08.
  const auto c = run_one("{ service: kinesis, shards: 4, consumers: enhanced, retention: 48h }", kThousand, "1h");
  CHECK(line(c, "consumer-shard-hours").usd == doctest::Approx(0.06));
  CHECK(line(c, "shard-hours of extended retention").amount == doctest::Approx(4));
  CHECK(line(c, "shard-hours of extended retention").usd == doctest::Approx(0.08));
  const auto& read = line(c, "GB retrieved by enhanced fan-out");
  CHECK(read.amount == doctest::Approx(usage_of(c, "read_bytes") / kGiB));
  CHECK(read.usd == doctest::Approx(read.amount * 0.013));
  CHECK_FALSE(has_line(c, "GB-months of long-term retention"));
  // On demand, 30 days: the data kept from 24 h to 7 days at $0.10 a
  // GB-month, and beyond 7 days at $0.023. A steady 1 MB/s keeps 6 days' and
  // 23 days' worth, billed as a month of that level for the hour's share.
  const auto d = run_one("{ service: kinesis, mode: on_demand, retention: 30d }", kThousand, "1h");
  const double gb_per_day = 1e6 * 86400 / kGiB, month_share = 1.0 / 730;
  const auto& extended = line(d, "GB-months of extended retention");
  CHECK(extended.amount == doctest::Approx(6 * gb_per_day * month_share).epsilon(1e-3));
  CHECK(extended.usd == doctest::Approx(extended.amount * 0.10));
  const auto& long_term = line(d, "GB-months of long-term retention");
  CHECK(long_term.amount == doctest::Approx(23 * gb_per_day * month_share).epsilon(1e-3));
  CHECK(long_term.usd == doctest::Approx(long_term.amount * 0.023));
}

TEST_CASE("billed: an on-demand Kinesis stream bills stream-hours, GB ingested and GB retrieved") {
  // 1 stream-hour at $0.04. 3.6 million records of 1,000 bytes, each rounded
  // up to 1 KiB: 3.6e6 x 1,024 / 2^30 = 3.43 GB ingested at $0.08 = $0.27;
  // each consumer's reads at $0.04 a GB.
  const auto c = run_one("{ service: kinesis, mode: on_demand }", kThousand, "1h");
  CHECK(line(c, "stream-hours").amount == doctest::Approx(1));
  CHECK(line(c, "stream-hours").usd == doctest::Approx(0.04));
  const auto& in = line(c, "GB ingested (records rounded up to 1 KiB)");
  CHECK(in.amount == doctest::Approx(3.6e6 * 1024 / kGiB).epsilon(1e-3));
  CHECK(in.usd == doctest::Approx(in.amount * 0.08));
  CHECK(line(c, "GB retrieved").usd == doctest::Approx(line(c, "GB retrieved").amount * 0.04));
}

TEST_CASE("billed: Firehose bills GB ingested, each record rounded up to 5 KiB") {
  // 100 records of 1 KB a second for 1 h: 360,000 records x 5 KiB = 1.72 GB
  // at $0.029 (the first tier) = $0.0498.
  const auto c = run_one("{ service: firehose }", "rate: 100/s, arrivals: deterministic, record_size: 1KB", "1h");
  REQUIRE(c.billed.size() == 1);
  CHECK(c.billed[0].unit == "GB ingested (records rounded up to 5 KiB)");
  CHECK(c.billed[0].amount == doctest::Approx(360000 * 5120 / kGiB).epsilon(1e-3));
  CHECK(c.billed[0].usd == doctest::Approx(360000 * 5120 / kGiB * 0.029).epsilon(1e-3));
}

TEST_CASE("billed: a provisioned DynamoDB table bills WCU-hours, RCU-hours and GB-months beyond the free 25") {
  // 1,000 WCU for 1 h = 1,000 WCU-hours at $0.00065 = $0.65; 500 RCU-hours
  // at $0.00013 = $0.065. 125 GB stored, 25 free: 100 GB for 1 h of a
  // 730-hour month = 0.137 GB-months at $0.25 = $0.0342.
  const auto c = run_one("{ service: dynamodb, wcu: 1000, rcu: 500, storage: 125GiB }",
                         "rate: 200/s, arrivals: deterministic, record_size: 1KB", "1h");
  CHECK(line(c, "WCU-hours").amount == doctest::Approx(1000));
  CHECK(line(c, "WCU-hours").usd == doctest::Approx(0.65));
  CHECK(line(c, "RCU-hours").usd == doctest::Approx(0.065));
  CHECK(line(c, "GB-months stored (beyond the free allowance)").amount == doctest::Approx(100.0 / 730));
  CHECK(line(c, "GB-months stored (beyond the free allowance)").usd == doctest::Approx(100.0 / 730 * 0.25));
}

TEST_CASE("billed: an on-demand DynamoDB table bills million write request units, its indexes' with them") {
  // 200 items of 1 KB a second for 1 h: 720,000 write request units, and as
  // many again for an index every item lands in: 1.44 million at $0.625 =
  // $0.90. Nothing read, nothing stored past the free 25 GB: no such lines.
  const auto c = run_one("{ service: dynamodb, mode: on_demand, gsis: { by_kind: {} } }",
                         "rate: 200/s, arrivals: deterministic, record_size: 1KB", "1h");
  REQUIRE(c.billed.size() == 1);
  CHECK(c.billed[0].unit == "million write request units");
  CHECK(c.billed[0].amount == doctest::Approx(1.44).epsilon(1e-3));
  CHECK(c.billed[0].usd == doctest::Approx(0.90).epsilon(1e-3));
}

TEST_CASE("billed: Lambda bills million requests and GB-seconds") {
  // Every invocation runs 100 ms at 128 MB (0.125 GB): 0.0125 GB-seconds at
  // $0.0000166667, and $0.20 per million requests.
  const auto c = run_one("{ service: lambda, shards: 2, duration: 100ms, batch_size: 100 }",
                         "rate: 1000/s, arrivals: deterministic, keys: { count: 1000000, dist: uniform }", "60s");
  const double invocations = usage_of(c, "invocations");
  CHECK(line(c, "million requests").amount == doctest::Approx(invocations / 1e6));
  CHECK(line(c, "million requests").usd == doctest::Approx(invocations * 0.20 / 1e6));
  CHECK(line(c, "GB-seconds").amount == doctest::Approx(invocations * 0.0125));
  CHECK(line(c, "GB-seconds").usd == doctest::Approx(invocations * 0.0125 * 0.0000166667));
}

TEST_CASE("billed: a Flink application bills KPU-hours with the orchestration KPU, and running storage") {
  // kpu: 4 for 1 h, plus the orchestration KPU: 5 KPU-hours at $0.11 =
  // $0.55. 50 GB of running storage a KPU: 200 GB for 1 h of 730 = 0.274
  // GB-months at $0.10 = $0.0274.
  const auto c = run_one("{ service: flink, kpu: 4, cost_per_record: 10us }", kThousand, "1h");
  CHECK(line(c, "KPU-hours (with the orchestration KPU)").amount == doctest::Approx(5));
  CHECK(line(c, "KPU-hours (with the orchestration KPU)").usd == doctest::Approx(0.55));
  CHECK(line(c, "GB-months of running storage").amount == doctest::Approx(200.0 / 730));
  CHECK(line(c, "GB-months of running storage").usd == doctest::Approx(200.0 / 730 * 0.10));
}

TEST_CASE("billed: an S3 bucket bills PUT requests (per 1,000) and GB-months stored") {
  // 10 objects of 1 MB a second for 1 h: 36,000 PUTs (but the one still
  // being written at the end) at $0.005 per 1,000 = $0.18. 1 TiB held
  // all hour, plus what the hour writes: about 1,040 GB for 1 h of 730 =
  // 1.42 GB-months at $0.023.
  const auto c = run_one("{ service: s3, existing: 1TiB }", "rate: 10/s, arrivals: deterministic, record_size: 1MB", "1h");
  CHECK(line(c, "PUT requests").amount == usage_of(c, "put_requests"));
  CHECK(line(c, "PUT requests").amount == doctest::Approx(36000).epsilon(1e-3));
  CHECK(line(c, "PUT requests").usd == doctest::Approx(0.18).epsilon(1e-3));
  const auto& stored = line(c, "GB-months stored");
  CHECK(stored.amount == doctest::Approx(usage_of(c, "stored_gb_months")));
  CHECK(stored.usd == doctest::Approx(stored.amount * 0.023));
}

TEST_CASE("billed: a Glue job bills DPU-hours of its runs, crawler DPU-hours and Data Catalog objects") {
  // Crawls hourly on 2 DPUs, each billed its 10-minute minimum: 24 x 2 x
  // 10/60 = 8 crawler DPU-hours at $0.44 = $3.52. 2 million catalog objects,
  // the first million free: a million objects for 24 h of 730 = 32,877
  // object-months at $1 per 100,000 = $0.33.
  const auto c = run_one(
      "{ service: glue, workers: 2, schedule: every 6h, crawler_runs: 24/day, crawler_time: 5m, catalog_objects: 2000000 }",
      "rate: 50/s, arrivals: deterministic, record_size: 2KB, batch: 1s", "1d");
  CHECK(line(c, "DPU-hours of job runs").amount == doctest::Approx(usage_of(c, "dpu_hours")));
  CHECK(line(c, "DPU-hours of job runs").usd == doctest::Approx(usage_of(c, "dpu_hours") * 0.44));
  CHECK(line(c, "crawler DPU-hours").amount == doctest::Approx(8));
  CHECK(line(c, "crawler DPU-hours").usd == doctest::Approx(3.52));
  CHECK(line(c, "object-months of Data Catalog storage (beyond the free million)").amount == doctest::Approx(1e6 * 24 / 730));
  CHECK(line(c, "object-months of Data Catalog storage (beyond the free million)").usd == doctest::Approx(10.0 * 24 / 730));
}

TEST_CASE("billed: EMR bills instance-hours to EC2 and to EMR, or Serverless vCPU-hours and GB-hours") {
  // 3 m5.xlarge kept up for 2 h = 6 instance-hours: $0.192 each to EC2
  // ($1.152) and $0.048 each to EMR ($0.288).
  const std::string source = "rate: 50/s, arrivals: deterministic, record_size: 2KB, batch: 1s";
  const auto persistent = run_one("{ service: emr, cluster: persistent, instances: 3, schedule: every 1h }", source, "2h");
  CHECK(line(persistent, "EC2 instance-hours").amount == doctest::Approx(6));
  CHECK(line(persistent, "EC2 instance-hours").usd == doctest::Approx(1.152));
  CHECK(line(persistent, "EMR instance-hours").usd == doctest::Approx(0.288));
  // Serverless workers of 4 vCPUs and 16 GB: vCPU-hours and GB-hours while they run.
  const auto serverless = run_one("{ service: emr, cluster: serverless, instances: 3, schedule: every 1h }", source, "2h");
  CHECK_FALSE(has_line(serverless, "EC2 instance-hours"));
  CHECK(line(serverless, "vCPU-hours").amount == doctest::Approx(4 * line(serverless, "GB-hours of memory").amount / 16));
  CHECK(line(serverless, "vCPU-hours").usd == doctest::Approx(line(serverless, "vCPU-hours").amount * 0.052624));
}

TEST_CASE("billed: a Redshift cluster bills node-hours and managed storage, Serverless RPU-hours") {
  // 2 ra3.4xlarge nodes for 2 h = 4 node-hours at $3.26 = $13.04; the
  // table's GB-months of managed storage at $0.024.
  const std::string source = "{ kind: queries, rate: 1/h, arrivals: deterministic, scan: { data: 3MiB } }";
  const auto provisioned = run_queries(source, "{ service: redshift, node_type: ra3.4xlarge, nodes: 2 }");
  const auto& c = component(provisioned, "dw");
  check_billed_lines(c);
  CHECK(line(c, "node-hours").amount == doctest::Approx(4));
  CHECK(line(c, "node-hours").usd == doctest::Approx(13.04));
  CHECK(line(c, "GB-months of managed storage").usd == doctest::Approx(line(c, "GB-months of managed storage").amount * 0.024));
  // One query of 3,600 GiB read at 1 GiB/s on 4 RPUs, from 1 h to 2 h: 4
  // RPU-hours at $0.375 = $1.50.
  const auto serverless = run_queries(
      "{ kind: queries, rate: 1/h, arrivals: deterministic, scan: { data: 3600GiB, format: csv, compression: none } }",
      "{ service: redshift, serverless: true, base_rpu: 4, max_rpu: 4, tables: spectrum, overhead: 0s }");
  const auto& s = component(serverless, "dw");
  check_billed_lines(s);
  CHECK(line(s, "RPU-hours").amount == doctest::Approx(4));
  CHECK(line(s, "RPU-hours").usd == doctest::Approx(1.50));
  CHECK_FALSE(has_line(s, "node-hours"));
  CHECK_FALSE(has_line(s, "TiB scanned by Spectrum"));  // Serverless bills Spectrum in its RPUs
}

TEST_CASE("billed: Spectrum bills per TiB: a table written 3TB is 2.73 TiB, $13.64, and the report says what 3 TiB would cost") {
  // As Athena (athena_test.cpp): Spectrum's $5 per TB is per TiB, 2^40
  // bytes. `3TB` is 3 x 10^12 bytes = 2.7285 TiB, $13.64; had 3 TiB been
  // meant, $15.00. Read at Spectrum's 1 GiB/s, the query at 1 h ends before 2 h.
  const auto r = run_queries(
      "{ kind: queries, rate: 1/h, arrivals: deterministic, scan: { data: 3TB, format: csv, compression: none } }",
      "{ service: redshift, nodes: 2, tables: spectrum }");
  const auto& c = component(r, "dw");
  check_billed_lines(c);
  const auto& q = line(c, "TiB scanned by Spectrum");
  CHECK(q.amount == doctest::Approx(3e12 / kTiB).epsilon(1e-5));
  CHECK(q.usd == doctest::Approx(13.64).epsilon(1e-3));
  CHECK(q.decimal_input == "scan.data in TB");
  CHECK(q.amount_if_binary == doctest::Approx(3.0));
  CHECK(q.usd_if_binary == doctest::Approx(15.00));
  const std::string text = report::to_text(r);
  CHECK(text.find("dw (redshift): 2.73 TiB scanned by Spectrum, $13.64") != std::string::npos);
  CHECK(text.find("Note: scan.data in TB is a decimal size") != std::string::npos);
  CHECK(text.find("3 TiB scanned by Spectrum, $15.00") != std::string::npos);
  // Written in TiB, there is nothing to note.
  const auto binary = run_queries(
      "{ kind: queries, rate: 1/h, arrivals: deterministic, scan: { data: 3TiB, format: csv, compression: none } }",
      "{ service: redshift, nodes: 2, tables: spectrum }");
  const auto& b = line(component(binary, "dw"), "TiB scanned by Spectrum");
  CHECK(b.decimal_input.empty());
  CHECK(b.amount == doctest::Approx(3.0));
}

TEST_CASE("billed: Athena on a capacity reservation bills DPU-hours, not TiB scanned") {
  // 24 DPUs for 2 h = 48 DPU-hours at $0.30 = $14.40.
  const auto r = run_queries("{ kind: queries, rate: 100/h, scan: { data: 1TiB } }",
                             "{ service: athena, provisioned_dpus: 24 }");
  const auto& c = component(r, "dw");
  check_billed_lines(c);
  REQUIRE(c.billed.size() == 1);
  CHECK(c.billed[0].unit == "DPU-hours");
  CHECK(c.billed[0].amount == doctest::Approx(48));
  CHECK(c.billed[0].usd == doctest::Approx(14.40));
}

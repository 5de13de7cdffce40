// Athena against AWS's own pricing example, its billing rules (MB rounding, the
// 10 MB minimum), the active-query limit, the timeout and provisioned capacity.
#include <doctest/doctest.h>

#include <cmath>
#include <string>

#include "archsim/report/reports.hpp"
#include "support/simulate.hpp"

using namespace archsim;
using testing::component;
using testing::simulate_text;
using testing::usage_of;

namespace {

constexpr double kMiB = 1048576.0, kGiB = kMiB * 1024, kTiB = kGiB * 1024;

// One query source into one Athena workgroup.
std::string athena_scenario(const std::string& duration, const std::string& source, const std::string& athena) {
  return "name: athena\nduration: " + duration + "\nworkload:\n  analysts: " + source +
         "\ncomponents:\n  adhoc: " + athena + "\nflows: [analysts -> adhoc]\n";
}

// A single query (the first deterministic arrival comes one interval in).
run::ComponentResult one_query(const std::string& scan, const std::string& athena_keys = "") {
  const auto r = simulate_text(athena_scenario("90m", "{ kind: queries, rate: 1/h, arrivals: deterministic, scan: " + scan + " }",
                                               "{ service: athena, scan_rate: 100GiB/s" + athena_keys + " }"));
  const auto& c = component(r, "adhoc");
  REQUIRE(usage_of(c, "queries") == 1);
  return c;
}

}  // namespace

TEST_CASE("pricing example: Athena's 3 TB text table, $15 as text, $5 gzipped, $1.25 for one column of four in Parquet") {
  // aws.amazon.com/athena/pricing, "Example SQL query and note on compression"
  // (catalog source A9): a table of 4 equally sized columns stored as 3 TB of
  // uncompressed text; a query of one column scans all of it ($15); GZIP at
  // 3:1 makes it 1 TB ($5); Parquet with 3:1 compression reads only the one
  // column, 0.25 TB ($1.25). AWS's TB is the binary one its MB rounding uses.
  const auto text = one_query("{ data: 3TiB, format: csv, compression: none, columns: 0.25 }");
  CHECK(usage_of(text, "bytes_scanned") == doctest::Approx(3 * kTiB));
  CHECK(text.cost_usd == doctest::Approx(15.00));
  const auto gzipped = one_query("{ data: 3TiB, format: csv, compression: gzip, columns: 0.25 }");
  CHECK(usage_of(gzipped, "bytes_scanned") == doctest::Approx(1 * kTiB));
  CHECK(gzipped.cost_usd == doctest::Approx(5.00));
  const auto parquet = one_query("{ data: 3TiB, format: parquet, compression: gzip, columns: 0.25 }");
  CHECK(usage_of(parquet, "bytes_scanned") == doctest::Approx(0.25 * kTiB));
  CHECK(parquet.cost_usd == doctest::Approx(1.25));
}

TEST_CASE("athena bills each query's scan rounded up to the MB, and at least 10 MB") {
  // 1 MiB of Parquet at selectivity 1: 1 MiB scanned, 10 MiB billed.
  const auto tiny = one_query("{ data: 1MiB, compression: none, selectivity: 1 }");
  CHECK(usage_of(tiny, "bytes_scanned") == doctest::Approx(kMiB));
  CHECK(usage_of(tiny, "bytes_billed") == doctest::Approx(10 * kMiB));
  CHECK(tiny.cost_usd == doctest::Approx(10 * kMiB / kTiB * 5));
  // 21 MiB at selectivity 0.5 is 10.5 MiB scanned, billed as 11 MiB.
  const auto half = one_query("{ data: 21MiB, compression: none, selectivity: 0.5 }");
  CHECK(usage_of(half, "bytes_scanned") == doctest::Approx(10.5 * kMiB));
  CHECK(usage_of(half, "bytes_billed") == doctest::Approx(11 * kMiB));
}

TEST_CASE("athena reads whole rows of JSON but only the selected columns of Parquet, after partition pruning") {
  // 1 TiB raw; partitions keep 10%, columns 20%; snappy's catalog ratio 1.7.
  const auto json = one_query("{ data: 1TiB, format: json, compression: none, partitions: 0.1, columns: 0.2 }");
  CHECK(usage_of(json, "bytes_scanned") == doctest::Approx(0.1 * kTiB));
  const auto parquet = one_query("{ data: 1TiB, format: parquet, partitions: 0.1, columns: 0.2 }");
  CHECK(usage_of(parquet, "bytes_scanned") == doctest::Approx(0.1 * 0.2 * kTiB / 1.7));
  // A measured ratio replaces the catalog's.
  const auto measured = one_query("{ data: 1TiB, format: parquet, compression_ratio: 8, partitions: 0.1, columns: 0.2 }");
  CHECK(usage_of(measured, "bytes_scanned") == doctest::Approx(0.1 * 0.2 * kTiB / 8));
}

TEST_CASE("athena runs a query in start-up plus its scan at the scan rate") {
  // 10 GiB scanned at 2 GiB/s after a 3 s start-up: 8 s from arrival to answer.
  const auto r = simulate_text(athena_scenario(
      "90m", "{ kind: queries, rate: 1/h, arrivals: deterministic, scan: { data: 10GiB, compression: none } }",
      "{ service: athena, startup: 3s, scan_rate: 2GiB/s }"));
  REQUIRE(r.paths.size() == 1);
  CHECK(r.paths[0].latency.mean == doctest::Approx(8.0).epsilon(0.005));
}

TEST_CASE("athena holds queries beyond its concurrency limit until one finishes: D/D/2 falls behind at 1.5 x capacity") {
  // A query every second, each running 3 s, two at a time: 2/3 of a query
  // per second is answered; the rest wait. Over 600 s, 599 arrive (the first
  // one second in) and the two slots finish a query every 1.5 s from t = 4 s.
  const auto r = simulate_text(athena_scenario(
      "600s", "{ kind: queries, rate: 1/s, arrivals: deterministic, scan: { data: 3GiB, compression: none } }",
      "{ service: athena, concurrency_limit: 2, startup: 0s, scan_rate: 1GiB/s }"));
  const auto& c = component(r, "adhoc");
  CHECK(c.records_in == 599);
  // Slot A finishes at 4, 7, ..., slot B at 5, 8, ...: by t = 600 s, 199 + 199.
  CHECK(c.records_out == 398);
  CHECK(c.in_flight == 599 - 398);
  CHECK(r.accounting.generated == r.accounting.delivered + r.accounting.in_flight);
  CHECK(usage_of(c, "queries_waited") == doctest::Approx(599 - 2));
  CHECK(c.utilization_mean == doctest::Approx(1.0).epsilon(0.01));
}

TEST_CASE("athena cancels a query at its timeout: dropped, billed for what it read") {
  // 100 GiB at 1 GiB/s with a 1 s start-up needs 101 s; the timeout is 60 s,
  // so the query reads 59 GiB and is dropped with reason query_timeout.
  const auto r = simulate_text(athena_scenario(
      "90m", "{ kind: queries, rate: 1/h, arrivals: deterministic, scan: { data: 100GiB, compression: none } }",
      "{ service: athena, startup: 1s, scan_rate: 1GiB/s, timeout: 60s }"));
  const auto& c = component(r, "adhoc");
  CHECK(c.dropped == 1);
  REQUIRE(c.drops.size() == 1);
  CHECK(c.drops[0].reason == "query_timeout");
  CHECK(usage_of(c, "bytes_scanned") == doctest::Approx(59 * kGiB));
  CHECK(c.cost_usd == doctest::Approx(59 * kGiB / kTiB * 5));
}

TEST_CASE("athena on provisioned capacity: DPU-hours for the whole run, six queries at once on 24 DPUs") {
  const auto r = simulate_text(athena_scenario(
      "2h", "{ kind: queries, rate: 100/h, scan: { data: 1TiB } }", "{ service: athena, provisioned_dpus: 24 }"));
  const auto& c = component(r, "adhoc");
  CHECK(c.capacity == 6);
  CHECK(c.cost_usd == doctest::Approx(24 * 2 * 0.30));
  CHECK(usage_of(c, "bytes_billed") == 0);
  CHECK(usage_of(c, "bytes_scanned") > 0);
}

TEST_CASE("athena bills per TiB: a table written 3TB is 2.73 TiB, $13.64, and the report says what 3 TiB would cost") {
  // AWS's pricing example says "3 TB ... $15": its TB is the binary one, a
  // TiB of 2^40 bytes, and so is archsim's price (athena.price.tb_scanned_usd,
  // usd/TiB). A scenario's `3TB` is decimal: 3 x 10^12 bytes = 2.7285 TiB,
  // $13.64 at $5. Written `3TiB` it is AWS's example: 3 TiB, $15.00.
  const auto r = simulate_text(athena_scenario(
      "90m", "{ kind: queries, rate: 1/h, arrivals: deterministic, scan: { data: 3TB, format: csv, compression: none } }",
      "{ service: athena, scan_rate: 100GiB/s }"));
  const auto& c = component(r, "adhoc");
  CHECK(usage_of(c, "tib_scanned") == doctest::Approx(3e12 / kTiB));
  CHECK(usage_of(c, "tib_billed") == doctest::Approx(2.72848).epsilon(1e-5));
  CHECK(c.cost_usd == doctest::Approx(13.64).epsilon(1e-3));
  REQUIRE(c.billed.size() == 1);
  const auto& q = c.billed[0];
  CHECK(q.unit == "TiB scanned");
  CHECK(q.amount == doctest::Approx(2.72848).epsilon(1e-5));
  CHECK(q.decimal_input == "scan.data in TB");
  // Read as 3 TiB, the query is AWS's own example: $15.00.
  CHECK(q.amount_if_binary == doctest::Approx(3.0));
  CHECK(q.usd_if_binary == doctest::Approx(15.00));
  const std::string text = report::to_text(r);
  CHECK(text.find("adhoc (athena): 2.73 TiB scanned, $13.64") != std::string::npos);
  CHECK(text.find("Note: scan.data in TB is a decimal size") != std::string::npos);
  CHECK(text.find("3 TiB scanned, $15.00") != std::string::npos);

  // Written in TiB, there is nothing to note.
  const auto binary = one_query("{ data: 3TiB, format: csv, compression: none }");
  REQUIRE(binary.billed.size() == 1);
  CHECK(binary.billed[0].decimal_input.empty());
  CHECK(binary.billed[0].amount == doctest::Approx(3.0));
}

// The Redshift-vs-Athena answer against arithmetic done by hand from the
// catalog's prices: where the monthly bills cross in queries a day and in
// data size, and that simulating again at the crossing gives equal bills.
#include <doctest/doctest.h>

#include <cmath>
#include <string>

#include "archsim/analysis/query_engines.hpp"
#include "archsim/report/human.hpp"
#include "archsim/report/reports.hpp"
#include "support/simulate.hpp"

using namespace archsim;

TEST_CASE("analysis: the crossing of two linear bills") {
  // 100 + 2x = 400 + 0.5x at x = 200.
  CHECK(analysis::crossing(100, 2, 400, 0.5) == doctest::Approx(200));
  CHECK(analysis::crossing(400, 0.5, 100, 2) == doctest::Approx(200));
  // One is cheaper at every positive x: no crossing.
  CHECK(analysis::crossing(100, 1, 400, 2) == 0);
  CHECK(analysis::crossing(100, 1, 100, 1) == 0);
}

namespace {

// 1,000 queries a day, evenly spaced, each over a 1 TiB raw Parquet table
// with Snappy (1.7:1) reading 10% of it.
std::string scenario_text(const std::string& rate) {
  return "name: engines\nduration: 24h\nworkload:\n  bi:\n    kind: queries\n    rate: " + rate +
         "\n    arrivals: deterministic\n    scan: { data: 1TiB, selectivity: 0.1 }\n"
         "components:\n  warehouse: { service: redshift, node_type: ra3.4xlarge, nodes: 2 }\n"
         "  adhoc: { service: athena, scan_rate: 10GiB/s }\nflows: [bi -> warehouse, bi -> adhoc]\n";
}

constexpr double kTiB = 1099511627776.0, kGiB = 1073741824.0;
constexpr double kMonthHours = 730, kDaysPerMonth = 730.0 / 24;

}  // namespace

TEST_CASE("analysis: Athena and Redshift on the same queries cross where the hand arithmetic says") {
  auto loaded = scenario::load_scenario_text(scenario_text("1000/day"), "engines.yaml");
  REQUIRE(loaded.ok());
  run::RunResult r = run::simulate(*loaded.scenario);
  analysis::compare_query_engines(*loaded.scenario, r);
  REQUIRE(r.query_engines.size() == 1);
  const auto& q = r.query_engines[0];
  CHECK(q.athena == "adhoc");
  CHECK(q.redshift == "warehouse");
  CHECK(q.redshift_shape == "2 x ra3.4xlarge");
  // Deterministic arrivals: the first comes one interval in, so 999 arrive in the day.
  CHECK(q.queries_per_day == doctest::Approx(999));

  // Athena: 1 TiB / 1.7 x 10% scanned, rounded up to the MiB, at $5 per TiB.
  const double scanned = kTiB / 1.7 * 0.1;
  const double billed = std::ceil(scanned / 1048576.0) * 1048576.0;
  const double per_query = billed / kTiB * 5;
  CHECK(q.scanned_bytes_per_query == doctest::Approx(scanned));
  CHECK(q.table_bytes_per_query == doctest::Approx(kTiB));
  CHECK(q.athena_monthly_usd == doctest::Approx(999 * per_query * kDaysPerMonth).epsilon(1e-9));
  // Redshift: two nodes at $3.26 an hour, and the table in managed storage:
  // 1 TiB / 3 (its columnar ratio) = 341.33 GB at $0.024 a GB-month.
  const double nodes = 2 * 3.26 * kMonthHours;
  const double storage = kTiB / 3 / kGiB * 0.024;
  CHECK(q.redshift_fixed_monthly_usd == doctest::Approx(nodes + storage).epsilon(1e-9));
  CHECK(q.redshift_monthly_usd == doctest::Approx(nodes + storage).epsilon(1e-9));

  // The bills cross where per_query x q x days-a-month = nodes + storage.
  const double q_star = (nodes + storage) / (per_query * kDaysPerMonth);
  CHECK(q.break_even_queries_per_day == doctest::Approx(q_star).epsilon(1e-9));
  // In TB a month: Athena's $5 a TiB over what it scans a month at the
  // crossing pays for Redshift's nodes and storage (each query's scan is
  // rounded up to the MiB, hence the billed / scanned factor).
  CHECK(q.break_even_scanned_bytes_per_month / kTiB * 5 * (billed / scanned) ==
        doctest::Approx(nodes + storage).epsilon(1e-9));
  CHECK(q.scanned_bytes_per_month == doctest::Approx(scanned * 999 * kDaysPerMonth).epsilon(1e-9));
  // In data size at 999 a day: Athena's scans grow with the table, and so does
  // Redshift's storage; its nodes do not.
  const double athena_at_one = 999 * per_query * kDaysPerMonth;
  CHECK(q.break_even_data_factor == doctest::Approx(nodes / (athena_at_one - storage)).epsilon(1e-6));

  // Simulated again at the crossing: evenly spaced arrivals make the bills
  // equal to within a query's cost.
  REQUIRE(q.rerun);
  CHECK(q.rerun_queries_per_day == doctest::Approx(q_star).epsilon(1.5 / q_star));
  CHECK(std::abs(q.rerun_athena_monthly_usd - q.rerun_redshift_monthly_usd) <= 1.5 * per_query * kDaysPerMonth);

  // The text report says it in a sentence with the numbers.
  const std::string text = report::to_text(r);
  CHECK(text.find("Below about " + std::to_string(static_cast<long>(std::llround(q_star))) +
                  " queries a day of this shape (" + report::bytes(q.break_even_scanned_bytes_per_month) +
                  " scanned a month) Athena costs less; above it Redshift (2 x ra3.4xlarge) does, and its p99 is at "
                  "most") !=
        std::string::npos);
  CHECK(report::to_json(r).find("\"break_even_queries_per_day\"") != std::string::npos);
}

TEST_CASE("analysis: without a common query source there is nothing to compare") {
  auto loaded = scenario::load_scenario_text(
      "name: apart\nduration: 1h\nworkload:\n  a: { kind: queries, rate: 10/h, scan: { data: 1GB } }\n"
      "  b: { kind: queries, rate: 10/h, scan: { data: 1GB } }\n"
      "components:\n  w: { service: redshift }\n  x: { service: athena }\nflows: [a -> w, b -> x]\n",
      "apart.yaml");
  REQUIRE(loaded.ok());
  run::RunResult r = run::simulate(*loaded.scenario);
  analysis::compare_query_engines(*loaded.scenario, r);
  CHECK(r.query_engines.empty());
}

// The levers weighed by archsim explain's figures against hand arithmetic
// from the catalog's prices.
#include <doctest/doctest.h>

#include <string>

#include "archsim/analysis/tradeoffs.hpp"
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
    if (t.lever.find(words) != std::string::npos) return &t;
  return nullptr;
}

}  // namespace

TEST_CASE("tradeoffs: a table written 10 times a second costs less on demand than with 1,000 WCU") {
  const auto r = weighed(R"(name: quiet table
duration: 1h
workload:
  writes: { rate: 10/s, record_size: 1KB }
components:
  table: { service: dynamodb, wcu: 1000, rcu: 5, item_size: 1KB }
flows: [writes -> table]
)");
  const auto* t = lever(r, "on-demand capacity instead of 1,000 WCU");
  REQUIRE(t);
  // Provisioned: 1,000 WCU x $0.00065 + 5 RCU x $0.00013 an hour for 730 h.
  // On demand: 10 writes/s of one unit for 2,628,000 s at $0.625 per million.
  // Storage is the same on both sides.
  const double provisioned = 1000 * 0.00065 * 730 + 5 * 0.00013 * 730;
  const double on_demand = 10.0 * 2628000 * 0.625 / 1e6;
  CHECK(t->monthly_usd_then - t->monthly_usd_now == doctest::Approx(on_demand - provisioned).epsilon(1e-6));
  CHECK(t->verdict.find("-$458.55") != std::string::npos);
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
  const auto* t = lever(r, "over json instead of parquet");
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

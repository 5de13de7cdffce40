// The fix search on a batch job past its deadline: more workers are tried
// until its latest run ends in time, judged by how late that run ends (a
// batch job's p99 rises as a run that finishes at last delivers records a
// day old, which is no sign that a step did not help).
#include <doctest/doctest.h>

#include "archsim/analysis/explain.hpp"
#include "archsim/report/findings.hpp"
#include "archsim/scenario/loader.hpp"

using namespace archsim;

TEST_CASE("fix search: a nightly job late at twice its input gets the workers Amdahl's law says it needs") {
  // A day of 20,000 orders/s of 4 KB read at 02:00: 1.728e9 records, 6.912
  // TB. Glue processes 32 MiB/s per G.1X worker with 5% of the work serial,
  // after a 30 s start-up: one worker would take T1 = 6.912e12 / 2^25 s, and
  // n workers T1 x (0.05 + 0.95 / n). Ending by 06:00 leaves 14,370 s.
  const char* text = R"(name: nightly
seed: 5
duration: 31h
workload:
  orders: { rate: 20000/s, record_size: 4KB, batch: 10s }
components:
  nightly_etl: { service: glue, schedule: "daily at 02:00", workers: 20 }
  curated: { service: sink }
flows:
  - orders -> nightly_etl -> curated
requirements:
  completes_by: { nightly_etl: "06:00" }
)";
  auto loaded = scenario::load_scenario_text(text, "nightly.yaml");
  REQUIRE(loaded.ok());
  const run::RunResult r = analysis::run_and_explain(*loaded.scenario, 2);
  REQUIRE_FALSE(r.bottlenecks.empty());
  const run::Bottleneck& b = r.bottlenecks.front();
  CHECK(b.component == "nightly_etl");
  REQUIRE(b.fix >= 0);
  const run::FixTrial& fix = b.fixes[static_cast<std::size_t>(b.fix)];
  CHECK(fix.clears);
  CHECK(fix.late_by_s == 0);
  REQUIRE(fix.moves.size() == 1);
  const double t1 = 1.728e9 * 4000 / 33554432.0;
  const double least = 0.95 / (14370 / t1 - 0.05);  // 48.1
  CHECK(fix.moves[0].to >= std::ceil(least));
  CHECK(fix.moves[0].to <= std::ceil(least) * 1.25);  // and not far above it
  // The sentence speaks of the deadline, not of the p99.
  const std::string words = report::fix_sentence(b);
  CHECK(words.find("completes_by passes") != std::string::npos);
  CHECK(words.find("p99") == std::string::npos);
}

// A latency or freshness requirement holds on every path of its scope (all
// of them, unscoped), so a path that delivered nothing after the warm-up
// cannot be said to meet it, and a slow path outside the scope does not count.
#include <doctest/doctest.h>

#include <cmath>

#include "archsim/report/reports.hpp"
#include "archsim/report/whatif_reports.hpp"
#include "archsim/whatif/replications.hpp"
#include "support/realtime_batch.hpp"
#include "support/simulate.hpp"

using namespace archsim;
using testing::realtime_and_batch;

namespace {

// Orders reach a fast table at once, and an archive whose 5-minute buffer
// has not flushed yet when a 2-minute run ends.
std::string design(const std::string& duration) {
  return R"(name: fresh table, slow archive
duration: )" + duration + R"(
warmup: 10s
workload:
  orders: { rate: 50/s, record_size: 1KB }
components:
  table: { service: delay, latency: 5ms }
  archive: { service: firehose, buffer_size: 128MiB, buffer_interval: 300s }
  lake: { service: s3 }
flows:
  - orders -> table
  - orders -> archive -> lake
requirements:
  latency_p99: 10min
  max_dropped: 0
)";
}

}  // namespace

TEST_CASE("requirements: a latency target fails on a path that delivered nothing after the warm-up") {
  const auto r = testing::simulate_text(design("2m"));
  REQUIRE(r.requirements.size() == 2);
  const auto& latency = r.requirements[0];
  CHECK(latency.name == "latency_p99");
  CHECK_FALSE(latency.pass);
  CHECK(latency.actual < 1);  // the table's path alone: milliseconds
  CHECK(latency.unmeasured == std::vector<std::string>{"orders -> lake"});
  CHECK(r.requirements[1].pass);  // nothing dropped
  const std::string text = report::to_text(r);
  CHECK(text.find("FAIL latency_p99 <= 10min") != std::string::npos);
  CHECK(text.find("no record reached the end of orders -> lake after the warm-up") != std::string::npos);
  CHECK(report::to_json(r).find("\"unmeasured_paths\": [\n        \"orders -> lake\"") != std::string::npos);

  // Long enough for the archive to flush: every path measured, the target met.
  const auto longer = testing::simulate_text(design("12m"));
  CHECK(longer.requirements[0].unmeasured.empty());
  CHECK(longer.requirements[0].pass);
}

TEST_CASE("requirements: across replications, a path measured in none of them fails the target") {
  auto loaded = scenario::load_scenario_text(design("2m"), "archive.yaml");
  REQUIRE(loaded.ok());
  const auto reps = whatif::replicate(*loaded.scenario, {.replications = 3, .jobs = 2, .explain = false});
  REQUIRE(reps.requirements.size() == 2);
  CHECK(reps.requirements[0].verdict == whatif::Verdict::kFail);
  CHECK(reps.requirements[0].passed == 0);
  CHECK(reps.requirements[1].verdict == whatif::Verdict::kPass);
}

namespace {

const run::PathResult& path(const run::RunResult& r, const std::string& from, const std::string& to) {
  for (const auto& p : r.paths)
    if (p.from == from && p.to == to) return p;
  FAIL("no path " << from << " -> " << to);
  return r.paths.front();
}

}  // namespace

TEST_CASE("requirements: a target scoped to the real-time sink passes where the same target on every path fails") {
  const auto scoped = testing::simulate_text(realtime_and_batch(4, "  latency_p99: { table: 1500ms }\n"));
  REQUIRE(scoped.requirements.size() == 1);
  const auto& q = scoped.requirements[0];
  CHECK(q.scope == "table");
  CHECK(q.paths == std::vector<std::string>{"orders -> table"});
  CHECK(q.actual == path(scoped, "orders", "table").latency.p99);
  CHECK(q.actual == doctest::Approx(1).epsilon(0.005));  // the service time, no wait
  CHECK(q.pass);
  CHECK(q.unmeasured.empty());

  const auto every_path = testing::simulate_text(realtime_and_batch(4, "  latency_p99: 1500ms\n"));
  const auto& all = every_path.requirements[0];
  CHECK(all.scope.empty());
  CHECK_FALSE(all.pass);
  // The batch path's: its records wait up to an hour for the next run.
  CHECK(all.actual == path(every_path, "orders", "lake").latency.p99);
  CHECK(all.actual > 50 * 60);

  const std::string text = report::to_text(scoped);
  CHECK(text.find("PASS latency_p99 at table <= 1500ms  (measured 1.00 s)") != std::string::npos);
  CHECK(report::to_text(every_path).find("FAIL latency_p99 <= 1500ms  (measured ") != std::string::npos);
  const std::string json = report::to_json(scoped);
  CHECK(json.find("\"name\": \"latency_p99\",\n      \"scope\": \"table\",\n      \"paths\": [\n        \"orders -> "
                  "table\"\n      ],\n      \"target\": 1.5") != std::string::npos);
  CHECK(report::to_json(every_path).find("\"scope\"") == std::string::npos);
  CHECK(report::to_markdown(scoped).find("- **PASS** latency_p99 at table &lt;= 1500ms") != std::string::npos);
}

TEST_CASE("requirements: two scoped targets of one metric are judged each on its own path") {
  const auto r = testing::simulate_text(
      realtime_and_batch(3, "  latency_p99:\n    orders -> table: 1500ms\n    lake: 2h\n  freshness: { lake: 2h }\n"));
  REQUIRE(r.requirements.size() == 3);
  const auto& table = r.requirements[0];
  const auto& lake = r.requirements[1];
  CHECK(table.scope == "orders -> table");
  CHECK_FALSE(table.pass);  // three servers fall behind: records wait minutes
  CHECK(table.actual > 600);
  CHECK(lake.scope == "lake");
  CHECK(lake.pass);
  CHECK(lake.actual == path(r, "orders", "lake").latency.p99);
  // An hour's wait for the run at most, and the run's 30 s start-up and processing.
  CHECK(r.requirements[2].actual <= 3600 + 60);
  CHECK(r.requirements[2].pass);
}

TEST_CASE("requirements: freshness is the oldest record delivered, not a percentile") {
  // Exponential delays of mean 1 s for 36,000 records: the p99 is ln(100) =
  // 4.6 s, and the largest of them exceeds 8 s but with probability
  // 1 - (1 - e^-8)^36000, all but certain (1 - 6e-6).
  const auto r = testing::simulate_text(R"(name: exponential delays
seed: 9
duration: 1h
workload:
  events: { rate: 10/s }
components:
  wire: { service: delay, latency: { dist: exponential, mean: 1s } }
flows:
  - events -> wire
requirements:
  latency_p99: 8s
  freshness: 8s
)");
  REQUIRE(r.requirements.size() == 2);
  const auto& p = r.paths.at(0).latency;
  CHECK(p.p99 == doctest::Approx(std::log(100.0)).epsilon(0.05));
  CHECK(r.requirements[0].actual == p.p99);
  CHECK(r.requirements[0].pass);
  CHECK(r.requirements[1].name == "freshness");
  CHECK(r.requirements[1].actual == p.max);
  CHECK(r.requirements[1].actual > 8);
  CHECK_FALSE(r.requirements[1].pass);
}

TEST_CASE("requirements: a scope whose paths delivered nothing fails on those paths alone") {
  // 50 minutes: the hourly job never runs, so nothing reaches the lake.
  const std::string d = realtime_and_batch(4, "  latency_p99: { table: 1500ms, lake: 2h }\n  latency_p90: 2h\n");
  const auto r = testing::simulate_text(d, {"duration=50m"});
  REQUIRE(r.requirements.size() == 3);
  const auto& all = r.requirements[0];  // latency_p90, every path
  CHECK(all.name == "latency_p90");
  CHECK_FALSE(all.pass);
  CHECK(all.unmeasured == std::vector<std::string>{"orders -> lake"});
  const auto& table = r.requirements[1];
  CHECK(table.pass);
  CHECK(table.unmeasured.empty());
  const auto& lake = r.requirements[2];
  CHECK_FALSE(lake.pass);
  CHECK(lake.unmeasured == std::vector<std::string>{"orders -> lake"});
  CHECK(report::to_text(r).find("FAIL latency_p99 at lake <= 2h  (measured 0 s); no record reached the end of orders "
                                "-> lake after the warm-up") != std::string::npos);

  // Across replications: the same verdicts, each on its own paths.
  auto loaded = scenario::load_scenario_text(d, "scoped.yaml", {"duration=50m"});
  REQUIRE(loaded.ok());
  const auto reps = whatif::replicate(*loaded.scenario, {.replications = 2, .jobs = 2, .explain = false});
  REQUIRE(reps.requirements.size() == 3);
  CHECK(reps.requirements[0].verdict == whatif::Verdict::kFail);
  CHECK(reps.requirements[1].verdict == whatif::Verdict::kPass);
  CHECK(reps.requirements[2].verdict == whatif::Verdict::kFail);
  CHECK(reps.find("requirements.latency_p99[table]") != nullptr);
  CHECK(reps.find("requirements.latency_p99[lake]") != nullptr);
  CHECK(reps.find("requirements.latency_p90") != nullptr);
  const std::string text = report::to_text(reps);
  CHECK(text.find("PASS latency_p99 at table <= 1500ms  (measured 1.00 s ± 0 s; met in 2 of 2 replications)") !=
        std::string::npos);
  CHECK(report::to_json(reps).find("\"name\": \"latency_p99\",\n        \"scope\": \"table\"") != std::string::npos);
}

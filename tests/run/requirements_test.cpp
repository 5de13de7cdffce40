// A latency requirement holds on every path, so a path that delivered nothing
// after the warm-up cannot be said to meet it.
#include <doctest/doctest.h>

#include "archsim/report/reports.hpp"
#include "archsim/whatif/replications.hpp"
#include "support/simulate.hpp"

using namespace archsim;

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

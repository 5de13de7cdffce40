// A candidate's napkin numbers beside the simulation: each estimate kind
// against a value worked out by hand (shards and subtasks from their
// documented per-unit rates, the peak factor of a steps profile, Firehose's
// 5 KiB rounding priced at its first tier), and the term the gap names.
#include <doctest/doctest.h>

#include <cmath>

#include "archsim/analysis/estimates_check.hpp"
#include "archsim/analysis/explain.hpp"
#include "archsim/scenario/loader.hpp"

using namespace archsim;

namespace {

// 1,500 events/s of 500 B, doubled from 15 to 25 min: after the 5 min
// warm-up the mean is (10 x 1,500 + 10 x 3,000 + 5 x 1,500) / 25 = 2,100/s.
const char* kStream = R"(name: estimates
seed: 3
duration: 30m
warmup: 5m
workload:
  events:
    rate: 1500/s
    record_size: 500B
    batch: 1s
    profile: { kind: steps, steps: [{at: 0s, factor: 1}, {at: 15m, factor: 2}, {at: 25m, factor: 1}] }
components:
  stream: { service: kinesis, shards: 6 }
  counter: { service: flink, cost_per_record: 400us, parallelism: 2 }
  out: { service: sink }
flows:
  - events -> stream -> counter -> out
)";

std::vector<analysis::EstimateCheck> checked(const std::string& scenario, const std::string& estimates) {
  auto loaded = scenario::load_scenario_text(scenario + "estimates:\n" + estimates, "estimates.yaml");
  for (const auto& d : loaded.diagnostics.items()) MESSAGE(d.format());
  REQUIRE(loaded.ok());
  const run::RunResult r = analysis::run_and_explain(*loaded.scenario, 2);
  int simulations = 0;
  return analysis::check_estimates(*loaded.scenario, r, 2, simulations);
}

}  // namespace

TEST_CASE("estimates: needed shards and subtasks are the least that take the peak, by their documented rates") {
  // 3,000/s at the peak: a shard takes 1,000 records/s, so three run at
  // 100% and refuse; four take it. A subtask at 400 us a record takes
  // 2,500/s: one takes the mean (2,100/s) but not the peak; two take it.
  const auto e = checked(kStream, "  needed: { stream.shards: 4, counter.parallelism: 1 }\n");
  REQUIRE(e.size() == 2);
  CHECK(e[0].simulated);
  CHECK(e[0].actual == 4);
  CHECK(e[0].within);
  CHECK(e[1].actual == 2);
  CHECK_FALSE(e[1].within);  // 1 against 2: below five units, only the count itself is within
  CHECK(e[1].gap == "peak_factor");
  CHECK(e[1].without == 1);  // 2,100/s x 400 us = 0.84 of a subtask
  CHECK(e[1].gap_value == doctest::Approx(3000.0 / 2100).epsilon(0.05));
}

TEST_CASE("estimates: a count short of the peak and of the mean says how far its busiest unit is offered") {
  const auto e = checked(kStream, "  needed: { stream.shards: 1 }\n");
  REQUIRE(e.size() == 1);
  CHECK(e[0].actual == 4);
  CHECK(e[0].gap == "short");
  CHECK(e[0].gap_value == doctest::Approx(3.0).epsilon(0.05));  // 3,000/s on one shard of 1,000/s
}

TEST_CASE("estimates: an estimate sized for the mean load is told it left out the peak factor") {
  // Sized for the mean, 2,100/s, the counter needs 2,100 x 400 us = 0.84 of a subtask.
  const auto e = checked(kStream, "  peak_utilization: { counter: 42% }\n");
  REQUIRE(e.size() == 1);
  // 3,000/s at 400 us on two subtasks: 60% at the peak.
  CHECK(e[0].actual == doctest::Approx(0.60).epsilon(0.05));
  CHECK_FALSE(e[0].within);
  CHECK(e[0].gap == "peak_factor");
  CHECK(e[0].gap_value == doctest::Approx(3000.0 / 2100).epsilon(0.05));
  CHECK(e[0].without == doctest::Approx(2100 * 400e-6 / 2).epsilon(0.05));
}

TEST_CASE("estimates: the monthly cost without Firehose's 5 KiB rounding names the rounding and what it adds") {
  // 1,000 records/s of 500 B billed as 5,120 B: the rounding adds 4,620 B a
  // record, 1,000/s x 730 h x 3,600 s / 2^30 B per GB x $0.029 (first tier).
  const std::string firehose = R"(name: firehose
seed: 1
duration: 1h
workload:
  events: { rate: 1000/s, record_size: 500B, batch: 1s }
components:
  archive: { service: firehose, buffer_interval: 60s }
  lake: { service: s3 }
flows:
  - events -> archive -> lake
)";
  const double rounding = 4620.0 * 1000 * 730 * 3600 / 1073741824.0 * 0.029;
  auto probe = checked(firehose, "  monthly_cost_usd: 1\n");
  REQUIRE(probe.size() == 1);
  const double actual = probe[0].actual;
  const auto e = checked(firehose, "  monthly_cost_usd: " + std::to_string(actual - rounding) + "\n");
  CHECK_FALSE(e[0].within);
  CHECK(e[0].gap == "rounding");
  CHECK(e[0].gap_component == "archive");
  CHECK(e[0].gap_detail == "5 KiB");
  CHECK(e[0].gap_value == doctest::Approx(rounding).epsilon(0.01));
}

TEST_CASE("estimates: a p99 freshness that leaves out a buffer is told which stage holds the records") {
  const std::string firehose = R"(name: firehose
seed: 1
duration: 30m
warmup: 2m
workload:
  events: { rate: 100/s, record_size: 500B }
components:
  archive: { service: firehose, buffer_interval: 120s }
  lake: { service: s3 }
flows:
  - events -> archive -> lake
)";
  const auto e = checked(firehose, "  p99_freshness: { lake: 1s }\n");
  REQUIRE(e.size() == 1);
  // The default 5 MiB buffer fills before the interval: 5 MiB / (100/s x
  // 500 B) = 104.9 s, which the last record of a buffer waits for.
  const double fill_s = 5 * 1048576.0 / (100 * 500);
  CHECK(e[0].actual == doctest::Approx(fill_s).epsilon(0.02));
  CHECK(e[0].gap == "stage");
  CHECK(e[0].gap_component == "archive");
  CHECK(e[0].gap_detail == "buffering");
  CHECK(e[0].gap_value == doctest::Approx(fill_s / 2).epsilon(0.05));  // half of it on average
}

TEST_CASE("estimates: binds_first names the busiest at the peak, and the gap says how busy each is") {
  // The stream's busiest shard at 3,000/6 = 50%; the counter at 60%.
  const auto e = checked(kStream, "  binds_first: stream\n  monthly_cost_usd: 1000000\n");
  REQUIRE(e.size() == 2);
  const auto& binds = e[0].estimate.kind == scenario::EstimateKind::kBindsFirst ? e[0] : e[1];
  CHECK(binds.actual_text == "counter");
  CHECK_FALSE(binds.within);
  CHECK(binds.gap == "busier");
  CHECK(binds.gap_value == doctest::Approx(0.60).epsilon(0.05));
  const auto& cost = &binds == &e[0] ? e[1] : e[0];
  CHECK(cost.gap == "over");
}

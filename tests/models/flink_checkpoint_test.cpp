// Checkpoints in Managed Service for Apache Flink: with ConfigurationType
// DEFAULT, CheckpointingEnabled true, CheckpointInterval 60000 ms and
// MinPauseBetweenCheckpoints 5000 ms, the least time from one checkpoint's
// completion to the next one's start (API_CheckpointConfiguration.html,
// retrieved 2026-12-05). A checkpoint is an asynchronous snapshot: an operator
// stops only while the barriers align across its inputs, then "resumes
// processing records" and "writes the state asynchronously to the state
// backend"; the alignment's extra latency is "usually ... on the order of a
// few milliseconds" (Apache Flink, Stateful Stream Processing, retrieved
// 2026-12-05).
#include <doctest/doctest.h>

#include <string>

#include "archsim/models/flink/flink_application.hpp"
#include "archsim/scenario/catalog_loader.hpp"
#include "support/flink_app.hpp"
#include "support/simulate.hpp"

using namespace archsim;
using testing::check_flink_balance;
using testing::component;
using testing::flink_app_scenario;
using testing::simulate_text;

namespace {

const std::string kEvenKeys = "keys: { count: 1000000, dist: uniform }";

// The static figures of an application written inline, at an offered rate.
model::StaticFigures figures_of(const std::string& app, double records_per_s) {
  auto loaded = scenario::load_scenario_text(flink_app_scenario("{ rate: 1/s }", app), "test.yaml");
  REQUIRE(loaded.ok());
  for (const auto& c : loaded.scenario->components)
    if (c.name == "app")
      return models::FlinkApplication::figures(c.params, scenario::builtin_catalog(),
                                               model::FlowIn{.records_per_s = records_per_s});
  FAIL("no app");
  return {};
}
}  // namespace

TEST_CASE("flink checkpoints: at 1% load the default checkpoint adds milliseconds, not seconds, to the p99") {
  // 40/s (1% of 4 subtasks x 1,000/s), deterministic, 600 s, 1 ms a record.
  // Default: a 10 ms alignment pause every 60 s. Records 25 ms apart, so at
  // most one record in a pause, waiting under 10 ms; 9 pauses in the run
  // touch at most 9 of 24,000 records (0.04%): the p99 is the 1 ms service.
  const std::string source = "{ rate: 40/s, arrivals: deterministic, " + kEvenKeys + " }";
  const auto aligned = simulate_text(
      flink_app_scenario(source, "{ service: flink, parallelism: 4, cost_per_record: 1ms }", "600s"));
  const auto& a = component(aligned, "app");
  MESSAGE("default: p99 " << a.latency.p99 << " s, max " << a.latency.max << " s");
  CHECK(a.latency.p99 == doctest::Approx(0.001).epsilon(0.05));
  CHECK(a.latency.max <= 0.010 + 0.001 + 1e-9);
  // The reading this replaces, the 5 s MinPauseBetweenCheckpoints taken as a
  // pause of processing: 9 pauses x 5 s x 40/s = 1,800 of 24,000 records
  // (7.5%) wait, uniformly up to 5 s, so P(wait > w) = 9 x (5 - w) x 40 /
  // 24,000, which is 1% at w = 5 - 0.667 = 4.33 s: the p99 over 4 s at 1%
  // load that the default no longer gives.
  const auto stalled = simulate_text(flink_app_scenario(
      source, "{ service: flink, parallelism: 4, cost_per_record: 1ms, checkpoint_alignment: 5s }", "600s"));
  const auto& s = component(stalled, "app");
  MESSAGE("5 s pause: p99 " << s.latency.p99 << " s");
  CHECK(s.latency.p99 == doctest::Approx(4.333 + 0.001).epsilon(0.02));
  check_flink_balance(a);
  check_flink_balance(s);
}

TEST_CASE("flink checkpoints: the capacity a checkpoint takes is its pause over the interval") {
  // Static figures: 4 subtasks x 1,000/s x (1 - pause / 60 s).
  const auto f = figures_of("{ service: flink, parallelism: 4, cost_per_record: 1ms }", 100);
  CHECK(f.capacity == doctest::Approx(4000 * (1 - 0.010 / 60)).epsilon(1e-12));
  CHECK(f.pause_s == doctest::Approx(0.010));
  CHECK(f.pause_every_s == doctest::Approx(60));
  const auto old = figures_of("{ service: flink, parallelism: 4, cost_per_record: 1ms, checkpoint_stall: 5s }", 100);
  CHECK(old.capacity == doctest::Approx(4000 * 55.0 / 60).epsilon(1e-12));
  CHECK(figures_of("{ service: flink, parallelism: 4, cost_per_record: 1ms, checkpoints: off }", 100).capacity ==
        doctest::Approx(4000));
  // Simulated, saturated at 5,000/s for 600 s: checkpoints at 60, 120, ...,
  // 540 s stop 4 subtasks for 10 ms each, 9 x 4 x 10 = 360 records fewer out
  // than with checkpoints off (the one due at 600 s ends with the run).
  const std::string source = "{ rate: 5000/s, arrivals: deterministic, " + kEvenKeys + " }";
  const auto on = simulate_text(flink_app_scenario(source, "{ service: flink, parallelism: 4, cost_per_record: 1ms }", "600s"));
  const auto off = simulate_text(
      flink_app_scenario(source, "{ service: flink, parallelism: 4, cost_per_record: 1ms, checkpoints: off }", "600s"));
  const auto& a_on = component(on, "app");
  const auto& a_off = component(off, "app");
  const auto lost = static_cast<double>(a_off.records_out) - static_cast<double>(a_on.records_out);
  MESSAGE("out with checkpoints " << a_on.records_out << ", without " << a_off.records_out << ": " << lost << " fewer");
  CHECK(lost == doctest::Approx(360).epsilon(0.01));
  check_flink_balance(a_on);
}

TEST_CASE("flink checkpoints: a 5 s pause at 3,000/s is absorbed, the work conserved") {
  // Capacity 4 x 1,000/s. The checkpoint at 60 s pauses all subtasks for 5 s:
  // 15,000 records queue, then drain at 4,000 - 3,000 = 1,000/s in 15 s, long
  // before the end at 120 s. The work is conserved, so utilization = 3,000 x
  // 1 ms / 4 = 0.75 exactly, and the backlog triangle (per subtask 3,750
  // records high, 20 s wide) gives a mean wait of 4 x 3,750 x 20 / 2 /
  // 360,000 = 0.417 s (+1.5 ms M/D/1 queueing).
  const auto r = simulate_text(flink_app_scenario(
      "{ rate: 3000/s, arrivals: deterministic, " + kEvenKeys + " }",
      "{ service: flink, parallelism: 4, cost_per_record: 1ms, checkpoint_alignment: 5s }", "120s"));
  const auto& a = component(r, "app");
  MESSAGE("out " << a.records_out << ", throughput " << a.throughput_per_s << "/s, utilization " << a.utilization_mean
                 << ", wait " << a.wait_mean_s << " s, in flight " << a.in_flight);
  CHECK(a.capacity == 4);
  CHECK(a.dropped == 0);
  CHECK(a.throughput_per_s == doctest::Approx(3000).epsilon(0.005));
  CHECK(a.utilization_mean == doctest::Approx(0.75).epsilon(0.01));
  CHECK(a.wait_mean_s == doctest::Approx(0.417).epsilon(0.05));
  CHECK(a.in_flight < 20);
  check_flink_balance(a);
}

TEST_CASE("flink checkpoints: offered 5,000/s, 4 subtasks give 4,000/s less a 5 s pause and queue the rest") {
  // Saturated from the start; processing stops during [60 s, 65 s): 115 s of
  // 4,000/s = 460,000 out of 600,000 offered (3,833/s, utilization 115/120).
  const auto r = simulate_text(flink_app_scenario(
      "{ rate: 5000/s, arrivals: deterministic, " + kEvenKeys + " }",
      "{ service: flink, parallelism: 4, cost_per_record: 1ms, checkpoint_alignment: 5s }", "120s"));
  const auto& a = component(r, "app");
  MESSAGE("out " << a.records_out << ", throughput " << a.throughput_per_s << "/s, utilization " << a.utilization_mean
                 << ", in flight " << a.in_flight << ", backlog mean " << a.backlog_mean);
  CHECK(a.dropped == 0);
  CHECK(static_cast<double>(a.records_out) == doctest::Approx(460000).epsilon(0.003));
  CHECK(a.throughput_per_s == doctest::Approx(4000.0 * 115 / 120).epsilon(0.003));
  CHECK(a.utilization_mean == doctest::Approx(115.0 / 120).epsilon(0.005));
  CHECK(static_cast<double>(a.in_flight) == doctest::Approx(140000).epsilon(0.01));
  CHECK(a.backlog_mean > 50000);  // grows ~1,000/s, plus 25,000 during the pause
  check_flink_balance(a);
}

TEST_CASE("flink checkpoints: the older key checkpoint_stall still sets the pause") {
  // As above, with a 2 s pause: processing stops during [60 s, 62 s), so
  // 118 s of 4,000/s = 472,000 records out.
  const auto r = simulate_text(flink_app_scenario(
      "{ rate: 5000/s, arrivals: deterministic, " + kEvenKeys + " }",
      "{ service: flink, parallelism: 4, cost_per_record: 1ms, checkpoint_stall: 2s }", "120s"));
  const auto& a = component(r, "app");
  CHECK(static_cast<double>(a.records_out) == doctest::Approx(472000).epsilon(0.003));
  CHECK(a.utilization_mean == doctest::Approx(118.0 / 120).epsilon(0.005));
  check_flink_balance(a);
}

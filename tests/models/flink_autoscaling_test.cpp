// Automatic scaling of a Managed Service for Apache Flink application, as AWS
// documents it (managed-flink/latest/java/how-scaling-auto.html, retrieved
// 2026-12-05): 15 consecutive one-minute datapoints of CPU at or above 75%
// double the parallelism; 360 below 10% (six hours) halve it, rounded up,
// never below the configured parallelism. The model takes a datapoint every
// 60 s from the start of the run, so a load that saturates the job from t = 0
// scales it at exactly 15 min; a load that starts within a minute waits for
// the next whole minute, up to 60 s more. A scaling action stops processing
// for `scaling_pause` (30 s by default) while the job restarts.
#include <doctest/doctest.h>

#include <cmath>
#include <set>
#include <string>

#include "archsim/models/flink/flink_application.hpp"
#include "archsim/models/flink/flink_autoscaler.hpp"
#include "archsim/models/flink/flink_key_groups.hpp"
#include "archsim/scenario/catalog_loader.hpp"
#include "support/flink_app.hpp"
#include "support/simulate.hpp"

using namespace archsim;
namespace flink = archsim::models::flink;
using testing::check_flink_balance;
using testing::component;
using testing::flink_app_scenario;
using testing::simulate_text;
using testing::usage_of;

namespace {

constexpr double kKpuHour = 0.11, kStorageGbMonth = 0.10, kGbPerKpu = 50, kHoursPerMonth = 730;

// 2 subtasks at 1 ms a record serve 2,000/s; 2,500/s keeps their CPU at 100%.
const char* kOverloaded = "{ rate: 2500/s, arrivals: deterministic, keys: { count: 1000000, dist: uniform } }";
const char* kApp = "{ service: flink, parallelism: 2, cost_per_record: 1ms, checkpoints: off, autoscaling: on }";

// The bill of `kpu_seconds` of the application's KPUs over `seconds`: the
// orchestration KPU runs all along, running storage follows the KPUs.
double bill(double kpu_seconds, double seconds) {
  const double kpu_hours = kpu_seconds / 3600;
  return (kpu_hours + seconds / 3600) * kKpuHour + kpu_hours * kGbPerKpu * kStorageGbMonth / kHoursPerMonth;
}

}  // namespace

TEST_CASE("flink autoscaling: 15 minutes at 100% CPU double the parallelism, after a restart pause") {
  // 2,500/s into 2 subtasks of 1,000/s: both busy all the time, CPU 100%.
  // Datapoints at 60, 120, ..., 900 s; the 15th, at 900 s, starts a scale-up
  // to 4 subtasks (4 KPUs, billed from then). Nothing is processed until
  // 930 s. By then 500/s x 900 s + 2,500/s x 30 s = 525,000 records wait;
  // 4,000/s drains them at 1,500/s in 350 s, by 1,280 s, after which the job
  // runs at 2,500 / 4,000 = 62.5% CPU: below 75%, no second scale-up.
  const auto r = simulate_text(flink_app_scenario(kOverloaded, kApp, "30m"));
  const auto& a = component(r, "app");
  check_flink_balance(a);
  CHECK(r.accounting.dropped == 0);
  CHECK(usage_of(a, "scale_ups") == 1);
  CHECK(usage_of(a, "scale_downs") == 0);
  CHECK(usage_of(a, "parallelism_at_end") == 4);
  // The series, 30 s an interval (30 min / 120 at most): 2 KPUs up to 900 s,
  // 4 from then; 2,000/s out, nothing in the pause [900, 930), then 4,000/s
  // while the backlog drains and 2,500/s once it has.
  const auto& s = a.series;
  REQUIRE(s.interval_s == 30);
  CHECK(s.size_unit == "KPU");
  REQUIRE(s.size.size() == 60);
  CHECK(s.size[29] == doctest::Approx(2));
  CHECK(s.size[30] == doctest::Approx(4));
  CHECK(s.size[59] == doctest::Approx(4));
  CHECK(s.records_out_per_s[20] == doctest::Approx(2000).epsilon(0.01));
  CHECK(s.records_out_per_s[30] < 100);  // the batches in service at 900 s finish, nothing starts
  CHECK(s.records_out_per_s[35] == doctest::Approx(4000).epsilon(0.01));
  CHECK(s.records_out_per_s[50] == doctest::Approx(2500).epsilon(0.01));
  CHECK(a.in_flight < 100);
  // Billed per second at each size: 2 KPUs x 900 s + 4 KPUs x 900 s = 5,400
  // KPU-seconds = 1.5 KPU-hours, plus the orchestration KPU's 0.5 hours:
  // 2.0 x $0.11 = $0.22, and 1.5 x 50 GB x $0.10 / 730 = $0.010274 of storage.
  CHECK(usage_of(a, "kpu_hours") == doctest::Approx(1.5));
  CHECK(a.cost_usd == doctest::Approx(bill(5400, 1800)).epsilon(1e-9));
  CHECK(a.cost_usd == doctest::Approx(0.22 + 1.5 * 50 * 0.10 / 730).epsilon(1e-9));
}

TEST_CASE("flink autoscaling: off, the same load never scales and bills the configured KPUs") {
  const auto r = simulate_text(flink_app_scenario(
      kOverloaded, "{ service: flink, parallelism: 2, cost_per_record: 1ms, checkpoints: off }", "30m"));
  const auto& a = component(r, "app");
  check_flink_balance(a);
  CHECK(a.usage.empty());
  CHECK(a.series.size.empty());
  CHECK(a.series.size_unit.empty());
  // 2,000/s all along; 500/s x 1,800 s = 900,000 queued at the end.
  CHECK(static_cast<double>(a.records_out) == doctest::Approx(2000.0 * 1800).epsilon(0.001));
  CHECK(static_cast<double>(a.in_flight) == doctest::Approx(500.0 * 1800).epsilon(0.001));
  CHECK(a.cost_usd == doctest::Approx(bill(2 * 1800, 1800)).epsilon(1e-9));
}

TEST_CASE("flink autoscaling: six hours below 10% CPU halve it, never below the configured parallelism") {
  // 2,500/s for 20 min, then 10/s (steps). Scaled up to 4 at 900 s as above;
  // restarted at 930 s with 525,000 waiting, drained at 1,500/s until the
  // load drops at 1,200 s (120,000 left), then at 3,990/s by about 1,230 s.
  // The first whole minute below 10% CPU (10/s of 4,000/s: 0.25%) ends at
  // 1,320 s; the 360th at 1,320 + 359 x 60 = 22,860 s halves 4 to 2, the
  // configured parallelism, where it stays: 6 more hours below 10% (to
  // 44,460 s) change nothing.
  const auto r = simulate_text(flink_app_scenario(
      "{ rate: 2500/s, arrivals: deterministic, keys: { count: 1000000, dist: uniform }, "
      "profile: { kind: steps, steps: [{ at: 0s, factor: 1 }, { at: 20m, factor: 0.004 }] } }",
      kApp, "13h"));
  const auto& a = component(r, "app");
  check_flink_balance(a);
  CHECK(r.accounting.dropped == 0);
  CHECK(usage_of(a, "scale_ups") == 1);
  CHECK(usage_of(a, "scale_downs") == 1);
  CHECK(usage_of(a, "parallelism_at_end") == 2);
  // 2 KPUs to 900 s, 4 to 22,860 s, 2 to 46,800 s: 1,800 + 87,840 + 47,880
  // = 137,520 KPU-seconds, 38.2 KPU-hours.
  CHECK(usage_of(a, "kpu_hours") == doctest::Approx(137520.0 / 3600).epsilon(1e-9));
  CHECK(a.cost_usd == doctest::Approx(bill(137520, 46800)).epsilon(1e-9));
  // 10-minute intervals: [22,200, 22,800) at 4 KPUs, [22,800, 23,400) 60 s
  // at 4 and 540 s at 2 (2.2), then 2.
  const auto& s = a.series;
  REQUIRE(s.interval_s == 600);
  CHECK(s.size[37] == doctest::Approx(4));
  CHECK(s.size[38] == doctest::Approx(2.2));
  CHECK(s.size.back() == doctest::Approx(2));
}

TEST_CASE("flink autoscaling: the restart stops the stream's reads, which catch up on the new subtasks") {
  // Through a Kinesis stream of 4 shards the job reads what it can; during
  // the restart pause [900, 930) it reads nothing: the records stay in the
  // stream, none is lost, and the job reads faster once restarted.
  const auto r = simulate_text(
      "name: autoscaling through a stream\nduration: 30m\nworkload:\n"
      "  events: { rate: 2500/s, arrivals: deterministic, record_size: 1KB, keys: { count: 100000, dist: uniform } }\n"
      "components:\n  stream: { service: kinesis, shards: 4 }\n  app: " +
      std::string(kApp) + "\n  out: { service: sink }\nflows:\n  - events -> stream -> app -> out\n");
  const auto& a = component(r, "app");
  check_flink_balance(a);
  CHECK(r.accounting.dropped == 0);
  CHECK(usage_of(a, "scale_ups") == 1);
  const auto& s = a.series;
  REQUIRE(s.interval_s == 30);
  // The job's Kinesis source takes up to 10,000 records a call, so its reads
  // come in lumps: two intervals together average its 2,000/s.
  CHECK((s.records_in_per_s[20] + s.records_in_per_s[21]) / 2 == doctest::Approx(2000).epsilon(0.02));
  CHECK(s.records_in_per_s[30] == 0);
  CHECK(s.records_in_per_s[35] > 3500);
  const auto& stream = component(r, "stream");
  CHECK(stream.series.records_out_per_s[30] == 0);
}

TEST_CASE("flink autoscaling: queued records and open windows move with their keys, nothing lost") {
  // With a 10 s window over 1,000 keys the restart moves each key's open
  // window to its new subtask; the books balance and each closed window
  // still emits at most one record per key.
  const auto r = simulate_text(flink_app_scenario(
      "{ rate: 2500/s, arrivals: deterministic, keys: { count: 1000, dist: uniform } }",
      "{ service: flink, parallelism: 2, cost_per_record: 1ms, checkpoints: off, autoscaling: on, window: 10s }",
      "20m"));
  const auto& a = component(r, "app");
  check_flink_balance(a);
  CHECK(usage_of(a, "scale_ups") == 1);
  CHECK(r.accounting.dropped == 0);
  CHECK(a.records_out <= 1000 * 120);
}

TEST_CASE("flink autoscaling: one hot key saturates one container, and doubling does not help it") {
  // AWS scales on the maximum containerCPUUtilization: one key at 1,500/s
  // keeps its subtask (1,000/s) busy, so the busiest container is at 100%
  // while the other idles. Datapoints double the job at 900 s (to 4) and
  // again 15 min after the restart, at 930 + 900 = 1,830 s (to 8), yet the
  // key stays on one subtask: 1,000/s out throughout.
  const auto r = simulate_text(flink_app_scenario("{ rate: 1500/s, arrivals: deterministic, keys: { count: 1 } }",
                                                  kApp, "35m"));
  const auto& a = component(r, "app");
  check_flink_balance(a);
  CHECK(usage_of(a, "scale_ups") == 2);
  CHECK(usage_of(a, "parallelism_at_end") == 8);
  CHECK(a.series.records_out_per_s[65] == doctest::Approx(1000).epsilon(0.01));
}

TEST_CASE("flink autoscaling: the rule's arithmetic, capped by the quota and the key groups") {
  const flink::AutoscalingRule rule;  // 75% x 15, 10% x 360, doubling and halving
  flink::Autoscaler up(rule, 3, 10);
  for (int i = 0; i < 14; ++i) CHECK(up.datapoint(0.75, 3) == 0);
  CHECK(up.datapoint(0.75, 3) == 6);  // the 15th consecutive datapoint at 75%
  CHECK(up.up_from(6) == 10);         // at most the ceiling
  CHECK(up.down_from(10) == 5);
  CHECK(up.down_from(5) == 3);        // ceil(5 / 2) = 3, the configured floor anyway
  CHECK(up.down_from(4) == 3);        // 2 would be below the configured 3
  flink::Autoscaler down(rule, 3, 10);
  for (int i = 0; i < 359; ++i) CHECK(down.datapoint(0.0999, 9) == 0);
  CHECK(down.datapoint(0.0999, 9) == 5);  // ceil(9 / 2)
  // One datapoint in between resets the count.
  flink::Autoscaler broken(rule, 3, 10);
  for (int i = 0; i < 14; ++i) broken.datapoint(0.9, 3);
  CHECK(broken.datapoint(0.5, 3) == 0);
  CHECK(broken.datapoint(0.9, 3) == 0);
  // A steady mean CPU of 1.6 at 2 subtasks settles at 8: 0.8 at 4 is still at
  // or above 75%, 0.4 at 8 is not.
  CHECK(flink::Autoscaler(rule, 2, 64).settles_at(1.6) == 8);
}

TEST_CASE("flink autoscaling: after a rescale key group g runs on subtask g x parallelism / max parallelism") {
  // Apache Flink's KeyGroupRangeAssignment: a key's group is fixed by the max
  // parallelism, which a job restored from a snapshot keeps; operator index =
  // keyGroup x parallelism / maxParallelism. Parallelism 4 has 128 key groups
  // (the default: at least 128); scaled to 8 they stay 128, so subtask j's
  // groups [32j, 32j + 32) split into subtasks 2j and 2j + 1.
  const std::uint64_t groups = flink::default_max_parallelism(4);
  CHECK(groups == 128);
  const auto at = flink::subtask_fn(groups);
  for (std::uint64_t key = 0; key < 10000; ++key) {
    const std::uint64_t g = flink::key_group(key, 128);
    CHECK(at(key, 4) == g * 4 / 128);
    CHECK(at(key, 8) == g * 8 / 128);
    CHECK(at(key, 8) / 2 == at(key, 4));
  }
  // At 128 subtasks the default rule would give 256 groups; the rescaled job
  // keeps its 128, one group a subtask, so its keys do not land where a job
  // started at 128 would put them.
  CHECK(flink::default_max_parallelism(128) == 256);
  int differ = 0;
  for (std::uint64_t key = 0; key < 1000; ++key) {
    CHECK(at(key, 128) == flink::key_group(key, 128));
    differ += at(key, 128) != flink::subtask_of_key(key, 128, 256) ? 1 : 0;
  }
  CHECK(differ > 0);
  // Each subtask runs one contiguous range of groups, of sizes within one of
  // each other (128 over 3: 42, 43, 43).
  std::set<std::uint64_t> sizes;
  for (std::uint64_t i = 0; i < 3; ++i) {
    std::uint64_t n = 0;
    for (std::uint64_t g = 0; g < 128; ++g) n += flink::subtask_of_group(g, 3, 128) == i ? 1 : 0;
    sizes.insert(n);
  }
  CHECK(sizes == std::set<std::uint64_t>{42, 43});
}

TEST_CASE("flink autoscaling: the most it scales to is the KPU quota's parallelism and the job's key groups") {
  // Parallelism 4 at 4 a KPU: the quota allows 64 x 4 = 256 subtasks, but the
  // job's 128 key groups (the default for 4) cap it at 128.
  auto loaded = scenario::load_scenario_text(
      flink_app_scenario("{ rate: 1/s }", "{ service: flink, parallelism: 4, parallelism_per_kpu: 4, "
                                          "cost_per_record: 1ms, autoscaling: on }"),
      "test.yaml");
  REQUIRE(loaded.ok());
  const auto& app = loaded.scenario->components.front();
  const auto& catalog = scenario::builtin_catalog();
  CHECK(models::FlinkApplication::most_parallelism(app.params, catalog) == 128);
}

// EMR: a persistent cluster billed for the whole run busy or idle, a
// transient one only while up (start-up included), Serverless per vCPU-hour
// and GB-hour; steps queue on a persistent cluster where Glue skips; and the
// same job on Glue and on EMR, costed by hand from the catalog's prices.
#include <doctest/doctest.h>

#include <cmath>

#include "archsim/models/emr/emr_cluster.hpp"
#include "archsim/models/glue/glue_job.hpp"
#include "support/batch_rig.hpp"
#include "support/simulate.hpp"

using namespace archsim;
using engine::kHour;
using engine::kMinute;
using engine::kSecond;
using testing::BatchRig;

namespace {
constexpr double kMiB = 1048576.0;
constexpr double kVcpuRate = 8 * kMiB;           // the default throughput_per_vcpu
constexpr double kInstanceHour = 0.192 + 0.048;  // m5.xlarge EC2 + EMR charge (emr.price.m5_xlarge_*)

double usage(const run::ComponentResult& c, const std::string& name) {
  for (const auto& [key, value] : c.usage)
    if (key == name) return value;
  FAIL("no usage " << name);
  return 0;
}
}  // namespace

TEST_CASE("emr: a persistent cluster is billed for the whole run, idle or not") {
  // 3 m5.xlarge for a day with nothing to do: 72 instance-hours x $0.24 = $17.28.
  BatchRig rig("service: emr, cluster: persistent, instances: 3");
  rig.finish(24 * kHour);
  auto& emr = rig.as<models::EmrCluster>();
  CHECK(emr.instance_hours(24 * kHour) == doctest::Approx(72).epsilon(1e-12));
  CHECK(emr.cost_usd(24 * kHour) == doctest::Approx(17.28).epsilon(1e-12));
}

TEST_CASE("emr: a transient cluster is billed only while up, start-up included") {
  // Triggers at 1h and 2h. The first run: 8 min start-up then 20 min on the
  // 2 core nodes' 8 vCPUs; the second has no input: start-up only.
  BatchRig rig("service: emr, cluster: transient, instances: 3, serial_fraction: 0");
  rig.feed(kMinute, 100, static_cast<std::uint64_t>(1200 * 8 * kVcpuRate));
  rig.finish(3 * kHour - kMinute);
  auto& emr = rig.as<models::EmrCluster>();
  CHECK(emr.runs() == 2);
  const double up_s = (480 + 1200) + 480;
  CHECK(emr.instance_hours(3 * kHour) == doctest::Approx(3 * up_s / 3600).epsilon(1e-12));
  CHECK(emr.cost_usd(3 * kHour) == doctest::Approx(3 * up_s / 3600 * kInstanceHour).epsilon(1e-12));
  CHECK(rig.network.delivered() == 100);
}

TEST_CASE("emr: steps queue on a persistent cluster where a Glue trigger is skipped") {
  // Every 15 minutes, a 20-minute run from 15m: the 30m trigger waits and its
  // step starts at 35m (no start-up on a running cluster), taking the 7
  // records that landed at 20m.
  BatchRig rig("service: emr, cluster: persistent, serial_fraction: 0, schedule: every 15m");
  rig.feed(kMinute, 1000, static_cast<std::uint64_t>(1200 * 8 * kVcpuRate));
  rig.feed(20 * kMinute, 7, 7000);
  rig.engine.run_until(35 * kMinute + 1);
  CHECK(rig.network.delivered() == 1000);
  rig.engine.run_until(35 * kMinute + kSecond);
  CHECK(rig.network.delivered() == 1007);
  rig.finish(2 * kHour);
  auto& emr = rig.as<models::EmrCluster>();
  CHECK(emr.queued_runs() == 1);
  CHECK(emr.skipped_runs() == 0);
  CHECK(emr.runs() == 7);  // 15, 30 (at 35), 45, 60, 75, 90, 105
}

TEST_CASE("emr: requirements: a step queued behind a running one keeps the time its trigger fired") {
  // As above: the 30m trigger's step starts at 35m. A deadline counts from
  // the trigger, so the run's times must say 30m, not 35m.
  BatchRig rig("service: emr, cluster: persistent, serial_fraction: 0, schedule: every 15m");
  rig.feed(kMinute, 1000, static_cast<std::uint64_t>(1200 * 8 * kVcpuRate));
  rig.feed(20 * kMinute, 7, 7000);
  rig.finish(50 * kMinute);
  const auto runs = rig.job->batch_run_times();
  REQUIRE(runs.size() == 3);  // 15m, 30m (at 35m), 45m
  CHECK(runs[0].triggered == 15 * kMinute);
  CHECK(runs[0].started == 15 * kMinute);
  CHECK(runs[0].ended == 35 * kMinute);
  CHECK(runs[1].triggered == 30 * kMinute);
  CHECK(runs[1].started == 35 * kMinute);
  // 7,000 bytes on 8 vCPUs at 8 MiB/s each.
  CHECK(*runs[1].ended - 35 * kMinute == engine::round_half_away(7000 / (8 * kVcpuRate) * 1e9));
  CHECK(runs[2].triggered == 45 * kMinute);
  CHECK(runs[2].ended == 45 * kMinute);  // nothing to process, no start-up on a running cluster
}

TEST_CASE("emr: Serverless bills vCPU-hours and GB-hours of its workers, at least a minute") {
  // 4 workers of 4 vCPU and 16 GB; 30 s of processing is billed 60 s:
  // 16 vCPU x 60 s and 64 GB x 60 s at the emr.price.serverless_* rates.
  BatchRig rig("service: emr, cluster: serverless, instances: 4, serial_fraction: 0");
  rig.feed(kMinute, 10, static_cast<std::uint64_t>(30 * 16 * kVcpuRate));
  rig.finish(2 * kHour - kMinute);
  auto& emr = rig.as<models::EmrCluster>();
  CHECK(emr.vcpu_hours() == doctest::Approx(16 * 60 / 3600.0).epsilon(1e-12));
  CHECK(emr.gb_hours() == doctest::Approx(64 * 60 / 3600.0).epsilon(1e-12));
  CHECK(emr.cost_usd(2 * kHour) ==
        doctest::Approx(16 * 60 / 3600.0 * 0.052624 + 64 * 60 / 3600.0 * 0.0057785).epsilon(1e-12));
  CHECK(emr.instance_hours(2 * kHour) == 0);
}

TEST_CASE("emr: the same nightly job on Glue and on EMR, costed by hand") {
  // One source copied to both jobs. Glue: 10 G.1X DPUs, 32 MiB/s each, 30 s
  // start-up (not billed). EMR: a transient cluster of 3 m5.xlarge (8 core
  // vCPUs at 8 MiB/s each: two instances of 32 MiB/s, the unit of Amdahl's
  // law as a DPU is Glue's), 8 min start-up (billed). Both 5% serial.
  const auto r = testing::simulate_text(R"(name: glue versus emr
duration: 1d
workload:
  orders: { rate: 50/s, arrivals: deterministic, record_size: 2KB, batch: 1s }
components:
  glue_etl: { service: glue, workers: 10, schedule: "daily at 02:00" }
  emr_etl: { service: emr, cluster: transient, instances: 3, schedule: "daily at 02:00" }
  glue_out: { service: sink }
  emr_out: { service: sink }
flows:
  - orders -> glue_etl -> glue_out
  - orders -> emr_etl -> emr_out
)");
  const auto& glue = testing::component(r, "glue_etl");
  const auto& emr = testing::component(r, "emr_etl");
  const double bytes = usage(glue, "bytes_processed");
  CHECK(bytes == usage(emr, "bytes_processed"));
  CHECK(bytes == doctest::Approx(50.0 * 2000 * 7200).epsilon(1e-3));  // two hours of input
  const double glue_s = bytes / (32 * kMiB) * (0.05 + 0.95 / 10);
  const double emr_s = bytes / (4 * kVcpuRate) * (0.05 + 0.95 / 2);
  CHECK(glue.cost_usd == doctest::Approx(10 * std::max(60.0, std::ceil(glue_s)) / 3600 * 0.44).epsilon(1e-9));
  CHECK(emr.cost_usd == doctest::Approx(3 * std::ceil(480 + emr_s) / 3600 * kInstanceHour).epsilon(1e-9));
  // Time: Glue's run ends 30 s + glue_s after 02:00, EMR's 480 s + emr_s.
  double glue_lat = 0, emr_lat = 0;
  for (const auto& p : r.paths) (p.to == "glue_out" ? glue_lat : emr_lat) = p.latency.max;
  CHECK(glue_lat == doctest::Approx(7200 + 30 + glue_s).epsilon(1e-4));
  CHECK(emr_lat == doctest::Approx(7200 + 480 + emr_s).epsilon(1e-4));
}

TEST_CASE("emr: on the same hardware as a Glue job, the same input takes the same time") {
  // 10 G.1X DPUs (4 vCPU, 32 MiB/s each) and 10 core m5.xlarge instances
  // (4 vCPU at 8 MiB/s each) with the same start-up and serial share: the
  // runs must end at the same instant, whatever the serial share.
  const auto r = testing::simulate_text(R"(name: same hardware
duration: 3h
workload:
  orders: { rate: 500/s, arrivals: deterministic, record_size: 2KB, batch: 1s }
components:
  glue_etl: { service: glue, workers: 10, serial_fraction: 20%, schedule: "every 1h" }
  emr_etl: { service: emr, cluster: persistent, instances: 11, startup: 30s, serial_fraction: 20%, schedule: "every 1h" }
  glue_out: { service: sink }
  emr_out: { service: sink }
flows:
  - orders -> glue_etl -> glue_out
  - orders -> emr_etl -> emr_out
)");
  REQUIRE(r.paths.size() == 2);
  CHECK(r.paths[0].records == r.paths[1].records);
  CHECK(r.paths[0].latency.max == doctest::Approx(r.paths[1].latency.max).epsilon(1e-9));
  CHECK(r.paths[0].latency.mean == doctest::Approx(r.paths[1].latency.mean).epsilon(1e-9));
}

TEST_CASE("emr: AWS's pricing page, a 10-node cluster for 10 hours costs the same as a 100-node cluster for 1 hour") {
  // aws.amazon.com/emr/pricing (stored copy of the German page: "Ein
  // 10-Knoten-Cluster, der 10 Stunden lang ausgeführt wird, kostet das Gleiche
  // wie ein 100-Knoten-Cluster, der 1 Stunde lang ausgeführt wird"), billed per
  // second with a one-minute minimum, EC2 plus the EMR charge.
  const auto cost = [](int nodes, const std::string& duration) {
    const auto r = testing::simulate_text("name: linear\nduration: " + duration +
                                          "\nworkload:\n  w: { rate: 1/d }\ncomponents:\n  c: { service: emr, "
                                          "cluster: persistent, instances: " +
                                          std::to_string(nodes) + ", schedule: every 1d }\nflows: [w -> c]\n");
    return testing::component(r, "c").cost_usd;
  };
  const double ten_for_ten = cost(10, "10h"), hundred_for_one = cost(100, "1h");
  CHECK(ten_for_ten == doctest::Approx(hundred_for_one).epsilon(1e-12));
  CHECK(ten_for_ten == doctest::Approx(100 * (0.192 + 0.048)).epsilon(1e-12));
}

TEST_CASE("emr: half its nodes lost for 10 minutes of a run slows that part to half pace, and the run ends 5 minutes later") {
  // The run of the transient test above: triggered at 1h, 8 min start-up,
  // 1,200 s of processing from 1:08. Half the nodes lost from 1:10 to 1:20:
  // 2 min at full pace (120 s of work), 10 min at half (300 s), and the
  // 780 s left at full pace: processing ends at 1:33, 1,500 s after it began.
  const model::Fault lost{.kind = "capacity_lost", .start = 70 * kMinute, .end = 80 * kMinute, .share = 0.5};
  BatchRig rig("service: emr, cluster: transient, instances: 3, serial_fraction: 0", {lost});
  rig.feed(kMinute, 100, static_cast<std::uint64_t>(1200 * 8 * kVcpuRate));
  rig.finish(3 * kHour - kMinute);
  auto& emr = rig.as<models::EmrCluster>();
  const auto runs = rig.job->batch_run_times();
  REQUIRE(runs.size() >= 1);
  CHECK(engine::to_seconds(runs.front().processing) == doctest::Approx(1500));
  CHECK(engine::to_seconds(*runs.front().ended) == doctest::Approx(93 * 60));
  // Billed while up: the cluster stays up the 5 minutes longer.
  const double up_s = (480 + 1500) + 480;
  CHECK(emr.instance_hours(3 * kHour) == doctest::Approx(3 * up_s / 3600).epsilon(1e-12));
  CHECK(rig.network.delivered() == 100);
}

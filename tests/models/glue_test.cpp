// Glue jobs: when runs start (schedule, on arrival, a trigger skipped while a
// run is active), how long they take (start-up plus Amdahl's law over the
// DPUs), what they bill (DPU-hours with the 1-minute minimum, crawlers, the
// Data Catalog) and where every record goes when runs fail. Truth comes from
// the closed forms and from AWS's pricing page, not from the model.
#include <doctest/doctest.h>

#include <cmath>

#include "archsim/models/builtin.hpp"
#include "archsim/models/glue/glue_job.hpp"
#include "archsim/scenario/catalog_loader.hpp"
#include "support/batch_rig.hpp"
#include "support/simulate.hpp"

using namespace archsim;
using engine::kHour;
using engine::kMinute;
using engine::kSecond;
using testing::BatchRig;

namespace {

constexpr double kMiB = 1048576.0;
constexpr double kRate = 32 * kMiB;  // the default throughput_per_dpu

// A G.1X job of `workers` DPUs with no serial share: processing `seconds`
// takes exactly seconds x workers x 32 MiB of input.
std::uint64_t bytes_for(double seconds, double dpus) { return static_cast<std::uint64_t>(seconds * dpus * kRate); }

double usage(const model::Component& c, const std::string& name) {
  for (const auto& [key, value] : c.usage())
    if (key == name) return value;
  FAIL("no usage " << name);
  return 0;
}

}  // namespace

TEST_CASE("glue: spec defaults and bounds are the catalog's") {
  const auto& catalog = scenario::builtin_catalog();
  const auto* spec = models::find_model("glue");
  REQUIRE(spec != nullptr);
  auto param = [&](const char* name) -> const model::ParamSpec& {
    for (const auto& p : spec->params)
      if (p.name == name) return p;
    FAIL("no " << name);
    return spec->params.front();
  };
  CHECK(param("workers").min == catalog.value("glue.job.min_workers"));
  CHECK(param("workers").default_text == "10");
  CHECK(catalog.value("glue.job.default_workers") == 10);
  CHECK(param("max_retries").max == catalog.value("glue.job.max_retries"));
  CHECK(param("throughput_per_dpu").default_text == "32MiB/s");
  CHECK(catalog.value("glue.assumed.throughput_per_dpu") == kRate);
  CHECK(param("startup").default_text == "30s");
  CHECK(catalog.value("glue.job.startup_s") == 30);
  for (const auto& w : param("worker_type").choices) {
    std::string id = "glue.worker.g" + w.substr(2);  // G.2X -> glue.worker.g2x_dpus
    for (auto& ch : id) ch = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
    CHECK(catalog.find(id + "_dpus") != nullptr);
  }
}

TEST_CASE("glue: a 30 s run is billed the 1-minute minimum, a 10-minute run its own time") {
  // glue.billing.min_s: Glue 2.0 and later bill per second with a 1-minute minimum.
  SUBCASE("30 s") {
    BatchRig rig("service: glue, workers: 10, serial_fraction: 0");
    rig.feed(kMinute, 1000, bytes_for(30, 10));
    rig.finish(2 * kHour - kMinute);
    auto& job = rig.as<models::GlueJob>();
    CHECK(job.runs() == 1);  // the trigger at 1h; the one at 2h is past the end
    CHECK(job.dpu_hours() == doctest::Approx(10 * 60 / 3600.0).epsilon(1e-12));
    CHECK(job.cost_usd(2 * kHour) == doctest::Approx(10 * 60 / 3600.0 * 0.44).epsilon(1e-12));
  }
  SUBCASE("10 min") {
    BatchRig rig("service: glue, workers: 10, serial_fraction: 0");
    rig.feed(kMinute, 1000, bytes_for(600, 10));
    rig.finish(2 * kHour - kMinute);
    auto& job = rig.as<models::GlueJob>();
    CHECK(job.dpu_hours() == doctest::Approx(10 * 10 / 60.0).epsilon(1e-12));
  }
  SUBCASE("G.2X doubles the DPUs billed and halves the time") {
    BatchRig rig("service: glue, worker_type: G.2X, workers: 10, serial_fraction: 0");
    rig.feed(kMinute, 1000, bytes_for(600, 10));  // 10 min on 10 DPUs: 5 min on 20
    rig.finish(2 * kHour - kMinute);
    CHECK(rig.as<models::GlueJob>().dpu_hours() == doctest::Approx(20 * 5 / 60.0).epsilon(1e-12));
  }
}

TEST_CASE("glue: AWS's pricing example, a 15-minute job on 6 DPUs, costs $0.66") {
  // aws.amazon.com/glue/pricing (its Turkish copy, aws.amazon.com/tr/glue/pricing,
  // "Fiyatlandirma ornekleri"): an Apache Spark job that runs for 15 minutes and
  // uses 6 DPUs is billed 6 DPU x 0.25 hour x $0.44 = $0.66.
  BatchRig rig("service: glue, workers: 6, serial_fraction: 0");
  rig.feed(kMinute, 1000, bytes_for(900, 6));
  rig.finish(2 * kHour - kMinute);
  auto& job = rig.as<models::GlueJob>();
  CHECK(job.dpu_hours() == doctest::Approx(1.5).epsilon(1e-12));
  CHECK(std::round(job.cost_usd(2 * kHour) * 100) / 100 == 0.66);
}

TEST_CASE("glue: run time is start-up plus Amdahl's law over the DPUs") {
  // 1 GiB on one DPU at 32 MiB/s takes 32 s; on 10 G.2X workers (20 DPUs) with
  // 5% serial: 32 x (0.05 + 0.95 / 20) = 3.12 s, after the 30 s start-up.
  BatchRig rig("service: glue, worker_type: G.2X, workers: 10, serial_fraction: 5%");
  rig.feed(kMinute, 100, 1073741824);
  const engine::SimTime end = kHour + 30 * kSecond + 3120 * engine::kMillisecond;
  rig.engine.run_until(end);  // events at `end` are not yet processed
  CHECK(rig.network.delivered() == 0);
  rig.engine.run_until(end + 1);
  CHECK(rig.network.delivered() == 100);
  CHECK(models::BatchRuns::processing_time(1073741824, kRate, 20, 0.05) == 3120 * engine::kMillisecond);
  // Forty times the DPUs is not forty times as fast: the serial 5% stays.
  CHECK(models::BatchRuns::processing_time(1073741824, kRate, 800, 0.05) ==
        engine::round_half_away(32 * (0.05 + 0.95 / 800) * 1e9));
}

TEST_CASE("glue: a run also reads the existing data it recomputes over (reads)") {
  // 100 records of 1 GiB in all, plus 31 GiB of history: 32 GiB on 10 G.1X
  // DPUs at 32 MiB/s with no serial share takes 1024 / 10 = 102.4 s after the
  // 30 s start-up, and bills 10 DPUs x 103 s (execution rounded up to the second).
  BatchRig rig("service: glue, workers: 10, serial_fraction: 0, reads: 31GiB");
  rig.feed(kMinute, 100, 1073741824);
  const engine::SimTime end = kHour + 30 * kSecond + 102400 * engine::kMillisecond;
  rig.engine.run_until(end);
  CHECK(rig.network.delivered() == 0);
  rig.engine.run_until(end + 1);
  CHECK(rig.network.delivered() == 100);
  CHECK(usage(*rig.job, "bytes_processed") == doctest::Approx(32 * 1073741824.0));
  CHECK(usage(*rig.job, "dpu_hours") == doctest::Approx(10 * 103 / 3600.0));
}

TEST_CASE("glue: a trigger during a run is skipped and its data waits for the next run") {
  // Every 15 minutes; the 15m run takes 30 s + 20 min, so it is still going at
  // 30m (skipped, as Glue refuses a second concurrent run) and done by 45m.
  BatchRig rig("service: glue, workers: 10, serial_fraction: 0, schedule: every 15m");
  rig.feed(kMinute, 1000, bytes_for(1200, 10));
  rig.feed(20 * kMinute, 7, 7000);  // lands during the long run
  rig.finish(2 * kHour);
  auto& job = rig.as<models::GlueJob>();
  CHECK(job.skipped_runs() == 1);
  CHECK(job.runs() == 6);  // 15, 45, 60, 75, 90 and 105 minutes; 120 is the end
  CHECK(rig.network.delivered() == 1007);
  // Billed: 1,200 s, the 45m run's 1 s for 7000 B, then four empty runs at the
  // 60 s minimum (and the 45m run's too), on 10 DPUs.
  CHECK(job.dpu_hours() == doctest::Approx(10 * (1200 + 5 * 60) / 3600.0).epsilon(1e-9));
}

TEST_CASE("glue: data landing during a skipped trigger leaves with the next run") {
  BatchRig rig("service: glue, workers: 10, serial_fraction: 0, schedule: every 15m");
  rig.feed(kMinute, 1000, bytes_for(1200, 10));
  rig.feed(20 * kMinute, 7, 7000);
  rig.engine.run_until(35 * kMinute + 30 * kSecond + 1);  // the long run is done
  CHECK(rig.network.delivered() == 1000);
  rig.engine.run_until(45 * kMinute + 30 * kSecond);  // the 45m run is still starting up
  CHECK(rig.network.delivered() == 1000);
  rig.engine.run_until(45 * kMinute + 31 * kSecond);
  CHECK(rig.network.delivered() == 1007);
}

TEST_CASE("glue: on_arrival starts a run as soon as data lands and no run is active") {
  BatchRig rig("service: glue, workers: 10, serial_fraction: 0, schedule: on_arrival, startup: 10s");
  rig.feed(0, 10, bytes_for(20, 10));         // runs 0 .. 30 s
  rig.feed(5 * kSecond, 10, bytes_for(5, 10));  // waits, then runs 30 .. 45 s
  rig.engine.run_until(30 * kSecond + 1);
  CHECK(rig.network.delivered() == 10);
  rig.engine.run_until(45 * kSecond);
  CHECK(rig.network.delivered() == 10);
  rig.engine.run_until(45 * kSecond + 1);
  CHECK(rig.network.delivered() == 20);
  CHECK(rig.as<models::GlueJob>().runs() == 2);
}

TEST_CASE("glue: with failures every record is delivered, in flight or dropped after the retries") {
  const auto r = testing::simulate_text(R"(name: glue with failures
duration: 2d
seed: 11
workload:
  orders: { rate: 50/s, record_size: 2KB, batch: 1s }
components:
  lake: { service: s3 }
  etl: { service: glue, workers: 4, schedule: every 1h, failure_rate: 40%, max_retries: 1 }
  out: { service: sink }
flows: [orders -> lake -> etl -> out]
)");
  const auto& etl = testing::component(r, "etl");
  double failed = 0, retries = 0, runs = 0;
  for (const auto& [k, v] : etl.usage) {
    if (k == "failed_runs") failed = v;
    if (k == "retries") retries = v;
    if (k == "runs") runs = v;
  }
  CHECK(runs == 47);  // 1h ... 47h
  CHECK(retries > 0);
  CHECK(failed > 0);  // with 40% per attempt, some run fails twice
  REQUIRE(etl.drops.size() == 1);
  CHECK(etl.drops[0].reason == "job_failed_after_retries");
  CHECK(etl.dropped > 0);
  CHECK(etl.records_in == etl.records_out + etl.dropped + etl.in_flight);
  const auto& a = r.accounting;
  CHECK(a.generated == a.delivered + a.dropped + a.in_flight);
}

TEST_CASE("glue: a nightly job behind an S3 lake runs at 02:00 each day") {
  const auto r = testing::simulate_text(R"(name: glue nightly
duration: 2d
workload:
  orders: { rate: 50/s, arrivals: deterministic, record_size: 2KB, batch: 1s }
components:
  lake: { service: s3 }
  etl: { service: glue, worker_type: G.1X, workers: 10, schedule: "daily at 02:00" }
  out: { service: sink }
flows: [orders -> lake -> etl -> out]
)");
  const auto& etl = testing::component(r, "etl");
  double runs = -1;
  for (const auto& [k, v] : etl.usage)
    if (k == "runs") runs = v;
  CHECK(runs == 2);  // 02:00 and 26:00
  // What arrived after the second run started waits for a third run.
  CHECK(etl.in_flight == doctest::Approx(50 * 22 * 3600).epsilon(1e-3));
  // A record landing just after 02:00 waits a day for the next run, plus that
  // run: 30 s start-up and 8.64 GB at 32 MiB/s x (0.05 + 0.95 / 10) = 37 s.
  const double run_s = 30 + 50.0 * 2000 * 86400 / kRate * (0.05 + 0.95 / 10);
  CHECK(r.paths.at(0).latency.max == doctest::Approx(86400 + run_s).epsilon(1e-4));
}

TEST_CASE("glue: crawlers and the Data Catalog are cost lines") {
  // A crawler 24 times a day for 5 minutes on 2 DPUs is billed its 10-minute
  // minimum each time (glue.billing.crawler_min_s): 24 x 2 x 1/6 h = 8 DPU-hours.
  BatchRig crawl("service: glue, crawler_runs: 24/day, crawler_time: 5m");
  CHECK(crawl.as<models::GlueJob>().crawler_dpu_hours(24 * kHour) == doctest::Approx(8).epsilon(1e-12));
  crawl.finish(24 * kHour);
  const double runs_bill = crawl.as<models::GlueJob>().dpu_hours() * 0.44;
  CHECK(crawl.job->cost_usd(24 * kHour) == doctest::Approx(runs_bill + 8 * 0.44).epsilon(1e-12));
  // Data Catalog: the first million objects are free, then $1 per 100,000 a
  // month; 2 million objects for a 730-hour month cost $10.
  BatchRig cat("service: glue, catalog_objects: 2000000, schedule: daily at 23:59");
  CHECK(cat.job->cost_usd(730 * kHour) == doctest::Approx(10).epsilon(1e-12));
  BatchRig free_tier("service: glue, catalog_objects: 1000000, schedule: daily at 23:59");
  CHECK(free_tier.job->cost_usd(730 * kHour) == 0);
  CHECK(usage(*cat.job, "dpu_hours") == 0);
}

TEST_CASE("glue: a job writing into a throttled table is held back, loses nothing, and is billed until written") {
  // About 10,000 items of 1 KB reach the job in its first 50 minutes; at the
  // 1 h trigger it emits them into a 10 WCU table (one partition) whose burst
  // capacity holds 300 s of unused capacity, 3,000 write units: the rest go
  // at 10 a second, so writing takes at least (n - 3,000) / 10 s. The job's
  // 10 DPUs are billed for it; processing 10 MB takes a fraction of a second.
  const auto r = testing::simulate_text(R"(name: glue into dynamodb
duration: 2h
workload:
  items:
    rate: 12000/h
    arrivals: deterministic
    record_size: 1KB
    profile: { kind: steps, steps: [{at: 0s, factor: 1}, {at: 50m, factor: 0}] }
components:
  load: { service: glue, workers: 10, schedule: every 1h, serial_fraction: 0 }
  table: { service: dynamodb, wcu: 10, rcu: 1, item_size: 1KB, max_retries: 10 }
flows: [items -> load -> table]
)");
  const auto& load = testing::component(r, "load");
  const auto& table = testing::component(r, "table");
  const double n = static_cast<double>(load.records_in);
  REQUIRE(n > 9990);
  CHECK(table.dropped == 0);
  CHECK(table.records_out == load.records_in);  // all written by the end
  CHECK(table.throttled > 0);
  double dpu_hours = 0;
  for (const auto& [key, value] : load.usage)
    if (key == "dpu_hours") dpu_hours = value;
  const double billed_s = dpu_hours * 3600 / 10;
  const double least_write_s = (n - 3000) / 10;
  MESSAGE("billed " << billed_s << " s for at least " << least_write_s << " s of writing");
  CHECK(billed_s >= least_write_s);
  CHECK(billed_s <= least_write_s * 1.05);
}

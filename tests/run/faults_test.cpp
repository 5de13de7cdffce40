// Failure drills against hand arithmetic. A consumer stopped for T while
// records arrive at λ builds a backlog of λT (plus what its restart
// replays) and, able to take μ, drains it in backlog / (μ − λ); a load spiked
// to kλ above μ for T leaves (kλ − μ)T, drained the same way. Every record
// stays accounted for through the fault: simulate() checks the invariants.
#include <doctest/doctest.h>

#include "archsim/analysis/explain.hpp"
#include "archsim/analysis/static_explain.hpp"
#include "archsim/scenario/catalog_loader.hpp"
#include "archsim/whatif/figures.hpp"
#include "support/drill_pipeline.hpp"
#include "support/simulate.hpp"

using namespace archsim;
using archsim::testing::component;
using archsim::testing::simulate_text;

namespace {

const std::string& kPipeline = archsim::testing::kDrillPipeline;

constexpr double kArrivals = 1000;
constexpr double kCapacity = 2000 * (1 - 0.010 / 60);

}  // namespace

TEST_CASE("faults: a Flink job stopped for 10 min leaves λT plus its replay, and catches up in that over μ − λ") {
  // It fails 30 s after the checkpoint of 00:30:00, so about 30 s of what it
  // had processed (30,000 records) is processed again after the restart.
  const auto r = simulate_text(kPipeline + "faults:\n  - { target: job, kind: stopped, after: 1830s, for: 10m }\n");
  REQUIRE(r.faults.size() == 1);
  const run::FaultResult& f = r.faults.front();
  CHECK(f.start_s == doctest::Approx(1830));
  CHECK(f.end_s == doctest::Approx(2430));
  const double replayed = 30 * kArrivals;
  CHECK(static_cast<double>(f.replayed) == doctest::Approx(replayed).epsilon(0.04));
  // The replay is counted as records created, and nothing is lost.
  CHECK(component(r, "job").created == f.replayed);
  CHECK(r.accounting.created == f.replayed);
  CHECK(f.dropped == 0);
  CHECK(r.accounting.dropped == 0);
  const double backlog = kArrivals * 600 + static_cast<double>(f.replayed);
  CHECK(f.in_flight_peak == doctest::Approx(backlog).epsilon(0.005));
  CHECK(f.in_flight_before <= 1000);
  REQUIRE(f.recovered);
  const double drain_s = backlog / (kCapacity - kArrivals);
  CHECK(f.recovery_s() == doctest::Approx(drain_s).epsilon(0.01));
  // The stalest record the sink got: one read just after the 00:30:00
  // checkpoint, processed, replayed after the 10 minutes down: 630 s old.
  // The job is its own sink, whose model says nothing of copies: they count twice.
  REQUIRE(f.copies_reach.size() == 1);
  CHECK(f.copies_reach.front().sink == "job");
  CHECK_FALSE(f.copies_reach.front().idempotent);
  REQUIRE(f.stalest.size() == 1);
  CHECK(f.stalest.front().first == "events -> job");
  CHECK(f.stalest.front().second == doctest::Approx(630).epsilon(0.01));
}

TEST_CASE("faults: a spike of 3x for 5 min above capacity leaves (3λ − μ)T and drains in that over μ − λ") {
  const auto r = simulate_text(kPipeline + "faults:\n  - { target: events, kind: spike, factor: 3, at: \"01:00\", for: 5m }\n");
  REQUIRE(r.faults.size() == 1);
  const run::FaultResult& f = r.faults.front();
  CHECK(f.replayed == 0);
  // A batch a second, the last at 2h left out (it would arrive at the end):
  // 7,199 of them, and the 300 whose middle falls in the spike carry 2,000 more.
  CHECK(r.sources.front().generated == static_cast<std::uint64_t>(7199 * kArrivals + 2 * 300 * kArrivals));
  const double backlog = (3 * kArrivals - kCapacity) * 300;
  CHECK(f.in_flight_peak == doctest::Approx(backlog).epsilon(0.01));
  REQUIRE(f.recovered);
  CHECK(f.recovery_s() == doctest::Approx(backlog / (kCapacity - kArrivals)).epsilon(0.01));
}

TEST_CASE("faults: a spike the design absorbs builds no backlog and recovers when it ends") {
  const auto r = simulate_text(kPipeline + "faults:\n  - { target: events, kind: spike, factor: 1.5, after: 1h, for: 5m }\n");
  const run::FaultResult& f = r.faults.front();
  CHECK(f.in_flight_peak <= 1500);
  CHECK(f.recovered);
  CHECK(f.recovery_s() == 0);
}

TEST_CASE("faults: a drill is reported on the faulted run, diagnosed on the design without its faults") {
  auto loaded = scenario::load_scenario_text(kPipeline, "drill.yaml", {},
                                             {"{target: job, kind: stopped, after: 1830s, for: 10m}"});
  REQUIRE(loaded.ok());
  const run::RunResult r = analysis::run_and_explain(*loaded.scenario, 1);
  REQUIRE(r.faults.size() == 1);
  // The p99 of a 10-minute outage is minutes; without it, about a second.
  REQUIRE(r.requirements.size() == 1);
  CHECK_FALSE(r.requirements.front().pass);
  CHECK(r.requirements.front().fails_only_with_faults);
  REQUIRE(r.requirements_without_faults.size() == 1);
  CHECK(r.requirements_without_faults.front().pass);
  // Catching up at full capacity is recovery, not a limit: the job at half
  // its capacity in normal operation is not named as binding.
  for (const auto& b : r.bottlenecks) CHECK_MESSAGE(b.kind != "holds_back", b.component);
  // The catch-up runs at μ − λ, paced by the job at its limit.
  const run::FaultResult& f = r.faults.front();
  CHECK(f.drain_per_s == doctest::Approx(kCapacity - kArrivals).epsilon(0.01));
  CHECK(f.paced_by == "job");
  // Utilization is kept as interval means (1 min here): the interval the
  // job restarts in holds 30 s of it down, so the mean over the catch-up
  // is a little under 1 (about 0.98).
  CHECK(f.paced_utilization > 0.95);
  // The same drill again gives the same figures.
  const run::RunResult again = analysis::run_and_explain(*loaded.scenario, 2);
  CHECK(again.faults.front().in_flight_peak == r.faults.front().in_flight_peak);
  CHECK(again.faults.front().recovered_at_s == r.faults.front().recovered_at_s);
  CHECK(again.faults.front().replayed == r.faults.front().replayed);
}

TEST_CASE("faults: --fault adds to the scenario's faults, and its mistakes are placed at --fault") {
  auto ok = scenario::load_scenario_text(kPipeline, "drill.yaml", {},
                                         {"{target: events, kind: spike, factor: 2, at: \"01:00\", for: 1m}",
                                          "{target: job, kind: stopped, after: 10m, for: 1m}"});
  REQUIRE(ok.ok());
  REQUIRE(ok.scenario->faults.size() == 2);
  // In time order, whatever the order given.
  CHECK(ok.scenario->faults[0].target == "job");
  CHECK(ok.scenario->faults[1].target == "events");
  auto bad = scenario::load_scenario_text(kPipeline, "drill.yaml", {}, {"{target: jobb, kind: stopped, after: 10m, for: 1m}"});
  REQUIRE_FALSE(bad.ok());
  const auto items = bad.diagnostics.sorted();
  REQUIRE(items.size() == 1);
  CHECK(items.front().loc.file == "--fault");
  CHECK(items.front().loc.line == 1);
  CHECK(items.front().loc.col == 10);
  CHECK(items.front().message.find("did you mean 'job'?") != std::string::npos);
}

TEST_CASE("faults: a table throttled to half refuses half of each attempt, and without retries that half is lost") {
  // 1,000 writes/s straight into a roomy table; for 10 minutes it refuses
  // half of every request whatever its capacity. With no retry the refused
  // half is dropped: 0.5 x 1,000/s x 600 s = 300,000. With 3 retries a
  // record is lost only if all 4 attempts are refused: 1/16 of them, 37,500
  // (retries drawn after the window ends pass, so a little fewer).
  const std::string table = R"(name: throttled table
duration: 1h
workload:
  writes: { rate: 1000/s, arrivals: deterministic, batch: 1s, record_size: 200B }
components:
  table: { service: dynamodb, wcu: 10000, max_retries: 0 }
flows:
  - writes -> table
faults:
  - { target: table, kind: throttled, share: 50%, after: 20m, for: 10m }
)";
  const auto none = simulate_text(table);
  const auto& t0 = component(none, "table");
  CHECK(static_cast<double>(t0.dropped) == doctest::Approx(300000).epsilon(0.01));
  CHECK(none.faults.front().dropped == t0.dropped);
  bool named = false;
  for (const auto& [resource, n] : t0.throttled_by) named = named || (resource == "service_throttling" && n == t0.throttled);
  CHECK(named);
  const auto three = simulate_text(table, {"components.table.max_retries=3"});
  CHECK(static_cast<double>(component(three, "table").dropped) == doctest::Approx(37500).epsilon(0.03));
  CHECK(three.faults.front().recovered);
}

TEST_CASE("faults: a drill's figures are named for sweeps and replications, the time to recover among them") {
  const auto r = simulate_text(kPipeline + "faults:\n  - { target: job, kind: stopped, after: 1830s, for: 10m }\n");
  const auto recover = whatif::find_figure(r, "faults.0.time_to_recover_s");
  REQUIRE(recover);
  CHECK(recover->value == doctest::Approx(r.faults.front().recovery_s()));
  const auto peak = whatif::find_figure(r, "faults.0.in_flight_peak");
  REQUIRE(peak);
  CHECK(peak->value == doctest::Approx(r.faults.front().in_flight_peak));
  CHECK(whatif::find_figure(r, "faults.0.replayed")->value == doctest::Approx(static_cast<double>(r.faults.front().replayed)));
}

TEST_CASE("faults: explain works out a fault's backlog and catch-up as the run measures them, less the replay") {
  auto loaded = scenario::load_scenario_text(
      kPipeline, "drill.yaml", {},
      {"{target: job, kind: stopped, after: 1830s, for: 10m}", "{target: events, kind: spike, factor: 3, after: 1h, for: 5m}"});
  REQUIRE(loaded.ok());
  const auto e = analysis::explain_statically(*loaded.scenario, scenario::builtin_catalog());
  REQUIRE(e.recoveries.size() == 2);
  const analysis::StaticRecovery& stop = e.recoveries[0];
  CHECK(stop.component == "job");
  CHECK(stop.backlog == doctest::Approx(kArrivals * 600).epsilon(0.001));
  CHECK(stop.catch_up == doctest::Approx(kCapacity - kArrivals).epsilon(0.01));
  CHECK(stop.drain_s == doctest::Approx(600).epsilon(0.01));
  const analysis::StaticRecovery& spike = e.recoveries[1];
  CHECK(spike.component == "job");
  CHECK(spike.backlog == doctest::Approx((3 * kArrivals - kCapacity) * 300).epsilon(0.01));
  // The run agrees, once the records the restart replays are added.
  const run::RunResult r = run::simulate(*loaded.scenario);
  const double replayed_drain = static_cast<double>(r.faults[0].replayed) / (kCapacity - kArrivals);
  CHECK(r.faults[0].recovery_s() == doctest::Approx(stop.drain_s + replayed_drain).epsilon(0.01));
  CHECK(r.faults[1].recovery_s() == doctest::Approx(spike.drain_s).epsilon(0.02));
}

TEST_CASE("faults: requirements are judged apart from a fault's start until it recovered, and records delayed are counted") {
  // Stopped from 1,830 s for 10 min: a backlog of λT plus its replay
  // (630,000), drained at μ − λ in about 630 s, so the fault's span runs
  // to about 3,060 s; to the minute, from 1,800 s to 3,120 s.
  const auto r = simulate_text(kPipeline + "faults:\n  - { target: job, kind: stopped, after: 1830s, for: 10m }\n");
  const run::FaultResult& f = r.faults.front();
  REQUIRE(f.recovered);
  CHECK(f.affected_until_s(r.duration_s) == doctest::Approx(3060).epsilon(0.01));
  CHECK(r.during_faults_s == doctest::Approx(1320));
  CHECK(r.outside_faults_s == doctest::Approx(r.duration_s - r.warmup_s - 1320));
  // Every record delivered after warmup falls in one part or the other.
  CHECK(r.throughput_during_faults_per_s * r.during_faults_s + r.throughput_outside_faults_per_s * r.outside_faults_s ==
        doctest::Approx(r.throughput_per_s * (r.duration_s - r.warmup_s)).epsilon(1e-9));
  // The span delivers what arrived in it and the replay: λ × 1,320 s + 30,000.
  const auto& path = r.paths.front();
  CHECK(static_cast<double>(path.during_faults.count) ==
        doctest::Approx(kArrivals * 1320 + static_cast<double>(f.replayed)).epsilon(0.01));
  // Delayed: everything delivered while the backlog drained, the backlog
  // and what arrived meanwhile: backlog × μ / (μ − λ), twice the backlog here.
  REQUIRE(f.delayed.size() == 1);
  CHECK(f.delayed.front().path == "events -> job");
  CHECK(f.delayed.front().delivered == path.during_faults.count);
  CHECK(f.delayed.front().level_s < 2);
  const double backlog = kArrivals * 600 + static_cast<double>(f.replayed);
  CHECK(static_cast<double>(f.delayed.front().delayed) ==
        doctest::Approx(backlog * kCapacity / (kCapacity - kArrivals)).epsilon(0.02));
  // latency_p99 <= 30 s fails in the span (its p99 is minutes) and holds in
  // the rest, where the stream and the job keep it near a second.
  REQUIRE(r.requirements.size() == 1);
  const run::RequirementResult& q = r.requirements.front();
  CHECK_FALSE(q.pass);
  REQUIRE(q.during_faults.judged);
  CHECK_FALSE(q.during_faults.pass);
  CHECK(q.during_faults.actual > 300);
  REQUIRE(q.outside_faults.judged);
  CHECK(q.outside_faults.pass);
  CHECK(q.outside_faults.actual < 2);
  CHECK(path.during_faults.max == doctest::Approx(f.stalest.front().second).epsilon(0.01));
}

TEST_CASE("faults: a run without faults keeps no split, and its requirements no parts") {
  const auto r = simulate_text(kPipeline);
  CHECK(r.during_faults_s == 0);
  CHECK(r.outside_faults_s == 0);
  CHECK_FALSE(r.requirements.front().during_faults.judged);
  CHECK_FALSE(r.requirements.front().outside_faults.judged);
}

TEST_CASE("faults: a Flink job that loses any share of its capacity fails whole and restarts as a stopped one does") {
  // One pipelined region: losing a tenth or a half of its task managers
  // stops it all, and it restarts from its checkpoint when capacity is back.
  const auto stopped = simulate_text(kPipeline + "faults:\n  - { target: job, kind: stopped, after: 1830s, for: 10m }\n");
  for (const char* share : {"10%", "50%"}) {
    const auto lost = simulate_text(kPipeline + "faults:\n  - { target: job, kind: capacity_lost, share: " + share +
                                    ", after: 1830s, for: 10m }\n");
    const run::FaultResult& f = lost.faults.front();
    CHECK(f.replayed == stopped.faults.front().replayed);
    CHECK(f.in_flight_peak == stopped.faults.front().in_flight_peak);
    CHECK(f.recovered_at_s == stopped.faults.front().recovered_at_s);
    CHECK(f.dropped == 0);
  }
}

TEST_CASE("faults: explain works out a capacity_lost Flink job as the stop it is") {
  auto loaded = scenario::load_scenario_text(kPipeline, "drill.yaml", {},
                                             {"{target: job, kind: capacity_lost, share: 33%, after: 1830s, for: 10m}"});
  REQUIRE(loaded.ok());
  const auto e = analysis::explain_statically(*loaded.scenario, scenario::builtin_catalog());
  REQUIRE(e.recoveries.size() == 1);
  CHECK(e.recoveries.front().component == "job");
  CHECK(e.recoveries.front().backlog == doctest::Approx(kArrivals * 600).epsilon(0.01));
}

TEST_CASE("faults: a Flink job slowed 3x for 10 min falls behind by (λ − μ/3)T and drains at μ − λ, and explain agrees") {
  // μ = 2,000/s slowed to 667/s against λ = 1,000/s: (1,000 − 667) x 600 =
  // 200,000 records wait, drained at 1,000/s in 200 s; nothing replayed.
  auto loaded = scenario::load_scenario_text(kPipeline, "drill.yaml", {},
                                             {"{target: job, kind: latency, factor: 3, after: 1830s, for: 10m}"});
  REQUIRE(loaded.ok());
  const run::RunResult r = run::simulate(*loaded.scenario);
  const run::FaultResult& f = r.faults.front();
  const double backlog = (kArrivals - kCapacity / 3) * 600;
  CHECK(f.in_flight_peak == doctest::Approx(backlog).epsilon(0.01));
  REQUIRE(f.recovered);
  CHECK(f.recovery_s() == doctest::Approx(backlog / (kCapacity - kArrivals)).epsilon(0.02));
  CHECK(f.replayed == 0);
  CHECK(f.dropped == 0);
  const auto e = analysis::explain_statically(*loaded.scenario, scenario::builtin_catalog());
  REQUIRE(e.recoveries.size() == 1);
  CHECK(e.recoveries.front().capacity_during == doctest::Approx(e.recoveries.front().capacity / 3));
  CHECK(e.recoveries.front().backlog == doctest::Approx(backlog).epsilon(0.01));
  CHECK(e.recoveries.front().drain_s == doctest::Approx(f.recovery_s()).epsilon(0.03));
}

TEST_CASE("faults: a latency factor below 1 is refused where it is written") {
  auto bad = scenario::load_scenario_text(kPipeline, "drill.yaml", {},
                                          {"{target: job, kind: latency, factor: 0.5, after: 10m, for: 1m}"});
  CHECK_FALSE(bad.ok());
}

TEST_CASE("faults: a replay's copies are counted on each path through the job, kept by S3 and overwritten by DynamoDB") {
  // The job writes every record to a table and to a lake: each path
  // delivers all of the job's input, so each gets every replayed record again.
  std::string design = kPipeline + "faults:\n  - { target: job, kind: stopped, after: 1830s, for: 10m }\n";
  design.replace(design.find("  - events -> stream -> job\n"), 28, "  - events -> stream -> job -> table\n  - job -> lake\n");
  design.replace(design.find("flows:"), 0, "  table: { service: dynamodb, wcu: 5000 }\n  lake: { service: s3 }\n");
  const auto r = simulate_text(design);
  const run::FaultResult& f = r.faults.front();
  CHECK(static_cast<double>(f.replayed) == doctest::Approx(30 * kArrivals).epsilon(0.04));
  REQUIRE(f.copies_reach.size() == 2);
  for (const auto& c : f.copies_reach) {
    // The job's input, generated plus the replay, all reaches each sink.
    CHECK(static_cast<double>(c.copies) == doctest::Approx(static_cast<double>(f.replayed)).epsilon(0.001));
    if (c.sink == "table") {
      CHECK(c.path == "events -> table");
      CHECK(c.idempotent);
    } else {
      CHECK(c.path == "events -> lake");
      CHECK_FALSE(c.idempotent);
    }
  }
  // Delivered: what was generated, once per sink, plus the copies on each.
  CHECK(r.accounting.delivered == 2 * r.sources.front().generated + 2 * f.replayed);
}

TEST_CASE("faults: a job that commits at checkpoints delivers exactly once through a restart, each record a checkpoint later") {
  // The job writes to S3 through a two-phase commit: its output waits for
  // the next checkpoint (every 60 s), so a record waits 30 s on average. On
  // the failure the output since the last checkpoint is discarded and the
  // replay produces it again: the lake receives every record once.
  std::string design = kPipeline;
  design.replace(design.find("cost_per_record: 500us }"), 24, "cost_per_record: 500us, delivery: exactly_once }");
  design.replace(design.find("flows:"), 0, "  lake: { service: s3 }\n");
  design.replace(design.find("  - events -> stream -> job\n"), 28, "  - events -> stream -> job -> lake\n");
  const auto calm = simulate_text(design);
  CHECK(calm.paths.front().latency.mean == doctest::Approx(30).epsilon(0.05));
  // explain adds the same half interval to the job's latency.
  auto loaded = scenario::load_scenario_text(design, "exactly-once.yaml");
  REQUIRE(loaded.ok());
  for (const auto& c : analysis::explain_statically(*loaded.scenario, scenario::builtin_catalog()).components)
    if (c.name == "job") CHECK(c.latency_s == doctest::Approx(calm.paths.front().latency.mean).epsilon(0.05));
  const auto r = simulate_text(design + "faults:\n  - { target: job, kind: stopped, after: 1830s, for: 10m }\n");
  const run::FaultResult& f = r.faults.front();
  CHECK(static_cast<double>(f.replayed) == doctest::Approx(30 * kArrivals).epsilon(0.04));
  REQUIRE(f.copies_reach.size() == 1);
  CHECK(f.copies_reach.front().exactly_once);
  CHECK(f.copies_reach.front().copies == 0);
  // The aborted output is absorbed, as many records as the replay makes
  // again, and the lake gets what was generated, less what is still uncommitted.
  const auto& job = component(r, "job");
  CHECK(job.absorbed == f.replayed);
  CHECK(r.accounting.delivered + r.accounting.in_flight == r.sources.front().generated);
}

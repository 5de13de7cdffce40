// completes_by: every run of a batch job finishes by a time of day, judged on
// runs whose length is worked out by hand, and the rule for runs that cross
// midnight or are still going when the simulation ends.
#include <doctest/doctest.h>

#include "archsim/analysis/bottlenecks.hpp"
#include "archsim/report/reports.hpp"
#include "archsim/run/requirements.hpp"
#include "support/simulate.hpp"

using namespace archsim;
using engine::kHour;
using engine::kMinute;

namespace {

// A Glue job of 2 G.1X workers (2 DPUs at 32 MiB/s each, no serial share)
// with a 10-minute start-up reads 900 GiB of history each run: 900 x 1024 /
// 64 = 14,400 s, four hours, plus its input (10 records/s of 1,000 bytes,
// 72 MB by 02:00: 72e6 / 64 MiB/s = 1.07 s). Triggered daily at 02:00, its run
// ends at 02:00 + 10 min + 4 h + 1.07 s = 06:10:01.07.
std::string nightly(const std::string& schedule, const std::string& deadline, const std::string& duration) {
  return R"(name: nightly job
duration: )" + duration + R"(
workload:
  orders: { rate: 10/s, arrivals: deterministic, record_size: 1KB }
components:
  etl:
    service: glue
    workers: 2
    worker_type: G.1X
    serial_fraction: 0
    startup: 10m
    reads: 900GiB
    schedule: )" + schedule + R"(
  curated: { service: s3 }
flows:
  - orders -> etl -> curated
requirements:
  completes_by: { etl: ")" + deadline + R"(" }
)";
}

constexpr double kRunEnds = 2 * 3600 + 600 + 14400 + 72e6 / (64.0 * 1024 * 1024);

// The run with its bottlenecks found (no fix searched).
run::RunResult diagnosed(const std::string& yaml) {
  auto loaded = scenario::load_scenario_text(yaml, "test.yaml", {});
  REQUIRE(loaded.ok());
  run::RunResult r = run::simulate(*loaded.scenario);
  analysis::find_bottlenecks(*loaded.scenario, r, false);
  return r;
}

}  // namespace

TEST_CASE("requirements: completes_by fails a run that ends after the deadline and passes it with room") {
  const auto late = testing::simulate_text(nightly("daily at 02:00", "06:00", "12h"));
  REQUIRE(late.requirements.size() == 1);
  const auto& q = late.requirements[0];
  CHECK(q.name == "completes_by");
  CHECK(q.scope == "etl");
  CHECK(q.target == 6 * 3600);
  CHECK(q.actual == doctest::Approx(kRunEnds).epsilon(1e-6));
  CHECK(q.runs_judged == 1);
  CHECK(q.runs_late == 1);
  CHECK_FALSE(q.pass);
  CHECK(report::to_text(late).find("FAIL completes_by for etl <= 06:00  (latest finish 06:10:01; 1 of 1 runs late)") !=
        std::string::npos);
  const std::string json = report::to_json(late);
  CHECK(json.find("\"name\": \"completes_by\",\n      \"scope\": \"etl\",\n      \"target\": 21600") !=
        std::string::npos);
  CHECK(json.find("\"runs_judged\": 1,\n      \"runs_late\": 1") != std::string::npos);

  const auto on_time = testing::simulate_text(nightly("daily at 02:00", "06:15", "12h"));
  CHECK(on_time.requirements[0].pass);
  CHECK(on_time.requirements[0].actual == doctest::Approx(kRunEnds).epsilon(1e-6));
  CHECK(on_time.requirements[0].runs_late == 0);
}

TEST_CASE("requirements: completes_by judges a run still going at the end only once its deadline has passed") {
  // At 05:00 the run has an hour left before 06:00: not judged, so nothing is.
  const auto early = testing::simulate_text(nightly("daily at 02:00", "06:00", "5h"));
  const auto& unjudged = early.requirements[0];
  CHECK(unjudged.runs_judged == 0);
  CHECK_FALSE(unjudged.pass);
  CHECK(unjudged.unmeasured == std::vector<std::string>{"etl"});
  CHECK(report::to_text(early).find("FAIL completes_by for etl <= 06:00; no run of etl finished") != std::string::npos);
  // At 06:05 it is still going past 06:00: late by at least the 5 minutes seen.
  const auto after = testing::simulate_text(nightly("daily at 02:00", "06:00", "365m"));
  CHECK(after.requirements[0].runs_judged == 1);
  CHECK(after.requirements[0].runs_late == 1);
  CHECK(after.requirements[0].actual == doctest::Approx(6 * 3600 + 300));
  CHECK_FALSE(after.requirements[0].pass);
}

TEST_CASE("requirements: completes_by gives a run that crosses midnight the deadline after its trigger") {
  // Triggered at 22:00 with 792 MB of input (11.80 s): it ends at 02:10:11.80
  // the next morning, before the 03:00 that follows its trigger.
  const auto r = testing::simulate_text(nightly("daily at 22:00", "03:00", "27h"));
  const auto& q = r.requirements[0];
  const double ends = 2 * 3600 + 600 + 792e6 / (64.0 * 1024 * 1024);
  CHECK(q.runs_judged == 1);
  CHECK(q.pass);
  CHECK(q.actual == doctest::Approx(ends).epsilon(1e-6));
  CHECK(report::to_text(r).find("(latest finish 02:10:12; 0 of 1 runs late)") != std::string::npos);
}

TEST_CASE("requirements: a deadline is the first time of day strictly after the trigger") {
  CHECK(run::deadline_after(2 * kHour, 6 * kHour) == 6 * kHour);
  CHECK(run::deadline_after(22 * kHour, 3 * kHour) == 27 * kHour);
  CHECK(run::deadline_after(6 * kHour, 6 * kHour) == 30 * kHour);  // a full day, not none
  CHECK(run::deadline_after(30 * kHour + kMinute, 6 * kHour) == 54 * kHour);

  using Runs = std::vector<model::Component::RunTimes>;
  // Two nights: on time by 10 minutes, then 20 minutes late.
  const Runs nights = {{2 * kHour, 2 * kHour, 5 * kHour + 50 * kMinute},
                       {26 * kHour, 26 * kHour, 30 * kHour + 20 * kMinute}};
  const auto v = run::judge_deadline(nights, 6 * kHour, 48 * kHour);
  CHECK(v.judged == 2);
  CHECK(v.late == 1);
  CHECK(v.worst_finish_s == 6 * 3600 + 20 * 60);
  // Still going: not judged before its deadline, late by the time past it after.
  const Runs going = {{2 * kHour, 2 * kHour, std::nullopt}};
  CHECK(run::judge_deadline(going, 6 * kHour, 5 * kHour).judged == 0);
  const auto past = run::judge_deadline(going, 6 * kHour, 7 * kHour);
  CHECK(past.late == 1);
  CHECK(past.worst_finish_s == 7 * 3600);
}

TEST_CASE("requirements: a late job's finding gives its run's times and the arithmetic of its length") {
  const auto late = diagnosed(nightly("daily at 02:00", "06:00", "12h"));
  const auto& q = late.requirements[0];
  CHECK(q.worst_run.finished);
  CHECK(q.worst_run.triggered_s == 2 * 3600);
  CHECK(q.worst_run.end_s == doctest::Approx(kRunEnds).epsilon(1e-6));
  CHECK(q.worst_run.deadline_s == 6 * 3600);
  REQUIRE_FALSE(late.bottlenecks.empty());
  const auto& b = late.bottlenecks.front();
  CHECK(b.component == "etl");
  CHECK(b.resource_id == "run_time");
  REQUIRE(b.late_run.has_value());
  // Its input (10 records/s for the 2 hours to 02:00, less the one still on
  // its way), the 900 GiB it reads besides, and the 4-hour processing of both.
  CHECK(b.late_run->records == doctest::Approx(72000).epsilon(1e-4));
  CHECK(b.late_run->bytes_besides == 900.0 * 1024 * 1024 * 1024);
  CHECK(b.late_run->startup_s == 600);
  CHECK(b.late_run->processing_s == doctest::Approx(14400 + 72e6 / (64.0 * 1024 * 1024)).epsilon(1e-4));
  CHECK(b.late_run->attempts == 1);
  const std::string text = report::to_text(late);
  CHECK(text.find("its run triggered at 02:00 (2.00 h in) ended at 06:10, 4.17 h after it started, 10.0 min past its "
                  "06:00 deadline") != std::string::npos);
  CHECK(text.find("and 966 GB of stored data besides: processing that takes 4.00 h at 2 DPUs x 32 MiB/s, after a "
                  "start-up of 10.0 min") != std::string::npos);
  CHECK(report::to_json(late).find("\"late_run\": {") != std::string::npos);

  // Still going at the end: the finding and the requirement say so.
  const auto going = diagnosed(nightly("daily at 02:00", "06:00", "365m"));
  CHECK_FALSE(going.requirements[0].worst_run.finished);
  const std::string going_text = report::to_text(going);
  CHECK(going_text.find("(a run still going at 06:05 (the end of the simulation); 1 of 1 runs late)") !=
        std::string::npos);
  CHECK(going_text.find("was still going at 06:05 when the simulation ended, 4.08 h after it started and at least "
                        "5.00 min past its 06:00 deadline") != std::string::npos);
}

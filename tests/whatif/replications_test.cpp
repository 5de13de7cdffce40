// Replications are independent runs that reproduce exactly: replication k is
// the run with seed S + k, and the thread count changes no byte.
#include <doctest/doctest.h>

#include <algorithm>

#include "archsim/report/reports.hpp"
#include "archsim/report/whatif_reports.hpp"
#include "archsim/run/simulation.hpp"
#include "archsim/scenario/loader.hpp"
#include "archsim/whatif/replications.hpp"
#include "support/mini_json.hpp"
#include "support/run_command.hpp"

using namespace archsim;
using archsim::testing::Json;
using archsim::testing::run_archsim;

namespace {

const char* kQueue = R"(
name: two clerks
seed: 11
duration: 10m
warmup: 30s
workload:
  customers: { rate: 1.5/s }
components:
  clerks:
    service: server
    servers: 2
    service_time: { dist: exponential, mean: 1s }
flows:
  - customers -> clerks
requirements:
  latency_p99: 6s
  max_dropped: 0
)";

scenario::Scenario load(const char* yaml) {
  auto loaded = scenario::load_scenario_text(yaml, "clerks.yaml");
  REQUIRE(loaded.ok());
  return *loaded.scenario;
}

}  // namespace

TEST_CASE("replication k is the run with seed S + k, whatever the number of jobs") {
  const scenario::Scenario s = load(kQueue);
  const auto one_job = whatif::replicate(s, {.replications = 4, .jobs = 1, .explain = false});
  const auto two_jobs = whatif::replicate(s, {.replications = 4, .jobs = 2, .explain = false});
  CHECK(report::to_json(one_job) == report::to_json(two_jobs));
  CHECK(one_job.seeds == std::vector<std::uint64_t>{11, 12, 13, 14});

  const auto* mean = one_job.find("paths.customers->clerks.latency_s.mean");
  REQUIRE(mean != nullptr);
  REQUIRE(mean->interval.count() == 4);
  for (std::uint64_t k = 0; k < 4; ++k) {
    scenario::Scenario alone = s;
    alone.seed = 11 + k;
    const auto r = run::simulate(alone);
    CHECK(mean->interval.values[k] == r.paths.at(0).latency.mean);
  }
  // The replications differ (independent seeds), and the interval is the t
  // interval of their values.
  CHECK(mean->interval.values[0] != mean->interval.values[1]);
  const auto by_hand = whatif::summarize(mean->interval.values);
  CHECK(mean->interval.half_width == by_hand.half_width);
  CHECK(mean->interval.half_width > 0);
}

TEST_CASE("a requirement is judged on its interval: pass, fail, or uncertain when the target is inside") {
  run::RequirementResult at_most{.name = "latency_p99", .target = 10, .at_most = true};
  CHECK(whatif::judge(at_most, whatif::summarize({8, 9, 8.5})) == whatif::Verdict::kPass);
  CHECK(whatif::judge(at_most, whatif::summarize({11, 12, 11.5})) == whatif::Verdict::kFail);
  CHECK(whatif::judge(at_most, whatif::summarize({9, 11, 10.2})) == whatif::Verdict::kUncertain);
  run::RequirementResult at_least{.name = "throughput", .target = 100, .at_most = false};
  CHECK(whatif::judge(at_least, whatif::summarize({120, 130, 125})) == whatif::Verdict::kPass);
  CHECK(whatif::judge(at_least, whatif::summarize({80, 90, 85})) == whatif::Verdict::kFail);
}

TEST_CASE("cli: run --replications reports intervals, the JSON keeps every replication's value") {
  const std::string file = std::string(ARCHSIM_SOURCE_DIR) + "/scenarios/support-desk-erlang.yaml";
  auto r = run_archsim("run " + file + " --replications 3 --jobs 2 --format json");
  REQUIRE(r.exit_code == 0);
  const Json j = Json::parse(r.out);
  // The contract's keys are there, for the first replication.
  CHECK(j.at("scenario.seed") != nullptr);
  CHECK(j.at("accounting.generated") != nullptr);
  const Json* reps = j.get("replications");
  REQUIRE(reps != nullptr);
  CHECK(reps->get("count")->number == 3);
  CHECK(reps->get("seeds")->items.size() == 3);
  const Json* throughput = reps->get("figures")->get("throughput_per_s");
  REQUIRE(throughput != nullptr);
  REQUIRE(throughput->get("values")->items.size() == 3);
  double sum = 0;
  for (const auto& v : throughput->get("values")->items) sum += v.number;
  CHECK(throughput->get("mean")->number == doctest::Approx(sum / 3));
  CHECK(throughput->get("low")->number < throughput->get("high")->number);
  // The first value is the run with the scenario's own seed.
  auto alone = run_archsim("run " + file + " --format json");
  REQUIRE(alone.exit_code == 0);
  CHECK(Json::parse(alone.out).get("throughput_per_s")->number == throughput->get("values")->items[0].number);

  auto text = run_archsim("run " + file + " --replications 3");
  REQUIRE(text.exit_code == 0);
  CHECK(text.out.find("Across the replications (mean ± 95% confidence interval") != std::string::npos);
  CHECK(text.out.find("met in 0 of 3 replications") != std::string::npos);
  auto md = run_archsim("run " + file + " --replications 2 --format md");
  CHECK(md.out.find("## Across the replications") != std::string::npos);
  CHECK(run_archsim("run " + file + " --replications 0").exit_code == 2);
}

TEST_CASE("a figure too wide to trust is flagged with what would narrow it") {
  // Two replications of a short, noisy run: the drops vary widely.
  const std::string file = std::string(ARCHSIM_SOURCE_DIR) + "/scenarios/support-desk-erlang.yaml";
  auto r = run_archsim("run " + file + " --replications 2 --duration 10m --warmup 1m");
  REQUIRE(r.exit_code == 0);
  CHECK(r.out.find("too wide to trust") != std::string::npos);
  CHECK(r.out.find("replications, or a run") != std::string::npos);
}

TEST_CASE("a latency that no record measured is left out, not averaged in as 0 s") {
  // Replication 2 sees nothing reach 'rare': its latency there is no
  // measurement, and a 0 s among the values would halve the mean.
  auto run_with = [](std::uint64_t measured) {
    run::RunResult r;
    r.duration_s = 3600;
    run::ComponentResult c;
    c.name = "rare";
    c.capacity = 1;
    c.latency = {.count = measured, .mean = measured ? 0.2 : 0, .p99 = measured ? 0.4 : 0};
    r.components.push_back(c);
    r.paths.push_back({"in", "rare", measured, {.count = measured, .p50 = measured ? 0.1 : 0, .p99 = measured ? 0.4 : 0}});
    return r;
  };
  const auto ids = [](const run::RunResult& r) {
    std::vector<std::string> out;
    for (const auto& f : whatif::key_figures(r)) out.push_back(f.id);
    return out;
  };
  const auto quiet = ids(run_with(0));
  for (const char* id : {"components.rare.latency_s.mean", "components.rare.latency_s.p99",
                         "paths.in->rare.latency_s.p99", "latency_s.worst_p99"})
    CHECK_MESSAGE(std::find(quiet.begin(), quiet.end(), id) == quiet.end(), id);
  CHECK(std::find(quiet.begin(), quiet.end(), "components.rare.utilization.mean") != quiet.end());
  const auto busy = ids(run_with(5));
  CHECK(std::find(busy.begin(), busy.end(), "components.rare.latency_s.p99") != busy.end());

  std::vector<run::RunResult> runs{run_with(5), run_with(0), run_with(7)};
  const auto r = whatif::summarize_runs(std::move(runs));
  CHECK(r.find("components.rare.latency_s.p99") == nullptr);  // not in every replication, as for a path
  CHECK(r.find("components.rare.dropped") != nullptr);
}

TEST_CASE("a figure only some replications have is left out of the intervals and said to be") {
  run::RunResult with_path, without_path;
  with_path.seed = 1;
  without_path.seed = 2;
  with_path.paths.push_back({"rare", "sink", 1, {.count = 1, .mean = 0.001, .p50 = 0.001, .p90 = 0.001, .p99 = 0.001, .max = 0.001}});
  const auto r = whatif::summarize_runs({with_path, without_path});
  CHECK(r.find("paths.rare->sink.latency_s.p99") == nullptr);
  CHECK(r.find("throughput_per_s") != nullptr);
  bool listed = false;
  for (const auto& p : r.partial)
    if (p.id == "paths.rare->sink.latency_s.p99") listed = p.measured == 1 && p.label == "p99 latency, rare -> sink";
  CHECK(listed);
  const std::string text = report::to_text(r);
  CHECK(text.find("Left out, measured in only some replications: ") != std::string::npos);
  CHECK(text.find("mean latency, rare -> sink (1 of 2)") != std::string::npos);
}

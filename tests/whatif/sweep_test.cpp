// Sweeps against cases solved by hand: the number of servers a loss system
// needs so that nothing is dropped (the knee), the write rate at which
// DynamoDB on demand starts costing more than a provisioned table (a
// crossing), and the interval of a crossing worked out from its figures.
#include <doctest/doctest.h>

#include <cmath>

#include "archsim/scenario/loader.hpp"
#include "archsim/whatif/statistics.hpp"
#include "archsim/whatif/sweep.hpp"
#include "archsim/report/sweep_reports.hpp"
#include "support/realtime_batch.hpp"
#include "support/run_command.hpp"
#include "support/sweep_cases.hpp"

using namespace archsim;

namespace {

using archsim::testing::kClerksAt3_5PerSecond;
using archsim::testing::write_temp;

// A provisioned table of 1,000 WCU and no RCU costs the same whatever the
// load: 1,000 x $0.00065 per WCU-hour (catalog dynamodb.price.wcu_hour_usd)
// x 730 hours = $474.50 a month. On demand, each 1 KB write is one write
// request unit at $0.625 per million (dynamodb.price.on_demand_write_per_million_usd):
// r writes/s cost r x 730 x 3,600 x 0.625 / 10^6 = $1.6425 r a month. They
// cross at r = 474.50 / 1.6425 = 288.89 writes/s. Storage (1 GB) is in the
// 25 GB free each month.
const char* kProvisioned = R"(
name: orders table, provisioned
seed: 5
duration: 10m
warmup: 0s
workload:
  orders: { rate: 100/s, arrivals: ARRIVALS, record_size: 1KB }
components:
  table: { service: dynamodb, mode: provisioned, wcu: 1000, rcu: 0 }
flows:
  - orders -> table
)";
const double kCrossingRate = 1000 * 0.00065 * 730 / (730 * 3600 * 0.625 / 1e6);

std::string with(std::string text, const std::string& from, const std::string& to) {
  const auto at = text.find(from);
  REQUIRE(at != std::string::npos);
  return text.replace(at, from.size(), to);
}

// The whole sweep, as archsim sweep runs it.
whatif::SweepResult sweep(const std::vector<std::string>& files, const std::vector<std::string>& varies,
                          const std::vector<std::string>& metrics = whatif::default_metrics(), std::size_t replications = 3) {
  scenario::Diagnostics diags;
  whatif::SweepDefinition d;
  d.grid.designs = files;
  for (std::size_t i = 0; i < varies.size(); ++i)
    d.grid.parameters.push_back(*whatif::parse_vary(varies[i], static_cast<int>(i) + 1, diags));
  d.metrics = metrics;
  d.replications = replications;
  const auto designs = whatif::read_designs(files, diags);
  REQUIRE(designs);
  std::vector<std::size_t> all;
  for (std::size_t i = 0; i < d.grid.size(); ++i) all.push_back(i);
  const auto scenarios = whatif::load_points(d, *designs, all, diags);
  for (const auto& problem : diags.items()) MESSAGE(problem.format());
  REQUIRE(scenarios);
  whatif::SweepResult r;
  r.definition = d;
  r.points = whatif::run_points(*scenarios, all, replications, {.jobs = 2});
  whatif::analyze(r);
  return r;
}

double mean_of(const whatif::SweepPoint& p, const std::string& id) {
  const auto* f = p.find(id);
  REQUIRE(f != nullptr);
  return f->interval.mean;
}

}  // namespace

TEST_CASE("sweep knee: a loss system needs 4 servers of 1 s for deterministic arrivals at 3.5/s") {
  const auto r = sweep({write_temp("clerks.yaml", kClerksAt3_5PerSecond)}, {"components.clerks.servers=1..8+1"});
  REQUIRE(r.knees.size() == 1);
  const auto& knee = r.knees.front();
  CHECK(knee.kind == whatif::Knee::Kind::kFound);
  REQUIRE(knee.point);
  CHECK(r.definition.grid.parameters[0].values[*knee.point].text == "4");
  CHECK(knee.uncertain.empty());
  CHECK_FALSE(knee.fails_again);
  for (std::size_t c = 1; c <= 8; ++c) {
    const auto& p = r.at(c - 1);
    const double generated = mean_of(p, "accounting.generated");
    const double expected = c >= 4 ? 0 : generated * static_cast<double>(4 - c) / 4;
    CHECK_MESSAGE(std::abs(mean_of(p, "accounting.dropped") - expected) <= 2, c);
    CHECK(p.all_met() == (c >= 4));
    // Deterministic: every replication the same, so every verdict is certain.
    CHECK(p.find("accounting.dropped")->interval.half_width == 0);
  }
}

TEST_CASE("sweep crossing: provisioned and on-demand DynamoDB cost the same at 288.89 writes/s") {
  CHECK(kCrossingRate == doctest::Approx(288.888889).epsilon(1e-6));
  const std::string provisioned = with(kProvisioned, "ARRIVALS", "deterministic");
  const auto r = sweep({write_temp("provisioned.yaml", provisioned),
                        write_temp("on-demand.yaml", with(provisioned, "provisioned, wcu: 1000, rcu: 0", "on_demand"))},
                       {"workload.orders.rate=100/s..500/s+100/s"}, {"cost.monthly_usd"}, 2);
  CHECK(mean_of(r.at(0), "cost.monthly_usd") == doctest::Approx(474.50).epsilon(1e-9));
  CHECK(mean_of(r.at(5), "cost.monthly_usd") == doctest::Approx(164.25).epsilon(1e-4));
  REQUIRE(r.crossings.size() == 1);
  const auto& c = r.crossings.front();
  CHECK(c.metric_a == "cost.monthly_usd");
  CHECK(c.x == doctest::Approx(kCrossingRate).epsilon(1e-4));
  CHECK_FALSE(c.a_lower_before);  // on demand is cheaper below it
  CHECK(c.paired);
  // Evenly spaced writes: the replications agree, and so does the interval.
  CHECK(c.low == doctest::Approx(c.x).epsilon(1e-9));
  CHECK(c.high == doctest::Approx(c.x).epsilon(1e-9));
}

TEST_CASE("sweep crossing: with Poisson writes the interval holds the rate worked out by hand") {
  const std::string provisioned = with(kProvisioned, "ARRIVALS", "poisson");
  const auto r = sweep({write_temp("provisioned-p.yaml", provisioned),
                        write_temp("on-demand-p.yaml", with(provisioned, "provisioned, wcu: 1000, rcu: 0", "on_demand"))},
                       {"workload.orders.rate=200/s..400/s+50/s"}, {"cost.monthly_usd"}, 5);
  REQUIRE(r.crossings.size() == 1);
  const auto& c = r.crossings.front();
  CHECK(c.low < c.x);
  CHECK(c.x < c.high);
  CHECK(c.low <= kCrossingRate);
  CHECK(kCrossingRate <= c.high);
  CHECK(c.high - c.low < 10);  // 10 minutes of ~290 writes/s pin the rate to a few writes/s
  CHECK(c.low_bounded);
  CHECK(c.high_bounded);
}

TEST_CASE("sweep crossing: two figures of one design (two tables fed the same writes)") {
  const char* both = R"(
name: both tables
seed: 5
duration: 10m
warmup: 0s
workload:
  orders: { rate: 100/s, arrivals: deterministic, record_size: 1KB }
components:
  fixed: { service: dynamodb, mode: provisioned, wcu: 1000, rcu: 0 }
  per_request: { service: dynamodb, mode: on_demand }
flows:
  - orders -> fixed
  - orders -> per_request
)";
  const auto r = sweep({write_temp("both.yaml", both)}, {"workload.orders.rate=100/s..500/s+100/s"},
                       {"components.fixed.monthly_usd", "components.per_request.monthly_usd", "accounting.dropped"}, 2);
  REQUIRE(r.crossings.size() == 1);  // dollars against dollars; never dollars against records
  const auto& c = r.crossings.front();
  CHECK(c.line_a == c.line_b);
  CHECK(c.metric_a == "components.fixed.monthly_usd");
  CHECK(c.metric_b == "components.per_request.monthly_usd");
  CHECK(c.x == doctest::Approx(kCrossingRate).epsilon(1e-4));
}

namespace {

// A result made by hand: designs a and b over x = 0, 1, 2, 3, with a metric
// `m` whose replication values the test chooses, and requirements with
// chosen verdicts.
struct HandMade {
  whatif::SweepResult r;
  HandMade(std::vector<std::string> designs, const std::string& vary) {
    scenario::Diagnostics diags;
    r.definition.grid.designs = std::move(designs);
    r.definition.grid.parameters = {*whatif::parse_vary(vary, 1, diags)};
    r.definition.metrics = {"m"};
    r.definition.replications = 3;
    for (std::size_t i = 0; i < r.definition.grid.size(); ++i) r.points.push_back({.index = i, .seeds = {1, 2, 3}});
  }
  void figure(std::size_t point, std::vector<double> values) {
    whatif::ReplicatedFigure f;
    f.figure.id = "m";
    f.figure.unit = whatif::Unit::kUsd;
    f.interval = whatif::summarize(std::move(values));
    r.points.at(point).figures.push_back(std::move(f));
  }
  void verdicts(std::size_t first_point, const std::vector<whatif::Verdict>& verdicts) {
    for (std::size_t i = 0; i < verdicts.size(); ++i) {
      whatif::ReplicatedRequirement q;
      q.first.name = "max_dropped";
      q.verdict = verdicts[i];
      r.points.at(first_point + i).requirements.push_back(q);
    }
  }
};

}  // namespace

TEST_CASE("sweep crossing interval: where the paired difference's 95% interval holds 0") {
  // a = 2x with a spread of 1 across the replications, b = 3 exactly: the
  // difference 2x - 3 crosses 0 at x = 1.5, its half-width is
  // h = t(0.975, 2) / sqrt(3) everywhere, and d + h and d - h are 0 at
  // x = (3 - h) / 2 and (3 + h) / 2.
  HandMade m({"a", "b"}, "k=0..3+1");
  for (std::size_t x = 0; x < 4; ++x) {
    const double v = 2.0 * static_cast<double>(x);
    m.figure(x, {v - 1, v, v + 1});
    m.figure(4 + x, {3, 3, 3});
  }
  whatif::analyze(m.r);
  REQUIRE(m.r.crossings.size() == 1);
  const auto& c = m.r.crossings.front();
  const double h = whatif::student_t_quantile(0.975, 2) / std::sqrt(3.0);
  CHECK(c.x == doctest::Approx(1.5));
  CHECK(c.low == doctest::Approx((3 - h) / 2));
  CHECK(c.high == doctest::Approx((3 + h) / 2));
  CHECK(c.a_lower_before);
  CHECK(c.low_bounded);
  CHECK(c.high_bounded);

  // Spread so wide that the interval holds 0 across the whole grid: it runs
  // to both ends, and says so.
  HandMade wide({"a", "b"}, "k=0..3+1");
  for (std::size_t x = 0; x < 4; ++x) {
    const double v = 2.0 * static_cast<double>(x);
    wide.figure(x, {v - 10, v, v + 10});
    wide.figure(4 + x, {3, 3, 3});
  }
  wide.r.points[4].seeds = {7, 8, 9};  // b's first point ran on other seeds: not paired
  whatif::analyze(wide.r);
  REQUIRE(wide.r.crossings.size() == 1);
  CHECK(wide.r.crossings[0].low == 0);
  CHECK(wide.r.crossings[0].high == 3);
  CHECK_FALSE(wide.r.crossings[0].low_bounded);
  CHECK_FALSE(wide.r.crossings[0].high_bounded);
  CHECK_FALSE(wide.r.crossings[0].paired);
}

TEST_CASE("sweep knees: found, uncertain before it, missed again after it, at the first value, none") {
  using enum whatif::Verdict;
  HandMade m({"a", "b"}, "k=1..4+1");
  m.verdicts(0, {kFail, kUncertain, kPass, kFail});
  m.verdicts(4, {kPass, kPass, kPass, kPass});
  whatif::analyze(m.r);
  REQUIRE(m.r.knees.size() == 2);
  CHECK(m.r.knees[0].kind == whatif::Knee::Kind::kFound);
  CHECK(m.r.knees[0].point == 2u);
  CHECK(m.r.knees[0].uncertain == std::vector<std::size_t>{1});
  CHECK(m.r.knees[0].fails_again == 3u);
  CHECK(m.r.knees[1].kind == whatif::Knee::Kind::kAtFirst);
  CHECK(m.r.knees[1].point == 4u);

  HandMade none({"a"}, "k=1..2+1");
  none.verdicts(0, {kFail, kUncertain});
  whatif::analyze(none.r);
  CHECK(none.r.knees[0].kind == whatif::Knee::Kind::kNone);
  CHECK_FALSE(none.r.knees[0].point);

  HandMade free({"a"}, "k=1..2+1");
  whatif::analyze(free.r);
  CHECK(free.r.knees[0].kind == whatif::Knee::Kind::kNoRequirements);
}

TEST_CASE("sweep lines: numeric lists in ascending order, words in the order listed") {
  using enum whatif::Verdict;
  HandMade numbers({"a"}, "k=16,4,8");
  numbers.verdicts(0, {kPass, kPass, kFail});  // 16 and 4 pass: the smallest is 4
  whatif::analyze(numbers.r);
  CHECK(numbers.r.lines[0].points == std::vector<std::size_t>{1, 2, 0});
  CHECK(numbers.r.knees[0].point == 1u);

  HandMade words({"a"}, "k=provisioned,on_demand");
  words.verdicts(0, {kFail, kPass});
  whatif::analyze(words.r);
  CHECK(words.r.lines[0].points == std::vector<std::size_t>{0, 1});
  CHECK(words.r.knees[0].point == 1u);
  CHECK(words.r.crossings.empty());  // no interpolating between words
}

TEST_CASE("sweep: every point runs on seeds S .. S+N-1, and metric ids are checked before anything runs") {
  const std::string file = write_temp("clerks-seeds.yaml", kClerksAt3_5PerSecond);
  auto r1 = sweep({file}, {"components.clerks.servers=1,2"}, whatif::default_metrics(), 3);
  for (const auto& p : r1.points) CHECK(p.seeds == std::vector<std::uint64_t>{11, 12, 13});
  // The figures ids a run can have are known before it runs.
  auto loaded = scenario::load_scenario(file);
  REQUIRE(loaded.ok());
  scenario::Diagnostics diags;
  whatif::check_metrics({"paths.customers->clerks.latency_s.p99", "components.clerks.utilization.mean",
                         "requirements.max_dropped", "latency_s.worst_p99"},
                        {*loaded.scenario}, diags);
  CHECK(diags.empty());
  whatif::check_metrics({"components.clerk.dropped"}, {*loaded.scenario}, diags);
  REQUIRE(diags.size() == 1);
  CHECK(diags.items()[0].format() ==
        "--metric:1:1: error: no figure 'components.clerk.dropped' in this design; did you mean "
        "'components.clerks.dropped'?");
}

TEST_CASE("sweep: requirements: a target at the real-time sink has a knee that every path's target never reaches") {
  // The real-time path keeps up from 4 servers (1 s, no wait); the hourly
  // batch branch beside it takes up to an hour whatever the servers.
  const std::string scoped =
      write_temp("scoped.yaml", testing::realtime_and_batch(2, "  latency_p99: { table: 1500ms }\n"));
  const std::string every_path =
      write_temp("every-path.yaml", testing::realtime_and_batch(2, "  latency_p99: 1500ms\n"));
  const auto r = sweep({scoped, every_path}, {"components.queue.servers=3,4,5"},
                       {"requirements.latency_p99[table]", "requirements.latency_p99"}, 2);
  REQUIRE(r.knees.size() == 2);
  CHECK(r.knees[0].kind == whatif::Knee::Kind::kFound);
  REQUIRE(r.knees[0].point);
  CHECK(r.definition.grid.parameters[0].values[*r.knees[0].point].text == "4");
  CHECK(r.knees[1].kind == whatif::Knee::Kind::kNone);
  CHECK(mean_of(r.at(0), "requirements.latency_p99[table]") > 600);
  CHECK(mean_of(r.at(1), "requirements.latency_p99[table]") == doctest::Approx(1).epsilon(0.005));
  CHECK(mean_of(r.at(4), "requirements.latency_p99") > 50 * 60);
  CHECK(r.at(0).find("requirements.latency_p99") == nullptr);  // the scoped design has no unscoped target
  CHECK(report::to_text(r).find("FAIL latency_p99 at table") != std::string::npos);

  // A part's JSON keeps the scope, so that merged parts name it as the whole sweep does.
  const auto part = testing::run_archsim("sweep " + scoped + " --vary components.queue.servers=3,4 --replications 2 "
                                         "--shard 2/2 --format json");
  REQUIRE(part.exit_code == 0);
  CHECK(part.out.find("\"name\": \"latency_p99\",\n          \"scope\": \"table\"") != std::string::npos);
  scenario::Diagnostics diags;
  const auto back = report::read_sweep_json(part.out, "part.json", diags);
  for (const auto& d : diags.items()) MESSAGE(d.format());
  REQUIRE(back);
  REQUIRE(back->points.size() == 1);
  CHECK(back->points[0].requirements.at(0).first.scope == "table");
  CHECK(back->points[0].requirements.at(0).verdict == whatif::Verdict::kPass);
}

// Comparing designs: the ranking rule, common random numbers against
// independent seeds, and the command's outputs.
#include <doctest/doctest.h>

#include <fstream>

#include "archsim/scenario/loader.hpp"
#include "archsim/whatif/compare.hpp"
#include "archsim/report/whatif_reports.hpp"
#include "support/mini_json.hpp"
#include "support/realtime_batch.hpp"
#include "support/run_command.hpp"

using namespace archsim;
using archsim::testing::Json;
using archsim::testing::run_archsim;
using whatif::Standing;

namespace {

// An M/M/1 station at 500 arrivals/s with mean service `service`.
std::string station(const std::string& service) {
  return R"(
name: one station, mean service )" +
         service + R"(
seed: 300
duration: 30s
warmup: 1s
workload:
  arrivals: { rate: 500/s }
components:
  station:
    service: server
    service_time: { dist: exponential, mean: )" +
         service + R"( }
flows:
  - arrivals -> station
requirements:
  latency_p99: 8ms
)";
}

scenario::Scenario load(const std::string& yaml) {
  auto loaded = scenario::load_scenario_text(yaml, "station.yaml");
  REQUIRE(loaded.ok());
  return *loaded.scenario;
}

double sample_variance(const std::vector<double>& v) {
  double mean = 0;
  for (double x : v) mean += x / static_cast<double>(v.size());
  double squares = 0;
  for (double x : v) squares += (x - mean) * (x - mean);
  return squares / static_cast<double>(v.size() - 1);
}

const whatif::ComparedRow& row(const whatif::Comparison& c, const std::string& id) {
  for (const auto& r : c.rows)
    if (r.id == id) return r;
  FAIL("no row " << id);
  return c.rows.front();
}

}  // namespace

TEST_CASE("rank: the better mean wins unless the difference is within its interval or negligible") {
  using whatif::summarize;
  // Lower is better; B is clearly lower than A, C ties with B.
  const auto a = summarize({10, 11, 10.5}), b = summarize({5, 5.5, 5.2}), c = summarize({5.1, 5.4, 5.3});
  CHECK(whatif::rank({a, b}, whatif::Better::kLower, true) == std::vector{Standing::kWorse, Standing::kBetter});
  CHECK(whatif::rank({a, b}, whatif::Better::kHigher, true) == std::vector{Standing::kBetter, Standing::kWorse});
  CHECK(whatif::rank({a, b, c}, whatif::Better::kLower, true) ==
        std::vector{Standing::kWorse, Standing::kTied, Standing::kTied});
  CHECK(whatif::rank({a, b}, whatif::Better::kNeither, true) ==
        std::vector{Standing::kUnranked, Standing::kUnranked});
  // A difference that is certain (the same offset in every replication) but
  // under 0.1% of the figure is no win.
  const auto d = summarize({1000, 2000, 3000}), e = summarize({1000.5, 2000.5, 3000.5});
  CHECK(whatif::rank({d, e}, whatif::Better::kLower, true) == std::vector{Standing::kTied, Standing::kTied});
  // The same offset of 10%: paired, it is certain; unpaired, the spread of
  // the figures themselves hides it.
  const auto f = summarize({1100, 2100, 3100});
  CHECK(whatif::rank({d, f}, whatif::Better::kLower, true) == std::vector{Standing::kBetter, Standing::kWorse});
  CHECK(whatif::rank({d, f}, whatif::Better::kLower, false) == std::vector{Standing::kTied, Standing::kTied});
}

TEST_CASE("common random numbers shrink the variance of a difference against independent seeds") {
  // M/M/1 with mean service 1 ms against 0.9 ms at 500 arrivals/s: the mean
  // time in system differs by 1/(1000-500) - 1/(1111.1-500) = 0.3636 ms.
  const std::vector<scenario::Scenario> designs{load(station("1ms")), load(station("0.9ms"))};
  const double theory = 1.0 / 500 - 1.0 / (1000.0 / 0.9 - 500);
  const whatif::CompareOptions paired{.replications = 20, .jobs = 2, .common_random_numbers = true};
  whatif::CompareOptions independent = paired;
  independent.common_random_numbers = false;
  const auto crn = whatif::compare(designs, paired);
  const auto ind = whatif::compare(designs, independent);

  // The same sources drew the same arrivals in both designs, replication by
  // replication; with independent seeds they did not.
  CHECK(row(crn, "accounting.generated").values[0].values == row(crn, "accounting.generated").values[1].values);
  CHECK(row(ind, "accounting.generated").values[0].values != row(ind, "accounting.generated").values[1].values);

  const std::string id = "paths.arrivals->station.latency_s.mean";
  auto differences = [&](const whatif::Comparison& c) {
    const auto& r = row(c, id);
    std::vector<double> out;
    for (std::size_t k = 0; k < r.values[0].count(); ++k) out.push_back(r.values[1].values[k] - r.values[0].values[k]);
    return out;
  };
  const double var_crn = sample_variance(differences(crn)), var_ind = sample_variance(differences(ind));
  MESSAGE("variance of the difference: " << var_crn << " with common random numbers, " << var_ind
                                         << " with independent seeds (ratio " << var_ind / var_crn << ")");
  // The two stations see the same arrivals and the same service draws
  // scaled by 0.9, so their waits move together; the reduction is large
  // (a factor of about 16 here), and a factor of 4 leaves a wide margin for
  // the noise of a 20-sample variance (its ratio to the truth is within
  // 0.4 to 1.9 at 99% for 19 degrees of freedom).
  CHECK(var_crn * 4 < var_ind);
  // Both estimate the same difference; the paired interval is the narrower.
  const auto& crn_diff = row(crn, id).versus_first[1];
  const auto& ind_diff = row(ind, id).versus_first[1];
  CHECK(crn_diff.half_width < ind_diff.half_width / 2);
  CHECK(std::abs(-crn_diff.mean - theory) <= 2 * crn_diff.half_width);
  CHECK(std::abs(-ind_diff.mean - theory) <= 2 * ind_diff.half_width);
  // The faster station wins on latency, and its p99 meets the 8 ms target.
  CHECK(row(crn, id).standing == std::vector{Standing::kWorse, Standing::kBetter});
}

TEST_CASE("cli: compare reports designs side by side in every format, bad input exits 2") {
  const std::string dir = "/tmp/archsim-compare-" + std::to_string(::getpid());
  std::system(("mkdir -p " + dir).c_str());
  std::ofstream(dir + "/slow.yaml") << station("1ms");
  std::ofstream(dir + "/fast.yaml") << station("0.8ms");
  const std::string files = dir + "/slow.yaml " + dir + "/fast.yaml --replications 4 --duration 10s";

  auto text = run_archsim("compare " + files);
  REQUIRE(text.exit_code == 0);
  CHECK(text.out.find("Comparing 2 designs: 4 replications each; seeds 300 to 303") != std::string::npos);
  CHECK(text.out.find("B against A (paired by seed") != std::string::npos);
  CHECK(text.out.find("requirement latency_p99 <= 8ms") != std::string::npos);

  auto json = run_archsim("compare " + files + " --format json");
  REQUIRE(json.exit_code == 0);
  const Json j = Json::parse(json.out);
  CHECK(j.get("common_random_numbers")->boolean);
  REQUIRE(j.get("designs")->items.size() == 2);
  bool found = false;
  for (const auto& r : j.get("rows")->items)
    if (r.get("id")->text == "latency_s.worst_p99") {
      found = true;
      CHECK(r.get("designs")->items[0].get("standing")->text == "worse");
      CHECK(r.get("designs")->items[1].get("standing")->text == "better");
      CHECK(r.get("designs")->items[1].get("values")->items.size() == 4);
      CHECK(r.get("designs")->items[1].get("minus_first")->get("mean")->number < 0);
    }
  CHECK(found);

  auto md = run_archsim("compare " + files + " --format md");
  CHECK(md.out.find("# Comparing 2 designs") != std::string::npos);
  auto html = run_archsim("compare " + files + " --format html");
  CHECK(html.out.find("<td class=\"num better\">") != std::string::npos);
  CHECK(html.out.find("<svg") != std::string::npos);

  auto single = run_archsim("compare " + dir + "/slow.yaml " + dir + "/fast.yaml --replications 1 --duration 5s");
  CHECK(single.exit_code == 0);
  CHECK(single.out.find("warning: one replication gives no interval") != std::string::npos);

  auto independent = run_archsim("compare " + files + " --independent-seeds --wide");
  CHECK(independent.out.find("each design its own seeds (independent: differences include the dice): A 300 to 303, B "
                             "304 to 307") != std::string::npos);

  auto misfit = run_archsim("compare " + dir + "/slow.yaml " + dir + "/fast.yaml --set components.clerk.servers=2");
  CHECK(misfit.exit_code == 2);
  CHECK(misfit.err.find("(in " + dir + "/fast.yaml)") != std::string::npos);

  auto one = run_archsim("compare " + dir + "/slow.yaml");
  CHECK(one.exit_code == 2);
  CHECK(one.err.find("two or more") != std::string::npos);
  std::ofstream(dir + "/bad.yaml") << "name: bad\nduration: 1x\n";
  auto bad = run_archsim("compare " + dir + "/slow.yaml " + dir + "/bad.yaml");
  CHECK(bad.exit_code == 2);
  CHECK(bad.out.empty());
  CHECK(bad.err.find("bad.yaml:2:") != std::string::npos);
  std::system(("rm -rf " + dir).c_str());
}

TEST_CASE("compare: requirements: two targets of one metric are two rows, each judged on its own path") {
  // Three servers fall behind on the real-time path, four keep up; the
  // hourly batch branch is the same in both, and meets its own target.
  const std::string targets = "  latency_p99:\n    table: 1500ms\n    orders -> lake: 2h\n";
  const std::vector<scenario::Scenario> designs{load(testing::realtime_and_batch(3, targets)),
                                                load(testing::realtime_and_batch(4, targets))};
  const auto c = whatif::compare(designs, {.replications = 2, .jobs = 2});
  const auto& table = row(c, "requirements.latency_p99[table]");
  CHECK(table.label == "requirement latency_p99 at table");
  CHECK(table.values[0].mean > 600);
  CHECK(table.values[1].mean == doctest::Approx(1).epsilon(0.005));
  CHECK(table.standing == std::vector{Standing::kWorse, Standing::kBetter});
  const auto& lake = row(c, "requirements.latency_p99[orders->lake]");
  CHECK(lake.label == "requirement latency_p99 at orders -> lake");
  CHECK(lake.values[0].mean == lake.values[1].mean);
  CHECK(lake.standing == std::vector{Standing::kTied, Standing::kTied});
  for (const auto& design : c.designs) REQUIRE(design.requirements.size() == 2);
  CHECK(c.designs[0].requirements[0].verdict == whatif::Verdict::kFail);
  CHECK(c.designs[0].requirements[1].verdict == whatif::Verdict::kPass);
  CHECK(c.designs[1].requirements[0].verdict == whatif::Verdict::kPass);
  CHECK(c.designs[1].requirements[1].verdict == whatif::Verdict::kPass);

  const std::string text = report::to_text(c);
  const auto at = text.find("requirement latency_p99 at table <= 1500ms");
  REQUIRE(at != std::string::npos);
  const std::string line = text.substr(at, text.find('\n', at) - at);
  CHECK(line.find("FAIL") < line.find("PASS 1.00 s"));
  CHECK(text.find("requirement latency_p99 at orders -> lake <= 2h") != std::string::npos);
  CHECK(report::to_json(c).find("\"scope\": \"orders -> lake\"") != std::string::npos);
}

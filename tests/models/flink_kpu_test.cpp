// KPUs of a Managed Service for Apache Flink application: AWS takes
// Parallelism and ParallelismPerKPU and allocates "Parallelism /
// ParallelismPerKPU" KPUs, rounded up, plus one orchestration KPU billed per
// application (how-scaling.html, how-resources.html, how-pricing.html,
// retrieved 2026-12-05). There is no KPU setting: a `kpu` that is not that
// count describes an application AWS cannot run.
#include <doctest/doctest.h>

#include <cmath>
#include <string>

#include "support/flink_app.hpp"
#include "support/simulate.hpp"

using namespace archsim;
using testing::component;
using testing::flink_app_scenario;
using testing::simulate_text;

namespace {

double cents(double usd) { return std::round(usd * 100) / 100; }

// The loader's messages for an application, one per line.
std::string problems_of(const std::string& app) {
  auto loaded = scenario::load_scenario_text(flink_app_scenario("{ rate: 1/s }", app), "test.yaml");
  CHECK_FALSE(loaded.ok());
  std::string out;
  for (const auto& d : loaded.diagnostics.items()) out += d.format() + "\n";
  return out;
}

double monthly_usd(const std::string& app) {
  const auto r = simulate_text(flink_app_scenario("{ rate: 1/s, arrivals: deterministic }", app, "60s"));
  return r.cost_monthly_usd;
}
}  // namespace

TEST_CASE("flink KPUs: the KPUs AWS allocates are billed, ceil(parallelism / parallelism_per_kpu) plus one") {
  // AWS Pricing Calculator, Managed Flink, show calculations (catalog source
  // M8's arithmetic, as pasted in a third-party estimate; pricing_examples_test
  // checks it with `kpu: 4`):
  //   4 KPUs + 1 additional orchestration KPU = 5 billable KPUs per hour
  //   5 KPUs x 730 hours = 3,650 KPU-hours x $0.11 = $401.50
  //   4 KPUs x 50 GB running application storage = 200 GB x $0.10 = $20.00
  // Parallelism 4 at 1 a KPU, 8 at 2 a KPU and 7 at 2 a KPU (3.5, rounded up)
  // all run on those 4 KPUs, so all cost $421.50 a month.
  for (const std::string sizing : {"parallelism: 4", "parallelism: 8, parallelism_per_kpu: 2",
                                   "parallelism: 7, parallelism_per_kpu: 2", "kpu: 4", "kpu: 4, parallelism: 4"}) {
    const double usd = monthly_usd("{ service: flink, " + sizing + ", cost_per_record: 1ms }");
    MESSAGE(sizing << ": $" << usd << " a month");
    CHECK(cents(usd) == doctest::Approx(401.50 + 20.00));
  }
  // One subtask: 1 KPU + 1 = 2 x 730 x $0.11 = $160.60, and 50 GB x $0.10 = $5.00.
  CHECK(cents(monthly_usd("{ service: flink, cost_per_record: 1ms }")) == doctest::Approx(165.60));
}

TEST_CASE("flink KPUs: a kpu below what the parallelism needs is refused with the KPUs it needs") {
  // 4 subtasks at 1 a KPU need 4 KPUs; 2 KPUs run at most 2. The model used to
  // run the 4 on 2 vCPUs and bill 2 + 1 KPUs, an application AWS never runs.
  const std::string below = problems_of("{ service: flink, kpu: 2, parallelism: 4, cost_per_record: 1ms }");
  MESSAGE(below);
  CHECK(below.find("test.yaml:6:") == 0);
  CHECK(below.find(": error: 'kpu: 2' in flink component 'app' runs at most 2 subtasks at parallelism_per_kpu 1; "
                   "parallelism: 4 needs kpu: 4, or parallelism_per_kpu: 2 on 2 KPUs") != std::string::npos);
  // Above what it needs, AWS would allocate (and bill) only the 4.
  const std::string above = problems_of("{ service: flink, kpu: 8, parallelism: 4, cost_per_record: 1ms }");
  CHECK(above.find("'kpu: 8' in flink component 'app' is more than parallelism: 4 runs on at parallelism_per_kpu 1; "
                   "AWS allocates and bills ceil(parallelism / parallelism_per_kpu) = 4 KPUs") != std::string::npos);
}

TEST_CASE("flink KPUs: sizes beyond the default quotas are refused") {
  // 256 subtasks at most; 64 KPUs at most, so parallelism 100 at 1 a KPU
  // needs 100 KPUs: 2 a KPU fit them in 50.
  CHECK(problems_of("{ service: flink, parallelism: 300, cost_per_record: 1ms }").find("'parallelism'") !=
        std::string::npos);
  CHECK(problems_of("{ service: flink, parallelism: 100, cost_per_record: 1ms }")
            .find("runs on 100 KPUs at parallelism_per_kpu 1, above the default quota of 64 KPUs an application "
                  "(flink.app.max_kpus); raise parallelism_per_kpu to 2 or lower parallelism to 64") != std::string::npos);
  CHECK(problems_of("{ service: flink, kpu: 64, parallelism_per_kpu: 8, cost_per_record: 1ms }")
            .find("makes parallelism 512, above the most, 256") != std::string::npos);
}

TEST_CASE("flink KPUs: subtasks sharing a KPU share its vCPU") {
  // 4 subtasks at 2 a KPU: 2 KPUs, each subtask at half a vCPU, 500
  // records/s; 2,000/s in all of the 3,000/s offered, over 60 s 120,000.
  const auto r = simulate_text(flink_app_scenario(
      "{ rate: 3000/s, arrivals: deterministic, keys: { count: 1000000, dist: uniform } }",
      "{ service: flink, parallelism: 4, parallelism_per_kpu: 2, cost_per_record: 1ms, checkpoints: off }"));
  const auto& a = component(r, "app");
  CHECK(static_cast<double>(a.records_out) == doctest::Approx(120000).epsilon(0.003));
  CHECK(a.utilization_mean == doctest::Approx(1.0).epsilon(0.01));
  // Billed as 2 KPUs: (2 + 1) x $0.11 and 2 x 50 GB x $0.10 / 730 h, for a minute.
  CHECK(a.cost_usd == doctest::Approx((3 * 0.11 + 2 * 50 * 0.10 / 730) / 60).epsilon(1e-6));
}

TEST_CASE("flink KPUs: cost is KPU-hours plus the orchestration KPU and running storage") {
  // By hand, us-east-1 (catalog flink.price.*): 4 KPUs + 1 orchestration KPU
  // = 5 x $0.11 = $0.55 for one hour; running storage 4 KPUs x 50 GB x
  // $0.10/GB-month x 1/730 month = $0.027397; total $0.577397.
  const auto hour = simulate_text(flink_app_scenario(
      "{ rate: 1/s, arrivals: deterministic }", "{ service: flink, kpu: 4, cost_per_record: 1ms }", "1h"));
  CHECK(component(hour, "app").cost_usd == doctest::Approx(0.55 + 4 * 50 * 0.10 / 730).epsilon(1e-6));
  // Billing is per second: "an application running for 20 minutes and 10
  // seconds will be charged for 20 minutes and 10 seconds, multiplied by the
  // resources it used" (managed-flink/latest/java/how-pricing.html). One KPU
  // plus the orchestration KPU. The page's 10-minute minimum per start is not
  // applied: a run is a slice of an application that keeps running.
  const auto odd = simulate_text(flink_app_scenario(
      "{ rate: 1/s, arrivals: deterministic }", "{ service: flink, cost_per_record: 1ms }", "1210s"));
  CHECK(component(odd, "app").cost_usd ==
        doctest::Approx((2 * 0.11 + 50 * 0.10 / 730) * 1210.0 / 3600).epsilon(1e-6));
}

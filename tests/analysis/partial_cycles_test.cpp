// A month projected from part of a load cycle: which sources, by how much,
// against the cycle's closed form; and the sentence a report carries.
#include <doctest/doctest.h>

#include <cmath>
#include <numbers>
#include <string>

#include "archsim/analysis/partial_cycles.hpp"
#include "archsim/analysis/static_explain.hpp"
#include "archsim/report/explain_report.hpp"
#include "archsim/scenario/catalog_loader.hpp"
#include "archsim/scenario/loader.hpp"

using namespace archsim;

namespace {

scenario::Scenario scenario_with(const std::string& profile, const std::string& duration) {
  const std::string yaml = "name: cycle\nduration: " + duration +
                           "\nworkload:\n  orders: { rate: 10/s, profile: " + profile +
                           " }\n  steady: { rate: 5/s }\ncomponents:\n  q: { service: server, service_time: 1ms }\n"
                           "flows:\n  - orders -> q\n  - steady -> q\n";
  auto loaded = scenario::load_scenario_text(yaml, "cycle.yaml");
  for (const auto& d : loaded.diagnostics.items()) MESSAGE(d.format());
  REQUIRE(loaded.ok());
  return *loaded.scenario;
}

// The mean of 1 + a cos(2 pi (t - peak) / day) over [0, T]: the integral in closed form.
double cosine_mean(double a, double peak_h, double span_h) {
  const double w = 2 * std::numbers::pi / 24;
  return 1 + a * (std::sin(w * (span_h - peak_h)) - std::sin(-w * peak_h)) / (w * span_h);
}

}  // namespace

TEST_CASE("partial cycles: an hour from midnight of a diurnal day is projected from its trough") {
  const auto s = scenario_with("{ kind: diurnal, peak_factor: 1.8, peak_at: 14h }", "1h");
  const auto found = analysis::partial_cycles(s);
  REQUIRE(found.size() == 1);  // the constant source has no cycle
  CHECK(found[0].source == "orders");
  CHECK(found[0].span_s == 3600);
  CHECK(found[0].cycle_s == 86400);
  CHECK(found[0].load_factor == doctest::Approx(cosine_mean(0.8, 14, 1)).epsilon(1e-4));
  CHECK(found[0].load_factor < 0.4);
}

TEST_CASE("partial cycles: whole cycles, a fair part, and loads that do not repeat say nothing") {
  CHECK(analysis::partial_cycles(scenario_with("{ kind: diurnal, peak_factor: 1.8, peak_at: 14h }", "2d")).empty());
  // 18 h of a small swing: within 5% of the day's mean.
  const double fair = cosine_mean(0.05, 14, 18);
  CHECK(std::abs(fair - 1) < 0.05);
  CHECK(analysis::partial_cycles(scenario_with("{ kind: diurnal, peak_factor: 1.05, peak_at: 14h }", "18h")).empty());
  CHECK(analysis::partial_cycles(scenario_with("{ kind: spike, at: 10m, for: 5m, factor: 3 }", "1h")).empty());
}

TEST_CASE("partial cycles: a business week run for its Monday overstates the month") {
  // Open 09:00-17:00 five days, 0.1x outside: Monday is one of five open days of the week.
  const auto s = scenario_with("{ kind: business_hours, open: 9h, close: 17h, days: 5, outside: 0.1 }", "1d");
  const auto found = analysis::partial_cycles(s);
  REQUIRE(found.size() == 1);
  CHECK(found[0].cycle_s == 7 * 86400);
  // The week's mean is 1; a weekday holds 8 h open at `high` and 16 h at 0.1 high,
  // with high = 1 / (open share + 0.1 (1 - open share)), open share 40 h / 168 h.
  const double open_share = 40.0 / 168, high = 1 / (open_share + 0.1 * (1 - open_share));
  CHECK(found[0].load_factor == doctest::Approx((8 * high + 16 * 0.1 * high) / 24).epsilon(1e-6));
}

TEST_CASE("partial cycles: run and explain carry the same sentence, with the duration that covers the cycle") {
  const auto s = scenario_with("{ kind: diurnal, peak_factor: 1.8, peak_at: 14h }", "30h");
  const auto e = analysis::explain_statically(s, scenario::builtin_catalog());
  REQUIRE(e.partial_cycles.size() == 1);
  const std::string text = report::to_text(e);
  CHECK(text.find("which is not a whole number of the 24.0 h load cycles of source 'orders'") != std::string::npos);
  CHECK(text.find("simulate the whole cycle (duration: 2d)") != std::string::npos);
  CHECK(text.find("understated") != std::string::npos);
}

// A design of 10,000 components, as a chain and as a fan-out: it loads,
// explains and runs with its analysis, and every figure is there and right.
// Its cost in time and memory against the design's size is measured by the
// size guard (tests/bench/size_guard.cpp) and recorded in docs/performance.md;
// here, that nothing on the way is sized by the square of the design: the
// run's paths, explain's paths and the tradeoffs weighed.
#include <doctest/doctest.h>

#include <string>

#include "archsim/analysis/explain.hpp"
#include "archsim/analysis/static_explain.hpp"
#include "archsim/scenario/catalog_loader.hpp"
#include "archsim/scenario/loader.hpp"
#include "support/large_designs.hpp"

using namespace archsim;

namespace {

constexpr int kComponents = 10000;

scenario::Scenario loaded(testing::Shape shape) {
  // 60 records over 30 s: each crosses 10,000 servers in the chain, in 10 s.
  auto l = scenario::load_scenario_text(testing::large_design(shape, kComponents, "30s", "2/s"), "large.yaml");
  for (const auto& d : l.diagnostics.items()) MESSAGE(d.format());
  REQUIRE(l.ok());
  return *l.scenario;
}

}  // namespace

TEST_CASE("design size: a chain of 10,000 servers explains and runs, one path through all of them") {
  const scenario::Scenario s = loaded(testing::Shape::chain);
  CHECK(s.components.size() == kComponents);
  const auto e = analysis::explain_statically(s, scenario::builtin_catalog());
  REQUIRE(e.paths.size() == 1);
  CHECK(e.paths[0].vertices.size() == kComponents + 1);
  CHECK(e.paths[0].vertices.back() == "c9999");
  // Each server at 2/s against 4 x 1 ms: the sojourn is the service time, 10 s in all.
  CHECK(e.paths[0].latency_s == doctest::Approx(kComponents * 0.001).epsilon(0.01));

  const run::RunResult r = analysis::run_and_explain(s, 2);
  CHECK(r.components.size() == kComponents);
  const auto& a = r.accounting;
  CHECK(a.generated > 0);
  CHECK(a.generated + a.created == a.delivered + a.dropped + a.in_flight + a.absorbed);
  CHECK(a.dropped == 0);
  REQUIRE(r.paths.size() == 1);
  CHECK(r.paths[0].components.size() == kComponents);
  CHECK(r.paths[0].latency.mean >= kComponents * 0.001);
  // Levers weighed for the costliest and the hottest only; the rest counted.
  CHECK(r.tradeoffs_left_out >= kComponents - 12);
  CHECK(r.tradeoffs_left_out < kComponents + 1);
}

TEST_CASE("design size: a fan-out over 10,000 servers explains and runs, one path to each") {
  const scenario::Scenario s = loaded(testing::Shape::fan_out);
  const auto e = analysis::explain_statically(s, scenario::builtin_catalog());
  REQUIRE(e.paths.size() == kComponents);
  CHECK(e.paths[0].vertices.size() == 2);
  CHECK(e.input == doctest::Approx(2));

  const run::RunResult r = analysis::run_and_explain(s, 2);
  const auto& a = r.accounting;
  CHECK(a.generated + a.created == a.delivered + a.dropped + a.in_flight + a.absorbed);
  CHECK(a.dropped == 0);
  // One path per server that received a record: 60 records reach at most 60 of them.
  CHECK(r.paths.size() >= 1);
  CHECK(r.paths.size() <= a.generated);
  for (const auto& p : r.paths) CHECK(p.components.size() == 1);
}

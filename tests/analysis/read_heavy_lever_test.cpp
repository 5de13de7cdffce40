// A table that serves reads: the levers that size its capacity see the reads
// apart from the writes (the load explain offers it carries each source of
// reads' part), so provisioned capacity for the peak is WCU for the writes
// and RCU for the reads, by DynamoDB's units: a write of up to 1 KB is one
// write unit, an eventually consistent read of up to 4 KB half a read unit.
#include <doctest/doctest.h>

#include "archsim/analysis/explain.hpp"
#include "archsim/scenario/loader.hpp"

using namespace archsim;

TEST_CASE("levers: provisioned capacity for a read-heavy table sizes WCU from its writes and RCU from its reads") {
  const char* text = R"(name: read heavy
seed: 2
duration: 1h
workload:
  updates: { rate: 100/s, record_size: 500B }
  page_views: { kind: reads, rate: 2000/s, record_size: 2KB }
components:
  table: { service: dynamodb, mode: on_demand }
flows:
  - updates -> table
  - page_views -> table
)";
  auto loaded = scenario::load_scenario_text(text, "read-heavy.yaml");
  for (const auto& d : loaded.diagnostics.items()) MESSAGE(d.format());
  REQUIRE(loaded.ok());
  const run::RunResult r = analysis::run_and_explain(*loaded.scenario, 2);
  const run::Tradeoff* provisioned = nullptr;
  for (const auto& t : r.tradeoffs)
    if (t.component == "table" && t.lever == "provisioned") provisioned = &t;
  REQUIRE(provisioned);
  double wcu = 0, rcu = 0;
  for (const auto& m : provisioned->moves) {
    if (m.key == "wcu") wcu = m.to;
    if (m.key == "rcu") rcu = m.to;
  }
  // A constant rate's peak is the rate itself; the lever leaves a quarter to spare.
  CHECK(wcu == doctest::Approx(1.25 * 100).epsilon(0.05));
  CHECK(rcu == doctest::Approx(1.25 * 2000 * 0.5).epsilon(0.05));
}

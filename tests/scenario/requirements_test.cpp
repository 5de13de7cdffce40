// Reading requirements: the old one-value form for every path, targets scoped
// to a sink or a SOURCE -> SINK path, and completes_by deadlines for batch
// jobs. The errors have their own files in tests/scenario/bad/.
#include <doctest/doctest.h>

#include "archsim/scenario/loader.hpp"

using namespace archsim::scenario;

namespace {

// Two sources: orders reach a store through a worker and, through an hourly
// Glue job, a curated sink; clicks go to a lake of their own.
std::string design(const std::string& requirements) {
  return R"(name: two sources, three sinks
duration: 1h
workload:
  orders: {rate: 10/s}
  clicks: {rate: 10/s}
components:
  worker: {service: server, service_time: 10ms}
  store: {service: sink}
  lake: {service: sink}
  etl: {service: glue, workers: 2}
  curated: {service: sink}
flows:
  - orders -> worker -> store
  - clicks -> lake
  - worker -> etl -> curated
  - clicks -> etl
requirements:
)" + requirements;
}

Scenario load(const std::string& requirements, const std::vector<std::string>& overrides = {}) {
  auto loaded = load_scenario_text(design(requirements), "scoped.yaml", overrides);
  for (const auto& d : loaded.diagnostics.items()) MESSAGE(d.format());
  REQUIRE(loaded.ok());
  return *loaded.scenario;
}

const Requirement& find(const Scenario& s, const std::string& name, const std::string& scope) {
  for (const auto& r : s.requirements)
    if (r.name == name && r.scope == scope) return r;
  FAIL("no requirement " << name << " at '" << scope << "'");
  return s.requirements.front();
}

}  // namespace

TEST_CASE("requirements: one value is a target on every path, unscoped, as before") {
  const Scenario s = load("  latency_p99: 15s\n  freshness: 2h\n  max_dropped: 0\n");
  REQUIRE(s.requirements.size() == 3);
  CHECK(s.requirements[0].name == "latency_p99");
  CHECK(s.requirements[0].target == doctest::Approx(15));
  CHECK(s.requirements[0].target_text == "15s");
  CHECK(s.requirements[0].scope.empty());
  CHECK(s.requirements[0].paths.empty());
  CHECK(s.requirements[1].name == "freshness");
  CHECK(s.requirements[1].target == doctest::Approx(7200));
  CHECK(s.requirements[1].scope.empty());
  CHECK(s.requirements[2].name == "max_dropped");
}

TEST_CASE("requirements: a sink covers every path that ends at it, a path one path however it is spaced") {
  const Scenario s = load(R"(  latency_p99:
    curated: 2h
    clicks->lake: 5s
    orders -> store: 500ms
  latency_p50: { store: 100ms }
)");
  REQUIRE(s.requirements.size() == 4);
  // The metrics in their fixed order, each one's scopes in the file's order.
  CHECK(s.requirements[0].name == "latency_p50");
  CHECK(s.requirements[1].scope == "curated");
  CHECK(s.requirements[2].scope == "clicks -> lake");
  CHECK(s.requirements[3].scope == "orders -> store");
  const auto& curated = find(s, "latency_p99", "curated");
  CHECK(curated.paths == std::vector<std::string>{"orders -> curated", "clicks -> curated"});
  CHECK(curated.target == doctest::Approx(7200));
  CHECK(curated.target_text == "2h");
  CHECK(find(s, "latency_p99", "clicks -> lake").paths == std::vector<std::string>{"clicks -> lake"});
  CHECK(find(s, "latency_p99", "orders -> store").target == doctest::Approx(0.5));
  CHECK(find(s, "latency_p50", "store").paths == std::vector<std::string>{"orders -> store"});
}

TEST_CASE("requirements: completes_by reads its deadline as seconds after midnight") {
  const Scenario s = load("  completes_by:\n    etl: \"06:00\"\n  freshness: { curated: 26h }\n");
  REQUIRE(s.requirements.size() == 2);
  CHECK(s.requirements[0].name == "freshness");
  CHECK(s.requirements[0].target == doctest::Approx(26 * 3600));
  const auto& deadline = s.requirements[1];
  CHECK(deadline.name == "completes_by");
  CHECK(deadline.scope == "etl");
  CHECK(deadline.paths.empty());
  CHECK(deadline.target == doctest::Approx(6 * 3600));
  CHECK(deadline.target_text == "06:00");
  CHECK(deadline.at_most);
}

TEST_CASE("requirements: --set changes one scoped target and leaves the others") {
  const Scenario s = load("  latency_p99: { store: 1s, lake: 2s }\n", {"requirements.latency_p99.store=250ms"});
  CHECK(find(s, "latency_p99", "store").target == doctest::Approx(0.25));
  CHECK(find(s, "latency_p99", "lake").target == doctest::Approx(2));
  const Scenario late = load("  completes_by: { etl: \"06:00\" }\n", {"requirements.completes_by.etl=07:30"});
  CHECK(late.requirements[0].target == doctest::Approx(7.5 * 3600));
}

// Every model in the registry declares what the analysis needs to diagnose it
// without knowing which service it is: its limits, the levers that relieve
// them, why it drops records, and its diagram label; and no layer above the
// models switches on a service's name.
#include <doctest/doctest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <regex>
#include <set>
#include <sstream>
#include <string>

#include "archsim/models/builtin.hpp"
#include "archsim/scenario/catalog_loader.hpp"
#include "support/simulate.hpp"

using namespace archsim;

TEST_CASE("registry: every model declares its limits, the levers that relieve them, its drop reasons and its label") {
  for (const auto& m : models::builtin_models()) {
    INFO(m.service);
    std::set<std::string> resources, levers;
    for (const auto& r : m.resources) {
      CHECK_FALSE(r.id.empty());
      CHECK_FALSE(r.name.empty());
      CHECK(resources.insert(r.id).second);
    }
    for (const auto& l : m.levers) {
      CHECK_FALSE(l.id.empty());
      CHECK_FALSE(l.words.empty());
      CHECK(static_cast<bool>(l.move));
      CHECK(levers.insert(l.id).second);
      if (l.scales) CHECK_FALSE(l.bound.empty());
    }
    for (const auto& r : m.resources)
      for (const auto& id : r.levers) CHECK_MESSAGE(levers.count(id) == 1, "resource " << r.id << " names " << id);
    for (const auto& d : m.drops) CHECK_MESSAGE(resources.count(d.resource) == 1, "drop " << d.reason);
    // A model with something to size says it on the diagram; a sink has nothing.
    if (!m.params.empty()) CHECK(static_cast<bool>(m.label));
    // A model whose static figures can bound its capacity names the limit
    // (checked with its defaults, where every parameter has one).
    const bool all_defaulted = std::all_of(m.params.begin(), m.params.end(), [](const auto& p) { return !p.required; });
    if (m.figures && all_defaulted) {
      const model::StaticFigures f = m.figures(testing::default_params(m), scenario::builtin_catalog(),
                                               {.records_per_s = 1, .record_bytes = 1000, .batches_per_s = 1});
      if (std::isfinite(f.capacity)) CHECK_FALSE(m.resources.empty());
    }
  }
}

TEST_CASE("registry: every reason a model drops records for is one its spec declares") {
  // Each service overloaded until it drops, by whatever it drops for.
  const char* designs[] = {
      R"(name: kinesis
duration: 30s
workload:
  e: { rate: 5000/s, record_size: 2MB }
components:
  s: { service: kinesis, shards: 1, max_retries: 0 }
  out: { service: sink }
flows: [e -> s -> out]
)",
      R"(name: dynamodb
duration: 30s
workload:
  e: { rate: 2000/s, record_size: 1KB }
components:
  t: { service: dynamodb, wcu: 100, max_retries: 0 }
flows: [e -> t]
)",
      R"(name: server
duration: 30s
workload:
  e: { rate: 100/s }
components:
  w: { service: server, servers: 1, queue_capacity: 0, service_time: 100ms }
flows: [e -> w]
)",
      R"(name: firehose
duration: 30s
workload:
  e: { rate: 10/s, record_size: 2MB }
components:
  f: { service: firehose }
  lake: { service: s3 }
flows: [e -> f -> lake]
)",
      R"(name: s3
duration: 30s
workload:
  e: { rate: 8000/s, record_size: 1KB }
components:
  b: { service: s3, prefixes: 1 }
flows: [e -> b]
)",
      R"(name: athena
duration: 10m
workload:
  q: { kind: queries, rate: 1/s, scan: { data: 10TiB, compression: none, format: json } }
components:
  a: { service: athena, timeout: 1m }
flows: [q -> a]
)",
      R"(name: glue
duration: 3h
workload:
  e: { rate: 10/s, record_size: 1KB, batch: 1s }
components:
  g: { service: glue, failure_rate: 1, schedule: every 1h }
  out: { service: sink }
flows: [e -> g -> out]
)",
  };
  for (const char* yaml : designs) {
    auto loaded = scenario::load_scenario_text(yaml, "registry.yaml");
    REQUIRE(loaded.ok());
    const run::RunResult r = run::simulate(*loaded.scenario);
    std::uint64_t dropped = 0;
    for (const auto& c : r.components) {
      const model::ModelSpec* spec = models::find_model(c.service);
      REQUIRE(spec);
      for (const auto& d : c.drops) {
        INFO(c.service << " drops for " << d.reason);
        CHECK(spec->drop(d.reason) != nullptr);
        dropped += d.count;
      }
    }
    INFO(r.name);
    CHECK(dropped > 0);  // the design did overload what it meant to
  }
}

TEST_CASE("registry: no layer above the models switches on a service's name") {
  // Analysis, reports, runs, what-if and the loader read what models declare;
  // comparing with a registered service's name would bring service knowledge
  // back out of its folder.
  std::string names;
  for (const auto& m : models::builtin_models()) names += (names.empty() ? "" : "|") + m.service;
  const std::regex compared("[!=]=\\s*\"(" + names + ")\"|\"(" + names + ")\"\\s*[!=]=");
  namespace fs = std::filesystem;
  std::size_t files = 0;
  for (const char* layer : {"analysis", "report", "run", "scenario", "whatif", "cli"})
    for (const auto& e : fs::recursive_directory_iterator(fs::path(ARCHSIM_SOURCE_DIR) / "sim" / layer)) {
      if (e.path().extension() != ".cpp" && e.path().extension() != ".hpp") continue;
      ++files;
      std::ifstream in(e.path());
      std::stringstream text;
      text << in.rdbuf();
      std::smatch m;
      const std::string s = text.str();
      CHECK_MESSAGE(!std::regex_search(s, m, compared), e.path().string() << ": " << m.str());
    }
  CHECK(files > 20);
}

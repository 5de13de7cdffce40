// Determinism: a run is a function of the scenario and its seed. The same seed
// gives byte-identical JSON, in process and from the command line; another
// seed gives other numbers; and since every component and source draws from a
// stream derived from the seed and its own name, adding an unrelated part to
// the design leaves the rest of the results untouched.
#include <doctest/doctest.h>
#include <unistd.h>

#include <array>
#include <cstdio>
#include <fstream>
#include <string>

#include "archsim/analysis/explain.hpp"
#include "archsim/report/reports.hpp"
#include "support/simulate.hpp"

using namespace archsim;

namespace {
// A purely relative comparison (doctest's Approx adds 1 to the scale of its epsilon by default).
doctest::Approx rel(double value, double epsilon = 1e-12) { return doctest::Approx(value).epsilon(epsilon).scale(0); }
}  // namespace

namespace {

const std::string kBase = R"(name: determinism
seed: 11
duration: 10m
warmup: 1m
workload:
  orders:
    rate: 60/s
    arrivals: poisson
    record_size: { dist: uniform, min: 500B, max: 2KB }
components:
  checkout:
    service: server
    servers: 2
    service_time: { dist: lognormal, mean: 25ms, p99: 100ms }
    queue_capacity: 20
  wire:
    service: delay
    latency: { dist: exponential, mean: 5ms }
  ledger:
    service: server
    service_time: { dist: exponential, mean: 10ms }
flows:
  - orders -> checkout -> wire -> ledger
)";

// The same design with an unrelated second line: its own source and server.
std::string with_neighbour() {
  std::string text = kBase;
  text.insert(text.find("components:"), "  audits:\n    rate: 35/s\n    arrivals: poisson\n");
  text.insert(text.find("flows:"), "  auditor:\n    service: server\n    service_time: { dist: exponential, mean: 20ms }\n");
  return text + "  - audits -> auditor\n";
}
const std::string kWithNeighbour = with_neighbour();

run::RunResult run_text(const std::string& text, const std::vector<std::string>& overrides = {}) {
  return testing::simulate_text(text, overrides);
}
using testing::component;

void check_same_latency(const run::LatencySummary& a, const run::LatencySummary& b) {
  CHECK(a.count == b.count);
  CHECK(a.mean == b.mean);
  CHECK(a.p50 == b.p50);
  CHECK(a.p90 == b.p90);
  CHECK(a.p99 == b.p99);
  CHECK(a.max == b.max);
}

// Every number of a component's result, compared exactly.
void check_same_component(const run::ComponentResult& a, const run::ComponentResult& b) {
  INFO("component " << a.name);
  CHECK(a.records_in == b.records_in);
  CHECK(a.records_out == b.records_out);
  CHECK(a.dropped == b.dropped);
  CHECK(a.in_flight == b.in_flight);
  CHECK(a.utilization_mean == b.utilization_mean);
  CHECK(a.utilization_peak == b.utilization_peak);
  CHECK(a.backlog_mean == b.backlog_mean);
  check_same_latency(a.latency, b.latency);
  CHECK(a.wait_mean_s == b.wait_mean_s);
  CHECK(a.throughput_per_s == b.throughput_per_s);
  CHECK(a.series.records_in_per_s == b.series.records_in_per_s);
  CHECK(a.series.records_out_per_s == b.series.records_out_per_s);
  CHECK(a.series.dropped_per_s == b.series.dropped_per_s);
  CHECK(a.series.backlog == b.series.backlog);
  CHECK(a.series.utilization == b.series.utilization);
}

std::string capture(const std::string& command) {
  std::string out;
  FILE* pipe = ::popen(command.c_str(), "r");
  REQUIRE(pipe != nullptr);
  std::array<char, 4096> buf{};
  std::size_t n = 0;
  while ((n = std::fread(buf.data(), 1, buf.size(), pipe)) > 0) out.append(buf.data(), n);
  const int status = ::pclose(pipe);
  CHECK_MESSAGE(status == 0, command << " exited with status " << status);
  return out;
}

}  // namespace

TEST_CASE("determinism: the same seed gives byte-identical JSON") {
  const auto first = run_text(kBase);
  const auto second = run_text(kBase);
  REQUIRE(first.accounting.generated > 30000);  // about 60/s over 10 minutes
  CHECK(report::to_json(first) == report::to_json(second));
  CHECK(report::to_text(first) == report::to_text(second));
}

TEST_CASE("determinism: a different seed gives different results") {
  const auto a = run_text(kBase);
  const auto b = run_text(kBase, {"seed=12"});
  CHECK(b.seed == 12);
  CHECK(report::to_json(a) != report::to_json(b));
  // Not only the seed field: the simulated numbers themselves differ.
  CHECK(a.accounting.generated != b.accounting.generated);
  CHECK(component(a, "checkout").latency.mean != component(b, "checkout").latency.mean);
  CHECK(component(a, "ledger").latency.mean != component(b, "ledger").latency.mean);
  CHECK(component(a, "wire").latency.mean != component(b, "wire").latency.mean);
  // Yet the same design: the two seeds agree statistically (about 60/s arrive).
  CHECK(static_cast<double>(b.accounting.generated) == rel(a.accounting.generated, 0.03));
}

TEST_CASE("determinism: adding an unrelated source and server leaves the others' results unchanged") {
  const auto alone = run_text(kBase);
  const auto together = run_text(kWithNeighbour);
  REQUIRE(together.components.size() == alone.components.size() + 1);
  CHECK(component(together, "auditor").records_in > 15000);
  for (const auto& c : alone.components) check_same_component(c, component(together, c.name));
  for (const auto& s : alone.sources) {
    bool found = false;
    for (const auto& t : together.sources)
      if (t.name == s.name) {
        found = true;
        CHECK(t.generated == s.generated);
      }
    CHECK(found);
  }
  REQUIRE(alone.paths.size() == 1);
  bool found = false;
  for (const auto& p : together.paths)
    if (p.from == alone.paths[0].from && p.to == alone.paths[0].to) {
      found = true;
      CHECK(p.records == alone.paths[0].records);
      check_same_latency(p.latency, alone.paths[0].latency);
    }
  CHECK(found);
}

TEST_CASE("determinism: the archsim binary prints the same JSON bytes for the same seed") {
  const std::string file = "/tmp/archsim-determinism-" + std::to_string(::getpid()) + ".yaml";
  {
    std::ofstream out(file, std::ios::binary | std::ios::trunc);
    out << kBase;
    REQUIRE(out.good());
  }
  const std::string run = std::string(ARCHSIM_BINARY) + " run " + file + " --format json";
  const std::string first = capture(run);
  const std::string second = capture(run);
  const std::string reseeded = capture(run + " --seed 12");
  std::remove(file.c_str());
  REQUIRE(first.size() > 1000);
  CHECK(first == second);
  CHECK(first != reseeded);
  CHECK(first.find("\"seed\": 11") != std::string::npos);
  CHECK(reseeded.find("\"seed\": 12") != std::string::npos);
  // The command line reports exactly what the library computes for the same file.
  {
    std::ofstream out(file, std::ios::binary | std::ios::trunc);
    out << kBase;
  }
  auto again = scenario::load_scenario(file);
  std::remove(file.c_str());
  REQUIRE(again.ok());
  const std::string in_process = report::to_json(analysis::run_and_explain(*again.scenario));
  CHECK((first == in_process || first == in_process + "\n"));
}

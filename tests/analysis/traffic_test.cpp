// The traffic equations against a network solved by hand: copies, shares and
// output ratios (records and bytes), at the mean and at the peak.
#include <doctest/doctest.h>

#include <string>

#include "archsim/analysis/traffic.hpp"
#include "archsim/scenario/loader.hpp"
#include "archsim/scenario/topology.hpp"

using namespace archsim;

namespace {

scenario::Scenario load(const std::string& yaml) {
  auto loaded = scenario::load_scenario_text(yaml, "test.yaml");
  for (const auto& d : loaded.diagnostics.items()) MESSAGE(d.format());
  REQUIRE(loaded.ok());
  return *loaded.scenario;
}

// s (100/s of 1,000 B, peaking at 3x) -> a; a copies to b and c; b keeps half
// its records (Flink, output_ratio 0.5) and sends them to d; c splits 30% to d
// and 70% to e; e (Glue) doubles its records and quarters its bytes into f.
const char* kNetwork = R"(name: traffic
duration: 24h                   # a whole day: the daily shape averages 1
workload:
  s: { rate: 100/s, record_size: 1000B, profile: { kind: diurnal, peak_factor: 3, peak_at: 14h } }
components:
  a: { service: delay, latency: 1ms }
  b: { service: flink, cost_per_record: 1us, output_ratio: 0.5 }
  c: { service: delay, latency: 1ms }
  d: { service: sink }
  e: { service: glue, output_ratio: 2, output_size_ratio: 0.25 }
  f: { service: sink }
flows:
  - s -> a
  - a -> b -> d
  - a -> c
  - { from: c, to: d, share: 30% }
  - { from: c, to: e, share: 70% }
  - e -> f
)";

}  // namespace

TEST_CASE("explain: the traffic equations against a network solved by hand") {
  const scenario::Scenario s = load(kNetwork);
  const scenario::Topology topo(s);
  const analysis::Traffic t = analysis::solve_traffic(s);
  auto at = [&](const std::string& name) { return *topo.find(name); };
  REQUIRE(t.records_per_s.size() == topo.size());
  // By hand: a, b and c each get the 100/s; d gets 0.5 x 100 from b and
  // 0.3 x 100 from c; e gets 0.7 x 100 and sends out 2 x 70.
  CHECK(t.records_per_s[at("s")] == doctest::Approx(100));
  CHECK(t.records_per_s[at("a")] == doctest::Approx(100));
  CHECK(t.records_per_s[at("b")] == doctest::Approx(100));
  CHECK(t.records_per_s[at("c")] == doctest::Approx(100));
  CHECK(t.records_per_s[at("d")] == doctest::Approx(80));
  CHECK(t.records_per_s[at("e")] == doctest::Approx(70));
  CHECK(t.records_per_s[at("f")] == doctest::Approx(140));
  // Bytes: Flink keeps its records' size (half the records, half the bytes);
  // Glue's bytes follow output_size_ratio: 70,000 B/s in, 17,500 B/s out.
  CHECK(t.bytes_per_s[at("d")] == doctest::Approx(50'000 + 30'000));
  CHECK(t.bytes_per_s[at("e")] == doctest::Approx(70'000));
  CHECK(t.bytes_per_s[at("f")] == doctest::Approx(17'500));
  CHECK(t.record_bytes(at("f")) == doctest::Approx(125));
  // The diurnal profile's peak is 3x its mean, everywhere downstream too.
  CHECK(t.peak_records_per_s[at("d")] == doctest::Approx(240));
  CHECK(t.peak_bytes_per_s[at("f")] == doctest::Approx(52'500));
  CHECK(t.source_records_per_s == doctest::Approx(100));
  CHECK(t.source_peak_records_per_s == doctest::Approx(300));
}

TEST_CASE("explain: two sources add, and producers multiply a source's rate") {
  const scenario::Scenario s = load(R"(name: two
duration: 1h
workload:
  x: { rate: 10/s, producers: 5, record_size: 2000B }
  y: { rate: 20/s, record_size: 500B }
components:
  join: { service: sink }
flows: [x -> join, y -> join]
)");
  const scenario::Topology topo(s);
  const analysis::Traffic t = analysis::solve_traffic(s);
  CHECK(t.records_per_s[*topo.find("join")] == doctest::Approx(70));
  CHECK(t.bytes_per_s[*topo.find("join")] == doctest::Approx(50 * 2000 + 20 * 500));
  CHECK(t.peak_records_per_s[*topo.find("join")] == doctest::Approx(70));  // constant profiles
}

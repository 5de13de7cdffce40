// The diagnosis reads an MSK topic as a data engineer would: a slow consumer
// group is the root of the lag it leaves in the topic; a key hotter than one
// partition's broker can take is no matter of partitions or brokers, but of
// larger brokers or of spreading the key; a Lambda function reads the topic
// by Kafka's partitions.
#include <doctest/doctest.h>

#include <string>
#include <vector>

#include "archsim/analysis/bottlenecks.hpp"
#include "archsim/report/findings.hpp"
#include "support/simulate.hpp"

using namespace archsim;
using testing::component;
using testing::simulate_text;

namespace {

run::RunResult diagnosed(const std::string& yaml) {
  auto loaded = scenario::load_scenario_text(yaml, "msk.yaml");
  for (const auto& d : loaded.diagnostics.items()) MESSAGE(d.format());
  REQUIRE(loaded.ok());
  run::RunResult r = run::simulate(*loaded.scenario);
  analysis::find_bottlenecks(*loaded.scenario, r, true);
  return r;
}

const run::Bottleneck* finding(const run::RunResult& r, const std::string& name) {
  for (const auto& b : r.bottlenecks)
    if (b.component == name) return &b;
  return nullptr;
}

}  // namespace

TEST_CASE("msk diagnosis: a slow consumer group is the root, and the topic's lag is what it holds") {
  // 3,000 records/s into a job that takes 2 subtasks x 1 ms = 2,000/s: the
  // job pushes back, its lag in the topic grows; the brokers have room.
  const std::string yaml = R"(name: slow group
duration: 10m
warmup: 1m
workload:
  events: { rate: 3000/s, record_size: 1KB, keys: { count: 100000 }, batch: 1s }
components:
  topic: { service: msk, brokers: 3, partitions: 12 }
  job: { service: flink, kpu: 1, parallelism: 2, parallelism_per_kpu: 2, cost_per_record: 1ms, checkpoints: off }
  out: { service: sink }
flows: [events -> topic -> job -> out]
requirements:
  latency_p99: 30s
)";
  const run::RunResult r = diagnosed(yaml);
  REQUIRE_FALSE(r.bottlenecks.empty());
  const auto& top = r.bottlenecks.front();
  CHECK(top.component == "job");
  REQUIRE(top.held_back.size() == 1);
  CHECK(top.held_back[0].component == "topic");
  CHECK(finding(r, "topic") == nullptr);  // its brokers run at 4% of their throughput
  REQUIRE(top.fix >= 0);
  CHECK(top.fixes[static_cast<std::size_t>(top.fix)].moves.front().component == "job");
  const auto& topic = component(r, "topic");
  REQUIRE(topic.readers.size() == 1);
  CHECK(topic.readers[0].lag_max_s > 60);
}

TEST_CASE("msk diagnosis: one key hotter than a partition's broker takes: larger brokers, never more partitions or brokers") {
  // Every record carries one key: 40 MB/s onto one partition, whose leader's
  // network sends 2 replica copies and one read, 3 x 40 MB/s against 93.75
  // MB/s on a kafka.m5.large: one partition takes 31.25 MB/s however many
  // there are. A kafka.m5.xlarge (1.25 Gbps, 52 MB/s a partition) takes it.
  const std::string yaml = R"(name: hot key
duration: 3m
workload:
  events: { rate: 40000/s, record_size: 1KB, keys: { count: 1 } }
components:
  topic: { service: msk, brokers: 3, partitions: 12, delivery_timeout: 5s }
  out: { service: sink }
flows: [events -> topic -> out]
requirements:
  max_dropped: 0
)";
  const run::RunResult r = diagnosed(yaml);
  const auto* b = finding(r, "topic");
  REQUIRE(b);
  CHECK(b->resource_id == "write_throughput");
  CHECK(b->key_beyond_unit);
  REQUIRE_FALSE(b->hot_keys.empty());
  CHECK(b->hot_keys.front().unit_capacity_per_s == doctest::Approx(31250));
  const std::string sentence = report::finding_sentence(*b);
  CHECK(sentence.find("no number of partitions fixes it") != std::string::npos);
  for (const auto& t : b->fixes) {
    CHECK(t.lever != "brokers");
    CHECK(t.lever != "partitions");
  }
  REQUIRE(b->fix >= 0);
  const auto& fix = b->fixes[static_cast<std::size_t>(b->fix)];
  CHECK(fix.clears);
  CHECK(fix.moves.front().key == "broker_type");
  CHECK(fix.moves.front().text_to == "kafka.m5.xlarge");
}

TEST_CASE("msk: a Lambda function reads the topic by Kafka's partitions, with MSK's 500 ms batching window") {
  // 12 records/s over 6 partitions: 2 a second in each of the function's 6
  // groups (it takes the topic's partitions as its shards), never a full
  // batch of 100, so each invocation waits for the batching window, 500 ms
  // on an MSK event source mapping by default.
  const std::string yaml = R"(name: lambda on msk
duration: 10m
workload:
  events: { rate: 12/s, record_size: 1KB, keys: { count: 100000 } }
components:
  topic: { service: msk, brokers: 3, partitions: 6 }
  fn: { service: lambda, duration: 10ms }
flows: [events -> topic -> fn]
)";
  const auto r = simulate_text(yaml);
  const auto& fn = component(r, "fn");
  CHECK(fn.units.count == 6);
  // Unstated, the window is MSK's 500 ms: the run is the one with 500ms stated,
  // and records wait longer than with no window.
  const auto stated = simulate_text(yaml, {"components.fn.batching_window=500ms"});
  const auto none = simulate_text(yaml, {"components.fn.batching_window=0s"});
  MESSAGE("fn latency " << fn.latency.mean << " s, without a window " << component(none, "fn").latency.mean << " s");
  CHECK(fn.latency.mean == component(stated, "fn").latency.mean);
  CHECK(fn.records_out == component(stated, "fn").records_out);
  CHECK(fn.latency.mean > component(none, "fn").latency.mean + 0.2);
  // An MSK event source mapping has no parallelization factor.
  auto loaded = scenario::load_scenario_text(
      "name: x\nduration: 1m\nworkload:\n  events: { rate: 10/s }\ncomponents:\n"
      "  topic: { service: msk }\n  fn: { service: lambda, duration: 10ms, parallelization_factor: 2 }\n"
      "flows: [events -> topic -> fn]\n",
      "msk.yaml");
  REQUIRE_FALSE(loaded.ok());
  bool said = false;
  for (const auto& d : loaded.diagnostics.items())
    said = said || d.format().find("has no parallelization factor") != std::string::npos;
  CHECK(said);
}

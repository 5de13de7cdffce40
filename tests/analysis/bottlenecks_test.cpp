// The bottleneck named on designs whose bottleneck is known by construction:
// each service in turn made the binding constraint, and the others given
// room. The fix suggested for it is simulated again and must help.
#include <doctest/doctest.h>

#include <algorithm>
#include <cmath>
#include <string>
#include <vector>

#include "archsim/analysis/bottlenecks.hpp"
#include "archsim/models/kinesis/kinesis_stream.hpp"
#include "archsim/report/findings.hpp"
#include "support/simulate.hpp"

using namespace archsim;

namespace {

// `jobs`: the threads the fix trials may use (0: one per core).
run::RunResult analysed(const std::string& yaml, unsigned jobs = 0) {
  auto loaded = scenario::load_scenario_text(yaml, "bottleneck.yaml");
  for (const auto& d : loaded.diagnostics.items()) MESSAGE(d.format());
  REQUIRE(loaded.ok());
  run::RunResult r = run::simulate(*loaded.scenario);
  analysis::find_bottlenecks(*loaded.scenario, r, true, jobs);
  return r;
}


}  // namespace

TEST_CASE("bottlenecks: a table whose partitions take less than the stream delivers is what binds") {
  // 500 writes/s of 1 KB over uniform keys into 100 WCU (one partition):
  // the table throttles, the stream (4 shards, 4,000/s) runs at an eighth.
  const auto r = analysed(R"(name: small table
duration: 2m
workload:
  events: { rate: 500/s, record_size: 1KB, batch: 100ms }
components:
  stream: { service: kinesis, shards: 4 }
  table: { service: dynamodb, wcu: 100, item_size: 1KB }
flows: [events -> stream -> table]
)");
  REQUIRE_FALSE(r.bottlenecks.empty());
  CHECK(r.bottlenecks.front().component == "table");
  CHECK(r.bottlenecks.front().resource.find("provisioned write capacity") != std::string::npos);
  CHECK(r.bottlenecks.front().throttle_fraction + r.bottlenecks.front().drop_fraction > 0.5);
}

TEST_CASE("bottlenecks: a failed latency requirement names the busy server as its cause, and a second server fixes it") {
  // M/M/1 at rho = 0.9 (90/s, 10 ms): mean time in system 100 ms, p99 about
  // 460 ms, against a 100 ms target. Two servers (M/M/2 at rho 0.45) bring
  // the p99 to the service time's own tail, about 50 ms.
  const auto r = analysed(R"(name: busy server
duration: 30m
warmup: 1m
workload:
  jobs: { rate: 90/s }
components:
  worker: { service: server, servers: 1, service_time: { dist: exponential, mean: 10ms } }
flows: [jobs -> worker]
requirements:
  latency_p99: 100ms
)");
  REQUIRE_FALSE(r.bottlenecks.empty());
  const auto& top = r.bottlenecks.front();
  CHECK(top.component == "worker");
  CHECK(top.utilization >= 0.9);
  REQUIRE(r.requirements.size() == 1);
  CHECK_FALSE(r.requirements[0].pass);
  CHECK(r.requirements[0].cause.find("'worker'") != std::string::npos);
  REQUIRE(top.fix_checked);
  REQUIRE(top.fix >= 0);
  const auto& fix = top.fixes[static_cast<std::size_t>(top.fix)];
  CHECK(report::fix_sentence(top).find("servers from 1 to 2") != std::string::npos);
  CHECK(top.worst_p99_s > 0.3);
  CHECK(fix.worst_p99_s < 0.1);
}

TEST_CASE("bottlenecks: a Glue job whose run outlasts its interval skips triggers and is named") {
  // 15 minutes of 100 MB/s is 90 GB, 22 minutes on 2 DPUs at 32 MiB/s each:
  // longer than the 15-minute interval, so triggers are skipped.
  const auto r = analysed(R"(name: late job
duration: 2h
workload:
  orders: { rate: 100/s, record_size: 1MB, batch: 1s }
components:
  etl: { service: glue, workers: 2, schedule: every 15m, serial_fraction: 0 }
  out: { service: sink }
flows: [orders -> etl -> out]
)");
  REQUIRE_FALSE(r.bottlenecks.empty());
  const auto& top = r.bottlenecks.front();
  CHECK(top.component == "etl");
  CHECK(top.late_runs >= 1);
  CHECK(report::finding_sentence(top).find("skipped or queued") != std::string::npos);
}

TEST_CASE("bottlenecks: a design with room everywhere names no binding resource") {
  const auto r = analysed(R"(name: roomy
duration: 10m
workload:
  jobs: { rate: 10/s }
components:
  worker: { service: server, servers: 4, service_time: 10ms }
flows: [jobs -> worker]
)");
  CHECK(r.bottlenecks.empty());
}

TEST_CASE("bottlenecks: a hot shard throttles although the even spread leaves room, and explain's hottest shard says so") {
  // 2,400 records/s over 4 shards (4,000/s) is 60% on average, but zipf keys
  // (s = 1.2 over 1,000) send a fifth of them to one key's shard.
  const auto r = analysed(R"(name: hot shard
duration: 2m
workload:
  events: { rate: 2400/s, record_size: 1KB, keys: { count: 1000, dist: zipf, s: 1.2 }, batch: 100ms }
components:
  stream: { service: kinesis, shards: 4 }
  out: { service: sink }
flows: [events -> stream -> out]
)");
  REQUIRE_FALSE(r.bottlenecks.empty());
  const auto& top = r.bottlenecks.front();
  CHECK(top.component == "stream");
  CHECK(top.throttle_fraction + top.drop_fraction > 0);
  // By hand: the zipf pmf key by key, each key on its MD5 shard; the hottest
  // shard's share of 2,400/s against its 1,000/s.
  std::vector<double> shard(4, 0.0);
  double norm = 0;
  for (int k = 1; k <= 1000; ++k) norm += std::pow(k, -1.2);
  for (int k = 1; k <= 1000; ++k) shard[models::KinesisStream::shard_of(k - 1, 4)] += std::pow(k, -1.2) / norm;
  const double hottest = *std::max_element(shard.begin(), shard.end());
  CHECK(top.static_peak_utilization == doctest::Approx(2400 * hottest / 1000).epsilon(0.001));
  CHECK(top.static_peak_utilization > 1);
  // Explain and the run agree: the report has no disagreement to explain.
  CHECK(report::finding_sentence(top).find("archsim explain puts its peak at") == std::string::npos);
}

TEST_CASE("bottlenecks: each service made the binding constraint is named") {
  struct Case {
    const char* what;
    const char* yaml;
    const char* binding;
  };
  const Case cases[] = {
      {"S3, one prefix offered 5,000 PUT/s", R"(name: s3 prefix
duration: 1m
workload:
  objects: { rate: 5000/s, record_size: 10KB }
components:
  bucket: { service: s3, prefixes: 1 }
flows: [objects -> bucket]
)", "bucket"},
      {"Flink, 1 KPU at 1 ms a record offered 2,000/s", R"(name: flink kpu
duration: 2m
workload:
  events: { rate: 2000/s, batch: 100ms }
components:
  stream: { service: kinesis, shards: 4 }
  job: { service: flink, kpu: 1, cost_per_record: 1ms }
flows: [events -> stream -> job]
)", "job"},
      {"Athena, 2 queries at once for 1 query a second of 3 s", R"(name: athena slots
duration: 10m
workload:
  q: { kind: queries, rate: 1/s, arrivals: deterministic, scan: { data: 3GiB, compression: none } }
components:
  adhoc: { service: athena, concurrency_limit: 2, startup: 0s, scan_rate: 1GiB/s }
flows: [q -> adhoc]
)", "adhoc"},
      {"Redshift, 1 WLM slot for 1 query a second of 2 s", R"(name: redshift slots
duration: 10m
workload:
  q: { kind: queries, rate: 1/s, arrivals: deterministic, scan: { data: 1B } }
components:
  dw: { service: redshift, nodes: 2, wlm_slots: 1, overhead: 2s }
flows: [q -> dw]
)", "dw"},
  };
  for (const auto& c : cases) {
    INFO(c.what);
    const auto r = analysed(c.yaml);
    REQUIRE_FALSE(r.bottlenecks.empty());
    CHECK(r.bottlenecks.front().component == c.binding);
  }
}

TEST_CASE("bottlenecks: a finding searched alone tries its steps two at a time and still suggests the least that clears") {
  // Erlang B: 8 requests/s, each holding one of 10 agents for 1 s on average,
  // no queue (A = 8 erlangs: about 12% of requests find every agent busy).
  // One finding, so its search has the second core: its scaling trials go in
  // pairs, up to eight, and the answer must not depend on the cores.
  const std::string yaml = R"(name: support desk
seed: 3
duration: 30m
workload:
  requests: { rate: 8/s }
components:
  agents: { service: server, servers: 10, service_time: { dist: exponential, mean: 1s }, queue_capacity: 0 }
flows: [requests -> agents]
)";
  const auto r = analysed(yaml);
  REQUIRE_FALSE(r.bottlenecks.empty());
  const auto& top = r.bottlenecks.front();
  REQUIRE(top.fix_checked);
  REQUIRE(top.fix >= 0);
  CHECK(top.fixes.size() <= 8);
  CHECK(top.fixes.size() > 6);  // more than a search one trial at a time may take
  const auto& fix = top.fixes[static_cast<std::size_t>(top.fix)];
  CHECK(fix.clears);
  CHECK(fix.dropped == 0);
  // The least that cleared is the one suggested; what failed is below it, and close.
  double chosen = fix.moves.front().to, failed_below = 0;
  for (const auto& t : top.fixes) {
    if (t.moves.empty() || t.moves.front().key != "servers") continue;
    if (t.clears) CHECK(t.moves.front().to >= chosen);
    else failed_below = std::max(failed_below, t.moves.front().to);
  }
  CHECK(failed_below < chosen);
  CHECK(chosen - failed_below <= 2);
  // The same trials, and the same answer, every time, and on one thread as on two.
  for (const unsigned jobs : {2u, 1u}) {
    const auto again = analysed(yaml, jobs);
    REQUIRE(again.bottlenecks.front().fixes.size() == top.fixes.size());
    CHECK(again.bottlenecks.front().fix == top.fix);
    for (std::size_t i = 0; i < top.fixes.size(); ++i) {
      CHECK(again.bottlenecks.front().fixes[i].moves.front().to == top.fixes[i].moves.front().to);
      CHECK(again.bottlenecks.front().fixes[i].dropped == top.fixes[i].dropped);
    }
  }
}

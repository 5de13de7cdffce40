// Firehose's Direct PUT quota against AWS's quota page (catalog
// firehose.direct_put.*, sources F2-F4 and F10): in us-east-1 a stream takes
// 500,000 records/s, 2,000 requests/s and 5 MiB/s, combined over PutRecord
// and PutRecordBatch; a PutRecordBatch carries at most 500 records and 4 MiB.
// Past the quota records are refused, retried by the producer and dropped
// after the last retry; a raised quota scales all three; a stream whose
// source is a Kinesis data stream is not bound by it. explain's capacity is
// the same ceiling.
#include <doctest/doctest.h>

#include <string>

#include "archsim/analysis/bottlenecks.hpp"
#include "archsim/models/firehose/firehose_stream.hpp"
#include "archsim/report/findings.hpp"
#include "archsim/scenario/catalog_loader.hpp"
#include "support/simulate.hpp"

using namespace archsim;
using testing::component;
using testing::simulate_text;

namespace {

constexpr double kMiB = 1048576.0;

// 10,000 records/s of 1 KiB for 60 s from producers straight into Firehose.
std::string direct_put(const std::string& producer_extra, const std::string& firehose_extra) {
  return "name: direct put\nduration: 60s\nworkload:\n  producers: { rate: 10000/s, arrivals: deterministic, "
         "record_size: 1KiB" +
         producer_extra + " }\ncomponents:\n  delivery: { service: firehose, buffer_interval: 60s" + firehose_extra +
         " }\n  lake: { service: s3 }\nflows: [producers -> delivery -> lake]\n";
}

std::uint64_t accepted(const run::ComponentResult& c) { return c.records_in - c.dropped; }

std::uint64_t dropped_for(const run::ComponentResult& c, const std::string& reason) {
  for (const auto& d : c.drops)
    if (d.reason == reason) return d.count;
  return 0;
}

model::FlowIn offered(double records_per_s, double record_bytes, double batches_per_s) {
  model::FlowIn in;
  in.records_per_s = records_per_s;
  in.record_bytes = record_bytes;
  in.batches_per_s = batches_per_s;
  return in;
}

}  // namespace

TEST_CASE("firehose: one PutRecord a record meets the 2,000 requests/s Direct PUT quota first") {
  // 10,000 single-record PutRecord calls a second: 10,000 requests/s against
  // 2,000/s (10 MiB/s against 5 MiB/s, 10,000 records/s against 500,000).
  // With no retries the stream takes 2,000 a second plus the first second's
  // bucket: 60 x 2,000 + 2,000 = 122,000 of the 600,000, and drops the rest.
  const auto r = simulate_text(direct_put("", ", max_retries: 0"));
  const auto& d = component(r, "delivery");
  CHECK(static_cast<double>(d.records_in) == doctest::Approx(600000).epsilon(1e-5));
  CHECK(static_cast<double>(accepted(d)) == doctest::Approx(122000).epsilon(0.001));
  CHECK(d.throttled == d.dropped);
  CHECK(dropped_for(d, "throttled_after_retries") == d.dropped);
  REQUIRE(d.throttled_by.size() == 1);
  CHECK(d.throttled_by[0].first == "direct_put");
  // Utilization: each second's share of the binding quota, 100% (the first
  // second, which takes its full bucket as well, peaks at 200%).
  CHECK(d.utilization_mean == doctest::Approx(1).epsilon(0.02));
  CHECK(d.utilization_peak == doctest::Approx(2).epsilon(0.01));
}

TEST_CASE("firehose: PutRecordBatch calls meet the 5 MiB/s Direct PUT quota, and a raised quota scales all three") {
  // 100 ms batches of 1,000 records of 1 KiB: 2 PutRecordBatch calls each
  // (500 records a call), 20 requests/s; the bytes bind: 5 MiB/s is 5,120
  // records/s of 1 KiB, 60 x 5,120 + 5,120 = 312,320 taken with no retries.
  const auto r = simulate_text(direct_put(", batch: 100ms", ", max_retries: 0"));
  const auto& d = component(r, "delivery");
  CHECK(static_cast<double>(accepted(d)) == doctest::Approx(312320).epsilon(0.005));

  // Raised to 10 MiB/s (a service-quota increase: 1,000,000 records/s and
  // 4,000 requests/s with it), the 9.77 MiB/s fit.
  const auto raised = simulate_text(direct_put(", batch: 100ms", ", max_retries: 0, direct_put_quota: 10MiB/s"));
  CHECK(component(raised, "delivery").throttled == 0);
  const auto limits = [] {
    auto p = testing::default_params(models::FirehoseStream::spec());
    model::ParamValue quota;
    quota.type = model::ParamType::bandwidth;
    quota.number = 10 * kMiB;
    p.set("direct_put_quota", quota);
    return models::DirectPutLimits::of(p, scenario::builtin_catalog());
  }();
  CHECK(limits.records_per_s == doctest::Approx(1000000));
  CHECK(limits.requests_per_s == doctest::Approx(4000));
}

TEST_CASE("firehose: producer retries with backoff turn a burst past the Direct PUT quota into accepted records") {
  // 2,000 records/s of 1 KiB (2 MiB/s) in 100 ms batches, 6 times that for
  // 2 s: 24,000 records in the spike against 5,120/s plus a second's bucket.
  // The producer's retries (up to 8, from 100 ms) spread them over the
  // following seconds, where the quota has room: nothing is lost.
  const auto r = simulate_text(R"(name: burst
duration: 60s
workload:
  producers: { rate: 2000/s, arrivals: deterministic, record_size: 1KiB, batch: 100ms,
               profile: { kind: spike, at: 20s, for: 2s, factor: 6 } }
components:
  delivery: { service: firehose, buffer_interval: 60s, max_retries: 8 }
  lake: { service: s3 }
flows: [producers -> delivery -> lake]
)");
  const auto& d = component(r, "delivery");
  CHECK(d.throttled > 0);
  CHECK(d.dropped == 0);
}

TEST_CASE("firehose: reading a Kinesis data stream, it is not bound by the Direct PUT quota") {
  // The same 10,000 records/s of 1 KiB through 20 shards: the Firehose stream
  // takes the data stream as its source (offered by the stream) and takes all.
  const auto r = simulate_text(R"(name: from a stream
duration: 60s
workload:
  producers: { rate: 10000/s, arrivals: deterministic, record_size: 1KiB, batch: 100ms }
components:
  events: { service: kinesis, shards: 20 }
  delivery: { service: firehose, buffer_interval: 60s, max_retries: 0 }
  lake: { service: s3 }
flows: [producers -> events -> delivery -> lake]
)");
  const auto& d = component(r, "delivery");
  CHECK(d.throttled == 0);
  CHECK(d.dropped == 0);
  CHECK(d.records_in > 590000);
}

TEST_CASE("firehose: explain's capacity is the Direct PUT quota at the offered record size and batching") {
  const auto& catalog = scenario::builtin_catalog();
  const auto params = testing::default_params(models::FirehoseStream::spec());
  // Single records: 2,000 requests/s of one record.
  const auto single = models::FirehoseStream::figures(params, catalog, offered(10000, 1024, 10000));
  CHECK(single.capacity == doctest::Approx(2000));
  CHECK(single.limit == "Direct PUT quota: 2,000 requests/s of 1 record");
  // 1,000-record batches, two calls each: 5 MiB/s of 1 KiB records.
  const auto batched = models::FirehoseStream::figures(params, catalog, offered(10000, 1024, 10));
  CHECK(batched.capacity == doctest::Approx(5120));
  CHECK(batched.limit == "Direct PUT quota: 5 MiB/s");
  // A Kinesis data stream as its source: no quota.
  auto from_stream = params;
  model::ParamValue source = from_stream.at("source");
  source.text = "kinesis_stream";
  from_stream.set("source", source);
  CHECK(models::FirehoseStream::figures(from_stream, catalog, offered(10000, 1024, 10)).capacity == model::kUnbounded);
}

TEST_CASE("firehose: the diagnosis names the Direct PUT quota and its increase as the fix") {
  const std::string yaml = direct_put(", batch: 100ms", ", max_retries: 2");
  auto loaded = scenario::load_scenario_text(yaml, "direct-put.yaml");
  REQUIRE(loaded.ok());
  run::RunResult r = run::simulate(*loaded.scenario);
  analysis::find_bottlenecks(*loaded.scenario, r, true);
  REQUIRE_FALSE(r.bottlenecks.empty());
  const auto& top = r.bottlenecks.front();
  CHECK(top.component == "delivery");
  CHECK(top.resource_id == "direct_put");
  REQUIRE(top.fix >= 0);
  const auto& moves = top.fixes[static_cast<std::size_t>(top.fix)].moves;
  REQUIRE(moves.size() == 1);
  CHECK(moves[0].key == "direct_put_quota");
  CHECK(moves[0].to >= 10 * kMiB);  // 9.77 MiB/s offered
  // The report's --set value reads back as a bandwidth, and with it nothing is refused.
  const auto sets = report::set_values(moves);
  REQUIRE(sets.size() == 1);
  CHECK(sets[0].rfind("components.delivery.direct_put_quota=", 0) == 0);
  CHECK(sets[0].find("MiB/s") != std::string::npos);
  CHECK(component(simulate_text(yaml, sets), "delivery").throttled == 0);
}

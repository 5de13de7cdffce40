// Firehose to S3: buffering by size and interval (delivery latency follows
// the buffer), flushes as S3 objects, and ingestion billing with its 5 KB
// rounding, checked by hand from the catalog's prices.
#include <doctest/doctest.h>

#include <cmath>
#include <memory>
#include <vector>

#include "archsim/engine/engine.hpp"
#include "archsim/model/network.hpp"
#include "archsim/models/firehose/firehose_stream.hpp"
#include "archsim/models/s3/s3_bucket.hpp"
#include "archsim/scenario/catalog_loader.hpp"
#include "support/simulate.hpp"

using namespace archsim;
using engine::kSecond;
using testing::component;
using testing::simulate_text;

namespace {

constexpr double kGiB = 1073741824.0;

model::ParamValue number(model::ParamType type, double value) {
  model::ParamValue v;
  v.type = type;
  v.number = value;
  return v;
}

// A Firehose stream (node 0) feeding an S3 bucket (node 1), driven by hand:
// `feed` delivers a batch to the stream at a given time.
struct Rig : engine::Handler {
  engine::Engine engine;
  model::Network network{engine, {60 * kSecond, 3600 * kSecond, 0}, 7};
  model::ParamSet fh_params, s3_params;
  std::unique_ptr<models::FirehoseStream> firehose;
  std::unique_ptr<models::S3Bucket> bucket;
  std::vector<engine::Batch> pending;
  engine::HandlerId self = 0;

  Rig(double buffer_size, engine::SimTime interval) {
    network.add_node("fh");
    network.add_node("bucket");
    network.set_targets(0, {1});
    network.set_targets(1, {});
    fh_params = testing::default_params(models::FirehoseStream::spec());
    fh_params.set("buffer_size", number(model::ParamType::size, buffer_size));
    fh_params.set("buffer_interval", number(model::ParamType::duration, static_cast<double>(interval)));
    s3_params = testing::default_params(models::S3Bucket::spec());
    model::ParamValue latency;
    latency.type = model::ParamType::duration_dist;
    latency.dist = engine::Distribution::constant(50e6);
    s3_params.set("put_latency", latency);
    const auto& catalog = scenario::builtin_catalog();
    model::BuildContext s3_ctx{engine, network, 1, "bucket", s3_params, 7, network.probe(1), catalog};
    bucket = std::make_unique<models::S3Bucket>(s3_ctx);
    network.attach(1, bucket.get());
    model::BuildContext fh_ctx{engine, network, 0, "fh", fh_params, 7, network.probe(0), catalog};
    firehose = std::make_unique<models::FirehoseStream>(fh_ctx);
    network.attach(0, firehose.get());
    self = engine.add_handler(this);
  }
  void feed(engine::SimTime at, std::uint64_t count, std::uint64_t bytes) {
    pending.push_back({count, bytes, at, at, 0, 0});
    engine.schedule_at(at, self, 0, pending.size() - 1);
  }
  void handle(const engine::Event& e) override {
    engine::Batch b = pending[e.data];
    b.arrived = engine.now();
    network.probe(0).arrived(b, b.arrived);
    firehose->accept(b);
  }
};

}  // namespace

TEST_CASE("firehose: the spec's ranges and defaults are the catalog's buffering hints") {
  const auto& catalog = scenario::builtin_catalog();
  const auto spec = models::FirehoseStream::spec();
  const auto& size = spec.params[0];
  const auto& interval = spec.params[1];
  CHECK(size.min == catalog.value("firehose.buffer.min_bytes"));
  CHECK(size.max == catalog.value("firehose.buffer.max_bytes"));
  CHECK(catalog.value("firehose.buffer.default_bytes") == 5 * 1048576.0);
  CHECK(size.default_text == "5MiB");
  CHECK(interval.min == catalog.value("firehose.buffer.min_interval_s") * 1e9);
  CHECK(interval.max == catalog.value("firehose.buffer.max_interval_s") * 1e9);
  CHECK(catalog.value("firehose.buffer.default_interval_s") == 300);
  CHECK(interval.default_text == "300s");
}

TEST_CASE("firehose: at a low rate the buffer flushes by interval, each flush one S3 object") {
  // 10 records/s of 1,000 bytes into a 1 MiB buffer with a 60 s interval:
  // 600 KB a minute never fills it, so it flushes 60 s after each buffer's first record.
  Rig rig(1048576, 60 * kSecond);
  for (int i = 0; i < 6000; ++i) rig.feed(i * kSecond / 10, 1, 1000);  // 0 ... 599.9 s
  rig.engine.run_until(700 * kSecond);
  // Buffers start at 0, 60.1, 120.2, ... s: ten flushes cover the 600 s.
  CHECK(rig.firehose->flushes() == 10);
  CHECK(rig.firehose->size_flushes() == 0);
  CHECK(rig.firehose->in_flight() == 0);
  CHECK(rig.bucket->objects_written() == rig.firehose->flushes());
  CHECK(rig.bucket->puts() == rig.firehose->flushes());
  CHECK(rig.network.delivered() == 6000);
}

TEST_CASE("firehose: at a high rate the buffer flushes by size every buffer_size / byte rate") {
  // 1,000 records/s of 1 KiB = 1,024,000 B/s into a 1 MiB buffer: a flush every 1.024 s.
  Rig rig(1048576, 60 * kSecond);
  for (int i = 0; i < 100000; ++i) rig.feed(i * kSecond / 1000, 1, 1024);  // 100 s
  rig.engine.run_until(100 * kSecond);
  CHECK(rig.firehose->size_flushes() == 97);  // floor(100,000 KiB / 1,024 KiB)
  CHECK(rig.firehose->flushes() == 97);
  CHECK(rig.firehose->in_flight() == 100000 - 97 * 1024);
  rig.engine.run_until(200 * kSecond);  // the rest goes by interval
  CHECK(rig.firehose->flushes() == 98);
  CHECK(rig.bucket->puts() == 98);
}

TEST_CASE("firehose: a batch that overfills the buffer is split at the size limit") {
  Rig rig(1048576, 60 * kSecond);
  rig.feed(0, 3000, 3000 * 1024);  // 2.93 MiB in one batch: two full buffers and a rest
  rig.engine.run_until(1 * kSecond);
  CHECK(rig.firehose->size_flushes() == 2);
  CHECK(rig.firehose->in_flight() == 3000 - 2 * 1024);
  rig.engine.run_until(120 * kSecond);
  CHECK(rig.firehose->flushes() == 3);
  CHECK(rig.network.delivered() == 3000);
}

TEST_CASE("firehose: ingestion rounds every record up to 5 KB, as AWS's pricing page describes") {
  // AWS's Firehose pricing page: a 3 KB record is billed as 5 KB, a 12 KB record
  // as 15 KB; and a PutRecordBatch of two 1 KB records as 10 KB (the rounding is
  // per record, not per call). KB here is the catalog's 5,120-byte unit.
  Rig rig(1048576, 60 * kSecond);
  rig.feed(0, 1, 3 * 1024);
  rig.engine.run_until(1);
  CHECK(rig.firehose->billed_bytes() == 5 * 1024);
  rig.feed(1, 1, 12 * 1024);
  rig.engine.run_until(2);
  CHECK(rig.firehose->billed_bytes() == (5 + 15) * 1024);
  rig.feed(2, 2, 2 * 1024);
  rig.engine.run_until(3);
  CHECK(rig.firehose->billed_bytes() == (5 + 15 + 10) * 1024);
  rig.feed(3, 1, 5 * 1024);  // exactly 5 KB stays 5 KB
  rig.engine.run_until(4);
  CHECK(rig.firehose->billed_bytes() == (5 + 15 + 10 + 5) * 1024);
}

TEST_CASE("firehose: ingestion tiers apply to the monthly volume") {
  const auto& price = scenario::builtin_catalog().at("firehose.price.ingest_gb_usd");
  CHECK(models::tiered_monthly_cost(price, 1000) == doctest::Approx(1000 * 0.029));
  CHECK(models::tiered_monthly_cost(price, 600000) == doctest::Approx(512000 * 0.029 + 88000 * 0.025));
  CHECK(models::tiered_monthly_cost(price, 3000000) ==
        doctest::Approx(512000 * 0.029 + 1536000 * 0.025 + 952000 * 0.020));
}

TEST_CASE("firehose: delivery latency follows the interval at a low rate, the size at a high rate") {
  // Low rate: each record waits a uniform time up to 60 s for its flush (mean 30 s),
  // then the 50 ms PUT.
  const auto low = simulate_text(R"(name: firehose low rate
duration: 2h
workload: { clicks: { rate: 10/s, record_size: 1KB } }
components:
  stream: { service: firehose, buffer_size: 1MiB, buffer_interval: 60s }
  lake: { service: s3 }
flows: [clicks -> stream -> lake]
)");
  const auto& stream = component(low, "stream");
  CHECK(stream.latency.mean == doctest::Approx(30).epsilon(0.03));
  CHECK(stream.latency.max <= 60.001);
  CHECK(stream.dropped == 0);
  CHECK(low.paths[0].latency.mean == doctest::Approx(30.05).epsilon(0.03));
  CHECK(component(low, "lake").throttled == 0);

  // High rate: 2,000 records/s of 1 KiB fill 1 MiB every 0.512 s; a record waits 0.256 s on average.
  const auto high = simulate_text(R"(name: firehose high rate
duration: 10m
workload: { clicks: { rate: 2000/s, record_size: 1KiB } }
components:
  stream: { service: firehose, buffer_size: 1MiB, buffer_interval: 60s }
  lake: { service: s3 }
flows: [clicks -> stream -> lake]
)");
  CHECK(component(high, "stream").latency.mean == doctest::Approx(0.256).epsilon(0.05));
  CHECK(component(high, "stream").latency.max < 2);
  CHECK(high.paths[0].latency.mean == doctest::Approx(0.306).epsilon(0.05));
}

TEST_CASE("firehose: an hour of 100 records/s of 1 KB is billed as 5 KB records") {
  const auto r = simulate_text(R"(name: firehose billing
duration: 1h
workload: { app: { rate: 100/s, arrivals: deterministic, record_size: 1KB } }
components:
  stream: { service: firehose }
  end: { service: sink }
flows: [app -> stream -> end]
)");
  const auto& stream = component(r, "stream");
  // By hand: 360,000 records x 5,120 bytes = 1,843,200,000 bytes = 1.71661 GB
  // (GB = 2^30 bytes, as AWS bills data) x $0.029 = $0.049782.
  CHECK(stream.records_in == doctest::Approx(360000).epsilon(0.001));
  const double expected = static_cast<double>(stream.records_in) * 5120 / kGiB * 0.029;
  CHECK(stream.cost_usd == doctest::Approx(expected).epsilon(1e-9));
  CHECK(360000 * 5120 / kGiB * 0.029 == doctest::Approx(0.049782).epsilon(1e-5));
  // Record accounting holds with records still buffered at the end.
  CHECK(stream.records_in == stream.records_out + stream.in_flight);
}

// S3 as a sink: the per-prefix PUT limit from the catalog (SlowDown replies
// past it, retries, drops), objects spread over prefixes, and the request and
// storage cost, checked by hand from the catalog's prices.
#include <doctest/doctest.h>

#include <cmath>
#include <memory>
#include <string>
#include <vector>

#include "archsim/engine/engine.hpp"
#include "archsim/model/network.hpp"
#include "archsim/models/firehose/firehose_stream.hpp"
#include "archsim/models/s3/s3_bucket.hpp"
#include "archsim/scenario/catalog_loader.hpp"
#include "support/simulate.hpp"

using namespace archsim;
using archsim::testing::dropped_as;
using testing::component;
using testing::simulate_text;

namespace {
std::string put_rate_scenario(int prefixes) {
  return R"(name: s3 put rate
duration: 5m
workload: { writers: { rate: 5000/s, record_size: 10KB } }
components:
  lake: { service: s3, prefixes: )" +
         std::to_string(prefixes) + R"( }
flows: [writers -> lake]
)";
}

}  // namespace

TEST_CASE("s3: one prefix offered 5,000 PUT/s serves 3,500/s and sheds about 1,500/s") {
  const double limit = scenario::builtin_catalog().value("s3.prefix.write_requests_per_s");
  REQUIRE(limit == 3500);
  const auto r = simulate_text(put_rate_scenario(1));
  const auto& lake = component(r, "lake");
  // Each record is one PUT (one object). The bucket starts full (a one-second
  // burst of 3,500), then admits 3,500/s; retries cannot add capacity, so what
  // is not admitted is dropped after its retries.
  const double admitted = limit * 300 + limit;
  CHECK(static_cast<double>(lake.records_out) == doctest::Approx(admitted).epsilon(0.005));
  const double offered = static_cast<double>(lake.records_in);
  CHECK(offered == doctest::Approx(5000 * 300).epsilon(0.005));
  CHECK(static_cast<double>(lake.dropped) == doctest::Approx(offered - admitted).epsilon(0.02));
  CHECK(static_cast<double>(lake.dropped) / 300 == doctest::Approx(1500).epsilon(0.03));
  CHECK(dropped_as(lake, "slow_down_after_retries") == lake.dropped);
  // Every dropped PUT was refused 1 + 3 retries times, and some retries succeed after refusals.
  CHECK(lake.throttled >= 4 * lake.dropped);
}

TEST_CASE("s3: two prefixes take 5,000 PUT/s without a SlowDown") {
  const auto r = simulate_text(put_rate_scenario(2));
  const auto& lake = component(r, "lake");
  CHECK(lake.throttled == 0);
  CHECK(lake.dropped == 0);
  CHECK(lake.records_in == lake.records_out + lake.in_flight);
  CHECK(lake.latency.mean == doctest::Approx(0.05));  // the default PUT latency
}

TEST_CASE("s3: object_size turns a large batch into several PUTs spread over the prefixes") {
  // 10 batches/s of 1,000 records of 10 KB (10 MB) with 1 MB objects: 10 PUTs per batch, 100 PUT/s.
  const auto r = simulate_text(R"(name: s3 object size
duration: 1h
workload: { loader: { rate: 10000/s, arrivals: deterministic, batch: 100ms, record_size: 10KB } }
components:
  lake: { service: s3, object_size: 1MB, prefixes: 3 }
flows: [loader -> lake]
)");
  const auto& lake = component(r, "lake");
  CHECK(lake.throttled == 0);
  // Requests: 36,000 batches x 10 PUTs = 360,000 PUTs x $0.005 / 1,000 = $1.80.
  // Storage: 100 MB/s written for an hour, held on average half of it:
  // 180 GB (10^9 bytes) = 167.638 GB of 2^30 bytes, x $0.023 per GB-month x 1 h / 730 h.
  const double batches = static_cast<double>(lake.records_in) / 1000;
  CHECK(batches == doctest::Approx(36000).epsilon(0.001));
  const double stored_bytes = static_cast<double>(lake.records_out) * 10000;
  const double expected = batches * 10 * 0.005 / 1000 + stored_bytes / 2 / 1073741824.0 * 0.023 / 730;
  CHECK(lake.cost_usd == doctest::Approx(expected).epsilon(0.001));
  CHECK(lake.cost_usd == doctest::Approx(1.80 + 167.638 * 0.023 / 730).epsilon(0.002));
}

TEST_CASE("s3: a PUT and storage bill for an hour of single-object PUTs") {
  // 100 PUT/s of 1 MB objects for 1 h, one prefix: 360,000 PUTs = $1.80;
  // storage averages half of 360 GB (10^9 bytes).
  const auto r = simulate_text(R"(name: s3 cost
duration: 1h
workload: { uploads: { rate: 100/s, arrivals: deterministic, record_size: 1MB } }
components: { lake: { service: s3 } }
flows: [uploads -> lake]
)");
  const auto& lake = component(r, "lake");
  CHECK(lake.throttled == 0);
  const double n = static_cast<double>(lake.records_out);
  CHECK(n == doctest::Approx(360000).epsilon(0.001));
  const double expected = n * 0.005 / 1000 + n * 1e6 / 2 / 1073741824.0 * 0.023 / 730;
  CHECK(lake.cost_usd == doctest::Approx(expected).epsilon(0.001));
}

namespace {
// One bucket driven by hand: `write` PUTs one object of `bytes` at a given time.
struct BucketRig : engine::Handler {
  engine::Engine engine;
  model::Network network;
  model::ParamSet params;
  std::unique_ptr<models::S3Bucket> bucket;
  std::vector<std::uint64_t> sizes;
  engine::HandlerId self = 0;

  explicit BucketRig(engine::SimTime duration) : network(engine, {duration / 31, duration, 0}, 11) {
    network.add_node("bucket");
    network.set_targets(0, {});
    params = testing::default_params(models::S3Bucket::spec());
    model::ParamValue latency;
    latency.type = model::ParamType::duration_dist;
    latency.dist = engine::Distribution::constant(0);
    params.set("put_latency", latency);
    model::BuildContext ctx{engine, network, 0, "bucket", params, 11, network.probe(0), scenario::builtin_catalog()};
    bucket = std::make_unique<models::S3Bucket>(ctx);
    network.attach(0, bucket.get());
    self = engine.add_handler(this);
  }
  void write(engine::SimTime at, std::uint64_t bytes) {
    sizes.push_back(bytes);
    engine.schedule_at(at, self, 0, sizes.size() - 1);
  }
  void handle(const engine::Event& e) override {
    engine::Batch b{1, sizes[e.data], engine.now(), engine.now(), 0, 0};
    network.probe(0).arrived(b, b.arrived);
    bucket->accept(b);
  }
};
}  // namespace

TEST_CASE("s3: AWS's storage example, 100 GB for 15 days then 100 TB for 16 days of March, is 52,900 GB-months") {
  // The S3 FAQ's storage example (aws.amazon.com/s3/faqs, "How will I be
  // charged and billed for my use of Amazon S3?"; stored copies at
  // 796t.com/content/1547274797.html and filezoomer.com/2011/05/how-does-amazon-s3-calculate-storage-used):
  // 107,374,182,400 bytes for 15 days and 109,951,162,777,600 bytes for the
  // final 16 days = 42,259,901,212,262,400 byte-hours / 2^30 / 744 h = 52,900 GB-months.
  const engine::SimTime day = 86400 * engine::kSecond;
  BucketRig rig(31 * day);
  rig.write(0, 107374182400ULL);
  rig.write(15 * day, 109951162777600ULL - 107374182400ULL);
  rig.engine.run_until(31 * day);
  CHECK(rig.bucket->puts() == 2);
  CHECK(rig.bucket->mean_stored_gb(31 * day) == doctest::Approx(52900).epsilon(1e-12));
  // Its first tier, at today's $0.023: 51,200 GB x $0.023 = $1,177.60. AWS's
  // page prices the remaining 1,700 GB at the next tier ($0.022 today); the
  // catalog has only the first tier sourced and keeps $0.023 beyond it.
  const auto& price = scenario::builtin_catalog().at("s3.price.standard_storage_gb_month_usd");
  CHECK(models::tiered_monthly_cost(price, 51200) == doctest::Approx(1177.60).epsilon(1e-12));
  CHECK(models::tiered_monthly_cost(price, 52900) == doctest::Approx(1177.60 + 1700 * 0.023).epsilon(1e-12));
  // archsim prices by 730-hour months: 31 days are 744 / 730 of one.
  const double storage = (1177.60 + 1700 * 0.023) * 744.0 / 730.0;
  CHECK(rig.bucket->cost_usd(31 * day) == doctest::Approx(storage + 2 * 0.005 / 1000).epsilon(1e-12));
}

TEST_CASE("s3: a lake stores raw bytes over its codec's ratio, history included, and bills what it holds") {
  // 3 TiB of history and 1 GiB a minute of raw records for an hour, gzipped at
  // the catalog's 3:1 (AWS's own figure in its Athena pricing example).
  constexpr double kGiB = 1073741824.0;
  const auto r = testing::simulate_text(
      "name: lake\nduration: 61m\nworkload:\n  clicks: { rate: 1/min, arrivals: deterministic, record_size: 1GiB }\n"
      "components:\n  lake: { service: s3, compression: gzip, existing: 3TiB }\nflows: [clicks -> lake]\n");
  const auto& lake = testing::component(r, "lake");
  REQUIRE(lake.records_out == 60);
  double stored = 0, mean_gb = 0;
  for (const auto& [name, value] : lake.usage) {
    if (name == "bytes_stored") stored = value;
    if (name == "stored_gb_mean") mean_gb = value;
  }
  CHECK(stored == doctest::Approx((3 * 1024 * kGiB + 60 * kGiB) / 3));
  // Written at minutes 1 .. 60 (plus the 50 ms PUT) and held to minute 61:
  // on average 1,830 / 61 = 30 GiB raw over the run.
  CHECK(mean_gb == doctest::Approx((3 * 1024 + 30) / 3.0).epsilon(1e-4));
  // In the unit S3 bills, GB-months: that mean held for 61 minutes of a 730-hour month.
  CHECK(testing::usage_of(lake, "stored_gb_months") == doctest::Approx(mean_gb * 61 / 60 / 730).epsilon(1e-9));
  // A measured ratio replaces the catalog's.
  const auto measured = testing::simulate_text(
      "name: lake\nduration: 61m\nworkload:\n  clicks: { rate: 1/min, arrivals: deterministic, record_size: 1GiB }\n"
      "components:\n  lake: { service: s3, compression: snappy, compression_ratio: 8 }\nflows: [clicks -> lake]\n");
  for (const auto& [name, value] : testing::component(measured, "lake").usage)
    if (name == "bytes_stored") CHECK(value == doctest::Approx(60 * kGiB / 8));
  // the 3 TiB of history at 3:1 stays in the lake's bill: 1,024 GiB for the whole run.
  CHECK(lake.cost_usd > 1024 * 0.023 * 61 / 60 / 730);
}

TEST_CASE("s3: a throttled fault answers a share of PUTs with 503 SlowDown, and an object out of retries is dropped") {
  // 10 objects a second of 10 records, one PUT each, far below a prefix's
  // 3,500 PUT/s. Half the PUTs refused for 600 s: an object fails all four
  // attempts (the SDK's 3 retries) with 0.5^4 = 1/16, so about 6,000 / 16 =
  // 375 objects, 3,750 records, are dropped (binomial sd 19 objects, 5%),
  // and the refusals are the service's, not the prefix's.
  const auto r = simulate_text(R"(name: s3 slow-down
duration: 30m
workload:
  events: { rate: 100/s, arrivals: deterministic, batch: 100ms }
components:
  lake: { service: s3 }
flows: [events -> lake]
faults:
  - { target: lake, kind: throttled, share: 50%, after: 10m, for: 10m }
)");
  const auto& lake = component(r, "lake");
  CHECK(static_cast<double>(dropped_as(lake, "service_slow_down_after_retries")) == doctest::Approx(3750).epsilon(0.15));
  CHECK(dropped_as(lake, "slow_down_after_retries") == 0);
  std::uint64_t by_service = 0, by_prefix = 0;
  for (const auto& [resource, n] : lake.throttled_by) (resource == "service_throttling" ? by_service : by_prefix) += n;
  CHECK(by_prefix == 0);
  // Refused PUTs: 6,000 x (0.5 + 0.25 + 0.125 + 0.0625) = 5,625 attempts.
  CHECK(static_cast<double>(by_service) == doctest::Approx(5625).epsilon(0.05));
  REQUIRE(r.faults.size() == 1);
  CHECK(r.faults.front().dropped == lake.dropped);
}

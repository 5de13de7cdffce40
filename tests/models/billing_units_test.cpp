// Billing units per record from the spread of the record sizes: Kinesis PUT
// payload units (25 KiB), Kinesis on-demand ingest (each record rounded up to
// 1 KiB) and Firehose ingest (each record rounded up to 5 KiB). AWS rounds
// every record on its own, so a run that sends records one by one and a run
// that sends them in batches must bill the same on average, and both must
// agree with the closed form E[max(1, ceil(S / unit))] and with explain's
// static figures.
#include <doctest/doctest.h>

#include <string>

#include "archsim/engine/distribution.hpp"
#include "archsim/models/common/billing.hpp"
#include "archsim/models/firehose/firehose_stream.hpp"
#include "archsim/models/kinesis/kinesis_stream.hpp"
#include "archsim/scenario/catalog_loader.hpp"
#include "support/simulate.hpp"

using namespace archsim;
using testing::component;
using testing::simulate_text;
using testing::usage_of;

namespace {

constexpr double kKiB = 1024, kGiB = 1073741824.0;

// One source of `size` records, one at a time or in 200 ms batches, into `target`.
run::RunResult run_sizes(const std::string& size, const std::string& target, bool batched) {
  return simulate_text("name: units\nduration: 300s\nworkload:\n  producers: { rate: 200/s, arrivals: deterministic, " +
                       std::string(batched ? "batch: 200ms, " : "") + "record_size: " + size +
                       " }\ncomponents:\n  target: " + target + "\nflows: [producers -> target]\n");
}

double per_record(const run::ComponentResult& c, const std::string& usage) {
  return usage_of(c, usage) / static_cast<double>(c.records_in - c.dropped);
}

model::FlowIn flow_of(const engine::Distribution& size, double records_per_s) {
  model::FlowIn in;
  in.records_per_s = records_per_s;
  in.record_bytes = size.mean();
  in.sizes = {{.size = size, .scale = 1, .share = 1}};
  return in;
}

}  // namespace

TEST_CASE("billing units: Kinesis PUT payload units of records straddling 25 KiB, batched and one by one") {
  // Records uniform on 15 to 35 KiB: mean 25 KiB, exactly one 25 KiB unit
  // (25,600 bytes), but half of them are larger and take two. The closed
  // form: 1 + P(S > 25,600) = 1 + (35,840 - 25,600) / (35,840 - 15,360) = 1.5
  // units a record (kinesis.put_payload_unit.bytes; the pricing page: 45 KB -> 2).
  const std::string size = "{dist: uniform, min: 15KiB, max: 35KiB}";
  const std::string stream = "{ service: kinesis, shards: 20 }";
  const auto single = run_sizes(size, stream, false);
  const auto batched = run_sizes(size, stream, true);
  const auto& s = component(single, "target");
  const auto& b = component(batched, "target");
  REQUIRE(s.dropped == 0);
  REQUIRE(b.dropped == 0);
  MESSAGE("units a record: one by one " << per_record(s, "put_payload_units_25kib") << ", batched "
                                        << per_record(b, "put_payload_units_25kib"));
  // 60,000 records one by one: the share above 25 KiB is within 3 standard
  // deviations (3 x 0.5 / sqrt(60,000) = 0.6%) of a half.
  CHECK(per_record(s, "put_payload_units_25kib") == doctest::Approx(1.5).epsilon(0.01));
  // Batched: the closed form, up to the byte a batch's split over the shards
  // rounds each part's size by.
  CHECK(per_record(b, "put_payload_units_25kib") == doctest::Approx(1.5).epsilon(1e-4));
  // The older key still carries the same figure.
  CHECK(usage_of(b, "put_payload_units") == usage_of(b, "put_payload_units_25kib"));
  // The bill: 20 shards x $0.015 for 300 s, and 1.5 units a record at $0.014 a million.
  const double shards_usd = 20 * 0.015 * 300.0 / 3600;
  CHECK(b.cost_usd == doctest::Approx(shards_usd + static_cast<double>(b.records_in) * 1.5 * 0.014 / 1e6).epsilon(1e-5));

  // explain's figures bill the same 1.5 units a record: a month of 200
  // records/s is 525,600,000 records, 788,400,000 units, $11.04, beside
  // 20 shards x 730 h x $0.015 = $219.
  const auto params = [&] {
    auto p = testing::default_params(models::KinesisStream::spec());
    model::ParamValue shards;
    shards.type = model::ParamType::integer;
    shards.number = 20;
    p.set("shards", shards);
    return p;
  }();
  const auto f = models::KinesisStream::figures(params, scenario::builtin_catalog(),
                                                flow_of(engine::Distribution::uniform(15 * kKiB, 35 * kKiB), 200));
  CHECK(f.monthly_usd == doctest::Approx(20 * 730 * 0.015 + 200 * models::kSecondsPerMonth * 1.5 * 0.014 / 1e6));
}

TEST_CASE("billing units: Kinesis on-demand ingest rounds each record up to 1 KiB, batched and one by one") {
  // Records uniform on 600 to 1,400 bytes: 1 + P(S > 1,024) = 1 + 376 / 800
  // = 1.47 KiB billed a record (kinesis.on_demand.ingest_rounding_bytes), not
  // the 1 KiB of their 1,000-byte mean.
  const std::string size = "{dist: uniform, min: 600B, max: 1400B}";
  const std::string stream = "{ service: kinesis, mode: on_demand }";
  const auto single = run_sizes(size, stream, false);
  const auto batched = run_sizes(size, stream, true);
  const double expected_gib = 1.47 * kKiB / kGiB;
  CHECK(per_record(component(single, "target"), "ingest_gib_billed") == doctest::Approx(expected_gib).epsilon(0.01));
  CHECK(per_record(component(batched, "target"), "ingest_gib_billed") == doctest::Approx(expected_gib).epsilon(1e-6));

  // explain's month at 200 records/s: 525,600,000 x 1.47 KiB = 737.3 GiB of
  // ingest at $0.08, beside 730 stream-hours at $0.04 and the read GB.
  auto params = testing::default_params(models::KinesisStream::spec());
  model::ParamValue mode;
  mode.type = model::ParamType::choice;
  mode.text = "on_demand";
  params.set("mode", mode);
  const auto f = models::KinesisStream::figures(params, scenario::builtin_catalog(),
                                                flow_of(engine::Distribution::uniform(600, 1400), 200));
  const double records = 200 * models::kSecondsPerMonth;
  CHECK(f.monthly_usd == doctest::Approx(730 * 0.04 + records * 1.47 * kKiB / kGiB * 0.08 + records * 1000 / kGiB * 0.04));
}

TEST_CASE("billing units: Firehose rounds each record up to 5 KiB, batched and one by one") {
  // Records uniform on 3 to 7 KiB: 1 + P(S > 5,120) = 1 + 2,048 / 4,096 =
  // 1.5 units of 5 KiB, 7,680 bytes billed a record (firehose.ingest_rounding_bytes;
  // the pricing page: 3 KB -> 5 KB, 12 KB -> 15 KB), not the 5 KiB of their mean.
  const std::string size = "{dist: uniform, min: 3KiB, max: 7KiB}";
  const std::string firehose = "{ service: firehose, buffer_interval: 60s }";
  const auto single = run_sizes(size, firehose, false);
  const auto batched = run_sizes(size, firehose, true);
  const double expected_gib = 7680 / kGiB;
  CHECK(per_record(component(single, "target"), "ingest_gib_billed") == doctest::Approx(expected_gib).epsilon(0.01));
  CHECK(per_record(component(batched, "target"), "ingest_gib_billed") == doctest::Approx(expected_gib).epsilon(1e-6));

  // explain's month: 525,600,000 records x 7,680 bytes = 3,759.3 GiB at $0.029.
  const auto params = testing::default_params(models::FirehoseStream::spec());
  const auto f = models::FirehoseStream::figures(params, scenario::builtin_catalog(),
                                                 flow_of(engine::Distribution::uniform(3 * kKiB, 7 * kKiB), 200));
  CHECK(f.monthly_usd == doctest::Approx(200 * models::kSecondsPerMonth * 7680 / kGiB * 0.029));
}

// How each model's bill divides (Component::cost_shape): the capacity part,
// billed whatever the load, worked out by hand from the catalog's us-east-1
// prices; the storage part; and the usage part, the rest of cost_usd, the only
// one that a heavier load raises on a provisioned resource.
#include <doctest/doctest.h>

#include <string>

#include "support/simulate.hpp"

using namespace archsim;
using testing::component;
using testing::simulate_text;
using testing::usage_of;

namespace {

constexpr double kGiB = 1073741824.0;

// A component's bill in its parts. Capacity and storage are never negative
// and never exceed cost_usd; usage is what cost_usd holds beyond them.
struct Shape {
  double capacity, storage, usage, total;
};

Shape shape_of(const run::ComponentResult& c) {
  CHECK(c.cost_capacity_usd >= 0);
  CHECK(c.cost_storage_usd >= 0);
  CHECK(c.cost_capacity_usd + c.cost_storage_usd <= c.cost_usd);
  return {c.cost_capacity_usd, c.cost_storage_usd, c.cost_usd - c.cost_capacity_usd - c.cost_storage_usd, c.cost_usd};
}

// One component `c` between a source and a sink, for `duration`, the source
// offering `rate` records a second.
run::RunResult run_one(const std::string& spec, const std::string& source, double rate, const std::string& duration) {
  const auto r =
      simulate_text("name: cost shape\nduration: " + duration +
                    "\nworkload:\n  w: { rate: " + std::to_string(static_cast<long>(rate)) + "/s, " + source +
                    " }\ncomponents:\n  c: " + spec + "\n  out: { service: sink }\nflows: [w -> c -> out]\n");
  CHECK(component(r, "c").dropped == 0);
  return r;
}

// The component at `rate` and at twice it: its shapes at both loads.
struct Loads {
  run::RunResult once, twice;
  Shape at_once() const { return shape_of(component(once, "c")); }
  Shape at_twice() const { return shape_of(component(twice, "c")); }
};

Loads at_rate_and_double(const std::string& spec, const std::string& source, double rate, const std::string& duration) {
  return {run_one(spec, source, rate, duration), run_one(spec, source, 2 * rate, duration)};
}

// Twice the load on a provisioned resource: the same capacity and storage,
// twice the usage.
void only_usage_doubles(const Loads& l) {
  const Shape once = l.at_once(), twice = l.at_twice();
  CHECK(twice.capacity == once.capacity);
  CHECK(twice.storage == once.storage);
  CHECK(once.usage > 0);
  CHECK(twice.usage == doctest::Approx(2 * once.usage).epsilon(1e-2));
}

// A bill with no usage part, the same at twice the load.
void no_usage_at_either_load(const Loads& l) {
  const Shape once = l.at_once(), twice = l.at_twice();
  CHECK(twice.capacity == once.capacity);
  CHECK(twice.storage == once.storage);
  CHECK(once.usage == doctest::Approx(0).epsilon(1e-12));
  CHECK(twice.usage == doctest::Approx(0).epsilon(1e-12));
}

const std::string kKeyed =
    "arrivals: deterministic, batch: 1s, record_size: 1KB, keys: { count: 1000000, dist: uniform }";

}  // namespace

TEST_CASE("cost shape: a provisioned Kinesis stream's shard-hours are capacity, its PUT payload units usage") {
  // 4 shards for 1 h: 4 x $0.015 = $0.06 of capacity. 1 KB records are one
  // payload unit each, $0.014 per million.
  const Loads l = at_rate_and_double("{ service: kinesis, shards: 4 }", kKeyed, 1000, "1h");
  const Shape once = l.at_once();
  CHECK(once.capacity == doctest::Approx(4 * 0.015).epsilon(1e-12));
  CHECK(once.storage == 0);
  const double units = usage_of(component(l.once, "c"), "put_payload_units");
  CHECK(units == doctest::Approx(3.6e6).epsilon(1e-3));
  CHECK(once.usage == doctest::Approx(units * 0.014 / 1e6).epsilon(1e-9));
  // Twice the records: the same shards, twice the payload units.
  only_usage_doubles(l);
}

TEST_CASE("cost shape: enhanced fan-out's consumer-shard-hours are capacity, its GB retrieved usage") {
  // One consumer registered on each of 4 shards for 1 h: (4 shards + 1 x 4
  // consumer-shards) x $0.015 = $0.12; GB retrieved at $0.013 with the payload units.
  const Loads l = at_rate_and_double("{ service: kinesis, shards: 4, consumers: enhanced }", kKeyed, 1000, "1h");
  const Shape once = l.at_once();
  const auto& c = component(l.once, "c");
  CHECK(once.capacity == doctest::Approx((4 + 4) * 0.015).epsilon(1e-12));
  CHECK(once.storage == 0);
  CHECK(once.usage ==
        doctest::Approx(usage_of(c, "put_payload_units") * 0.014 / 1e6 + usage_of(c, "read_bytes") / kGiB * 0.013)
            .epsilon(1e-9));
  only_usage_doubles(l);
}

TEST_CASE("cost shape: an on-demand Kinesis stream's only capacity is its stream-hour") {
  // $0.04 a stream-hour whatever is written; GB written (records rounded up
  // to 1 KiB) at $0.08 and GB read at $0.04 are usage.
  const Loads l = at_rate_and_double("{ service: kinesis, mode: on_demand }", kKeyed, 1000, "1h");
  const Shape once = l.at_once();
  const auto& c = component(l.once, "c");
  CHECK(once.capacity == doctest::Approx(0.04).epsilon(1e-12));
  CHECK(once.storage == 0);
  CHECK(once.usage == doctest::Approx(usage_of(c, "ingest_bytes_rounded_to_1kib") / kGiB * 0.08 +
                                      usage_of(c, "read_bytes") / kGiB * 0.04)
                          .epsilon(1e-9));
  only_usage_doubles(l);
}

TEST_CASE("cost shape: a provisioned DynamoDB table's WCU and RCU are capacity, storage past the free tier storage") {
  // 1,000 WCU x $0.00065 + 500 RCU x $0.00013 for 1 h = $0.715. 125 GiB
  // stored, 25 GB-month free: 100 GB x $0.25 a month for 1 h of 730. No usage:
  // provisioned writes are paid for by the units.
  const Loads l = at_rate_and_double("{ service: dynamodb, wcu: 1000, rcu: 500, storage: 125GiB }", kKeyed, 200, "1h");
  const Shape once = l.at_once();
  CHECK(once.capacity == doctest::Approx(1000 * 0.00065 + 500 * 0.00013).epsilon(1e-12));
  CHECK(once.storage == doctest::Approx(100 * 0.25 / 730).epsilon(1e-12));
  // Twice the writes, still under the units: the same bill.
  no_usage_at_either_load(l);
}

TEST_CASE("cost shape: an on-demand DynamoDB table has no capacity part") {
  // Write request units at $0.625 per million (1 KB items: one unit each) are
  // usage; the storage line is the provisioned table's.
  const Loads l = at_rate_and_double("{ service: dynamodb, mode: on_demand, storage: 125GiB }", kKeyed, 200, "1h");
  const Shape once = l.at_once();
  CHECK(once.capacity == 0);
  CHECK(once.storage == doctest::Approx(100 * 0.25 / 730).epsilon(1e-12));
  CHECK(once.usage ==
        doctest::Approx(usage_of(component(l.once, "c"), "write_units_consumed") * 0.625 / 1e6).epsilon(1e-9));
  only_usage_doubles(l);
}

TEST_CASE("cost shape: a Flink application's KPU-hours are capacity, its running storage storage") {
  // kpu: 4 for 1 h: (4 + 1 orchestration KPU) x $0.11 = $0.55; 4 x 50 GB of
  // running storage at $0.10 a GB-month for 1 h of 730. Nothing grows with the load.
  const Loads l = at_rate_and_double("{ service: flink, kpu: 4, cost_per_record: 10us }", kKeyed, 1000, "1h");
  const Shape once = l.at_once();
  CHECK(once.capacity == doctest::Approx(5 * 0.11).epsilon(1e-12));
  CHECK(once.storage == doctest::Approx(4 * 50 * 0.10 / 730).epsilon(1e-12));
  no_usage_at_either_load(l);
}

TEST_CASE("cost shape: an S3 bucket's GB-months are storage, its PUTs usage") {
  // 1 TiB already held plus what an hour writes, at $0.023 a GB-month for 1 h
  // of 730; PUTs at $0.005 per 1,000. No capacity: S3 provisions nothing.
  const Loads l =
      at_rate_and_double("{ service: s3, existing: 1TiB }", "arrivals: deterministic, record_size: 1MB", 10, "1h");
  const Shape once = l.at_once(), twice = l.at_twice();
  const auto& c = component(l.once, "c");
  CHECK(once.capacity == 0);
  CHECK(usage_of(c, "stored_gb_mean") > 1024);
  CHECK(once.storage == doctest::Approx(usage_of(c, "stored_gb_mean") * 0.023 / 730).epsilon(1e-9));
  CHECK(once.usage == doctest::Approx(usage_of(c, "put_requests") * 0.005 / 1000).epsilon(1e-9));
  // Twice the PUTs, and a little more held.
  CHECK(twice.capacity == 0);
  CHECK(twice.storage > once.storage);
  CHECK(twice.usage == doctest::Approx(2 * once.usage).epsilon(1e-3));
}

TEST_CASE("cost shape: a Glue job's runs and crawls are usage, its Data Catalog storage") {
  // 2 million catalog objects, the first million free: $1 per 100,000 a month,
  // $10 for 730 h, so 24/730 of it for a day. A crawler hourly on 2 DPUs, billed
  // its 10-minute minimum, and the job's DPU-hours are usage.
  const std::string spec =
      "{ service: glue, workers: 2, schedule: every 6h, crawler_runs: 24/day, crawler_time: 5m, "
      "catalog_objects: 2000000 }";
  const Loads l = at_rate_and_double(spec, "arrivals: deterministic, record_size: 2KB, batch: 1s", 50, "1d");
  const Shape once = l.at_once(), twice = l.at_twice();
  const auto& c = component(l.once, "c");
  CHECK(once.capacity == 0);
  CHECK(once.storage == doctest::Approx(10.0 * 24 / 730).epsilon(1e-12));
  CHECK(once.usage == doctest::Approx(usage_of(c, "dpu_hours") * 0.44 + 24 * 2 * (10.0 / 60) * 0.44).epsilon(1e-9));
  // Twice the input: longer runs, the same catalog.
  CHECK(twice.capacity == 0);
  CHECK(twice.storage == once.storage);
  CHECK(twice.usage > once.usage);
}

TEST_CASE("cost shape: a persistent EMR cluster is capacity, transient clusters and Serverless usage") {
  // 3 m5.xlarge kept up for 2 h, busy or idle: 6 instance-hours x ($0.192 EC2
  // + $0.048 EMR) = $1.44.
  const std::string source = "arrivals: deterministic, record_size: 2KB, batch: 1s";
  const Loads l =
      at_rate_and_double("{ service: emr, cluster: persistent, instances: 3, schedule: every 1h }", source, 50, "2h");
  const Shape once = l.at_once();
  CHECK(once.capacity == doctest::Approx(6 * (0.192 + 0.048)).epsilon(1e-12));
  CHECK(once.storage == 0);
  no_usage_at_either_load(l);
  // A cluster started for each run, and Serverless workers, cost only when a job runs.
  for (const std::string kind : {"transient", "serverless"}) {
    CAPTURE(kind);
    const Shape s = shape_of(component(
        run_one("{ service: emr, cluster: " + kind + ", instances: 3, schedule: every 1h }", source, 50, "2h"), "c"));
    CHECK(s.capacity == 0);
    CHECK(s.storage == 0);
    CHECK(s.usage > 0);
  }
}

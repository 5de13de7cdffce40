// Amazon MSK: Kafka's partitioner, the limits AWS checks at creation, the
// brokers' throughput by AWS's right-sizing arithmetic, the lanes' queueing
// against a fluid queue's arithmetic, acks, retention and the producers'
// delivery timeout.
#include <doctest/doctest.h>

#include <cmath>
#include <string>

#include "archsim/models/builtin.hpp"
#include "archsim/models/common/murmur2.hpp"
#include "archsim/models/msk/msk_cluster.hpp"
#include "archsim/scenario/catalog_loader.hpp"
#include "support/simulate.hpp"

using namespace archsim;
using testing::component;
using testing::dropped_as;
using testing::simulate_text;
using testing::usage_of;

namespace {

// A topic fed by one source, read by the groups named in `groups` (sinks unless stated).
std::string topic_scenario(const std::string& source, const std::string& topic, const std::string& duration = "60s",
                           const std::string& extra_components = "", const std::string& extra_flows = "") {
  return "name: msk\nduration: " + duration + "\nworkload:\n  events: " + source +
         "\ncomponents:\n  topic: " + topic + "\n  app: { service: sink }\n" + extra_components +
         "flows: [events -> topic -> app" + extra_flows + "]\n";
}

std::vector<std::string> load_errors(const std::string& yaml) {
  auto loaded = scenario::load_scenario_text(yaml, "test.yaml");
  std::vector<std::string> out;
  for (const auto& d : loaded.diagnostics.items()) out.push_back(d.format());
  return out;
}

bool any_has(const std::vector<std::string>& lines, const std::string& text) {
  for (const auto& l : lines)
    if (l.find(text) != std::string::npos) return true;
  return false;
}

}  // namespace

TEST_CASE("msk: murmur2 matches Kafka's own test vectors") {
  // apache/kafka clients/src/test/java/org/apache/kafka/common/utils/UtilsTest.java, testMurmur2.
  CHECK(models::murmur2("21") == -973932308);
  CHECK(models::murmur2("foobar") == -790332482);
  CHECK(models::murmur2("a-little-bit-long-string") == -985981536);
  CHECK(models::murmur2("a-little-bit-longer-string") == -1486304829);
  CHECK(models::murmur2("lkjh234lh9fiuh90y23oiuhsafujhadof229phr9h19h89h8") == -58897971);
  CHECK(models::murmur2("abc") == 479470107);
}

TEST_CASE("msk: keys go to toPositive(murmur2) % partitions, evenly for uniform keys") {
  // toPositive(-973932308) = -973932308 & 0x7fffffff = 1173551340; % 12 = 0.
  CHECK(models::MskCluster::partition_of(21, 12) == 1173551340u % 12);
  std::uint64_t per[12] = {};
  for (std::uint64_t k = 0; k < 120000; ++k) ++per[models::MskCluster::partition_of(k, 12)];
  for (auto n : per) CHECK(std::abs(static_cast<double>(n) - 10000.0) < 5 * 100);
}

TEST_CASE("msk: the loader refuses what AWS would not create or update") {
  const auto source = std::string("{ rate: 100/s, record_size: 1KB }");
  // Brokers come in multiples of the Availability Zones.
  auto e = load_errors(topic_scenario(source, "{ service: msk, brokers: 4, zones: 3 }"));
  CHECK(any_has(e, "multiples of its zones, so use 3 or 6"));
  // Partition replicas per broker beyond the most that still allows updates:
  // 1,600 partitions x 3 copies over 3 kafka.m5.large brokers = 1,600 each > 1,500.
  e = load_errors(topic_scenario(source, "{ service: msk, brokers: 3, partitions: 1600 }"));
  CHECK(any_has(e, "puts 1,600 partition replicas on a kafka.m5.large broker"));
  CHECK(any_has(e, "above the 1,500 past which AWS blocks configuration and broker-size updates (1,000 recommended"));
  CHECK(any_has(e, "use 6 brokers"));
  CHECK(any_has(e, "test.yaml:"));
  // 1,500 each is allowed.
  CHECK(load_errors(topic_scenario(source, "{ service: msk, brokers: 3, partitions: 1500 }")).empty());
  // A replica needs a broker of its own.
  e = load_errors(topic_scenario(source, "{ service: msk, brokers: 2, zones: 2, replication_factor: 3 }"));
  CHECK(any_has(e, "a replica needs a broker of its own"));
  // Provisioned storage throughput needs kafka.m5.4xlarge or larger, and stays within the size's most.
  e = load_errors(topic_scenario(source, "{ service: msk, storage_throughput: 400MiB/s }"));
  CHECK(any_has(e, "AWS allows it on kafka.m5.4xlarge and larger"));
  e = load_errors(topic_scenario(source, "{ service: msk, broker_type: kafka.m5.4xlarge, storage_throughput: 800MiB/s }"));
  CHECK(any_has(e, "takes at most 593 MiB/s"));
  // MSK Serverless takes 2,400 partitions a cluster.
  e = load_errors(topic_scenario(source, "{ service: msk, deployment: serverless, partitions: 2401 }"));
  CHECK(any_has(e, "above the 2,400 an MSK Serverless cluster takes"));
  // Storage per broker: 1 GiB to 16 TiB.
  e = load_errors(topic_scenario(source, "{ service: msk, storage: 17TiB }"));
  CHECK_FALSE(e.empty());
}

TEST_CASE("msk: brokers' storage binds at brokers x EBS bandwidth / replication factor") {
  // AWS's right-sizing arithmetic: each broker writes replication_factor /
  // brokers of the ingress. 3 kafka.m5.large at 650 Mbps (81.25 MB/s) of EBS
  // bandwidth, replication 3: the cluster takes 81.25 MB/s, 81,250 records/s
  // of 1,000 bytes; its network out (2 copies + 1 group = 3 x 1/3 of the
  // ingress at 93.75 MB/s) has room. Offered 100,000/s, with a 1 s delivery
  // timeout the rest is given up by the producers. Its lanes absorb one
  // second at the start, as a Kinesis shard's buckets do: (60 + 1) s of it.
  const auto r = simulate_text(topic_scenario(
      "{ rate: 100000/s, arrivals: deterministic, record_size: 1KB, keys: { count: 1000000 } }",
      "{ service: msk, brokers: 3, partitions: 12, delivery_timeout: 1s }"));
  const auto& t = component(r, "topic");
  const double delivered = static_cast<double>(component(r, "app").records_in);
  MESSAGE("delivered " << delivered / 60 << "/s, dropped " << t.dropped);
  CHECK(delivered == doctest::Approx(81250.0 * 61).epsilon(0.001));
  CHECK(dropped_as(t, "delivery_timeout") == t.dropped);
  // Given up: all the offered beyond what it took, but the one delivery timeout's worth it holds at the end.
  CHECK(static_cast<double>(t.dropped + t.in_flight) == doctest::Approx(100000.0 * 60 - 81250.0 * 61).epsilon(0.001));
  CHECK(static_cast<double>(t.in_flight) == doctest::Approx(81250).epsilon(0.02));
  // explain's figure is the same.
  const auto* spec = models::find_model("msk");
  REQUIRE(spec);
  model::ParamSet p = testing::default_params(*spec);
  p.set("partitions", model::ParamValue{.number = 12});
  const auto f = spec->figures(p, scenario::builtin_catalog(), model::FlowIn{.records_per_s = 1000, .record_bytes = 1000});
  CHECK(f.capacity == doctest::Approx(81250));
}

TEST_CASE("msk: with four consumer groups the leaders' network out binds, at brokers x bandwidth / (groups + r - 1)") {
  // 3 kafka.m5.large at 0.75 Gbps (93.75 MB/s), replication 3, 4 groups:
  // 3 x 93.75 / (4 + 2) = 46.875 MB/s, below the storage's 81.25 MB/s.
  const std::string groups = "  b: { service: sink }\n  c: { service: sink }\n  d: { service: sink }\n";
  const auto r = simulate_text(topic_scenario(
      "{ rate: 60000/s, arrivals: deterministic, record_size: 1KB, keys: { count: 1000000 } }",
      "{ service: msk, brokers: 3, partitions: 12, delivery_timeout: 1s }", "60s", groups,
      ", topic -> b, topic -> c, topic -> d"));
  for (const char* g : {"app", "b", "c", "d"})
    CHECK(static_cast<double>(component(r, g).records_in) == doctest::Approx(46875.0 * 61).epsilon(0.001));
  const auto* spec = models::find_model("msk");
  model::ParamSet p = testing::default_params(*spec);
  const auto f = spec->figures(p, scenario::builtin_catalog(),
                               model::FlowIn{.records_per_s = 1000, .record_bytes = 1000, .consumers = 4});
  CHECK(f.capacity == doctest::Approx(46875));
}

TEST_CASE("msk: a lane absorbs a second of its rate, then its queue grows as a fluid queue's") {
  // One key, so one partition and one leader; replication 1 and one group.
  // The leader's storage lane takes 81.25 MB/s (its network out, 93.75 MB/s,
  // is faster); offered 100,000-byte records at 1,015.625/s, 1.25 x its
  // rate. Its queue after t seconds holds 0.25 t seconds of work; a record
  // arriving at t waits its producer's linger (5 ms), then for the part of
  // the queue beyond the one second it absorbs, and takes its own transfer
  // time w = 1.2308 ms: 0.005 + max(w, 0.25 t + w - 1). The run's mean is
  // that over the records delivered within the minute.
  const double lambda = 1015.625, w = 1e5 / 81.25e6, end = 60, linger = 0.005;
  const auto r = simulate_text(topic_scenario(
      "{ rate: 1015.625/s, arrivals: deterministic, record_size: 100KB, keys: { count: 1 } }",
      "{ service: msk, brokers: 3, partitions: 3, replication_factor: 1 }"));
  double sum = 0, n = 0;
  for (double t = 1 / lambda; t < end; t += 1 / lambda) {
    const double delay = linger + std::max(w, 0.25 * t + w - 1);
    if (t + delay >= end) continue;
    sum += delay;
    ++n;
  }
  const auto& t = component(r, "topic");
  MESSAGE("mean " << t.latency.mean << " s, fluid queue " << sum / n << " s over " << n << " records");
  CHECK(t.latency.mean == doctest::Approx(sum / n).epsilon(0.01));
  CHECK(static_cast<double>(t.latency.count) == doctest::Approx(n).epsilon(0.01));
  CHECK(t.dropped == 0);
  // Below its rate nothing waits beyond the linger and the transfer: at 0.7 x, Poisson, every record takes those.
  const auto calm = simulate_text(topic_scenario(
      "{ rate: 710.9375/s, record_size: 100KB, keys: { count: 1 } }",
      "{ service: msk, brokers: 3, partitions: 3, replication_factor: 1 }"));
  CHECK(component(calm, "topic").latency.mean == doctest::Approx(linger + w).epsilon(0.01));
  // explain's latency is the same.
  const auto* spec = models::find_model("msk");
  model::ParamSet p = testing::default_params(*spec);
  p.set("partitions", model::ParamValue{.number = 3});
  p.set("replication_factor", model::ParamValue{.number = 1});
  const auto f = spec->figures(p, scenario::builtin_catalog(), model::FlowIn{.records_per_s = 1706.25, .record_bytes = 1e5});
  CHECK(f.latency_s == doctest::Approx(linger + w).epsilon(1e-6));
}

TEST_CASE("msk: acks=1 is acknowledged when the leader has written, acks=all when every replica has, acks=0 at once") {
  const std::string source = "{ rate: 20000/s, record_size: 2KB, keys: { count: 1000000 } }";
  const auto wait = [&](const std::string& acks) {
    const auto r = simulate_text(topic_scenario(source, "{ service: msk, brokers: 3, partitions: 12, acks: " + acks + " }"));
    return usage_of(component(r, "topic"), "acknowledgement_wait_s_mean");
  };
  const double all = wait("all"), one = wait("'1'"), none = wait("'0'");
  MESSAGE("acks=all " << all * 1e6 << " us, acks=1 " << one * 1e6 << " us");
  // Each broker writes its followers' copies too: a follower's lane is as busy
  // as a leader's, and acks=all waits for the later of the three.
  CHECK(all > one);
  CHECK(one > 0);
  CHECK(none == 0);
}

TEST_CASE("msk: a hot key makes a hot partition and a hot broker, while the others idle") {
  // Half the records carry one key: its partition's leader writes 1/2 of the
  // ingress against 1/12 for the others.
  const auto r = simulate_text(topic_scenario(
      "{ rate: 40000/s, record_size: 1KB, keys: { count: 1000000, dist: zipf, s: 2 } }",
      "{ service: msk, brokers: 3, partitions: 12 }"));
  const auto& t = component(r, "topic");
  MESSAGE("hottest partition " << t.units.hottest_load << ", mean " << t.units.mean_load << ", utilization peak "
                               << t.utilization_peak);
  CHECK(t.units.unit == "partition");
  CHECK(t.units.count == 12);
  CHECK(t.units.hottest_load > 4 * t.units.mean_load);
}

TEST_CASE("msk: a consumer group that falls behind loses what retention deletes first, and only that group") {
  // 100 records/s, one group a Flink job of one subtask at 20 ms a record
  // (50/s, back-pressuring the topic when its buffers are full) and one
  // sink: the job falls 50/s behind; with retention of 60 s the records it
  // has not read within a minute expire, for it alone.
  const auto r = simulate_text(topic_scenario(
      "{ rate: 100/s, arrivals: deterministic, record_size: 1KB, keys: { count: 1000000 } }",
      "{ service: msk, brokers: 3, partitions: 3, retention: 60s }", "10m",
      "  fn: { service: flink, parallelism: 1, cost_per_record: 20ms, checkpoints: off }\n", ", topic -> fn"));
  const auto& t = component(r, "topic");
  const auto& fn = component(r, "fn");
  REQUIRE(t.readers.size() == 2);
  CHECK(t.reader_lag == "consumer lag");
  MESSAGE("expired " << dropped_as(t, "expired") << ", fn read " << fn.records_in);
  // It processes 50/s; of the 100/s written, what is a minute old unread is
  // lost: over 10 minutes (100 - 50) x (600 - 60) records, less what the
  // job's buffers took in beyond what it processed.
  MESSAGE("fn holds " << fn.in_flight);
  CHECK(static_cast<double>(fn.records_in - fn.in_flight) == doctest::Approx(50 * 600).epsilon(0.01));
  CHECK(static_cast<double>(dropped_as(t, "expired")) ==
        doctest::Approx(50.0 * (600 - 60) - static_cast<double>(fn.in_flight)).epsilon(0.02));
  // Every record written is read by each group, expired, or still unread in the topic.
  CHECK(fn.records_in + dropped_as(t, "expired") + t.in_flight == t.records_in);
  CHECK(static_cast<double>(component(r, "app").records_in) == doctest::Approx(60000).epsilon(0.001));
  // What fn did not read in time is gone, and its lag never passes the retention.
  for (const auto& reader : t.readers)
    if (reader.name == "fn") CHECK(reader.lag_max_s <= 60.5);
}

TEST_CASE("msk: retention.bytes deletes a partition's oldest records past its size") {
  // One partition written at 100 KB/s, kept to 1 MB: a group that stops
  // reading loses everything older than about 10 s.
  const auto r = simulate_text(topic_scenario(
      "{ rate: 100/s, arrivals: deterministic, record_size: 1KB, keys: { count: 1000000 } }",
      "{ service: msk, brokers: 3, partitions: 1, retention_bytes: 1MB }", "5m",
      "  fn: { service: flink, parallelism: 1, cost_per_record: 20ms, checkpoints: off }\n", ", topic -> fn"));
  const auto& t = component(r, "topic");
  MESSAGE("expired by size " << dropped_as(t, "expired_by_size"));
  CHECK(dropped_as(t, "expired_by_size") > 0);
  CHECK(dropped_as(t, "expired") == 0);
  for (const auto& reader : t.readers)
    if (reader.name == "fn") CHECK(reader.lag_max_s < 12);
}

TEST_CASE("msk: a record above message.max.bytes is dropped") {
  const auto r = simulate_text(topic_scenario("{ rate: 10/s, record_size: 2MB }", "{ service: msk }"));
  CHECK(dropped_as(component(r, "topic"), "record_too_large") == component(r, "topic").records_in);
}

TEST_CASE("msk serverless: a partition takes 5 MiB/s in, and beyond it the producers are slowed, then give up") {
  // One partition offered 10 MiB/s: it takes 5 MiB/s, and a second's worth at the start.
  const auto r = simulate_text(topic_scenario(
      "{ rate: 10240/s, arrivals: deterministic, record_size: 1KiB, keys: { count: 1000000 } }",
      "{ service: msk, deployment: serverless, partitions: 1, delivery_timeout: 1s }"));
  const auto& t = component(r, "topic");
  CHECK(static_cast<double>(component(r, "app").records_in) == doctest::Approx(5120.0 * 61).epsilon(0.001));
  CHECK(t.throttled > 0);
  CHECK(dropped_as(t, "delivery_timeout") > 0);
  // 64 partitions at 5 MiB/s would take 320 MiB/s; the cluster takes 200.
  const auto* spec = models::find_model("msk");
  model::ParamSet p = testing::default_params(*spec);
  p.set("deployment", model::ParamValue{.text = "serverless"});
  p.set("partitions", model::ParamValue{.number = 64});
  const auto f = spec->figures(p, scenario::builtin_catalog(), model::FlowIn{.records_per_s = 1, .record_bytes = 1024});
  CHECK(f.capacity == doctest::Approx(200 * 1024));
}

TEST_CASE("msk: the bill of the AWS Price List's clusters, as a public fixture records them") {
  // infracost's msk_cluster_test (us-east-1, catalog N1): two kafka.t3.small
  // with 500 GB each, 1,460 broker-hours $66.58 and 1,000 GB $100.00; four
  // kafka.m5.24xlarge with 1,000 GB each, 2,920 broker-hours $29,433.60 and
  // 4,000 GB $400.00, for a month of 730 hours with no traffic.
  const auto* spec = models::find_model("msk");
  REQUIRE(spec);
  const auto bill = [&](const std::string& type, double brokers, double zones, double storage_gib) {
    model::ParamSet p = testing::default_params(*spec);
    p.set("broker_type", model::ParamValue{.text = type});
    p.set("brokers", model::ParamValue{.number = brokers});
    p.set("zones", model::ParamValue{.number = zones});
    p.set("storage", model::ParamValue{.number = storage_gib * 1073741824.0});
    return models::MskBill(p, scenario::builtin_catalog()).cost({.hours = 730});
  };
  const auto small = bill("kafka.t3.small", 2, 2, 500);
  const auto lines = small.lines();
  REQUIRE(lines.size() == 2);
  CHECK(lines[0].amount == doctest::Approx(1460));
  CHECK(std::round(lines[0].usd * 100) / 100 == doctest::Approx(66.58));
  CHECK(lines[1].amount == doctest::Approx(1000));
  CHECK(lines[1].usd == doctest::Approx(100.00));
  const auto large = bill("kafka.m5.24xlarge", 4, 2, 1000);
  CHECK(large.lines()[0].amount == doctest::Approx(2920));
  CHECK(large.lines()[0].usd == doctest::Approx(29433.60));
  CHECK(large.lines()[1].usd == doctest::Approx(400.00));
  CHECK(large.total() == doctest::Approx(29833.60));
}

TEST_CASE("msk: clients in other zones pay data transfer both ways, and replication between brokers is free") {
  // docs/models/msk.md's worked month: three kafka.m5.large in three zones,
  // 1,000 GiB each, 20 MB/s written and read by one group. Brokers
  // $459.90, storage $300.00, and 2/3 of 2 x 20 MB/s x 2,628,000 s across a
  // zone at $0.01 each way: $1,305.34. Replication 3 adds nothing.
  const auto* spec = models::find_model("msk");
  model::ParamSet p = testing::default_params(*spec);
  const model::FlowIn in{.records_per_s = 20000, .record_bytes = 1000};
  const auto f = spec->figures(p, scenario::builtin_catalog(), in);
  const double crossing_gb = 2 * 20e6 * 730 * 3600 / 1073741824.0 * 2 / 3;
  CHECK(f.monthly_usd == doctest::Approx(459.90 + 300.00 + 2 * 0.01 * crossing_gb).epsilon(1e-9));
  CHECK(f.monthly_usd == doctest::Approx(2065.24).epsilon(1e-5));
  p.set("replication_factor", model::ParamValue{.number = 1});
  CHECK(spec->figures(p, scenario::builtin_catalog(), in).monthly_usd == doctest::Approx(f.monthly_usd));
}

TEST_CASE("msk serverless: cluster-hours, partition-hours, GB in and out, and what the retention keeps") {
  // $0.75 a cluster-hour, $0.0015 a partition-hour, $0.10 a GB in, $0.05 a GB
  // out, $0.10 a GB-month stored (third-party copies of the pricing page).
  // 12 partitions for 730 hours, 1 MiB/s in, read by two groups, retained
  // 24 hours: 84.375 GiB kept.
  const auto* spec = models::find_model("msk");
  model::ParamSet p = testing::default_params(*spec);
  p.set("deployment", model::ParamValue{.text = "serverless"});
  p.set("partitions", model::ParamValue{.number = 12});
  p.set("retention", model::ParamValue{.number = 86400e9});
  const double in_gb = 1048576.0 * 730 * 3600 / 1073741824.0;  // 2,566.41 GiB a month
  const auto bill = models::MskBill(p, scenario::builtin_catalog())
                        .cost({.hours = 730, .bytes_in = in_gb * 1073741824.0, .bytes_out = 2 * in_gb * 1073741824.0});
  const double kept_gb = 1048576.0 * 86400 / 1073741824.0;
  CHECK(bill.total() == doctest::Approx(0.75 * 730 + 0.0015 * 12 * 730 + 0.10 * in_gb + 0.05 * 2 * in_gb + 0.10 * kept_gb));
  CHECK(0.75 * 730 == doctest::Approx(547.50));
}

TEST_CASE("msk drill: a zone lost fails partitions over to their followers, and replication 1 loses what cannot wait") {
  // Three brokers in three zones, three partitions, 3,000 records/s of
  // uniform keys, a third of the brokers (one zone) lost from 60 s to 120 s,
  // producers giving up after 30 s.
  const auto drill = [&](const std::string& replication) {
    const std::string yaml = topic_scenario(
        "{ rate: 3000/s, arrivals: deterministic, record_size: 1KB, keys: { count: 1000000 } }",
        "{ service: msk, brokers: 3, partitions: 3, replication_factor: " + replication + ", delivery_timeout: 30s }",
        "3m") + "faults:\n  - { target: topic, kind: capacity_lost, share: 33%, after: 60s, for: 60s }\n";
    return simulate_text(yaml);
  };
  // Replication 3: every partition has a replica left; nothing is lost or held.
  const auto kept = drill("3");
  CHECK(component(kept, "topic").dropped == 0);
  CHECK(component(kept, "topic").latency.max < 0.1);
  // Replication 1: the lost broker's partition (partition 0) is offline for
  // 60 s. Its records of the first 30 s of the outage wait longer than the
  // producers' 30 s and are given up; the rest wait for the broker.
  const auto lost = drill("1");
  const auto& t = component(lost, "topic");
  double share = 0;
  for (std::uint64_t k = 0; k < 300000; ++k) share += models::MskCluster::partition_of(k, 3) == 0 ? 1 : 0;
  share /= 300000;
  MESSAGE("dropped " << dropped_as(t, "delivery_timeout") << ", partition 0's share " << share);
  CHECK(static_cast<double>(dropped_as(t, "delivery_timeout")) == doctest::Approx(3000 * share * 30).epsilon(0.03));
  CHECK(t.latency.max == doctest::Approx(30).epsilon(0.02));
  // MSK Serverless refuses it.
  auto loaded = scenario::load_scenario_text(
      topic_scenario("{ rate: 10/s }", "{ service: msk, deployment: serverless }") +
          "faults:\n  - { target: topic, kind: capacity_lost, share: 33%, after: 10s, for: 10s }\n",
      "test.yaml");
  REQUIRE_FALSE(loaded.ok());
  bool said = false;
  for (const auto& d : loaded.diagnostics.items()) said = said || d.format().find("MSK Serverless runs") != std::string::npos;
  CHECK(said);
}

#include <doctest/doctest.h>

#include <cmath>
#include <cstdio>
#include <string>

#include "archsim/models/common/md5.hpp"
#include "archsim/models/kinesis/kinesis_stream.hpp"
#include "support/simulate.hpp"

using namespace archsim;
using testing::component;
using testing::simulate_text;

namespace {
std::string hex(const models::Md5Digest& d) {
  std::string s;
  char buf[3];
  for (auto b : d) {
    std::snprintf(buf, sizeof buf, "%02x", b);
    s += buf;
  }
  return s;
}

std::uint64_t drops_for(const run::ComponentResult& c, const std::string& reason) {
  for (const auto& d : c.drops)
    if (d.reason == reason) return d.count;
  return 0;
}

// A stream fed single records from one source, to a sink.
std::string stream_scenario(const std::string& source, const std::string& stream, const std::string& duration = "60s") {
  return "name: kinesis\nduration: " + duration +
         "\nworkload:\n  producers: " + source +
         "\ncomponents:\n  stream: " + stream +
         "\n  app: { service: sink }\nflows: [producers -> stream -> app]\n";
}
}  // namespace

TEST_CASE("kinesis: md5 matches RFC 1321's test suite") {
  CHECK(hex(models::md5("")) == "d41d8cd98f00b204e9800998ecf8427e");
  CHECK(hex(models::md5("a")) == "0cc175b9c0f1b6a831c399e269772661");
  CHECK(hex(models::md5("abc")) == "900150983cd24fb0d6963f7d28e17f72");
  CHECK(hex(models::md5("message digest")) == "f96b697d7cb7938d525a2f31aaf161d0");
  CHECK(hex(models::md5("abcdefghijklmnopqrstuvwxyz")) == "c3fcd3d76192e4007dfb496cca67e13b");
  CHECK(hex(models::md5("12345678901234567890123456789012345678901234567890123456789012345678901234567890")) ==
        "57edf4a22be3c955ac49da2e2107b67a");
}

TEST_CASE("kinesis: keys map onto equal hash ranges of the 128-bit MD5") {
  // MD5("0") = cfcd2084..., above 3/4 of 2^128: the last of four shards, the second of two.
  CHECK(models::KinesisStream::shard_of(0, 4) == 3);
  CHECK(models::KinesisStream::shard_of(0, 2) == 1);
  CHECK(models::KinesisStream::shard_of(0, 1) == 0);
  // MD5("1") = c4ca4238..., 0xc4 / 256 = 0.767: shard 3 of 4, shard 6 of 8.
  CHECK(models::KinesisStream::shard_of(1, 4) == 3);
  CHECK(models::KinesisStream::shard_of(1, 8) == 6);
  // Uniform keys spread evenly.
  std::uint64_t per_shard[8] = {};
  for (std::uint64_t k = 0; k < 80000; ++k) ++per_shard[models::KinesisStream::shard_of(k, 8)];
  for (auto n : per_shard) CHECK(std::abs(static_cast<double>(n) - 10000.0) < 5 * 100);
}

TEST_CASE("kinesis: a stream of 4 shards offered 10,000 records/s of 1 KB accepts 4 x 1,000/s") {
  const auto r = simulate_text(stream_scenario(
      "{ rate: 10000/s, arrivals: deterministic, record_size: 1KB, keys: { count: 1000000, dist: uniform } }",
      "{ service: kinesis, shards: 4, max_retries: 0 }"));
  const auto& s = component(r, "stream");
  const double offered = static_cast<double>(r.accounting.generated);
  const double accepted = offered - static_cast<double>(s.dropped);
  MESSAGE("offered " << offered << ", accepted " << accepted << " (" << accepted / 60 << "/s), throttled "
                     << s.throttled << " (" << static_cast<double>(s.throttled) / 60 << "/s), utilization " << s.utilization_mean);
  // Each shard takes 1,000/s plus the one-second burst its full buckets hold at
  // the start: 4 x (60 + 1) x 1,000 = 244,000, i.e. 4,067/s over 60 s. Allow 0.5%.
  CHECK(accepted == doctest::Approx(244000).epsilon(0.005));
  CHECK(accepted / 60 == doctest::Approx(4000 * (1 + 1.0 / 60)).epsilon(0.005));
  CHECK(static_cast<double>(s.throttled) / 60 == doctest::Approx((offered - 244000) / 60).epsilon(0.005));
  CHECK(static_cast<double>(s.throttled) / 60 == doctest::Approx(5933).epsilon(0.01));  // ~6,000/s
  CHECK(drops_for(s, "throttled_after_retries") == s.dropped);
  CHECK(s.capacity == 4000);
  CHECK(s.utilization_mean == doctest::Approx(1.0).epsilon(0.03));
  // A saturated shard emits 1,000 records of 1 KB per second, well within the 2 MiB/s read limit:
  // the iterator age is the propagation delay.
  CHECK(s.latency.mean == doctest::Approx(0.2).epsilon(0.01));
}

TEST_CASE("kinesis: a zipf key distribution makes a hot shard throttle below the stream's total limit") {
  // 8 shards can take 8,000 records/s; 5,000/s is offered. Under zipf s=1.2 over
  // 1M keys, key 0 alone carries about 19% (1/H(1e6, 1.2) = 1/5.28), ~950/s, and
  // its shard also receives an eighth of the rest: ~1,460/s on one shard.
  const std::string stream = "{ service: kinesis, shards: 8, max_retries: 0 }";
  const auto hot = simulate_text(stream_scenario(
      "{ rate: 5000/s, arrivals: deterministic, keys: { count: 1000000, dist: zipf, s: 1.2 } }", stream));
  const auto even = simulate_text(stream_scenario(
      "{ rate: 5000/s, arrivals: deterministic, keys: { count: 1000000, dist: uniform } }", stream));
  const auto& h = component(hot, "stream");
  const auto& e = component(even, "stream");
  MESSAGE("zipf: throttled " << h.throttled << ", dropped " << h.dropped << "; uniform: throttled " << e.throttled);
  CHECK(h.throttled > 0);
  CHECK(h.dropped > 0);
  // The hot shard is held to 1,000/s: about 460/s of its ~1,460/s are lost.
  CHECK(static_cast<double>(h.dropped) / 60 > 300);
  CHECK(e.throttled == 0);
  CHECK(e.dropped == 0);
  // Mean utilization is still below 70%: the other shards idle.
  CHECK(h.utilization_mean < 0.7);
}

TEST_CASE("kinesis: producer retries with backoff turn a burst's throttles into accepted records") {
  // 3,000/s on 4 shards with a 1 s spike to 9,000/s at t = 10 s: each shard gets
  // 2,250 records in that second against 1,000 tokens plus 1,000/s refill.
  auto run_with = [](int retries) {
    return simulate_text(stream_scenario(
        "{ rate: 3000/s, profile: { kind: spike, at: 10s, for: 1s, factor: 3 }, keys: { count: 1000000, dist: uniform } }",
        "{ service: kinesis, shards: 4, max_retries: " + std::to_string(retries) + " }", "30s"));
  };
  const auto none = run_with(0);
  const auto three = run_with(3);
  const auto ten = run_with(10);
  const auto& n = component(none, "stream");
  const auto& t = component(three, "stream");
  const auto& m = component(ten, "stream");
  MESSAGE("dropped: no retries " << n.dropped << ", 3 retries " << t.dropped << ", 10 retries " << m.dropped);
  CHECK(n.dropped > 0);
  CHECK(t.dropped < n.dropped);
  CHECK(m.dropped <= t.dropped);
  // Every retry is throttled again or accepted: retries add throttles, not records.
  CHECK(t.throttled >= n.throttled);
  // Accounting holds (the run checks it too): in = out + dropped + in flight.
  for (const auto* c : {&n, &t, &m}) CHECK(c->records_in == c->records_out + c->dropped + c->in_flight);
}

TEST_CASE("kinesis: with one consumer reads keep up, and the iterator age is the propagation delay") {
  // A shard reads at 2 MiB/s, twice what it can be written at, so one consumer
  // never falls behind: the iterator age is the catalog's average propagation
  // delay, 200 ms shared and 70 ms with enhanced fan-out.
  const std::string source = "{ rate: 900/s, arrivals: deterministic, record_size: 1KiB, keys: { count: 1, dist: uniform } }";
  const auto shared = simulate_text(stream_scenario(source, "{ service: kinesis, shards: 1 }", "20s"));
  const auto efo = simulate_text(stream_scenario(source, "{ service: kinesis, shards: 1, consumers: enhanced }", "20s"));
  CHECK(component(shared, "stream").dropped == 0);
  CHECK(component(shared, "stream").latency.mean == doctest::Approx(0.2).epsilon(0.01));
  CHECK(component(efo, "stream").latency.mean == doctest::Approx(0.07).epsilon(0.01));
  CHECK(component(shared, "stream").wait_mean_s == doctest::Approx(0).epsilon(1e-6));
  // Batches of 1,000 records of 1 KiB (1,000 KiB each, within the 1 MiB bucket)
  // on one shard: each takes the reader 0.49 s, less than the second between
  // batches, so none waits behind the read limit either.
  const auto b = simulate_text(stream_scenario(
      "{ rate: 1000/s, arrivals: deterministic, batch: 1s, record_size: 1KiB, keys: { count: 1, dist: uniform } }",
      "{ service: kinesis, shards: 1 }", "20s"));
  const auto& q = component(b, "stream");
  CHECK(q.dropped == 0);
  CHECK(q.throttled == 0);
  CHECK(q.latency.mean == doctest::Approx(0.2).epsilon(0.01));
}

TEST_CASE("kinesis: the cost of AWS's provisioned pricing example, 1,000 records/s of 3 KB on 3 shards") {
  // The Kinesis Data Streams pricing page (aws.amazon.com/kinesis/data-streams/pricing,
  // provisioned tab) prices 1,000 records/s of 3 KB on 3 shards. Its full text could
  // not be retrieved here, so the figures below are computed by hand from the
  // catalog's us-east-1 prices ($0.015 per shard-hour, $0.014 per million PUT
  // payload units) the same way:
  //   shard-hours: 3 shards x $0.015 x 24 h = $1.08 a day; x 31 days = $33.48
  //   PUT payload units: a 3 KB record is one 25 KB unit; 1,000/s x 86,400 s x 31
  //     = 2,678.4 million units x $0.014 = $37.50 (37.4976)
  //   total $70.98 for a 31-day (744 h) month.
  // One hour is simulated: $0.045 of shard-hours + 3.6 million units x $0.014/1e6 = $0.0954.
  const auto r = simulate_text(stream_scenario(
      "{ rate: 1000/s, arrivals: deterministic, record_size: 3KB, keys: { count: 1000000, dist: uniform } }",
      "{ service: kinesis, shards: 3 }", "1h"));
  const auto& s = component(r, "stream");
  CHECK(s.dropped == 0);
  CHECK(s.throttled == 0);
  MESSAGE("one hour: $" << s.cost_usd << ", 744 h: $" << s.cost_usd * 744 << ", 730 h: $" << r.cost_monthly_usd);
  CHECK(s.cost_usd == doctest::Approx(0.045 + 3.6 * 0.014).epsilon(1e-6));
  const double per_744h = s.cost_usd * 744;
  CHECK(std::round(per_744h * 100) / 100 == doctest::Approx(70.98));
  CHECK(std::round(0.045 * 744 * 100) / 100 == doctest::Approx(33.48));
  // AWS's 730-hour month, as the run reports it.
  CHECK(r.cost_monthly_usd == doctest::Approx(0.0954 * 730).epsilon(1e-5));
}

TEST_CASE("kinesis: PUT payload units count each started 25 KiB of a record") {
  // 45 KB records are two units each: 100/s for 100 s = 10,000 records, 20,000 units.
  const auto r = simulate_text(stream_scenario(
      "{ rate: 100/s, arrivals: deterministic, record_size: 45KB, keys: { count: 1000000, dist: uniform } }",
      "{ service: kinesis, shards: 5 }", "100s"));
  const auto& s = component(r, "stream");
  const double shard_part = 5 * 0.015 * 100.0 / 3600;
  CHECK(s.cost_usd == doctest::Approx(shard_part + static_cast<double>(s.records_in) * 2 * 0.014 / 1e6).epsilon(1e-9));
}

TEST_CASE("kinesis: an on-demand stream starts at 4,000 records/s and doubles after its peak") {
  // 6,000 records/s against a new on-demand stream: throttled at first (4,000/s),
  // then after 15 min capacity becomes twice the peak (8 shards' worth) and the
  // throttling stops.
  const auto r = simulate_text(stream_scenario(
      "{ rate: 6000/s, arrivals: deterministic, batch: 10ms, record_size: 1KB, keys: { count: 1000000, dist: uniform } }",
      "{ service: kinesis, mode: on_demand, max_retries: 0 }", "30m"));
  const auto& s = component(r, "stream");
  CHECK(s.dropped > 0);
  const auto& drops = s.series.dropped_per_s;
  REQUIRE(!drops.empty());
  CHECK(drops.front() > 0);
  CHECK(drops.back() == 0);
  // Cost: stream-hours plus GB written (1 KB records round up to 1 KiB) and GB read.
  MESSAGE("on-demand: dropped " << s.dropped << ", cost " << s.cost_usd);
  CHECK(s.cost_usd > 0.04 * 0.5);
}

TEST_CASE("kinesis: an on-demand stream doubles its peak every 15 minutes, never more") {
  // Offered 40,000 records/s of 1 KB against a new on-demand stream: 4,000/s
  // at first; every 15 minutes it grows to twice the highest rate it took,
  // 8,000/s from 15 min, 16,000/s from 30, 32,000/s from 45. A window in
  // which new shards spend their full buckets on top must not count as a
  // peak above the capacity then, or the stream would quadruple.
  const auto r = simulate_text(
      "name: kinesis\nduration: 60m\nmetrics_interval: 15m\nworkload:\n  producers: { rate: 40000/s, arrivals: "
      "deterministic, batch: 100ms, record_size: 1000B, keys: { count: 1000000, dist: uniform } }\ncomponents:\n  "
      "stream: { service: kinesis, mode: on_demand, max_retries: 0 }\n  app: { service: sink }\nflows: [producers "
      "-> stream -> app]\n");
  const auto& in = component(r, "app").series.records_in_per_s;
  REQUIRE(in.size() == 4);
  const double expected[] = {4000, 8000, 16000, 32000};
  for (std::size_t i = 0; i < 4; ++i) CHECK(in[i] == doctest::Approx(expected[i]).epsilon(0.03));
}

TEST_CASE("kinesis: batches with a key mix meet the same limits as single records") {
  // The 4-shard closed form of above, fed as 100 ms batches of the key space:
  // each batch is split over the shards by their keys' weights.
  const auto batched = simulate_text(stream_scenario(
      "{ rate: 10000/s, arrivals: deterministic, batch: 100ms, record_size: 1KB, keys: { count: 1000000, dist: uniform } }",
      "{ service: kinesis, shards: 4, max_retries: 0 }"));
  const auto& s = component(batched, "stream");
  const double accepted = static_cast<double>(batched.accounting.generated - s.dropped);
  MESSAGE("batched: accepted " << accepted << ", throttled " << s.throttled);
  CHECK(accepted == doctest::Approx(244000).epsilon(0.005));

  // The zipf hot shard of above: the same throttling, to within a few percent,
  // whether the records come one by one or in batches of 500.
  const std::string stream = "{ service: kinesis, shards: 8, max_retries: 0 }";
  const auto single = simulate_text(stream_scenario(
      "{ rate: 5000/s, arrivals: deterministic, keys: { count: 1000000, dist: zipf, s: 1.2 } }", stream));
  const auto in_batches = simulate_text(stream_scenario(
      "{ rate: 5000/s, arrivals: deterministic, batch: 100ms, keys: { count: 1000000, dist: zipf, s: 1.2 } }", stream));
  const auto& one = component(single, "stream");
  const auto& many = component(in_batches, "stream");
  MESSAGE("zipf dropped: single records " << one.dropped << ", batches " << many.dropped);
  CHECK(static_cast<double>(many.dropped) == doctest::Approx(static_cast<double>(one.dropped)).epsilon(0.05));
}

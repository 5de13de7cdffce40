#include <doctest/doctest.h>

#include <cmath>
#include <string>

#include "archsim/models/kinesis/kinesis_stream.hpp"
#include "archsim/models/lambda/lambda_function.hpp"
#include "support/simulate.hpp"

using namespace archsim;
using testing::component;
using testing::simulate_text;

namespace {
// A function fed single records from one source, to a sink.
std::string lambda_scenario(const std::string& source, const std::string& function, const std::string& duration = "60s") {
  return "name: lambda\nduration: " + duration + "\nworkload:\n  producers: " + source +
         "\ncomponents:\n  fn: " + function + "\n  app: { service: sink }\nflows: [producers -> fn -> app]\n";
}

const std::string kUniform = "keys: { count: 1000000, dist: uniform }";

double throughput(const run::ComponentResult& c, double seconds) { return static_cast<double>(c.records_out) / seconds; }

double cents(double usd) { return std::round(usd * 100) / 100; }
}  // namespace

TEST_CASE("lambda: records join their Kinesis shard's group, then a sub-partition of the key's hash") {
  for (std::uint64_t key = 0; key < 2000; ++key) {
    CHECK(models::LambdaFunction::group_of(key, 8, 1) == models::KinesisStream::shard_of(key, 8));
    const std::uint64_t g = models::LambdaFunction::group_of(key, 8, 5);
    CHECK(g / 5 == models::KinesisStream::shard_of(key, 8));
    CHECK(g < 40);
  }
  // Uniform keys spread evenly over shards x factor groups.
  std::uint64_t per_group[20] = {};
  for (std::uint64_t k = 0; k < 200000; ++k) ++per_group[models::LambdaFunction::group_of(k, 4, 5)];
  for (auto n : per_group) CHECK(std::abs(static_cast<double>(n) - 10000.0) < 5 * 100);
}

TEST_CASE("lambda: one batch in flight per shard caps throughput at shards x batch_size / duration") {
  // 2 shards, factor 1: 2 concurrent invocations of 10 records each 100 ms = 200 records/s.
  const auto capped = simulate_text(lambda_scenario(
      "{ rate: 1000/s, arrivals: deterministic, " + kUniform + " }",
      "{ service: lambda, shards: 2, duration: 100ms, batch_size: 10 }"));
  const auto& c = component(capped, "fn");
  MESSAGE("batch_size 10: " << throughput(c, 60) << "/s, in flight at the end " << c.in_flight << ", utilization "
                            << c.utilization_mean);
  CHECK(c.capacity == 2);
  CHECK(throughput(c, 60) == doctest::Approx(200).epsilon(0.01));
  CHECK(c.utilization_mean == doctest::Approx(1).epsilon(0.01));
  // The rest of the 60,000 records wait: the backlog grows by 800/s.
  CHECK(static_cast<double>(c.in_flight) == doctest::Approx(60000 - 200 * 60).epsilon(0.01));

  // batch_size 100: 2 x 100 / 0.1 s = 2,000/s of capacity, so all of 1,000/s passes.
  const auto open = simulate_text(lambda_scenario(
      "{ rate: 1000/s, arrivals: deterministic, " + kUniform + " }",
      "{ service: lambda, shards: 2, duration: 100ms, batch_size: 100 }"));
  const auto& o = component(open, "fn");
  MESSAGE("batch_size 100: " << throughput(o, 60) << "/s, in flight at the end " << o.in_flight << ", utilization "
                             << o.utilization_mean);
  CHECK(throughput(o, 60) == doctest::Approx(1000).epsilon(0.01));
  CHECK(o.in_flight < 300);
  // The first records wait for the poller's first read of their shard, at
  // most 1 s (lambda.kinesis.polls_per_s); from then on it never catches up.
  CHECK(o.latency.max < 1.0 + 0.5);
}

TEST_CASE("lambda: parallelization_factor 5 runs 5 batches per shard, 5x the capped throughput") {
  const std::string source = "{ rate: 2000/s, arrivals: deterministic, " + kUniform + " }";
  const auto one = simulate_text(lambda_scenario(source, "{ service: lambda, shards: 2, duration: 100ms, batch_size: 10 }"));
  const auto five = simulate_text(
      lambda_scenario(source, "{ service: lambda, shards: 2, parallelization_factor: 5, duration: 100ms, batch_size: 10 }"));
  const auto& a = component(one, "fn");
  const auto& b = component(five, "fn");
  MESSAGE("factor 1: " << throughput(a, 60) << "/s; factor 5: " << throughput(b, 60) << "/s, utilization "
                       << b.utilization_mean);
  CHECK(b.capacity == 10);
  CHECK(throughput(a, 60) == doctest::Approx(200).epsilon(0.01));
  CHECK(throughput(b, 60) == doctest::Approx(1000).epsilon(0.01));
  CHECK(throughput(b, 60) / throughput(a, 60) == doctest::Approx(5).epsilon(0.01));
  CHECK(b.utilization_mean == doctest::Approx(1).epsilon(0.01));
  CHECK(b.utilization_peak <= 1.0 + 1e-9);
}

TEST_CASE("lambda: concurrency_limit caps the invocations running at once, whatever the shards") {
  const std::string source = "{ rate: 1000/s, arrivals: deterministic, " + kUniform + " }";
  const auto r1 = simulate_text(
      lambda_scenario(source, "{ service: lambda, shards: 4, concurrency_limit: 1, duration: 100ms, batch_size: 10 }"));
  const auto& c1 = component(r1, "fn");
  MESSAGE("limit 1: " << throughput(c1, 60) << "/s, utilization peak " << c1.utilization_peak);
  CHECK(c1.capacity == 1);
  CHECK(c1.utilization_peak <= 1.0 + 1e-9);  // never more than one invocation
  CHECK(throughput(c1, 60) == doctest::Approx(100).epsilon(0.01));

  const auto r3 = simulate_text(
      lambda_scenario(source, "{ service: lambda, shards: 4, concurrency_limit: 3, duration: 100ms, batch_size: 10 }"));
  const auto& c3 = component(r3, "fn");
  MESSAGE("limit 3: " << throughput(c3, 60) << "/s");
  CHECK(c3.capacity == 3);
  CHECK(throughput(c3, 60) == doctest::Approx(300).epsilon(0.01));

  // Without the key, the account's default quota (1,000) applies; 4 shards bind first.
  const auto rd = simulate_text(lambda_scenario(source, "{ service: lambda, shards: 4, duration: 100ms, batch_size: 10 }"));
  CHECK(component(rd, "fn").capacity == 4);
}

TEST_CASE("lambda: at a low rate an invocation waits for the poller's read and the batching window") {
  // One record every 10 s, window 5 s, batch_size 100 never reached. A shard
  // caught up is read once a second, counted from when it caught up (the end
  // of the last invocation), so a record first waits w for that read, then
  // the whole window, then runs 100 ms: latency w + 5.1 s, 0 <= w < 1 s.
  // From one record to the next, the read moves by 10 - (w + 5.1) = 4.9 - w
  // past the last invocation's end; rounded up to whole seconds, w grows by
  // 0.1 s a record and wraps at 1 s, so it takes the values phase + 0.1 k
  // mod 1: a mean of 0.45 s plus the phase within the first step.
  const auto sparse = simulate_text(lambda_scenario(
      "{ rate: 0.1/s, arrivals: deterministic, " + kUniform + " }",
      "{ service: lambda, duration: 100ms, batch_size: 100, batching_window: 5s }", "600s"));
  const auto& s = component(sparse, "fn");
  MESSAGE("0.1/s: latency mean " << s.latency.mean << " s, max " << s.latency.max << " s, wait " << s.wait_mean_s);
  CHECK(s.latency.mean >= 5.1 + 0.45 - 0.01);
  CHECK(s.latency.mean <= 5.1 + 0.55 + 0.01);
  CHECK(s.latency.max >= 5.1 + 0.9 - 0.01);
  CHECK(s.latency.max <= 5.1 + 1.0 + 0.01);
  CHECK(s.wait_mean_s == doctest::Approx(s.latency.mean - 0.1).epsilon(0.01));

  // One record a second: the oldest record of each batch waits the window
  // after its read (up to 6.1 s in all), later ones less; a batch holds the 5
  // or 6 records of the window and its read.
  const auto slow = simulate_text(lambda_scenario(
      "{ rate: 1/s, arrivals: deterministic, " + kUniform + " }",
      "{ service: lambda, duration: 100ms, batch_size: 100, batching_window: 5s, memory: 128MB }", "600s"));
  const auto& w = component(slow, "fn");
  // Invocations from the cost: each bills 0.125 GB x 0.1 s at the first tier plus one request.
  const double per_invocation = 0.2 / 1e6 + 0.125 * 0.1 * 0.0000166667;
  const double invocations = w.cost_usd / per_invocation;
  MESSAGE("1/s: latency mean " << w.latency.mean << " s, max " << w.latency.max << " s, " << invocations
                               << " invocations for " << w.records_out + w.in_flight << " records");
  CHECK(w.latency.max <= 6.1 + 0.01);
  CHECK(w.latency.max >= 5.1);
  CHECK(w.latency.mean > 2.0);
  CHECK(w.latency.mean < 4.5);
  CHECK(static_cast<double>(w.records_out + w.in_flight) / invocations >= 5 - 0.1);
  CHECK(static_cast<double>(w.records_out + w.in_flight) / invocations <= 6 + 0.1);

  // No window: each record starts its own invocation at its read, w + 0.1 s,
  // w stepping by 0.1 s a record as above (1 - 0.1 - w past the last end).
  const auto eager = simulate_text(lambda_scenario(
      "{ rate: 1/s, arrivals: deterministic, " + kUniform + " }",
      "{ service: lambda, duration: 100ms, batch_size: 100 }", "600s"));
  const auto& e = component(eager, "fn");
  MESSAGE("no window: latency mean " << e.latency.mean << " s, max " << e.latency.max << " s");
  CHECK(e.latency.mean >= 0.1 + 0.45 - 0.01);
  CHECK(e.latency.mean <= 0.1 + 0.55 + 0.01);
  CHECK(e.latency.max <= 1.1 + 0.01);
}

TEST_CASE("lambda: a shard that keeps its function busy is read again at once, not once a second") {
  // 1 shard at 50 records/s, 100 ms an invocation: records always wait when
  // one ends, so after the first read the poller never idles and a record
  // waits at most for the invocation in flight and its own: under 0.2 s
  // (plus the first read, at most 1 s in, whose backlog clears in a few batches).
  const auto r = simulate_text(lambda_scenario("{ rate: 50/s, arrivals: deterministic, " + kUniform + " }",
                                               "{ service: lambda, shards: 1, duration: 100ms, batch_size: 100 }",
                                               "600s"));
  const auto& c = component(r, "fn");
  MESSAGE("busy shard: latency mean " << c.latency.mean << " s, p99 " << c.latency.p99);
  CHECK(c.latency.mean < 0.2);
  CHECK(c.latency.p99 < 0.2 + 0.01);
}

TEST_CASE("lambda: cost reproduces Example 1 of the AWS Lambda pricing page") {
  // aws.amazon.com/lambda/pricing/, Example 1 (US East, N. Virginia): 512 MB,
  // executed 3 million times in one month, 1 second each time.
  //   Total compute = 3M x 1 s x 512MB/1024 = 1,500,000 GB-s
  //   1,500,000 - 400,000 free tier GB-s = 1,100,000 x $0.00001667 = $18.34
  //   (3M - 1M free tier requests) x $0.2/M = $0.40;  total $18.74 per month.
  // The model bills no free tier and uses the Price List's $0.0000166667, so it
  // charges 3M x $0.2/M + 1,500,000 x $0.0000166667 = $0.60 + $25.00 = $25.60.
  // Scaled by 1,000: 3,000 invocations of 1 s at 512 MB (one record each).
  const auto r = simulate_text(lambda_scenario("{ rate: 1/s, arrivals: deterministic, " + kUniform + " }",
                                               "{ service: lambda, memory: 512MB, duration: 1s, batch_size: 1 }",
                                               "3000.5s"));
  const auto& c = component(r, "fn");
  // batch_size 1: every record its own invocation. The first waits for the
  // shard's first poll, so whether the last record's invocation started
  // before the end depends on the poll's phase: 2,999 or 3,000.
  double started = 0;
  for (const auto& [name, value] : c.usage)
    if (name == "invocations") started = value;
  REQUIRE(started >= 2999);
  REQUIRE(started <= 3000);
  const double month = c.cost_usd / started * 3e6;
  MESSAGE(started << " invocations cost " << c.cost_usd << ", as 3 million: " << month);
  CHECK(cents(month) == doctest::Approx(25.60));
  const double requests = 3e6 * 0.20 / 1e6;
  const double gb_seconds = (month - requests) / 0.0000166667;
  CHECK(gb_seconds == doctest::Approx(1'500'000).epsilon(1e-9));
  // The page's own arithmetic on the model's usage: free tier and its rounded price.
  const double compute_charge = cents((gb_seconds - 400'000) * 0.00001667);
  const double request_charge = cents((3e6 - 1e6) * 0.2 / 1e6);
  CHECK(compute_charge == doctest::Approx(18.34));
  CHECK(request_charge == doctest::Approx(0.40));
  CHECK(compute_charge + request_charge == doctest::Approx(18.74));

  // Lambda's MB are MiB: 512MiB is the same setting as 512MB.
  const auto mib = simulate_text(lambda_scenario("{ rate: 1/s, arrivals: deterministic, " + kUniform + " }",
                                                 "{ service: lambda, memory: 512MiB, duration: 1s, batch_size: 1 }",
                                                 "3000.5s"));
  CHECK(component(mib, "fn").cost_usd == doctest::Approx(c.cost_usd).epsilon(1e-12));
}

TEST_CASE("lambda: duration is billed per millisecond, rounded up") {
  using models::LambdaFunction;
  CHECK(LambdaFunction::billed_gb_seconds(1024, engine::kSecond) == doctest::Approx(1.0));
  CHECK(LambdaFunction::billed_gb_seconds(1024, engine::kMillisecond + 1) == doctest::Approx(0.002));
  CHECK(LambdaFunction::billed_gb_seconds(128, 120 * engine::kMillisecond) == doctest::Approx(0.125 * 0.120));
  CHECK(LambdaFunction::billed_gb_seconds(1536, 0) == 0);
}

TEST_CASE("lambda: behind a Kinesis stream of the same shard count") {
  const auto r = simulate_text(
      "name: kinesis to lambda\nduration: 60s\nworkload:\n  producers: { rate: 1500/s, arrivals: deterministic, " +
      kUniform +
      " }\ncomponents:\n  stream: { service: kinesis, shards: 2 }\n"
      "  fn: { service: lambda, shards: 2, duration: 100ms, batch_size: 10 }\n"
      "  app: { service: sink }\nflows: [producers -> stream -> fn -> app]\n");
  const auto& fn = component(r, "fn");
  MESSAGE("stream -> lambda: " << throughput(fn, 60) << "/s");
  CHECK(throughput(fn, 60) == doctest::Approx(200).epsilon(0.02));
}

TEST_CASE("lambda: duration_per_record makes a full batch take longer") {
  // 1 shard, 100-record batches, 10 ms a call plus 1 ms a record: 110 ms an
  // invocation, so at most 100 / 0.11 s = 909 records/s leave.
  const auto r = simulate_text(lambda_scenario(
      "{ rate: 2000/s, arrivals: deterministic, " + kUniform + " }",
      "{ service: lambda, shards: 1, duration: 10ms, duration_per_record: 1ms, batch_size: 100 }"));
  const auto& f = component(r, "fn");
  // From the shard's first read, at most 1 s in: between 59 and 60 s of it.
  CHECK(throughput(f, 60) >= 100 / 0.11 * 59 / 60 * 0.99);
  CHECK(throughput(f, 60) <= 100 / 0.11 * 1.01);
  // GB-s at 128 MB: 10 ms an invocation plus 1 ms a record, for the records
  // delivered and those of the invocation still running at the end (<= 100).
  double gb_s = 0, invocations = 0;
  for (const auto& [name, value] : f.usage) {
    if (name == "gb_seconds_billed") gb_s = value;
    if (name == "invocations") invocations = value;
  }
  const double delivered = 0.125 * (invocations * 0.010 + static_cast<double>(f.records_out) * 0.001);
  CHECK(gb_s >= delivered - 1e-9);
  CHECK(gb_s <= delivered + 0.125 * 100 * 0.001 + 1e-9);
}

TEST_CASE("lambda: batches with a key mix spread over the shards' groups as their keys do") {
  // 2,000 records/s in 100 ms batches; 4 shards of 100-record, 100 ms calls:
  // 1,000/s a group. Uniform keys spread over the 4 groups (4,000/s of room):
  // everything passes. A single key puts every record in one group: 1,000/s.
  auto run = [](const std::string& keys) {
    return simulate_text(lambda_scenario("{ rate: 2000/s, arrivals: deterministic, batch: 100ms, keys: " + keys + " }",
                                         "{ service: lambda, shards: 4, duration: 100ms, batch_size: 100 }"));
  };
  const auto spread = run("{ count: 1000000, dist: uniform }");
  const auto one_key = run("{ count: 1, dist: uniform }");
  CHECK(throughput(component(spread, "fn"), 60) == doctest::Approx(2000).epsilon(0.01));
  CHECK(throughput(component(one_key, "fn"), 60) == doctest::Approx(1000).epsilon(0.01));
}

TEST_CASE("lambda: without `shards` it takes the shard count of the provisioned stream flowing into it") {
  const auto r = simulate_text(R"(name: inferred shards
duration: 10s
workload: { producers: { rate: 100/s } }
components:
  events: { service: kinesis, shards: 8 }
  fn: { service: lambda, duration: 10ms }
  out: { service: sink }
flows: [producers -> events -> fn -> out]
)");
  // One group per shard: 8 invocations can run at once.
  CHECK(component(r, "fn").capacity == 8);
}

// Function errors on a Kinesis event source mapping, as
// kinesis-on-failure-destination.html (retrieved 2026-12-05) describes them:
// a failed batch is retried, blocking its shard, until it succeeds, its
// records expire from the stream, pass MaximumRecordAgeInSeconds or use up
// MaximumRetryAttempts; BisectBatchOnFunctionError splits it in two without
// using a retry; discarded records' details go to an on-failure destination.
// Each record is accounted for: delivered, discarded with its reason, or in
// flight (simulate_text checks the books of every run).
#include <doctest/doctest.h>

#include <cmath>
#include <string>

#include "support/simulate.hpp"

using namespace archsim;
using archsim::testing::dropped_as;
using testing::component;
using testing::simulate_text;

namespace {
std::string fed_directly(const std::string& source, const std::string& function, const std::string& run_for) {
  return "name: lambda errors\nduration: " + run_for + "\nworkload:\n  events: " + source +
         "\ncomponents:\n  fn: " + function + "\n  out: { service: sink }\nflows: [events -> fn -> out]\n";
}

const std::string kKeys = "keys: { count: 100000, dist: uniform }";


double usage_of(const run::ComponentResult& c, const std::string& key) {
  for (const auto& [name, value] : c.usage)
    if (name == key) return value;
  return 0;
}
}  // namespace

TEST_CASE("lambda errors: transient errors retried until they succeed cut throughput by the success rate") {
  // 1 shard, one record a batch, 100 ms an attempt, half the attempts fail:
  // each record takes 1 / (1 - 0.5) = 2 attempts on average, so the shard
  // delivers (1 - 0.5) / 0.1 s = 5 records/s of the 20/s offered, for the
  // 600 s less the first poll (at most 1 s): 2,995 to 3,000; binomial noise
  // over about 6,000 attempts is sqrt(6,000 x 0.25) = 39 records (1.3%).
  const auto r = simulate_text(fed_directly("{ rate: 20/s, arrivals: deterministic, " + kKeys + " }",
                                            "{ service: lambda, shards: 1, duration: 100ms, batch_size: 1, "
                                            "error_rate: 0.5 }",
                                            "600s"));
  const auto& fn = component(r, "fn");
  const double failed = usage_of(fn, "failed_invocations"), invocations = usage_of(fn, "invocations");
  MESSAGE("delivered " << fn.records_out << ", invocations " << invocations << ", failed " << failed);
  CHECK(static_cast<double>(fn.records_out) == doctest::Approx(3000).epsilon(0.04));
  CHECK(fn.dropped == 0);
  CHECK(failed / invocations == doctest::Approx(0.5).epsilon(0.04));
  // Every failure is retried: the records retried are the failures but the last, maybe, still waiting.
  CHECK(usage_of(fn, "records_retried") <= failed);
  CHECK(usage_of(fn, "records_retried") >= failed - 1);
}

TEST_CASE("lambda errors: MaximumRetryAttempts discards a batch that failed on every try") {
  // Half the attempts fail; with 2 retries a record is discarded when all 3
  // attempts fail: 0.5^3 = 12.5% of 20,000, 2,500 (binomial sd 47, 1.9%).
  const std::string source = "{ rate: 1/s, arrivals: deterministic, " + kKeys + " }";
  const auto none = simulate_text(fed_directly(
      source, "{ service: lambda, duration: 100ms, batch_size: 1, error_rate: 0.5, max_retry_attempts: 2 }",
      "20000.5s"));
  const auto& fn = component(none, "fn");
  const std::uint64_t discarded = dropped_as(fn, "discarded_after_retries");
  MESSAGE("discarded after retries " << discarded << " of " << fn.records_in);
  CHECK(static_cast<double>(discarded) == doctest::Approx(0.125 * 20000).epsilon(0.06));
  CHECK(discarded == fn.dropped);
  CHECK(fn.records_in == fn.records_out + fn.dropped + fn.in_flight);

  // With an on-failure destination the same records are discarded, their details sent there.
  const auto sqs = simulate_text(fed_directly(source,
                                              "{ service: lambda, duration: 100ms, batch_size: 1, error_rate: 0.5, "
                                              "max_retry_attempts: 2, on_failure: sqs }",
                                              "20000.5s"));
  const auto& to_sqs = component(sqs, "fn");
  CHECK(dropped_as(to_sqs, "sent_to_destination") == to_sqs.dropped);
  CHECK(to_sqs.dropped == fn.dropped);  // the same draws: only the reason differs

  // No retries at all: one try, half discarded (10,000, sd 71).
  const auto once = simulate_text(fed_directly(
      source, "{ service: lambda, duration: 100ms, batch_size: 1, error_rate: 0.5, max_retry_attempts: 0 }",
      "20000.5s"));
  CHECK(static_cast<double>(component(once, "fn").dropped) == doctest::Approx(10000).epsilon(0.03));
}

TEST_CASE("lambda errors: a bad record fails its whole batch, and bisecting isolates it") {
  // 1% of records always fail (poison), 100 records/s, full batches of 10
  // (a 1 s window never runs out before 10 records wait), no retries. A
  // batch fails when any record is bad: 1 - 0.99^10 = 9.56% of batches, and
  // all their records are discarded: 9.56% of 300,000 = 28,679 (sd 510,
  // 1.8%). Bisecting splits a failed batch until the bad records stand
  // alone (splits use no retry): only they are discarded, 1% = 3,000 (sd 55).
  const std::string source = "{ rate: 100/s, arrivals: deterministic, " + kKeys + " }";
  const std::string function = "service: lambda, duration: 10ms, batch_size: 10, batching_window: 1s, "
                               "poison_rate: 0.01, max_retry_attempts: 0";
  const auto whole = simulate_text(fed_directly(source, "{ " + function + " }", "3000s"));
  const auto split = simulate_text(fed_directly(source, "{ " + function + ", bisect_on_error: true }", "3000s"));
  const auto& w = component(whole, "fn");
  const auto& b = component(split, "fn");
  const double batches = usage_of(w, "invocations");
  MESSAGE("whole batches: " << w.dropped << " discarded in " << batches << " invocations; bisected: " << b.dropped
                            << " discarded in " << usage_of(b, "invocations") << " invocations");
  CHECK(static_cast<double>(w.records_in) / batches == doctest::Approx(10).epsilon(0.01));
  CHECK(static_cast<double>(w.dropped) == doctest::Approx((1 - std::pow(0.99, 10)) * 300000).epsilon(0.06));
  CHECK(static_cast<double>(b.dropped) == doctest::Approx(0.01 * 300000).epsilon(0.06));
  CHECK(dropped_as(b, "discarded_after_retries") == b.dropped);
  // A batch with one bad record takes 1 + 2 x ceil(log2 10) = 9 invocations
  // to isolate it (each split runs both halves); roughly 9.56% of batches
  // have one, so bisecting adds about 8 x 9.56% = 0.76 invocations a batch.
  CHECK(usage_of(b, "invocations") / batches > 1.5);
  CHECK(usage_of(b, "invocations") / batches < 1.9);
}

TEST_CASE("lambda errors: MaximumRecordAge ends the retries of a batch that always fails") {
  // Every record is bad; one arrives every 100 s and takes 1 s an attempt.
  // Read at age w (the poll, under 1 s), it is tried at ages w, w + 1, ...
  // while its age is at most 60 s: 60 or 61 attempts, then discarded before
  // the next one.
  const auto r = simulate_text(fed_directly("{ rate: 0.01/s, arrivals: deterministic, " + kKeys + " }",
                                            "{ service: lambda, duration: 1s, batch_size: 1, poison_rate: 1, "
                                            "max_record_age: 60s }",
                                            "10000s"));
  const auto& fn = component(r, "fn");
  const double invocations = usage_of(fn, "invocations");
  const std::uint64_t discarded = dropped_as(fn, "discarded_max_record_age");
  MESSAGE(invocations << " invocations for " << discarded << " records discarded by age");
  CHECK(fn.records_out == 0);
  CHECK(discarded >= 99);
  CHECK(invocations / static_cast<double>(fn.records_in) >= 60 - 1);  // the last may still be retried
  CHECK(invocations / static_cast<double>(discarded) <= 61 + 1);
  CHECK(invocations >= 60.0 * static_cast<double>(discarded));
}

TEST_CASE("lambda errors: by default a bad record blocks its shard until it expires from the stream") {
  // No retry limit, no maximum age (the defaults): the bad batch is retried,
  // 1 s an attempt, until its record passes the stream's 24 h retention. The
  // shard is blocked meanwhile: the stream keeps what arrives unread, and
  // its iterator age grows to the retention period.
  const auto r = simulate_text(
      "name: poison pill\nduration: 26h\nworkload:\n  events: { rate: 1/min, arrivals: deterministic, " + kKeys +
      " }\ncomponents:\n  stream: { service: kinesis, shards: 1 }\n"
      "  fn: { service: lambda, duration: 1s, batch_size: 1, poison_rate: 1 }\n  out: { service: sink }\n"
      "flows: [events -> stream -> fn -> out]\n");
  const auto& fn = component(r, "fn");
  const auto& stream = component(r, "stream");
  MESSAGE("fn expired " << dropped_as(fn, "expired") << ", invocations " << usage_of(fn, "invocations")
                        << ", stream iterator age max " << stream.latency.max / 3600 << " h, stream expired "
                        << dropped_as(stream, "expired"));
  CHECK(fn.records_out == 0);
  CHECK(dropped_as(fn, "expired") >= 1);
  CHECK(dropped_as(fn, "expired") == fn.dropped);
  // Retried back to back: one invocation a second from the first read.
  CHECK(usage_of(fn, "invocations") == doctest::Approx(26 * 3600.0).epsilon(0.01));
  CHECK(stream.latency.max >= 23.9 * 3600);
  CHECK(stream.held_peak > 1000);
  // The function, not the stream, is what holds it back.
  REQUIRE(stream.refused_by.size() == 1);
  CHECK(stream.refused_by[0].by == "fn");
}

TEST_CASE("lambda errors: the stream's retention reaches the function from the stream") {
  // A Lambda reading a stream takes its retention period (here 7 days) as
  // the end of a failing batch's retries; stating another is an error
  // (tests/scenario/bad/lambda-retention-differs-from-stream.yaml).
  const auto loaded = scenario::load_scenario_text(
      "name: retention\nduration: 10s\nworkload:\n  events: { rate: 1/s }\n"
      "components:\n  stream: { service: kinesis, shards: 1, retention: 7d }\n"
      "  fn: { service: lambda, duration: 10ms }\n  out: { service: sink }\nflows: [events -> stream -> fn -> out]\n",
      "test.yaml");
  REQUIRE(loaded.ok());
  for (const auto& c : loaded.scenario->components)
    if (c.name == "fn") CHECK(c.params.duration("stream_retention") == 7 * 86400 * engine::kSecond);
}

TEST_CASE("lambda errors: a function stopped for a minute sends that minute's records to its destination, then recovers") {
  // 20 records/s; while stopped every attempt fails, and with 2 retries a
  // batch is given up after 3 attempts of 100 ms: everything that arrives in
  // the 60 s goes to the on-failure destination, about 20 x 60 = 1,200
  // records (give or take the batches at the fault's edges, 6 records each).
  const std::string scenario =
      fed_directly("{ rate: 20/s, arrivals: deterministic, " + kKeys + " }",
                   "{ service: lambda, shards: 1, duration: 100ms, batch_size: 10, max_retry_attempts: 2, "
                   "on_failure: sqs }",
                   "600s") +
      "faults:\n  - { target: fn, kind: stopped, after: 120s, for: 60s }\n";
  const auto r = simulate_text(scenario);
  const auto& fn = component(r, "fn");
  MESSAGE("sent to destination " << dropped_as(fn, "sent_to_destination"));
  CHECK(static_cast<double>(dropped_as(fn, "sent_to_destination")) == doctest::Approx(1200).epsilon(0.02));
  CHECK(fn.dropped == dropped_as(fn, "sent_to_destination"));
  REQUIRE(r.faults.size() == 1);
  CHECK(r.faults.front().dropped == fn.dropped);
  CHECK(r.faults.front().recovered);
  CHECK(r.faults.front().recovery_s() <= 1);
  // Outside the fault it fails nothing: the same design without it drops nothing.
  CHECK(component(simulate_text(fed_directly("{ rate: 20/s, arrivals: deterministic, " + kKeys + " }",
                                             "{ service: lambda, shards: 1, duration: 100ms, batch_size: 10, "
                                             "max_retry_attempts: 2, on_failure: sqs }",
                                             "600s")),
                  "fn")
            .dropped == 0);
}

TEST_CASE("lambda errors: an error_rate fault fails attempts only over its window, and retries absorb it") {
  const auto r = simulate_text(fed_directly("{ rate: 20/s, arrivals: deterministic, " + kKeys + " }",
                                            "{ service: lambda, shards: 1, duration: 100ms, batch_size: 1 }", "600s") +
                               "faults:\n  - { target: fn, kind: error_rate, share: 30%, after: 100s, for: 100s }\n");
  const auto& fn = component(r, "fn");
  // One record a batch, 100 ms an attempt: offered 20/s, the function is busy
  // all the time at 10 attempts a second. 30% failing over 100 s: about 300
  // failed attempts (binomial noise about 15), none outside the window.
  CHECK(usage_of(fn, "failed_invocations") == doctest::Approx(300).epsilon(0.2));
  CHECK(fn.dropped == 0);
}

TEST_CASE("lambda errors: a latency fault lengthens each invocation by its factor, and the shard falls behind by λ − μ/k") {
  // One shard, one record a batch, 10 ms a call: μ = 100/s against λ = 50/s.
  // Slowed 4x for 100 s it takes 25/s, so (50 − 25) x 100 = 2,500 records
  // wait, drained at μ − λ = 50/s in 50 s; nothing is lost.
  const std::string design = fed_directly("{ rate: 50/s, arrivals: deterministic, " + kKeys + " }",
                                          "{ service: lambda, shards: 1, duration: 10ms, batch_size: 1 }", "600s");
  const auto r = simulate_text(design + "faults:\n  - { target: fn, kind: latency, factor: 4, after: 100s, for: 100s }\n");
  REQUIRE(r.faults.size() == 1);
  const run::FaultResult& f = r.faults.front();
  CHECK(f.in_flight_peak == doctest::Approx(2500).epsilon(0.02));
  REQUIRE(f.recovered);
  CHECK(f.recovery_s() == doctest::Approx(50).epsilon(0.05));
  CHECK(f.dropped == 0);
  // The calls of the window run four times as long: 2,500 calls of 40 ms
  // where 2,500 of 10 ms ran before, 75 s more of duration billed.
  const auto& fn = component(r, "fn");
  const auto undrilled = simulate_text(design);
  const auto& base = component(undrilled, "fn");
  CHECK(usage_of(fn, "invocations") == doctest::Approx(usage_of(base, "invocations")).epsilon(0.001));
  CHECK(fn.cost_usd > base.cost_usd);
  // Slowed only 1.5x it still takes 67/s: nothing builds up beyond a poll
  // cycle's records (Lambda polls an empty shard once a second, and the
  // second's 50 records then take 750 ms: at most λ x 1.75 s, 88, wait),
  // and it is back to its level when the fault ends.
  const auto mild = simulate_text(design + "faults:\n  - { target: fn, kind: latency, factor: 1.5, after: 100s, for: 100s }\n");
  CHECK(mild.faults.front().in_flight_peak <= 88);
  CHECK(mild.faults.front().recovery_s() == 0);
}

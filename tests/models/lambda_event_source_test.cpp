// Lambda's event source mapping reading a Kinesis stream: one batch per shard
// (times the parallelization factor) at a time, so a function slower than its
// stream leaves the backlog in the stream (with-kinesis.html, retrieved
// 2026-12-05: "It processes one batch of records at a time from each shard"),
// where the iterator age grows and the retention period expires records; and
// a batch is cut at the 6 MB invocation payload (gettingstarted-limits.html).
#include <doctest/doctest.h>

#include <string>

#include "support/simulate.hpp"

using namespace archsim;
using archsim::testing::dropped_as;
using testing::component;
using testing::simulate_text;

namespace {
// 10 records/s of 1 KB on one shard, read by a function taking `duration` per
// invocation of one record: it serves 1 / duration records/s.
std::string slow_reader(const std::string& duration, const std::string& run_for) {
  return "name: slow reader\nduration: " + run_for +
         "\nworkload:\n  events: { rate: 10/s, arrivals: deterministic, record_size: 1KB, "
         "keys: { count: 100000, dist: uniform } }\n"
         "components:\n  stream: { service: kinesis, shards: 1 }\n"
         "  fn: { service: lambda, duration: " +
         duration + ", batch_size: 1 }\n  out: { service: sink }\nflows: [events -> stream -> fn -> out]\n";
}

}  // namespace

TEST_CASE("lambda event source: a function slower than its stream leaves the backlog in the stream") {
  // 190 ms an invocation of one record: 1 / 0.19 = 5.263 records/s against
  // 10/s. Over 2 h: 72,000 arrive, 7,200 x 5.263 = 37,895 are processed, and
  // the other 34,105 wait unread in the stream, not in the function.
  const auto r = simulate_text(slow_reader("190ms", "2h"));
  const auto& s = component(r, "stream");
  const auto& fn = component(r, "fn");
  MESSAGE("fn out " << fn.records_out << ", fn in flight " << fn.in_flight << ", stream in flight " << s.in_flight
                    << ", iterator age max " << s.latency.max << " s, fn latency max " << fn.latency.max << " s");
  CHECK(r.accounting.dropped == 0);
  CHECK(static_cast<double>(fn.records_out) == doctest::Approx(7200.0 / 0.19).epsilon(0.01));
  CHECK(static_cast<double>(s.in_flight) == doctest::Approx(72000.0 - 7200.0 / 0.19).epsilon(0.02));
  // The function holds one batch in flight and reads ahead what it runs
  // through between two of the stream's reads, 200 ms apart: ceil(200 / 190)
  // = 2 batches of one record.
  CHECK(fn.in_flight <= 3);
  // So a record spends at most its own invocation and the two before it in
  // the function, once the shard's first poll (at most 1 s in) has read it.
  CHECK(fn.latency.max <= 1.0 + 3 * 0.19 + 1e-6);
  // Read in order at 5.263/s of 10/s, the record read at t arrived at
  // 0.5263 t: the iterator age grows as 0.4737 t, to 3,411 s at 2 h.
  CHECK(s.latency.max == doctest::Approx(7200.0 * (1 - 1 / 1.9)).epsilon(0.02));
  // The stream is refused by the function: its unread records are held back.
  REQUIRE(s.refused_by.size() == 1);
  CHECK(s.refused_by[0].by == "fn");
  CHECK(s.held_peak > 30000);
}

TEST_CASE("lambda event source: records the function does not reach within the retention period expire") {
  // 1 s an invocation of one record: 1 record/s of 10/s. The record read at t
  // arrived at t/10, aged 0.9 t, which reaches the 24 h retention at
  // t = 26.67 h (96,000 s). From then the stream keeps the last 24 h (864,000
  // records); the function reads 1/s from its oldest end and 9/s expire:
  // 9 x (108,000 - 96,000) = 108,000 by 30 h.
  const auto r = simulate_text(slow_reader("1s", "30h"));
  const auto& s = component(r, "stream");
  const auto& fn = component(r, "fn");
  const std::uint64_t expired = dropped_as(s, "expired");
  MESSAGE("expired " << expired << ", fn out " << fn.records_out << ", stream in flight " << s.in_flight);
  CHECK(static_cast<double>(expired) == doctest::Approx(108000).epsilon(0.02));
  CHECK(expired == s.dropped);
  CHECK(fn.dropped == 0);
  CHECK(static_cast<double>(fn.records_out) == doctest::Approx(108000).epsilon(0.01));
  CHECK(static_cast<double>(s.in_flight) == doctest::Approx(864000).epsilon(0.01));
  CHECK(s.records_in == s.records_out + s.dropped + s.in_flight);
}

TEST_CASE("lambda event source: a batch holds no more records than fit in the 6 MB invocation payload") {
  // batch_size 10,000 of 1 KB (1,000-byte) records: 6 MB (6 MiB, 6,291,456
  // bytes) / 1,000 B = 6,291 records. Fed 20,000/s with 1 s invocations the
  // function is always behind, so every invocation takes a full batch:
  // 6,291 records (the first at the shard's first poll, within 1 s).
  const auto r = simulate_text(
      "name: payload\nduration: 100s\nworkload:\n  events: { rate: 20000/s, arrivals: deterministic, "
      "record_size: 1KB, keys: { count: 100000, dist: uniform } }\n"
      "components:\n  fn: { service: lambda, duration: 1s, batch_size: 10000 }\n  out: { service: sink }\n"
      "flows: [events -> fn -> out]\n");
  const auto& fn = component(r, "fn");
  MESSAGE("fn out " << fn.records_out);
  // Invocations start at t0, t0 + 1 s, ... with 0 < t0 < 1 s; the one
  // started at t0 + 99 s still runs at the end, so 99 have finished.
  CHECK(fn.records_out == 99 * 6291);
}

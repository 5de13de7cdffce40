// Back-pressure between a Kinesis stream and the Flink job reading it: a job
// slower than its input slows the stream's reads instead of losing records,
// so the lag shows as the stream's iterator age, as it does on AWS.
#include <doctest/doctest.h>

#include <algorithm>
#include <string>

#include "archsim/models/flink/flink_application.hpp"
#include "support/simulate.hpp"

using namespace archsim;
using testing::component;
using testing::simulate_text;

namespace {
std::string pipeline(const std::string& rate, const std::string& app, const std::string& duration,
                     const std::string& extra_target = "") {
  return "name: backpressure\nduration: " + duration +
         "\nworkload:\n  events: { rate: " + rate +
         ", arrivals: deterministic, record_size: 1KB, keys: { count: 100000, dist: uniform } }"
         "\ncomponents:\n  stream: { service: kinesis, shards: 4 }\n  app: " +
         app + (extra_target.empty() ? "" : "\n  archive: { service: sink }") +
         "\nflows:\n  - events -> stream -> app" + (extra_target.empty() ? "" : "\n  - stream -> archive") + "\n";
}
}  // namespace

TEST_CASE("back-pressure: a Flink job slower than its stream holds the lag in the stream, losing nothing") {
  // 3,000/s into a job of 2 subtasks at 1 ms a record: 2,000/s. Over 60 s the
  // excess, 1,000/s, stays unread in the stream (about 60,000 records), and
  // the job's own queue stays within its network buffers plus one poll.
  const auto r = simulate_text(
      pipeline("3000/s", "{ service: flink, parallelism: 2, cost_per_record: 1ms, checkpoints: off }", "60s",
               "archive"));
  const auto& s = component(r, "stream");
  const auto& a = component(r, "app");
  const auto& archive = component(r, "archive");
  MESSAGE("stream in flight " << s.in_flight << ", iterator age mean " << s.latency.mean << " s, max "
                              << s.latency.max << " s; app in flight " << a.in_flight << ", out " << a.records_out);
  CHECK(r.accounting.dropped == 0);
  // It reads from when the first records propagate, 2 consumers x 200 ms in
  // (each polls every 400 ms), and serves 2,000/s from then on.
  CHECK(static_cast<double>(a.records_out) == doctest::Approx(2000.0 * (60 - 0.4)).epsilon(0.01));
  // The excess, 1,000/s, waits unread in the stream, but for what the job's
  // Kinesis source has fetched: each call returns up to 10,000 records, and
  // a source holds one call per shard until it has emitted it.
  CHECK(static_cast<double>(s.in_flight + a.in_flight) == doctest::Approx(1000.0 * 60).epsilon(0.05));
  CHECK(a.in_flight <= 384 + 4 * 10000);
  CHECK(s.in_flight > 60000 - 4 * 10000 - 384);
  // Read in order at 2,000/s of 3,000/s, the record read at t arrived at 2t/3:
  // the iterator age grows as t/3, to 20 s at the end.
  CHECK(s.latency.max == doctest::Approx(20).epsilon(0.05));
  // Another consumer of the same stream (the archive) reads at its own pace.
  CHECK(archive.records_in == doctest::Approx(3000.0 * 60).epsilon(0.01));
  CHECK(archive.latency.max < 1);
  CHECK(r.paths.size() == 2);
}

TEST_CASE("back-pressure: a job that keeps up never holds its stream back") {
  const auto r = simulate_text(
      pipeline("1500/s", "{ service: flink, parallelism: 2, cost_per_record: 1ms, checkpoints: off }", "60s"));
  const auto& s = component(r, "stream");
  CHECK(s.latency.max == doctest::Approx(0.2).epsilon(0.05));  // the propagation delay alone
  CHECK(s.in_flight < 1500);
}

TEST_CASE("back-pressure: records unread for longer than the retention period expire") {
  // 30 records/s against a job that takes 1 s per record. Read in order, the
  // job never gets past the first hour's 108,000 records in 25 h, so by the
  // end every record of that hour it has not read is older than the 24 h
  // retention and gone: 108,000 less what the job read.
  const auto r = simulate_text(
      pipeline("30/s, batch: 1s", "{ service: flink, parallelism: 1, cost_per_record: 1s, checkpoints: off }", "25h"));
  const auto& s = component(r, "stream");
  const auto& a = component(r, "app");
  std::uint64_t expired = 0;
  for (const auto& d : s.drops)
    if (d.reason == "expired") expired = d.count;
  MESSAGE("expired " << expired << ", read by the job " << a.records_in << ", stream in flight " << s.in_flight);
  CHECK(a.records_in < 108000);
  CHECK(static_cast<double>(expired) == doctest::Approx(108000.0 - static_cast<double>(a.records_in)).epsilon(0.01));
  CHECK(expired == s.dropped);
  CHECK(s.records_in == s.records_out + s.dropped + s.in_flight);
}

TEST_CASE("back-pressure: one hot subtask slows every subtask of the job, as Flink's does") {
  // 600/s over 6 equally likely keys (100/s each) into 4 subtasks at 4.5 ms a
  // record (222/s each). Each key runs on one subtask; the 6 keys fall 3, 0,
  // 1, 2 on the 4 subtasks, so the hot one is offered a share h = 1/2 of the
  // load, 300/s, more than it takes, and the others 100/s and 200/s, which
  // they take. Its buffers fill and the job stops reading the stream for
  // every subtask (in Flink a full input channel stops the upstream task,
  // which feeds all the subtasks, and so on to the source), so the stream is
  // read at the hot subtask's pace, 222 / h = 444/s in all, and the other
  // subtasks process 444 (1 - h) = 222/s of their 300/s: they slow by the
  // hot subtask's factor, 222 / 300 = 0.74. Fed straight from a source, which
  // cannot be held back, the others keep up with their 300/s and only the hot
  // one falls behind. One shard, so that the stream is read in arrival order.
  std::uint64_t per[4] = {};
  for (std::uint64_t k = 0; k < 6; ++k) ++per[models::FlinkApplication::subtask_of(k, 4)];
  std::sort(per, per + 4);
  REQUIRE(per[3] == 3);  // the hot subtask's keys
  REQUIRE(per[2] == 2);  // the next: 200/s, within its 222/s
  const double h = 0.5, hot_rate = 1 / 4.5e-3;
  const std::string source = "{ rate: 600/s, arrivals: deterministic, record_size: 1KB, keys: { count: 6, dist: uniform } }";
  const std::string app = "{ service: flink, parallelism: 4, cost_per_record: 4.5ms, checkpoints: off }";
  const auto through_stream = simulate_text("name: hot subtask\nduration: 120s\nworkload:\n  events: " + source +
                                            "\ncomponents:\n  stream: { service: kinesis, shards: 1 }\n  app: " + app +
                                            "\n  out: { service: sink }\nflows: [events -> stream -> app -> out]\n");
  const auto direct = simulate_text("name: hot subtask\nduration: 120s\nworkload:\n  events: " + source +
                                    "\ncomponents:\n  app: " + app +
                                    "\n  out: { service: sink }\nflows: [events -> app -> out]\n");
  const auto& held = component(through_stream, "app");
  const auto& fed = component(direct, "app");
  const double others_held = static_cast<double>(held.records_out) / 120 - hot_rate;
  const double others_fed = static_cast<double>(fed.records_out) / 120 - hot_rate;
  MESSAGE("through the stream " << held.records_out << " out (others " << others_held << "/s), fed directly "
                                << fed.records_out << " out (others " << others_fed << "/s)");
  CHECK(through_stream.accounting.dropped == 0);
  CHECK(static_cast<double>(held.records_out) / 120 == doctest::Approx(hot_rate / h).epsilon(0.02));
  CHECK(others_held == doctest::Approx(hot_rate / h * (1 - h)).epsilon(0.03));
  CHECK(others_fed == doctest::Approx(600 * (1 - h)).epsilon(0.03));
  CHECK(others_held / others_fed == doctest::Approx(hot_rate / 300).epsilon(0.04));
}

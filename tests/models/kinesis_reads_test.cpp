// Kinesis reads as the developer guide describes them (service-sizes-and-limits.html
// and building-consumers.html, retrieved 2026-11; catalog K1, K5, K6): a shard
// serves 5 GetRecords calls and 2 MiB a second, shared by every consumer that
// does not use enhanced fan-out; an enhanced fan-out consumer gets its own
// 2 MiB/s per shard, pushed about 70 ms after the put. Shared consumers poll
// each shard once every (consumers / 5) s, which is the propagation delay:
// about 200 ms with one consumer, about 1 s with five.
#include <doctest/doctest.h>

#include <string>

#include "archsim/analysis/static_explain.hpp"
#include "archsim/scenario/catalog_loader.hpp"
#include "archsim/scenario/loader.hpp"
#include "support/simulate.hpp"

using namespace archsim;
using testing::component;
using testing::simulate_text;

namespace {
// `rate` records/s of `size` on one shard, read by `readers` sinks.
std::string readers(int n, const std::string& rate, const std::string& size, const std::string& stream,
                    const std::string& run_for = "10m") {
  std::string y = "name: readers\nduration: " + run_for + "\nworkload:\n  events: { rate: " + rate +
                  ", arrivals: deterministic, record_size: " + size +
                  ", keys: { count: 100000, dist: uniform } }\ncomponents:\n  stream: " + stream + "\n";
  for (int i = 1; i <= n; ++i) y += "  r" + std::to_string(i) + ": { service: sink }\n";
  y += "flows:\n  - events -> stream\n";
  for (int i = 1; i <= n; ++i) y += "  - stream -> r" + std::to_string(i) + "\n";
  return y;
}

std::uint64_t dropped_as(const run::ComponentResult& c, const std::string& reason) {
  for (const auto& d : c.drops)
    if (d.reason == reason) return d.count;
  return 0;
}

const analysis::StaticComponent& figures_of(const analysis::StaticExplanation& e, const std::string& name) {
  for (const auto& c : e.components)
    if (c.name == name) return c;
  FAIL("no component " << name);
  return e.components.front();
}

analysis::StaticExplanation explained(const std::string& yaml) {
  auto loaded = scenario::load_scenario_text(yaml, "reads.yaml");
  REQUIRE(loaded.ok());
  return analysis::explain_statically(*loaded.scenario, scenario::builtin_catalog());
}
}  // namespace

TEST_CASE("kinesis reads: three shared consumers split a shard's 2 MiB/s, about 699 records/s each") {
  // 900 records/s of 1,000 B: 0.9 MB/s, inside the write limit (1,000/s and
  // 1 MiB/s). Each of 3 consumers wants all 900/s, but gets 2,097,152 / 3 =
  // 699,051 B/s, 699 records/s; the other 201/s a consumer pile up unread.
  const std::string yaml = readers(3, "900/s", "1000B", "{ service: kinesis, shards: 1 }");
  const auto r = simulate_text(yaml);
  const auto& s = component(r, "stream");
  const double share = 2097152.0 / 3 / 1000;  // 699.05 records/s
  for (const char* name : {"r1", "r2", "r3"}) {
    const auto& reader = component(r, name);
    MESSAGE(std::string(name) << " read " << reader.records_in);
    CHECK(static_cast<double>(reader.records_in) == doctest::Approx(share * 600).epsilon(0.01));
  }
  CHECK(r.accounting.dropped == 0);
  // What it could not serve is unread in the stream, for its own read limit, not held back.
  std::uint64_t read = 0;
  for (const char* name : {"r1", "r2", "r3"}) read += component(r, name).records_in;
  CHECK(s.records_out == read);
  // Unread copies, and the 540 records of the last 0.6 s still propagating (one each: copies are made as they become readable).
  CHECK(s.in_flight + 2 * 540 == 3 * s.records_in - read);
  CHECK(s.held_peak == 0);
  bool by_reads = false;
  for (const auto& [id, n] : s.throttled_by) by_reads = by_reads || (id == "shard_reads" && n > 0);
  CHECK(by_reads);
  // Utilization is of the capacity that binds first: 900 / 699 = 129%, as explain says.
  CHECK(s.utilization_mean == doctest::Approx(900 / share).epsilon(0.02));
  const auto& f = figures_of(explained(yaml), "stream");
  CHECK(f.capacity == doctest::Approx(share).epsilon(0.001));
  CHECK(f.peak_utilization == doctest::Approx(900 / share).epsilon(0.001));
}

TEST_CASE("kinesis reads: enhanced fan-out gives each consumer its own 2 MiB/s, pushed in 70 ms") {
  const auto r = simulate_text(readers(3, "900/s", "1000B", "{ service: kinesis, shards: 1, consumers: enhanced }"));
  for (const char* name : {"r1", "r2", "r3"})
    CHECK(static_cast<double>(component(r, name).records_in) == doctest::Approx(900.0 * 600).epsilon(0.001));
  const auto& s = component(r, "stream");
  CHECK(s.latency.mean == doctest::Approx(0.07).epsilon(0.01));
  CHECK(s.throttled == 0);
}

TEST_CASE("kinesis reads: the propagation delay is the polling interval, 200 ms with one consumer, 1 s with five") {
  // 100 records/s on 2 shards: far inside every limit, so the delay is the poll alone.
  const auto one = simulate_text(readers(1, "100/s", "1000B", "{ service: kinesis, shards: 2 }"));
  const auto five = simulate_text(readers(5, "100/s", "1000B", "{ service: kinesis, shards: 2 }"));
  const model::Catalog& catalog = scenario::builtin_catalog();
  CHECK(component(one, "stream").latency.mean ==
        doctest::Approx(catalog.value("kinesis.shared.propagation_delay_s")).epsilon(0.01));
  CHECK(component(five, "stream").latency.mean ==
        doctest::Approx(catalog.value("kinesis.shared.propagation_delay_5_consumers_s")).epsilon(0.01));
  CHECK(component(five, "stream").throttled == 0);
  // explain says the same.
  const auto& f = figures_of(explained(readers(5, "100/s", "1000B", "{ service: kinesis, shards: 2 }")), "stream");
  CHECK(f.latency_s == doctest::Approx(1.0));
}

TEST_CASE("kinesis reads: records a read-limited consumer cannot reach within the retention expire, the read limit's loss") {
  // 2 records/s of 500,000 B (1 MB/s) on one shard, read by 10 consumers:
  // each gets 2,097,152 / 10 = 209,715 B/s, 0.4194 records/s. The record read
  // at t arrived at 0.2097 t, so its age is 0.7903 t: past 24 h from t = 30.4 h.
  // By 36 h each consumer has read 0.4194 x 36 h = 54,358 of the 2 x 12 h =
  // 86,400 records older than 24 h; the other 32,042 have expired.
  const auto r = simulate_text(readers(10, "2/s", "500000B", "{ service: kinesis, shards: 1 }", "36h"));
  const auto& s = component(r, "stream");
  const double per_consumer = 2 * 12 * 3600.0 - 2097152.0 / 10 / 500000 * 36 * 3600;
  MESSAGE("expired " << dropped_as(s, "expired_behind_read_limit") << ", held " << dropped_as(s, "expired"));
  CHECK(static_cast<double>(dropped_as(s, "expired_behind_read_limit")) ==
        doctest::Approx(10 * per_consumer).epsilon(0.02));
  CHECK(dropped_as(s, "expired") == 0);  // no consumer pushed back: the loss is the read limit's
}

TEST_CASE("kinesis retention: beyond 24 hours it is billed as AWS's pricing page says") {
  // 100 records/s of 1,000 B on one provisioned shard.
  const auto stream = [](const std::string& retention) {
    return readers(1, "100/s", "1000B", "{ service: kinesis, shards: 1, retention: " + retention + " }");
  };
  const auto month = [&](const std::string& retention) {
    return figures_of(explained(stream(retention)), "stream").monthly_usd;
  };
  const model::Catalog& catalog = scenario::builtin_catalog();
  const double day = month("24h");
  // 7 days: extended retention, $0.020 a shard-hour: 730 h x $0.020 = $14.60.
  CHECK(month("7d") - day == doctest::Approx(730 * catalog.value("kinesis.price.extended_retention_shard_hour_usd")));
  // 30 days: also long-term retention of the data older than 7 days: 100,000
  // B/s x 23 days = 198.72 GB-decimal = 185.07 GiB held, x $0.023 = $4.26 a month.
  const double long_term = 100000.0 * 23 * 86400 / 1073741824.0 * catalog.value("kinesis.price.long_term_retention_gb_month_usd");
  CHECK(long_term == doctest::Approx(4.2567).epsilon(0.001));
  CHECK(month("30d") - month("7d") == doctest::Approx(long_term).epsilon(0.001));
  // On demand, the days beyond the first are per GB-month: 6 days of 100 KB/s
  // = 48.28 GiB x $0.10 = $4.83.
  const auto od_month = [&](const std::string& retention) {
    return figures_of(explained(readers(1, "100/s", "1000B",
                                        "{ service: kinesis, mode: on_demand, retention: " + retention + " }")),
                      "stream")
        .monthly_usd;
  };
  CHECK(od_month("7d") - od_month("24h") ==
        doctest::Approx(100000.0 * 6 * 86400 / 1073741824.0 *
                        catalog.value("kinesis.price.on_demand_extended_retention_gb_month_usd"))
            .epsilon(0.001));
  // The run bills the same as explain's month.
  const auto r = simulate_text(stream("7d"));
  CHECK(component(r, "stream").cost_usd * (730 * 3600.0 / 600) == doctest::Approx(month("7d")).epsilon(0.01));
}

TEST_CASE("kinesis reads: each consumer has its own iterator age, and a slow one's grows while the other's does not") {
  // 10 records/s on one shard, read by a function that takes one record per
  // invocation of 190 ms and by an archive. The function serves 1 / 0.19 =
  // 5.263 records/s of 10/s, so the record it reads at t arrived at 0.5263 t
  // and its iterator age grows as 0.4737 t, to 1,705 s at 1 h; the archive
  // reads everything one polling interval, 2 x 200 ms, after it arrived.
  const std::string yaml = R"(name: two readers
duration: 1h
workload:
  events: { rate: 10/s, arrivals: deterministic, record_size: 1KB, keys: { count: 100000 } }
components:
  stream: { service: kinesis, shards: 1 }
  fn: { service: lambda, duration: 190ms, batch_size: 1 }
  archive: { service: sink }
flows: [events -> stream -> fn, stream -> archive]
)";
  const auto r = simulate_text(yaml);
  const auto& s = component(r, "stream");
  REQUIRE(s.readers.size() == 2);
  CHECK(s.reader_lag == "iterator age");
  const auto& fn = s.readers[0].name == "fn" ? s.readers[0] : s.readers[1];
  const auto& archive = s.readers[0].name == "fn" ? s.readers[1] : s.readers[0];
  MESSAGE("fn read " << fn.records << ", lag max " << fn.lag_max_s << " s; archive lag max " << archive.lag_max_s);
  CHECK(static_cast<double>(fn.records) == doctest::Approx(3600 / 0.19).epsilon(0.01));
  CHECK(fn.lag_max_s == doctest::Approx(3600 * (1 - 1 / 1.9)).epsilon(0.02));
  CHECK(archive.lag_max_s == doctest::Approx(0.4).epsilon(0.01));
  CHECK(archive.lag_mean_s == doctest::Approx(0.4).epsilon(0.01));
  // Over time: the slow consumer's largest age per interval grows with t.
  const auto& series = fn.lag_max_by_interval_s;
  REQUIRE(series.size() > 10);
  const double t_last = (static_cast<double>(series.size()) - 0.5) * s.series.interval_s;
  CHECK(series.back() == doctest::Approx((1 - 1 / 1.9) * t_last).epsilon(0.05));
  CHECK(s.latency.max == doctest::Approx(fn.lag_max_s).epsilon(0.01));
}

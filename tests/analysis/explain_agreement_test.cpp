// archsim explain against archsim run on the same scenario: for each
// component, the offered load (the run's records in over its span), its
// capacity as the run shows it, and the monthly cost (the run's bill scaled
// to a month) agree within 10%, or explain marks the figure as one it cannot
// know without simulating, and says why. The run shows a capacity in three
// ways, each compared where the run has it: the share of the records its
// hottest keyed unit took; whether it ran into its limit at the peak
// (refused, dropped or skipped work), which explain must say too, its peak
// utilization reaching 1 (within the same 10%); and, without keyed units,
// its mean busy share. Every shipped scenario runs (the heavy streaming ones
// shortened), and cases are built for each rule explain follows: a window's
// distinct keys, the on-demand ramp, key skew, a Lambda's batch fill, a batch
// job's bursts. Batches are made of deterministic size, so that the run's
// counts carry no Poisson noise: the 10% measures explain, not the sampling.
#include <doctest/doctest.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <string>
#include <vector>

#include "archsim/analysis/load_grid.hpp"
#include "archsim/analysis/static_explain.hpp"
#include "archsim/models/common/billing.hpp"
#include "archsim/run/simulation.hpp"
#include "archsim/scenario/catalog_loader.hpp"
#include "archsim/scenario/loader.hpp"

using namespace archsim;

namespace {

constexpr double kWithin = 0.10;

// The heavy streaming scenarios (more than kHeavy records/s) run for
// kLongest_s, and no scenario sends more than kUnbatchedRecords records one
// at a time: every figure settles, and the whole test takes seconds.
constexpr double kHeavy = 20'000, kLongest_s = 2 * 3600, kUnbatchedRecords = 150'000;
bool noted(const analysis::StaticComponent& c, const std::string& figure) {
  return std::any_of(c.notes.begin(), c.notes.end(), [&](const model::StaticNote& n) { return n.figure == figure; });
}

bool close(double a, double b) {
  if (a == b) return true;
  return std::abs(a - b) <= kWithin * std::max(std::abs(a), std::abs(b));
}

// One figure of one component, explain's and the run's, and whether they agree.
struct Row {
  std::string scenario, component, figure;
  double explain = 0, run = 0;
  std::string verdict;  // "agrees", or "not known: ..." with explain's reason
};
std::vector<Row>& table() {
  static std::vector<Row> rows;
  return rows;
}

// `tolerance`: an absolute difference that also agrees (a whole record over
// the span, which a run's count cannot split).
void judge(const std::string& scenario, const analysis::StaticComponent& c, const std::string& figure, double explain,
           double run, const std::string& note_figure, double tolerance = 0) {
  CAPTURE(scenario);
  CAPTURE(c.name);
  CAPTURE(figure);
  CAPTURE(explain);
  CAPTURE(run);
  Row row{scenario, c.name, figure, explain, run, "agrees"};
  if (noted(c, note_figure)) {
    for (const auto& n : c.notes)
      if (n.figure == note_figure) {
        CHECK_FALSE(n.reason.empty());
        row.verdict = "not known: " + n.reason;
      }
  } else {
    const bool agrees = close(explain, run) || std::abs(explain - run) <= tolerance;
    CHECK(agrees);
    if (!agrees) row.verdict = "DISAGREES";
  }
  table().push_back(row);
}

const run::ComponentResult& result_of(const run::RunResult& r, const std::string& name) {
  for (const auto& c : r.components)
    if (c.name == name) return c;
  FAIL("no component " << name);
  return r.components.front();
}

// The run ran into the component's limit: it refused requests, dropped
// records, lost or delayed scheduled runs, or (not being a batch job, which
// holds its input for its runs by design) kept more than a second of its
// capacity waiting for it, not counting what was held back from downstream.
bool ran_into_limit(const run::ComponentResult& r, double capacity_per_s, bool batch_job) {
  if (batch_job) return run::usage_or_zero(r, "skipped_runs") + run::usage_or_zero(r, "queued_runs") > 0 || r.dropped > 0;
  double waiting = 0;
  for (std::size_t i = 0; i < r.series.backlog.size(); ++i)
    waiting = std::max(waiting, r.series.backlog[i] - (i < r.series.held.size() ? r.series.held[i] : 0.0));
  return r.throttled > 0 || r.dropped > 0 || waiting > capacity_per_s;
}

bool batch_job(const scenario::Scenario& s, const std::string& name) {
  for (const auto& d : s.components)
    if (d.name == name) return d.model && d.model->batch_runs;
  return false;
}

void agree(const std::string& name, const scenario::Scenario& s) {
  const auto e = analysis::explain_statically(s, scenario::builtin_catalog());
  const run::RunResult r = run::simulate(s);
  const double span = engine::to_seconds(s.duration);
  for (const auto& c : e.components) {
    const run::ComponentResult& got = result_of(r, c.name);
    judge(name, c, "offered records/s", c.offered, static_cast<double>(got.records_in) / span, "offered", 1 / span);
    judge(name, c, "monthly cost", c.monthly_usd, got.cost_usd * models::kSecondsPerMonth / span, "monthly cost");
    if (c.dropped_per_s > 0)
      judge(name, c, "dropped records/s", c.dropped_per_s, static_cast<double>(got.dropped) / span, "dropped", 1 / span);
    // Units that stayed as many all along (on demand they grow).
    if (got.units.count > 1 && c.units == static_cast<double>(got.units.count))
      judge(name, c, "hottest unit's share", c.hottest_share, got.units.hottest_share, "capacity");
    if (std::isfinite(c.capacity)) {
      // At its limit at the peak in both, or in neither: a peak utilization
      // within 10% of 1 agrees either way; a component that drops records
      // below its capacity (a full waiting room) meets its limit too.
      const bool near = std::abs(c.peak_utilization - 1) < kWithin;
      const double did = ran_into_limit(got, c.capacity, batch_job(s, c.name)) ? 1 : 0;
      const double says = near ? did : c.peak_utilization >= 1 || c.dropped_per_s > 0 ? 1 : 0;
      judge(name, c, "at its limit at the peak", says, did, "peak");
    }
    if (got.units.count == 0 && got.capacity > 0 && std::isfinite(c.capacity))
      judge(name, c, "mean utilization", c.utilization, got.utilization_mean, "capacity");
  }
}

scenario::Scenario load(const std::string& path, const std::vector<std::string>& overrides) {
  auto loaded = scenario::load_scenario(path, overrides);
  for (const auto& d : loaded.diagnostics.items()) MESSAGE(d.format());
  REQUIRE(loaded.ok());
  return *loaded.scenario;
}

scenario::Scenario load_text(const std::string& yaml) {
  auto loaded = scenario::load_scenario_text(yaml, "agreement.yaml");
  for (const auto& d : loaded.diagnostics.items()) MESSAGE(d.format());
  REQUIRE(loaded.ok());
  return *loaded.scenario;
}

// A shipped scenario without warm-up and with deterministic arrivals; the
// heavy ones for kLongest_s, and the unbatched records bounded.
scenario::Scenario shortened(const std::string& path) {
  const scenario::Scenario full = load(path, {});
  const model::LoadOverTime grid = analysis::load_grid(full);
  double unbatched = 0, all = 0;
  std::vector<std::string> overrides{"warmup=0s"};
  for (const auto& src : full.sources) {
    // Batches of deterministic size: their counts carry no Poisson noise.
    // Records one at a time stay as they are (what explain's queueing
    // formulas assume; their counts are large or their noise is small).
    if (src.params.has("batch")) overrides.push_back("workload." + src.name + ".arrivals=deterministic");
    double factor = 0;  // the profile's mean over the full run
    const auto factors = analysis::profile_factors(*src.params.at("profile").profile, grid);
    for (std::size_t i = 0; i < factors.size(); ++i) factor += factors[i] * grid.length_s(i) / grid.end_s;
    const double rate = src.params.number("rate") * static_cast<double>(src.params.integer("producers")) * factor;
    all += rate;
    if (!src.params.has("batch")) unbatched += rate;
  }
  double span = engine::to_seconds(full.duration);
  if (all > kHeavy) span = std::min(span, kLongest_s);
  if (unbatched > 0) span = std::min(span, kUnbatchedRecords / unbatched);
  overrides.push_back("duration=" + std::to_string(static_cast<long long>(std::floor(span))) + "s");
  return load(path, overrides);
}

// With ARCHSIM_AGREEMENT_TABLE set, the rows so far are printed (and forgotten).
void print_table() {
  if (std::getenv("ARCHSIM_AGREEMENT_TABLE"))
    for (const Row& row : table())
      std::printf("%-36s %-20s %-27s %12.6g %12.6g  %s\n", row.scenario.c_str(), row.component.c_str(),
                  row.figure.c_str(), row.explain, row.run, row.verdict.c_str());
  table().clear();
}

// A case built for one rule: its scenario, then the table.
void agree_on(const std::string& name, const std::string& yaml) {
  agree(name, load_text(yaml));
  print_table();
}

}  // namespace

TEST_CASE("explain agrees with run: every shipped scenario, shortened") {
  std::vector<std::filesystem::path> files;
  for (const auto& entry : std::filesystem::directory_iterator(std::string(ARCHSIM_SOURCE_DIR) + "/scenarios"))
    if (entry.path().extension() == ".yaml") files.push_back(entry.path());
  std::sort(files.begin(), files.end());
  for (const auto& f : files) agree(f.stem().string(), shortened(f.string()));
  print_table();
}

TEST_CASE("explain agrees with run: a windowed Flink job sends the table its distinct keys, not its records") {
  // 5,000 events/s over 20,000 zipf keys; a 1 s window on 4 subtasks keeps
  // about 3,000 of them a second (the distinct keys), which the table takes.
  agree_on("windowed flink", R"(name: window
duration: 10m
workload:
  events: { rate: 5000/s, arrivals: deterministic, record_size: 200B, batch: 1s,
            keys: { count: 20000, dist: zipf, s: 0.8 } }
components:
  stream: { service: kinesis, shards: 8 }
  job: { service: flink, parallelism: 4, cost_per_record: 50us, window: 1s }
  table: { service: dynamodb, wcu: 6000, rcu: 100 }
flows: [events -> stream -> job -> table]
)");
}

TEST_CASE("explain agrees with run: an on-demand stream under a 4x spike follows the previous-peak rule") {
  // 3,000/s, four times that from 20 to 35 minutes: the stream, grown at 15
  // minutes to twice 3,000/s, refuses half the spike until 30 minutes.
  agree_on("on-demand spike", R"(name: spike
duration: 1h
workload:
  events: { rate: 3000/s, arrivals: deterministic, record_size: 500B, batch: 1s,
            profile: { kind: spike, at: 20m, for: 15m, factor: 4 } }
components:
  stream: { service: kinesis, mode: on_demand }
  out: { service: sink }
flows: [events -> stream -> out]
)");
}

TEST_CASE("explain agrees with run: an on-demand table under a 4x spike follows the previous-peak rule") {
  agree_on("on-demand table spike", R"(name: table spike
duration: 90m
workload:
  writes: { rate: 2500/s, arrivals: deterministic, record_size: 500B, batch: 1s,
            profile: { kind: spike, at: 40m, for: 20m, factor: 4 } }
components:
  table: { service: dynamodb, mode: on_demand }
flows: [writes -> table]
)");
}

TEST_CASE("explain agrees with run: a zipf key space over few shards loads its hottest shard past its limit") {
  // 2,000/s over 1,000 keys with zipf s = 1.1: key 0 alone is about 18% of
  // them, and its shard takes more than half the stream, past its 1,000/s.
  agree_on("zipf over 4 shards", R"(name: skew
duration: 10m
workload:
  events: { rate: 2000/s, arrivals: deterministic, record_size: 300B, batch: 1s,
            keys: { count: 1000, dist: zipf, s: 1.1 } }
components:
  stream: { service: kinesis, shards: 4 }
  out: { service: sink }
flows: [events -> stream -> out]
)");
}

TEST_CASE("explain agrees with run: a Lambda consumer at a low rate runs a batch per few records") {
  agree_on("lambda at a low rate", R"(name: lambda
duration: 1h
workload:
  events: { rate: 5/s, arrivals: deterministic, record_size: 400B }
components:
  stream: { service: kinesis, shards: 2 }
  fn: { service: lambda, memory: 512MB, batch_size: 100, duration: 40ms, duration_per_record: 1ms }
  out: { service: sink }
flows: [events -> stream -> fn -> out]
)");
}

TEST_CASE("explain agrees with run: a Lambda consumer its stream keeps busy takes what came during its last call") {
  // 100 records/s a shard against 200 ms calls: a group is never idle and
  // each call takes the ~20 records of the last one, so a record waits for
  // the call in flight (100 ms on average) and then its own: 300 ms.
  const std::string yaml = R"(name: lambda busy
duration: 1h
workload:
  orders: { rate: 200/s, arrivals: deterministic, record_size: 1KB, keys: { count: 100000 } }
components:
  stream: { service: kinesis, shards: 2 }
  enrich: { service: lambda, duration: 200ms, batch_size: 100 }
  out: { service: sink }
flows: [orders -> stream -> enrich -> out]
)";
  agree_on("lambda kept busy", yaml);
  const scenario::Scenario s = load_text(yaml);
  const auto e = analysis::explain_statically(s, scenario::builtin_catalog());
  const run::RunResult r = run::simulate(s);
  for (const auto& c : e.components)
    if (c.name == "enrich") {
      CHECK(c.latency_s == doctest::Approx(0.3).epsilon(0.01));
      CHECK(result_of(r, "enrich").latency.mean == doctest::Approx(0.3).epsilon(0.03));
    }
}

TEST_CASE("explain agrees with run: a batch job writing to a table waits for it, billed meanwhile") {
  // Every 10 minutes the job writes half of 120,000 records to a 100-WCU
  // table: on its saved burst credit first, then at 100/s, about 300 s a run.
  agree_on("batch job into a table", R"(name: batch
duration: 1h
workload:
  orders: { rate: 200/s, arrivals: deterministic, record_size: 1KB, batch: 1s }
components:
  job: { service: glue, worker_type: G.1X, workers: 2, schedule: every 10m, output_ratio: 0.5 }
  table: { service: dynamodb, wcu: 100, rcu: 10, max_retries: 100 }
flows: [orders -> job -> table]
)");
}

TEST_CASE("explain agrees with run: a provisioned table serving reads beside its writes") {
  // 800 writes/s of 1 KB and reads of 6 KB (2 read units strongly
  // consistent) at 600/s, doubled from 20 to 30 minutes: 2,400 read units/s
  // of the 3,000 RCU at the peak. (Past its RCU the table would spend its
  // burst credit first, which the static walk does not follow for a load
  // that stays: a run's first 300 s of saved units.)
  agree_on("reads and writes", R"(name: serving
duration: 1h
workload:
  writes: { rate: 800/s, arrivals: deterministic, record_size: 1KB, batch: 1s }
  lookups: { kind: reads, consistency: strong, rate: 600/s, arrivals: deterministic, record_size: 6KB, batch: 1s,
             profile: { kind: spike, at: 20m, for: 10m, factor: 2 } }
components:
  table: { service: dynamodb, wcu: 1000, rcu: 3000, max_retries: 0 }
flows: [writes -> table, lookups -> table]
)");
}

TEST_CASE("explain agrees with run: an on-demand table's reads follow their own previous-peak rule") {
  // 5,000 strongly consistent reads/s of 4 KiB, four times that from 40 to
  // 60 minutes: 20,000 read units/s against the 12,000 a new table serves,
  // until the peak of 12,000 is 30 minutes old.
  agree_on("on-demand reads spike", R"(name: read spike
duration: 90m
workload:
  lookups: { kind: reads, consistency: strong, rate: 5000/s, arrivals: deterministic, record_size: 4KiB, batch: 1s,
             profile: { kind: spike, at: 40m, for: 20m, factor: 4 } }
  writes: { rate: 500/s, arrivals: deterministic, record_size: 1KB, batch: 1s }
components:
  table: { service: dynamodb, mode: on_demand }
flows: [lookups -> table, writes -> table]
)");
}

TEST_CASE("explain agrees with run: a table's index on a hot key limits the table's writes") {
  // 1,500 writes/s over even table keys into 4,000 WCU; the index's keys are
  // zipf (s = 2) over 3, so its hottest partition (73% of its entries) takes past its 1,000 WU/s.
  agree_on("hot index key", R"(name: hot index
duration: 20m
workload:
  writes: { rate: 1500/s, arrivals: deterministic, record_size: 1KB, batch: 1s }
components:
  table: { service: dynamodb, wcu: 4000, max_retries: 3,
           gsis: { by_tenant: { keys: {count: 3, dist: zipf, s: 2}, projection: 0.5 } } }
flows: [writes -> table]
)");
}

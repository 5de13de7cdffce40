// The outcome of one run as plain data: what every report format prints.
// Quantities are in SI units (seconds, bytes, US dollars, records per second).
#pragma once
#include <cstdint>
#include <string>
#include <utility>
#include <vector>

namespace archsim::run {

struct LatencySummary {
  std::uint64_t count = 0;  // records measured (after warmup)
  double mean = 0, p50 = 0, p90 = 0, p99 = 0, max = 0;
};

struct DropCount {
  std::string reason;
  std::uint64_t count = 0;
};

struct Series {
  double interval_s = 0;
  std::vector<double> records_in_per_s, records_out_per_s, dropped_per_s, backlog, utilization;
};

struct ComponentResult {
  std::string name, service;
  std::uint64_t records_in = 0, records_out = 0, dropped = 0, in_flight = 0, absorbed = 0, created = 0, throttled = 0;
  std::vector<DropCount> drops;
  double capacity = 0;  // units of the binding resource (servers); 0: unbounded
  double utilization_mean = 0, utilization_peak = 0;
  double backlog_mean = 0;  // records waiting, time-averaged after warmup
  LatencySummary latency;
  double wait_mean_s = 0;
  double throughput_per_s = 0;  // records out per second after warmup
  double cost_usd = 0;
  double cost_capacity_usd = 0;  // of cost_usd: billed whatever the load
  double cost_storage_usd = 0;   // of cost_usd: grows with the data held
  std::vector<std::pair<std::string, double>> usage;  // the model's billing and behaviour counts
  Series series;
};

// A model's usage quantity by name (0 when it reports none by that name).
inline double usage_or_zero(const ComponentResult& c, const std::string& name) {
  for (const auto& [key, value] : c.usage)
    if (key == name) return value;
  return 0;
}

struct SourceResult {
  std::string name;
  std::uint64_t generated = 0, created = 0, records_out = 0;
  double mean_rate_per_s = 0;  // as configured, all instances
};

struct PathResult {
  std::string from, to;
  std::uint64_t records = 0;
  LatencySummary latency;
};

struct Accounting {
  std::uint64_t generated = 0, delivered = 0, dropped = 0, in_flight = 0, absorbed = 0, created = 0;
};

struct RequirementResult {
  std::string name, target_text;  // name: the metric (latency_p99, freshness, completes_by, ...)
  double target = 0, actual = 0;
  bool at_most = true, pass = false;
  std::string cause;  // for a failure: the binding bottleneck, when one is found
  // A latency or freshness requirement holds on every path of its scope, and
  // a path that delivered no record after the warm-up has no latency to
  // judge: "orders -> lake" for each such path, and the requirement fails.
  // For completes_by: the job's name when none of its runs could be judged.
  std::vector<std::string> unmeasured;
  // What it is judged on: empty for the whole design; a sink, a path
  // "SOURCE -> SINK", or for completes_by a batch job.
  std::string scope;
  std::vector<std::string> paths;  // the paths a scoped latency or freshness target covers
  // completes_by: the runs judged (finished, or still going past their
  // deadline at the end) and how many of them were late. Its `actual` is the
  // worst run's finish in seconds after the midnight that starts its
  // deadline's day, so that it passes when actual <= target (the deadline).
  std::uint64_t runs_judged = 0, runs_late = 0;
};

// A resource that binds, from the simulation: which, by how much, when, why,
// and what a larger one does (simulated again when `fix_checked`).
struct Bottleneck {
  std::string component, service, resource;
  double utilization = 0;             // peak, 0..1 of its capacity (0: unbounded)
  double throttle_fraction = 0;       // requests refused per record offered
  double drop_fraction = 0;           // records dropped per record offered
  double backlog_growth_per_min = 0;  // records, the fastest sustained growth
  double latency_share = 0;           // of the end-to-end latency of the slowest path through it
  double late_runs = 0;               // batch jobs: triggers skipped or queued behind a running run
  double static_peak_utilization = 0;  // what archsim explain predicts at the peak, keys and arrivals even
  double when_s = 0;                  // the worst interval's middle, from the start
  std::string explanation, suggestion;
  bool fix_checked = false;
  double fix_monthly_usd_delta = 0;
  std::uint64_t fix_dropped = 0, fix_throttled = 0;
  double fix_worst_p99_s = 0, worst_p99_s = 0;  // of the paths through it
};

// Athena and Redshift answering the same queries: what each costs a month at
// this load, where their costs cross, and what latency each gives there.
struct QueryEngineComparison {
  std::string athena, redshift;       // component names
  std::vector<std::string> sources;   // the query sources both answer
  std::string redshift_shape;         // e.g. "2 x ra3.4xlarge" or "Serverless, 128 RPU base"
  double queries_per_day = 0;         // answered, at this load
  double scanned_bytes_per_query = 0;  // by Athena, from the lake
  double table_bytes_per_query = 0;    // the raw size of the table a query reads, on average
  double athena_monthly_usd = 0, redshift_monthly_usd = 0;
  double redshift_fixed_monthly_usd = 0;  // capacity and storage
  double athena_p99_s = 0, redshift_p99_s = 0;
  // Queries a day at which the monthly costs cross (0: they do not cross at
  // any rate), and the data size, as a multiple of today's, at which they
  // cross at this rate (0: never).
  double break_even_queries_per_day = 0;
  double break_even_data_factor = 0;
  // What Athena scans a month (730 h) at this rate, and at the break-even
  // rate: the crossing in TB a month, the unit Athena bills in.
  double scanned_bytes_per_month = 0, break_even_scanned_bytes_per_month = 0;
  // The scenario simulated again with the queries at the break-even rate
  // (false when there is none or it is out of reach).
  bool rerun = false;
  double rerun_queries_per_day = 0;  // answered in that run (its arrivals are random)
  double rerun_athena_monthly_usd = 0, rerun_redshift_monthly_usd = 0;
  double rerun_athena_p99_s = 0, rerun_redshift_p99_s = 0;
};

// A lever a designer has on one component, and what it does here: the same
// design with one thing changed, costed and timed by archsim explain's
// first-order figures (no second simulation).
struct Tradeoff {
  std::string component, lever;  // "stock_table", "capacity mode: on_demand instead of provisioned"
  double monthly_usd_now = 0, monthly_usd_then = 0;  // the whole design's, static
  double latency_s_now = 0, latency_s_then = 0;      // the component's first-order latency
  double peak_utilization_now = 0, peak_utilization_then = 0;
  // On-demand against provisioned: the factor on today's load at which the
  // component's two bills cross (0: they do not, within 1/1000 to 1000 x),
  // and the component's mean offered records/s there.
  double break_even_factor = 0, break_even_records_per_s = 0;
  std::string verdict;  // the sentence with the numbers
};

struct RunResult {
  std::string file, name, description, region;
  std::uint64_t seed = 1;
  double duration_s = 0, warmup_s = 0;
  Accounting accounting;
  double throughput_per_s = 0;  // records delivered per second after warmup
  std::vector<SourceResult> sources;
  std::vector<ComponentResult> components;
  std::vector<PathResult> paths;
  double cost_total_usd = 0, cost_monthly_usd = 0;
  std::vector<RequirementResult> requirements;
  std::vector<QueryEngineComparison> query_engines;  // filled by analysis::run_and_explain
  std::vector<Bottleneck> bottlenecks;                // ranked, the binding one first
  std::vector<Tradeoff> tradeoffs;                    // the levers of the services present
  std::uint64_t events = 0;
};

}  // namespace archsim::run

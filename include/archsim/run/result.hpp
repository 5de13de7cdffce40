// The outcome of one run as plain data: what every report format prints.
// Quantities are in SI units (seconds, bytes, US dollars, records per second).
#pragma once
#include <algorithm>
#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "archsim/model/billed.hpp"
#include "archsim/run/partial_cycle.hpp"
#include "archsim/scenario/story.hpp"

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
  std::vector<double> held;  // of the backlog, records held back by what is downstream
  // Keyed units: the hottest unit's load and the mean unit's, of one unit's capacity (empty: no units).
  std::vector<double> hottest_unit, mean_unit;
  // What it ran on in each interval, time-weighted, where that changes over
  // the run (a job's KPUs as it scales), in `size_unit` (empty: not tracked).
  std::vector<double> size;
  std::string size_unit;
};

// Where a record's time at a component went, mean seconds per record passed
// on: in service, waiting for the component's own capacity, buffering on
// purpose, held back by what is downstream.
struct TimeSplit {
  double service_s = 0, capacity_s = 0, buffering_s = 0, held_s = 0;
  double total() const { return service_s + capacity_s + buffering_s + held_s; }
};

// The keyed units of a component (shards, partitions, subtasks): the hottest
// beside the mean, at the interval where the hottest was loaded most.
struct UnitSummary {
  std::string unit;            // "shard"; empty: the component has no keyed units
  std::uint64_t count = 0;
  std::uint64_t hottest = 0;   // its index, 0-based
  double hottest_load = 0;     // of one unit's capacity, at the peak interval (above 1: offered more than it takes)
  double mean_load = 0;        // the mean unit's, in the same interval
  double peak_time_s = 0;      // that interval's middle
  double hottest_share = 0;    // of all the load over the run, the unit loaded most overall
  std::uint64_t hottest_throttled = 0;  // requests the most-throttled unit refused over the run
  std::uint64_t most_throttled = 0;     // which unit that was
  std::uint64_t units_throttled = 0;    // how many units refused anything
  // The most records one unit held waiting, which, the mean unit's then, and when.
  double backlog_peak = 0, backlog_mean_then = 0, backlog_peak_time_s = 0;
  std::uint64_t backlog_unit = 0;
};

// One reader of a component at its own pace (a stream's consumer application):
// how far behind it reads (a stream's iterator age for that consumer).
struct ReaderResult {
  std::string name;
  std::uint64_t records = 0;  // read after the warm-up
  double lag_mean_s = 0, lag_max_s = 0;
  std::vector<double> lag_max_by_interval_s;  // the largest in each interval (Series::interval_s)
};

struct ComponentResult {
  std::string name, service;
  bool queries = false;  // what arrives are queries (a query engine), not records
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
  std::vector<model::BilledQuantity> billed;          // its bill's quantities in AWS's units
  // Requests refused, by the id of the resource that refused them.
  std::vector<std::pair<std::string, std::uint64_t>> throttled_by;
  // Back-pressure: records held only because what is downstream would not
  // take them (time-averaged after warm-up, and the largest interval mean),
  // and the downstream components that refused, with how often.
  double held_mean = 0, held_peak = 0;
  struct Refusal {
    std::string by;                  // the downstream component that would not take its records
    std::uint64_t times = 0;         // how often it refused
    std::uint64_t passed_on = 0;     // of those, when it was itself held back by what is downstream of it
  };
  std::vector<Refusal> refused_by;
  TimeSplit time;
  UnitSummary units;
  Series series;
  std::vector<ReaderResult> readers;  // empty: it has no readers of its own
  std::string reader_lag;             // what a reader's lag is called ("iterator age")
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
  std::vector<std::string> components;  // between the source and the sink, in flow order (the sink included)
  // The oldest record delivered in each metrics interval, in seconds (0: none delivered then).
  std::vector<double> worst_by_interval_s;
  // A drill: the latencies of the records delivered from each fault's start
  // until it recovered, and of the rest after warmup (to the minute, or the
  // metrics interval when finer; count 0 when there were none).
  LatencySummary during_faults, outside_faults;
};

struct Accounting {
  std::uint64_t generated = 0, delivered = 0, dropped = 0, in_flight = 0, absorbed = 0, created = 0;
};

// A batch job's run as a deadline judges it: times in seconds from the start
// of the simulation, and its input, for the arithmetic of its length.
struct JobRun {
  double triggered_s = 0, started_s = 0;
  double end_s = 0;       // when it ended, or the end of the simulation
  bool finished = true;   // false: still going when the simulation ended
  double deadline_s = 0;
  std::uint64_t records = 0, bytes = 0;
  double bytes_besides = 0;                 // stored data it read besides its input
  double startup_s = 0, processing_s = 0;  // of one attempt, as the job's model works them out
  std::uint32_t attempts = 0;
  bool gave_up = false;   // every attempt failed: its input was dropped and it never completed
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
  JobRun worst_run;  // completes_by, when runs_judged > 0: the run that finished latest against its deadline
  // A drill (faults): it fails with the faults and holds without them.
  bool fails_only_with_faults = false;
  // A drill: a path or throughput target judged on what was delivered from
  // each fault's start until it recovered, and on the rest of the run after
  // warmup (judged: there was such a time and something to measure in it).
  struct Part {
    bool judged = false, pass = false;
    double actual = 0;
  };
  Part during_faults, outside_faults;
};

// A component held back by a bottleneck downstream of it, and what it holds.
struct HeldBack {
  std::string component, service;
  std::string by;                     // the component downstream that would not take its records
  double backlog_peak = 0;            // records held, the largest interval mean
  double backlog_growth_per_min = 0;  // the fastest sustained growth
  double wait_mean_s = 0, wait_max_s = 0;  // how long records waited there (a stream: the iterator age)
  std::uint64_t expired = 0;          // records dropped there for having waited too long
};

// A key hot enough to name: its share of a component's records and what it
// asks of the one unit it hashes to.
struct HotKey {
  std::string source;          // the source whose key space it belongs to
  std::uint64_t key = 0;       // its value (in a zipf space, 0 is the most frequent)
  std::uint64_t rank = 1;
  double share = 0;            // of the component's records
  double peak_per_s = 0;       // its records per second at the peak
  std::uint64_t unit = 0;      // the unit it hashes to
  double unit_capacity_per_s = 0;  // records/s one unit takes at this record size
};

// One parameter a fix moves, in stored units (a choice as text).
struct ParamMove {
  std::string component, key, kind;  // kind: integer, number, duration, size, choice, ...
  std::string section = "components";  // where the scenario declares it: components, or workload for a source
  double from = 0, to = 0;
  std::string text_from, text_to;
};

// A fix tried: the design with some levers moved, simulated again.
struct FixTrial {
  std::string lever, words;       // "shards", "more shards"
  std::vector<ParamMove> moves;
  bool simulated = false;         // false: the run did not finish (overloaded elsewhere)
  bool clears = false;            // what bound is gone in that run
  std::uint64_t dropped = 0, throttled = 0;  // at the component, in that run
  double worst_p99_s = 0;         // of the paths through it
  double late_by_s = 0;           // a batch job: its latest run past its completes_by deadline (0: on time)
  double monthly_usd_delta = 0;   // the whole design's
  std::vector<std::string> requirements_failing;  // of those this bottleneck failed, still failing
  std::string binds_next;         // "dynamodb 'table', partition write ceiling" when something else binds then
};

// What binds, from the simulation: the root, named by its own limit; the
// components it holds back; the hot unit and hot keys behind it; and the
// smallest change of its levers that clears it, simulated again. Data only:
// the report writes the sentences.
struct Bottleneck {
  std::string component, service;
  std::string resource;      // as the service's documentation names it
  std::string resource_id;   // the model's id for it
  std::string refusals;      // what one of its refusals is (model::Resource::refusals); empty: a retried request
  std::string kind;          // loses_records, holds_back, falls_behind, late_runs, throttles, saturated, latency
  double utilization = 0;             // peak, 0..1 of its capacity (0: unbounded); the hottest unit's where it has units
  bool at_capacity = false;           // its capacity (its hottest unit's) is at its top at the peak
  double throttle_fraction = 0;       // requests refused per record offered
  double drop_fraction = 0;           // records dropped per record offered
  std::uint64_t dropped = 0, throttled = 0;
  std::vector<DropCount> drops;       // by reason
  double backlog_growth_per_min = 0;  // records, the fastest sustained growth of its own backlog
  double backlog_at_end = 0;          // records of its own backlog still waiting at the end of the run
  double wait_for_capacity_s = 0;     // a record's mean wait for its capacity
  double latency_share = 0;           // of the end-to-end latency of the slowest path through it
  double late_runs = 0;               // batch jobs: triggers skipped or queued behind a running run
  std::optional<JobRun> late_run;     // a batch job past a completes_by deadline: its latest run
  double static_peak_utilization = 0;  // what archsim explain predicts at the peak
  std::vector<std::string> static_notes;  // what explain says it cannot know here without simulating
  double when_s = 0;                  // the worst interval's middle, from the start
  double peak_in_per_s = 0;           // records arriving, the largest interval rate
  bool queries = false;               // what arrives are queries (a query engine), not records
  // For a root that holds others back: the most records per second that
  // reached one of them at the peak, what it was asked to take.
  double demand_per_s = 0;
  std::string demand_at;
  double took_per_s = 0;              // what it took in, on average while it held them back

  double capacity_per_s = 0;          // what explain says it carries (records/s; 0: unbounded)
  std::string capacity_words;         // what sets that: "350 shards x 1,000 records/s"
  bool capacity_grows = false;        // on demand: capacity_per_s is the most it grows to with the load
  UnitSummary units;
  std::vector<HotKey> hot_keys;
  bool key_beyond_unit = false;       // the hottest key alone is more than one unit takes
  std::vector<HeldBack> held_back;    // upstream, nearest first
  std::vector<std::string> causes;    // the failed requirements it causes ("latency_p99", ...)
  std::vector<FixTrial> fixes;        // tried, in order
  // The one that clears at the least cost with the component's own levers
  // (or, when none of those does, anywhere); -1: none did. And a design
  // change upstream that clears for less (write sharding, aggregation), -1: none.
  int fix = -1;
  int alternative = -1;
  std::string fix_bound;              // when none did: how far the levers went
  bool fix_checked = false;           // a fix was simulated
  // An earlier finding's component that loses records on their way here, so
  // this one's load is understated until that is fixed (no fix is searched).
  std::string fix_after;
  double worst_p99_s = 0;             // of the paths through it
};

// Whether a finding binds: it loses records, holds others back, falls behind
// its own input, runs late, or fails a requirement. Throttling that retries
// absorb and a busy component that keeps up are reported, not fixed.
inline bool binds(const Bottleneck& b) {
  return b.kind == "loses_records" || b.kind == "holds_back" || b.kind == "falls_behind" || b.kind == "late_runs" ||
         !b.causes.empty();
}

// Where a path's time goes: each component on it, its time split.
struct PathTime {
  std::string from, to;
  double latency_mean_s = 0;
  std::vector<std::pair<std::string, TimeSplit>> components;
};

// How much room the design has at its peak: the busiest bounded component.
struct Headroom {
  std::string component, resource;
  double peak_utilization = 0;
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

// Two streams fed the same records (each a model whose readers read at their
// own pace: a Kinesis stream, a Kafka topic on MSK): what each costs and how
// fresh it keeps the records at this load, what each needs to hold the peak,
// and which of their capacity modes costs least as the load moves.
struct StreamChoice {
  struct Side {
    std::string component, service;
    std::string shape;              // its label as designed: "450 shards"
    double monthly_usd = 0;         // the run's bill, as a month
    double p99_s = 0;               // time in it, arrival to read, at the p99 (the run's)
    std::string needs;              // its label sized for today's peak with a quarter to spare
    double needs_monthly_usd = 0;   // that design's month at today's load, by explain's figures
  };
  Side a, b;
  std::vector<std::string> sources;  // the sources whose records reach both
  double records_per_s = 0, peak_records_per_s = 0;  // into each, by explain's figures
  // A way to run one of the two: its capacity mode, sized for each load where it is provisioned.
  struct Option {
    std::string component, service;
    std::string mode;   // the lever's words
    std::string shape;  // its label for today's load
    double monthly_usd = 0;  // at today's load, by explain's figures (+inf: it cannot hold today's peak)
  };
  std::vector<Option> options;
  // The cheapest option between two loads, as records/s into the streams
  // (from 0 up to +inf), by explain's figures.
  struct Band {
    double from_per_s = 0, to_per_s = 0;
    std::size_t option = 0;
  };
  std::vector<Band> cheapest;
};

// A lever a designer has on one component, and what it does here: the same
// design with one thing changed, costed and timed by archsim explain's
// first-order figures (no second simulation).
struct Tradeoff {
  std::string component;             // whose lever it is (a component or a source)
  std::string lever, words;          // the lever's id and what it does: "on_demand", "on-demand capacity"
  std::string instead_of;            // what it replaces, when it switches: the component's label today ("450 shards")
  bool switches = false;             // a switch (a mode), not a scale
  std::vector<ParamMove> moves;
  // The whole design's month by archsim explain's figures, now and then: the
  // change (then - now) is the lever's; the run's own bill stays the run's.
  double monthly_usd_now = 0, monthly_usd_then = 0;
  double run_monthly_usd = 0;                         // the simulated bill, which the report quotes beside the change
  double latency_s_now = 0, latency_s_then = 0;       // the component's first-order latency
  double peak_utilization_now = 0, peak_utilization_then = 0;
  std::string limit_then;                             // what sets its capacity then
  bool runs_in_batches = false;                       // its utilization says nothing (a batch job)
  // A capacity mode: the factor on today's load at which the component's two
  // bills cross (0: they do not, within 1/1000 to 1000 x), the component's
  // mean offered records/s there, which side costs less below it, and what
  // the provisioned side carries as sized (0: no bound).
  bool capacity_mode = false;
  double break_even_factor = 0, break_even_records_per_s = 0;
  bool lever_cheaper_below = false;
  double capacity_then = 0, capacity_now = 0;
};

// A fault drilled in the run (`faults:`), with how the design came through
// it. Times in seconds from the start of the simulation. Records in flight
// are those held anywhere in the design (queues, unread stream records,
// windows, retries), sampled every second.
struct FaultResult {
  std::string target, kind;
  double start_s = 0, end_s = 0;
  double factor = 1, share = 0;         // as the fault gave them (spike, latency; capacity_lost, ...)
  double in_flight_before = 0;          // the most in flight over the minute before it began
  double in_flight_peak = 0;            // the most from its start until it recovered (or the run ended)
  double peak_at_s = 0;
  bool recovered = false;               // in flight back to its level before, by the end of the run
  double recovered_at_s = 0;            // when (recovered only)
  std::uint64_t dropped = 0;            // records dropped anywhere from its start until it recovered
  struct Loss {
    std::string component, reason;
    std::uint64_t count = 0;
    bool set_aside = false;  // sent to a dead-letter destination: out of the pipeline, not lost
  };
  std::vector<Loss> dropped_by;         // those, by component and reason
  std::uint64_t set_aside = 0;          // of `dropped`, those sent to a dead-letter destination
  // Records each path delivered from the fault's start until it recovered
  // later than the oldest the path delivered over the minute before it (its
  // level), to the minute and after warmup; paths delivering
  // nothing meanwhile are left out, and every path when the fault began in
  // the run's first interval (no level to compare with).
  struct Delayed {
    std::string path;
    std::uint64_t delayed = 0, delivered = 0;
    double level_s = 0;
  };
  std::vector<Delayed> delayed;
  std::uint64_t replayed = 0;           // records processed again after a restart (duplicates downstream)
  // The stalest each path's sink got from the fault's start until it
  // recovered (or the run ended), to the metrics interval: "SOURCE -> SINK"
  // and the oldest record delivered meanwhile, in seconds, stalest first.
  std::vector<std::pair<std::string, double>> stalest;
  // Where a replay's copies end: each path through the fault's target, the
  // copies delivered on it (about: the replay times the share of the
  // target's input the path delivered), and what its sink's service does
  // with a record written twice: kept (at-least-once: a duplicate) or
  // overwritten with the same state (an idempotent write: effectively once).
  struct CopiesAt {
    std::string path, sink, service;
    bool idempotent = false;
    std::string words;  // empty: the service does not say; the copy counts twice
    std::uint64_t copies = 0;
    // The restarted component commits its output at checkpoints: the
    // output of the failed attempt was discarded, so no copy reaches the sink.
    bool exactly_once = false;
  };
  std::vector<CopiesAt> copies_reach;
  // The catch-up (analysis): the backlog drained from its peak until it had
  // caught up (or the run ended), in records/s, and the component busiest
  // against its own limit meanwhile, of those the fault's records pass
  // through: what paced the recovery (empty when nothing built up).
  double drain_per_s = 0;
  std::string paced_by, paced_service, paced_resource;
  double paced_utilization = 0;
  // Time to recover, from the fault's end (0 when it never built a backlog).
  double recovery_s() const { return recovered_at_s > end_s ? recovered_at_s - end_s : 0; }
  // The end of the time it affected: its recovery, its own end when it built
  // no backlog, the run's end when it never recovered.
  double affected_until_s(double run_s) const { return recovered ? std::max(recovered_at_s, end_s) : run_s; }
};

// A drill's `recover_within` that failed: the capacity that meets it,
// found by simulating the drill again with the levers of what paced each
// recovery moved up (and of what paces it next, when that changes), and
// what it costs. Filled by the analysis; `tried` is false when nothing was
// searched (no recover_within failed, or nothing paced a recovery).
struct RecoveryFix {
  bool tried = false, found = false;
  std::vector<ParamMove> moves;       // the last design tried: the one that meets it, when found
  double recovery_s = 0;              // its slowest recovery (the rest of the run when one never recovered)
  double monthly_usd_delta = 0;       // its monthly cost less the design's
  int simulations = 0;
  std::string paced_by, paced_service;  // what paced its slowest recovery (not found: what to raise next)
  std::string why_not;                  // not found: why the search stopped
};

struct RunResult {
  std::string file, name, description, region;
  scenario::Story story;
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
  std::vector<StreamChoice> stream_choices;          // filled by analysis::run_and_explain
  std::vector<Bottleneck> bottlenecks;                // ranked, the binding one first
  std::vector<PathTime> time_by_path;                 // filled by the analysis
  Headroom headroom;                                  // filled by the analysis
  std::vector<Tradeoff> tradeoffs;                    // the levers of the services present
  // How many components and sources had their levers left unweighed: in a
  // large design only those that cost most or run hottest are (analysis/tradeoffs).
  std::size_t tradeoffs_left_out = 0;
  // Sources whose monthly figures are projected from part of their load's
  // cycle, at a load unlike its mean (filled by the analysis).
  std::vector<PartialCycle> partial_cycles;
  std::vector<FaultResult> faults;                    // in time order
  // A drill: the time from each fault's start until it recovered, and the
  // rest after warmup, to the minute (or the metrics interval when finer), and the records delivered per
  // second in each.
  double during_faults_s = 0, outside_faults_s = 0;
  double throughput_during_faults_per_s = 0, throughput_outside_faults_per_s = 0;
  // A drill: the requirements judged on the same design without its faults
  // (empty when the scenario has none).
  std::vector<RequirementResult> requirements_without_faults;
  RecoveryFix recovery_fix;
  std::uint64_t events = 0;
  // Calendar events in each metrics interval, in order: how a run's cost
  // grows with its backlog (benchmarks; not in the reports).
  std::vector<std::uint64_t> events_by_interval;
};

}  // namespace archsim::run

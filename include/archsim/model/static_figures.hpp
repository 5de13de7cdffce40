// What a model says about itself without being simulated, for `archsim
// explain`: given the load the traffic equations offer it, its capacity, a
// first-order latency and its monthly cost. Each model's hook works from its
// parameters, the catalog and that load only, in microseconds.
#pragma once
#include <cstddef>
#include <cstdint>
#include <limits>
#include <optional>
#include <string>
#include <vector>

#include "archsim/model/catalog.hpp"
#include "archsim/model/params.hpp"
#include "archsim/model/query_shape.hpp"
#include "archsim/model/read_shape.hpp"

namespace archsim::model {

inline constexpr double kUnbounded = std::numeric_limits<double>::infinity();

// The load offered to one component over the run, interval by interval, for
// hooks whose figure depends on its history: a capacity that follows its
// previous peak, scheduled runs that each take what arrived since the last.
struct LoadOverTime {
  std::vector<double> starts_s;       // each interval's start; the first is 0
  std::vector<double> records_per_s;  // offered in it
  double end_s = 0;                   // the last interval's end: the run's length
  double length_s(std::size_t i) const {
    return (i + 1 < starts_s.size() ? starts_s[i + 1] : end_s) - starts_s[i];
  }
  // Records offered in [from_s, to_s), the load taken as even within an interval.
  double records_between(double from_s, double to_s) const;
};

// One query source's part of the queries a component answers.
struct QueryPart {
  double queries_per_s = 0;
  double table_bytes = 0;  // the raw size of the table one of its queries reads
  const QueryShape* shape = nullptr;
};

// How a component takes records that arrive all at once (a batch job's
// output): at `burst_capacity` records/s while saved-up credit lets it take
// `burst_records` beyond its sustained `capacity`, then at `capacity`.
struct Absorb {
  double capacity = kUnbounded;
  double burst_capacity = 0, burst_records = 0;
  // Seconds it takes `records` arriving at once; 0 when it is unbounded.
  double seconds_for(double records) const;
};

// The load offered to one component: its mean over the run, and what the
// hooks that need more read (each may ignore every field past `query`).
struct FlowIn {
  double records_per_s = 0;  // records (for a query engine: queries) per second
  double record_bytes = 0;   // mean bytes of one (a query: the raw size of the table it reads)
  // How the records' sizes spread, by the source they come from: what a
  // service that bills or limits each record in whole units of some size
  // needs beyond the mean (empty: only the mean is known).
  struct SizePart {
    engine::Distribution size;  // the source's record size
    double scale = 1;           // of that size, by what the components before changed
    double share = 1;           // of the records
    bool read = false;          // the records of a source of reads (see `reads`)
  };
  std::vector<SizePart> sizes;
  // Each source of reads' part of the records (a `kind: reads` source,
  // model/read_shape.hpp): what its reads ask for, their share of the
  // records on average over the run, their load in each interval of
  // `over_time`, the mean bytes one returns and how they spread. A store that
  // serves reads tells them from its writes by these; to any other model
  // they are records like the rest.
  struct ReadPart {
    const ReadShape* shape = nullptr;
    double share = 0;
    std::vector<double> by_interval;
    double record_bytes = 0;
    std::optional<SizePart> size;
  };
  std::vector<ReadPart> reads;
  double batches_per_s = 0;  // batches arriving per second (an S3 bucket writes one object per batch)
  std::size_t consumers = 1;  // components it sends to (a stream's consumer applications)
  const QueryShape* query = nullptr;  // the shape of the queries it answers, if any
  // The offered load interval by interval (null: the mean, all along).
  const LoadOverTime* over_time = nullptr;
  // The scenario's duration (0: a month). A bill that is not linear in time
  // (storage that accumulates, scheduled runs, minimums per run) is worked
  // out over this span and scaled to a month, as a run's monthly figure is.
  double span_s = 0;
  // The time of day (seconds after midnight) by which each of its runs must
  // finish, where a `completes_by` requirement names it; negative: none. A
  // batch job's room is then the time from a trigger to that deadline where
  // it is shorter than the period between runs.
  double completes_by_s = -1;
  // Each query source's part, when the queries come from several (empty: `query` for all).
  std::vector<QueryPart> queries;
  // How the components it writes to take its output (a batch job writes a
  // run's output as fast as they take it, and is billed meanwhile).
  Absorb downstream;
  double bytes_per_s() const { return records_per_s * record_bytes; }
  // The queries by source: `queries`, or all of them of `query`'s shape.
  std::vector<QueryPart> query_parts() const;
};

// A scheduled run: it takes what arrived before `taken_until_s` and writes
// its output from `from_s` to `at_s`, as fast as what it writes to takes it.
struct Release {
  double taken_until_s = 0, from_s = 0, at_s = 0;
};

// A figure the static view cannot know without simulating, and why.
struct StaticNote {
  std::string figure;  // "peak", "capacity", "monthly cost", ...
  std::string reason;
};

struct StaticFigures {
  double capacity = kUnbounded;  // records/s it carries at most, at the offered record size
  std::string limit;             // what sets the capacity, in words: "450 shards x 1,000 records/s"
  double latency_s = 0;          // first-order time a record spends here at the offered load
  double monthly_usd = 0;        // the bill of a month at the offered load
  double attempts_per_s = 0;     // requests including retries, where the service throttles and clients retry
  double out_batches_per_s = -1;  // batches it sends per second; negative: as many as it receives
  // Keyed units (shards, partitions, subtasks): how many, the records/s one
  // takes at the offered record size, and the hash that places a key on one
  // (null when keys do not pick the unit, or the count is not known ahead).
  double units = 0;
  double unit_capacity = kUnbounded;
  std::uint64_t (*unit_of_key)(std::uint64_t key, std::uint64_t units) = nullptr;
  // Past its capacity: records it holds before it drops the excess (a
  // bounded queue, or what its clients' retries keep going); unbounded: it
  // holds them and passes them on later.
  double queue_records = kUnbounded;
  // Where its capacity changes over the run (on demand): the records/s it
  // takes in each interval of FlowIn::over_time (empty: `capacity` all along).
  std::vector<double> capacity_over_time;
  // capacity_over_time follows the mix of what it serves (reads beside
  // writes, each against its own limit), not a rule that grows with the load.
  bool capacity_follows_mix = false;
  // The share of what it takes that it drops although under its capacity (a
  // random stream finding a small waiting room full), in each interval of
  // FlowIn::over_time (empty: none).
  std::vector<double> loss_over_time;
  // What it sends waits in it while the components downstream refuse it (a
  // job that writes as fast as they take it, a sink that re-queues throttled
  // writes): past their capacity nothing is lost, it is held here.
  bool holds_for_downstream = false;
  // It stops for `pause_s` every `pause_every_s` (a checkpoint stall), then
  // catches up at its capacity: what is downstream sees bursts above the mean.
  double pause_s = 0, pause_every_s = 0;
  // An aggregation: each unit emits each key it saw once per window of this
  // many seconds (then output_ratio applies); 0: every record goes on.
  double key_window_s = 0;
  // Scheduled runs: its output leaves only when a run writes it, all that
  // arrived before the run started; the runs that start writing within the span.
  bool releases_in_runs = false;
  std::vector<Release> releases;
  double out_burst_records = 0;  // records a run writes at once (the largest run's)
  // Its busy share, where it is not the offered load over its capacity (a
  // batch job: the part of the time a run is going; an on-demand mode: the
  // worst ratio of the load to what its rule allows then); negative: load /
  // capacity. `busy_words` says what sets the peak.
  double utilization = -1, peak_utilization = -1;
  std::string busy_words;
  // The multiple of today's load it carries, where that is not 1 / its peak
  // busy share (a batch job whose runs' start-up and fixed reads do not grow
  // with its input); negative: 1 / peak_utilization.
  double headroom = -1;
  // While it takes a burst: saved-up credit lets it take `burst_records`
  // beyond `capacity`, at `burst_capacity` (0: none).
  double burst_capacity = 0, burst_records = 0;
  std::vector<StaticNote> notes;
  // The reads it serves end here (a table answers them; its flows carry only
  // its writes on): the walk passes none of them downstream.
  bool reads_end_here = false;
};

using StaticFiguresFn = StaticFigures (*)(const ParamSet&, const Catalog&, const FlowIn&);

// Queueing approximations the hooks share.
// Erlang's C formula: the probability that an arrival waits at an M/M/c
// station offered `a` = lambda / mu erlangs; 1 when a >= c.
double erlang_c(double c, double a);
// Mean time in an M/M/c station (wait plus service) with `c` servers of mean
// service time `service_s` at `lambda` arrivals/s; +infinity when saturated.
double mmc_sojourn(double c, double lambda, double service_s);
// The probability that an arrival finds an M/M/c station with `queue`
// waiting places full (M/M/c/K with K = c + queue; Erlang's B at queue 0),
// offered `a` erlangs.
double mmck_blocking(double c, double a, double queue);
// Requests per second a client sends to a service that accepts `capacity`
// of the `offered` per second and retries the rest up to `max_retries` times:
// to first order, each round a fraction 1 - capacity / offered is refused
// again, so offered x (1 + q + ... + q^r) with q = max(0, 1 - capacity / offered).
double attempts_with_retries(double offered, double capacity, double max_retries);

// A count for a sentence: whole numbers with thousands separators (304,
// 450,000), others to three significant figures (986.8 -> "987", 0.25).
std::string group_digits(double value);

}  // namespace archsim::model

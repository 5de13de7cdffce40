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
  std::vector<std::pair<std::string, double>> usage;  // the model's billing and behaviour counts
  Series series;
};

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
  std::string name, target_text;
  double target = 0, actual = 0;
  bool at_most = true, pass = false;
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
  std::uint64_t events = 0;
};

}  // namespace archsim::run

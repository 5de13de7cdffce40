// The key figures of a run, each by a stable id that follows the JSON result's
// paths ("cost.monthly_usd", "components.stock_table.utilization.peak",
// "paths.orders->lake.latency_s.p99"), with what it measures and which way is
// better. Replications, comparisons and sweeps all speak of these.
#pragma once
#include <optional>
#include <string>
#include <vector>

#include "archsim/run/result.hpp"

namespace archsim::whatif {

// kClock: a time of day as seconds after a midnight (a batch run's finish),
// which may lie outside 0..24 h: before that midnight or after the next.
enum class Unit { kCount, kRate, kSeconds, kUsd, kFraction, kClock };

// The unit of a difference between two figures (and of an interval's
// half-width): a difference of two clock times is a duration.
inline Unit difference_unit(Unit unit) { return unit == Unit::kClock ? Unit::kSeconds : unit; }
enum class Better { kLower, kHigher, kNeither };

struct Figure {
  std::string id;     // stable, as above
  std::string label;  // for a person: "p99 latency, orders -> lake"
  Unit unit = Unit::kCount;
  Better better = Better::kNeither;
  bool averaged = true;  // false for extremes (max latency, peaks), whose intervals are not about a mean
  double value = 0;
};

// Every key figure of a run, system-wide first, then per path, per component
// and per requirement, in the run's own order.
std::vector<Figure> key_figures(const run::RunResult& r);

// One figure by id (nothing if this run has none by that id).
std::optional<Figure> find_figure(const run::RunResult& r, const std::string& id);

// The unit of a requirement's measured value: seconds for latency and
// freshness, a clock time for completes_by, a rate for throughput, dollars
// for cost, a count otherwise.
Unit requirement_unit(const std::string& requirement_name);

// The id of a requirement's measured value: "requirements.latency_p99", and
// with its scope "requirements.latency_p99[stock_table]",
// "requirements.latency_p99[orders->stock_table]".
std::string requirement_figure_id(const run::RequirementResult& requirement);

// How reports name a requirement: "latency_p99", "latency_p99 at
// stock_table", "completes_by for nightly_etl".
std::string requirement_title(const run::RequirementResult& requirement);

}  // namespace archsim::whatif

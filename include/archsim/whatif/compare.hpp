// The same workload on several designs, side by side. Every design runs the
// same replications with the same seeds (common random numbers): a source of
// the same name draws the same arrivals, record sizes and keys in every
// design, so what differs between the designs' figures comes from the
// designs, not the dice. Each figure is judged per row: the better design,
// and the designs whose difference from it lies within its 95% interval
// (paired by seed), which tie with it rather than lose.
#pragma once
#include <cstdint>
#include <string>
#include <vector>

#include "archsim/scenario/scenario.hpp"
#include "archsim/whatif/figures.hpp"
#include "archsim/whatif/replications.hpp"

namespace archsim::whatif {

struct CompareOptions {
  std::size_t replications = 5;
  unsigned jobs = 0;                   // threads; 0: one per core
  bool common_random_numbers = true;   // false: each design its own seeds (to show what pairing buys)
};

// How a design stands on one row.
enum class Standing { kBetter, kTied, kWorse, kUnranked };

struct ComparedRow {
  std::string id, label;
  Unit unit = Unit::kCount;
  Better better = Better::kNeither;
  std::vector<Interval> values;        // per design
  std::vector<Standing> standing;      // per design
  std::vector<Interval> versus_first;  // per design: its figure minus the first design's (the first: empty)
};

struct Comparison {
  std::vector<Replicated> designs;  // in the order given
  std::uint64_t seed = 1;           // replication k of every design ran seed + k (with common random numbers)
  bool common_random_numbers = true;
  std::vector<ComparedRow> rows;
  std::vector<std::string> warnings;  // what weakens the comparison (sources that differ, ...)
  // A stream of one design beside one of another service in another, fed a
  // source of the same name (Kinesis in A, Kafka in B): analysis::compare_streams.
  std::vector<run::StreamChoice> stream_choices;
};

// Compares designs, each a validated scenario; the seeds are the first
// design's (its `seed`) for all of them.
Comparison compare(const std::vector<scenario::Scenario>& designs, const CompareOptions& options);

// A difference this small against the figure (0.1%) is no win, however
// sure: common random numbers make tiny differences certain, and a design
// that delivers 0.02/s more of 63.7/s is not better for it.
inline constexpr double kNegligibleRelative = 0.001;
bool negligible(const Interval& difference, const Interval& reference);

// The standing of each design on a row, from the designs' intervals: the
// best mean wins unless another design's difference from it is within its
// interval, or is negligible, in which case they tie. Paired differences
// when `paired`.
std::vector<Standing> rank(const std::vector<Interval>& values, Better better, bool paired);

}  // namespace archsim::whatif

// A parameter sweep: every point of a grid (a design with one value of each
// varied parameter) replicated on the same seeds S .. S + N - 1, every key
// figure with its interval; then, over the whole grid, each line's knee (the
// smallest value that meets every requirement) and where lines cross. A
// sweep split into shards gives parts whose points merge into the result the
// whole sweep gives; knees and crossings are only ever computed on the whole.
#pragma once
#include <cstddef>
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "archsim/scenario/diagnostics.hpp"
#include "archsim/scenario/scenario.hpp"
#include "archsim/scenario/yaml_tree.hpp"
#include "archsim/whatif/replications.hpp"
#include "archsim/whatif/sweep_grid.hpp"

namespace archsim::whatif {

// Everything that decides a sweep's numbers; its fingerprint tells the parts
// of different sweeps apart.
struct SweepDefinition {
  SweepGrid grid;
  std::vector<std::string> design_digests;  // MD5 of each design file's text, in hex
  std::vector<std::string> sets;            // --set, --seed, --duration and --warmup as overrides
  std::vector<std::string> faults;          // --fault: drilled at every point
  std::vector<std::string> metrics;         // figure ids reported; the chart draws each
  std::size_t replications = 3;
};

// MD5, in hex, of the definition and archsim's version.
std::string fingerprint(const SweepDefinition& definition);

// cost.monthly_usd, latency_s.worst_p99, accounting.dropped, throughput_per_s.
std::vector<std::string> default_metrics();

struct SweepPoint {
  std::size_t index = 0;  // in the grid
  std::vector<std::uint64_t> seeds;
  std::vector<ReplicatedFigure> figures;
  std::vector<ReplicatedRequirement> requirements;
  const ReplicatedFigure* find(const std::string& id) const;
  bool all_met() const;  // every requirement PASS on its interval (true when there are none)
};

// The designs' files read once: each point is a copy of its design's tree
// with the point's overrides applied.
struct SweepDesign {
  std::string file, digest;
  scenario::YamlNode root;
};
std::optional<std::vector<SweepDesign>> read_designs(const std::vector<std::string>& files,
                                                     scenario::Diagnostics& diags);

// The scenario of every point in `indices`, all loaded before any runs, so a
// value the scenario rejects stops the sweep before it starts. A problem
// with a varied value is reported at the --vary that gave it.
std::optional<std::vector<scenario::Scenario>> load_points(const SweepDefinition& definition,
                                                           const std::vector<SweepDesign>& designs,
                                                           const std::vector<std::size_t>& indices,
                                                           scenario::Diagnostics& diags);

// Checks that each metric names a figure a run of these scenarios can have
// (reported at `--metric:N:1`, with the nearest ids).
void check_metrics(const std::vector<std::string>& metrics, const std::vector<scenario::Scenario>& scenarios,
                   scenario::Diagnostics& diags);

struct SweepRunOptions {
  unsigned jobs = 0;  // 0: one per core
  std::function<void(std::size_t done, std::size_t total)> progress;  // after each run
};

// Runs every (point, replication) in one pool and summarizes each point.
std::vector<SweepPoint> run_points(const std::vector<scenario::Scenario>& scenarios,
                                   const std::vector<std::size_t>& indices, std::size_t replications,
                                   const SweepRunOptions& options);

// One design's points (at one value of the second parameter) along the first
// parameter, ascending when it is numeric, in the list's order otherwise.
struct SweepLine {
  std::size_t design = 0;
  std::optional<std::size_t> second;  // the second parameter's value index
  std::vector<std::size_t> points;    // grid indices
  std::vector<std::size_t> values;    // the first parameter's value index at each
};

struct Knee {
  enum class Kind { kFound, kAtFirst, kNone, kNoRequirements } kind = Kind::kNone;
  std::size_t line = 0;
  std::optional<std::size_t> point;       // the knee's grid index
  std::vector<std::size_t> uncertain;     // grid indices before it where a requirement is UNCERTAIN
  std::optional<std::size_t> fails_again;  // a larger value that misses a requirement again
};

// Two curves (a line's metric) whose means change order between adjacent
// values of the first parameter: where, by linear interpolation, and the
// range of x where their difference's 95% interval holds 0.
struct Crossing {
  std::size_t line_a = 0, line_b = 0;
  std::string metric_a, metric_b;
  double x = 0, low = 0, high = 0;
  bool low_bounded = true, high_bounded = true;  // false: the interval runs past the grid's end
  bool a_lower_before = true;                    // a's mean is below b's before the crossing
  bool paired = true;                            // same seeds: the paired difference's interval
};

struct SweepResult {
  SweepDefinition definition;
  std::vector<std::string> design_names;  // each scenario's name
  std::optional<Shard> shard;             // a part of a sharded sweep
  std::vector<SweepPoint> points;         // ascending index
  // The whole sweep's analysis (empty for a part).
  std::vector<SweepLine> lines;
  std::vector<Knee> knees;
  std::vector<Crossing> crossings;

  bool complete() const { return !shard && points.size() == definition.grid.size(); }
  const SweepPoint& at(std::size_t index) const { return points.at(index); }  // complete results only
  std::string line_name(std::size_t line) const;  // "a.yaml", "shards=4", "a.yaml, shards=4"
};

// Lines, knees and crossings of a complete result.
void analyze(SweepResult& result);

// The parts of one sweep (each --shard K/N's output, or a whole result) as
// the whole, analysed. Refused, with each problem at its part's FILE:1:1,
// when they come from different sweeps or a point is missing or given twice.
std::optional<SweepResult> merge_parts(std::vector<SweepResult> parts, const std::vector<std::string>& files,
                                       scenario::Diagnostics& diags);

}  // namespace archsim::whatif

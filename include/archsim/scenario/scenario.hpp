// A validated scenario: typed, with defaults filled in and every declaration
// carrying the place in the file it came from.
#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "archsim/engine/time.hpp"
#include "archsim/model/component.hpp"
#include "archsim/model/fault.hpp"
#include "archsim/model/params.hpp"
#include "archsim/scenario/story.hpp"

namespace archsim::scenario {

using engine::SimTime;
using model::SourceLoc;

// `params_read`: every parameter was valid. A declaration with an error in
// its parameters is reported once, and no check that reads them (a model's
// own, a neighbour's, a fault's) runs on the partial set that is left.
struct SourceDecl {
  std::string name;
  SourceLoc loc;
  model::ParamSet params;
  bool params_read = true;
};

struct ComponentDecl {
  std::string name;
  std::string service;
  const model::ModelSpec* model = nullptr;
  SourceLoc loc;
  model::ParamSet params;
  bool params_read = true;
};

struct FlowDecl {
  std::string from;
  std::string to;
  std::optional<double> share;  // fraction of `from`'s records; none: a copy of each
  SourceLoc loc;
};

struct Requirement {
  std::string name;         // latency_p99, freshness, throughput, monthly_cost_usd, max_dropped, completes_by, ...
  double target = 0;        // SI units: seconds, records/s, USD, records; completes_by: seconds after midnight
  std::string target_text;  // as written
  bool at_most = true;      // true: actual must be <= target; false: >= target
  SourceLoc loc;
  // What the target is judged on: empty for the whole design (every path);
  // a sink, a path "SOURCE -> SINK", or for completes_by a batch job.
  std::string scope;
  // The "SOURCE -> SINK" paths a scoped latency or freshness target covers,
  // in source then sink order; empty when unscoped or for a job.
  std::vector<std::string> paths;
};

// A fault on the timeline (`faults:` and `--fault`, docs/faults.md): `kind`
// strikes `target`, a component or a source, from `start` until `end`.
struct FaultDecl {
  std::string target;
  model::Fault fault;
  SourceLoc loc;
};

// A candidate's napkin number, written before running (`estimates:`):
// `archsim grade` sets each beside the simulated value
// (docs/challenges.md#estimates).
enum class EstimateKind {
  kNeeded,           // the least value of a component's lever that takes the peak: "inventory_stream.shards: 32"
  kPeakUtilization,  // a component's utilization at the peak (its hottest unit where it has units)
  kP99Freshness,     // the p99 end-to-end latency into a sink or along one path
  kMonthlyCost,      // the whole design's bill for a month
  kBindsFirst,       // the component that binds first as the load grows
};

struct Estimate {
  EstimateKind kind = EstimateKind::kMonthlyCost;
  std::string component;  // kNeeded, kPeakUtilization, kBindsFirst
  std::string key;        // kNeeded: the parameter
  std::string scope;      // kP99Freshness: the sink or "SOURCE -> SINK"
  std::vector<std::string> paths;  // kP99Freshness: the paths it covers
  double value = 0;       // SI: a count, a fraction, seconds, USD
  std::string text;       // as written
  SourceLoc loc;
};

// How a path is named in requirements, reports and messages: "orders -> lake".
inline std::string path_name(const std::string& source, const std::string& sink) { return source + " -> " + sink; }

struct Scenario {
  std::string file;
  std::string name;
  std::string description;
  std::uint64_t seed = 1;
  SimTime duration = 0;
  SourceLoc duration_loc;  // where 'duration' is written (or the --set or option that set it)
  SimTime warmup = 0;
  SimTime metrics_interval = 0;  // time-series bin width
  std::string region = "us-east-1";
  std::vector<SourceDecl> sources;
  std::vector<ComponentDecl> components;
  std::vector<FlowDecl> flows;
  std::vector<Requirement> requirements;
  std::vector<FaultDecl> faults;  // in time order
  // The design challenge this scenario answers (docs/challenges.md), which
  // `archsim grade` judges it against; empty when none.
  std::string challenge;
  SourceLoc challenge_loc;
  std::vector<Estimate> estimates;
  Story story;  // for a class: the prompt, what to look at, questions (story.hpp)
};

// Whether a source sends queries (`kind: queries`) rather than records.
inline bool sends_queries(const SourceDecl& src) {
  return src.params.has("kind") && src.params.text("kind") == "queries";
}
// The same by name: false for a component or a name not declared.
inline bool sends_queries(const Scenario& s, const std::string& name) {
  for (const SourceDecl& src : s.sources)
    if (src.name == name) return sends_queries(src);
  return false;
}
// Whether a source sends reads of a table's items (`kind: reads`).
inline bool sends_reads(const SourceDecl& src) { return src.params.has("kind") && src.params.text("kind") == "reads"; }

}  // namespace archsim::scenario

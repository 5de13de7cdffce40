// Independent replications of one scenario: the same design run with seeds
// S, S + 1, ..., S + N - 1 (S the scenario's seed), in parallel, and every key
// figure stated as the mean over the replications with its 95% confidence
// interval. Replication k is exactly `archsim run --seed S+k`.
#pragma once
#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "archsim/run/result.hpp"
#include "archsim/scenario/scenario.hpp"
#include "archsim/whatif/figures.hpp"
#include "archsim/whatif/statistics.hpp"

namespace archsim::whatif {

// A relative half-width above which a figure's mean is not to be trusted to
// the precision it is printed with: the report flags it.
inline constexpr double kTrustedRelativeHalfWidth = 0.10;

struct ReplicatedFigure {
  Figure figure;      // the id, label, unit and direction (value: the first replication's)
  Interval interval;  // over the replications, in their order
  bool wide() const { return figure.averaged && interval.relative_half_width() > kTrustedRelativeHalfWidth; }
};

// A requirement judged on its interval: met when the whole interval is on
// the right side of the target, missed when the whole of it is on the wrong
// side, and uncertain when the target lies inside it.
enum class Verdict { kPass, kFail, kUncertain };

struct ReplicatedRequirement {
  run::RequirementResult first;  // the first replication's, with its cause
  Interval actual;
  std::size_t passed = 0;  // replications that met it
  Verdict verdict = Verdict::kUncertain;
};

// A figure only some replications have (a path no record took in the others).
struct PartialFigure {
  std::string id, label;
  std::size_t measured = 0;  // replications that have it
};

struct Replicated {
  run::RunResult first;  // replication 1 (seed S), with every analysis (bottlenecks, tradeoffs)
  std::vector<std::uint64_t> seeds;
  std::vector<ReplicatedFigure> figures;  // those every replication has, in the first one's order
  std::vector<PartialFigure> partial;     // left out of `figures`, in first-seen order
  std::vector<ReplicatedRequirement> requirements;
  std::size_t count() const { return seeds.size(); }
  const ReplicatedFigure* find(const std::string& id) const;
};

struct ReplicationOptions {
  std::size_t replications = 1;
  unsigned jobs = 0;            // threads in all, the analyses' runs included; 0: one per core
  bool explain = true;          // run the analyses (bottlenecks, tradeoffs, ...) on the first replication
  std::uint64_t seed_offset = 0;  // replication k runs seed S + seed_offset + k
};

Replicated replicate(const scenario::Scenario& scenario, const ReplicationOptions& options);

// One replication: the scenario with another seed, and with the analyses
// (bottlenecks and their simulated fix, tradeoffs) when `explain`, whose
// runs share the `jobs` threads with whatever else runs (run::parallel_for).
run::RunResult run_replication(const scenario::Scenario& scenario, std::uint64_t seed, bool explain, unsigned jobs = 0);

// The summary of runs already made (in replication order), for callers that
// run them their own way (sweeps run every point's replications in one pool).
Replicated summarize_runs(std::vector<run::RunResult> runs);

Verdict judge(const run::RequirementResult& requirement, const Interval& actual);
const char* verdict_name(Verdict v);  // "PASS", "FAIL", "UNCERTAIN"

}  // namespace archsim::whatif

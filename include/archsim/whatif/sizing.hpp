// `archsim size`: the cheapest setting of a design's levers that meets every
// requirement of its scenario, at its peak and under its faults, found with
// the simulator in the loop (docs/sizing.md). The levers are those the
// models declare (model/diagnosis.hpp): each scaling lever whose move down
// lowers the bill is searched, from explain's static sizing, by bisection
// and then coordinate descent over the levers, every candidate run on the
// same seed (common random numbers); the winner is verified on more seeds,
// and the levers that switch a capacity mode give the runners-up of another
// kind. Data only: the report writes the sentences.
#pragma once
#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "archsim/run/result.hpp"
#include "archsim/scenario/scenario.hpp"

namespace archsim::whatif {

struct SizingOptions {
  // Search only these levers, or keep these fixed: "lever" (every
  // component's), "component.lever", or "component" (all of its levers).
  std::vector<std::string> levers, keep;
  std::size_t max_runs = 400;    // simulations in all, verification included
  double max_seconds = 900;      // wall time; the search stops and reports its best so far
  std::size_t replications = 5;  // the winner's verification: it passes on every one
  unsigned jobs = 0;             // threads (run::parallel_for); 0: one per core
  // What the scenario was loaded with (--set, --seed, --fault): a candidate
  // is its file loaded again with these and its own values as --set, so that
  // it is checked and linked exactly as the file stating them would be.
  std::vector<std::string> overrides, faults;
};

// One lever of one component, as searched.
struct SizedLever {
  std::string component, service, lever, words;
  std::string label_before, label_after;  // the model's diagram label ("450 shards")
  bool label_tells = true;                 // the label changes with the lever (else its parameters show it)
  std::vector<run::ParamMove> moves;      // from the scenario's setting to the chosen one (empty: as written)
  std::vector<run::ParamMove> now;        // the lever's parameters in the chosen design (from and to the same)
  // Explain's sizing of this lever, the others as chosen: the least setting
  // whose component carries the peak by the static figures.
  std::string label_static;
  std::vector<run::ParamMove> static_moves;
  // What one step less does: "" when the lever is at its least (or the
  // search ran out of budget before it tried); else what fails then.
  bool tried_less = false, at_least = false;
  std::string least_words;  // at_least: why it goes no lower, as its model says ("" for its least setting)
  std::string less_refused;  // one step less is not a setting the service allows: why
  std::string less_label;               // the label one step less ("449 shards")
  std::vector<run::ParamMove> less_moves;  // from the scenario, one step less
  std::vector<std::string> fails_less;  // the requirements that fail one step less ("latency_p99 (15 s)")
  std::string binds_less;               // the finding that causes it ("kinesis 'stream', shard write limit")
  std::uint64_t less_seed = 0;          // the seed it fails on (a verification seed, where that one failed)
};

// A design of another kind (on-demand where the winner is provisioned), its
// other levers sized again.
struct RunnerUp {
  std::string component, service, lever, words;
  std::string label;                  // the component's label in it ("on-demand")
  std::vector<run::ParamMove> moves;  // from the scenario
  bool simulated = false, meets = false;
  double monthly_usd = 0;
  std::vector<std::string> fails;  // the requirements it fails, or why it was not run
};

// Query engines of the sized design that answer the same queries (one billed
// per byte scanned, one for its capacity: Athena and Redshift), each at its
// sized setting: which of the two the design needs is the designer's call,
// and this is its price.
struct EngineSide {
  std::string component, service, label;
  double monthly_usd = 0;
  double p99_s = 0;  // the worst p99 of the paths that end at it
  // The design with this engine alone answering the sources (the others
  // dropped, with their flows and the requirements on them), sized again.
  struct Alone {
    bool sized = false;             // searched (false: the design cannot drop the others)
    bool found = false;             // it meets every requirement on every verification seed
    bool ran_out = false;           // the budget ran out before it was sized
    double monthly_usd = 0;         // the whole design's bill
    std::string label;              // the engine's setting there
    std::vector<run::ParamMove> moves;  // from the scenario
    std::vector<std::string> dropped;   // the engines taken out
    std::vector<std::string> fails;     // what still fails, and why no lever clears it
    std::string why_not;
  } alone;
};
struct EngineChoice {
  std::vector<std::string> sources;  // the query sources both answer
  std::vector<EngineSide> engines;   // cheapest first
};

// A component's headroom at the peak in the sized design.
struct SizedHeadroom {
  std::string component, service, resource;
  double peak_utilization = 0;
};

struct Sizing {
  std::string file, name;
  std::uint64_t seed = 1;
  bool found = false;              // a design that meets every requirement on every verification seed
  bool implied_requirements = false;  // the scenario states none: sized to lose no record and keep up
  bool written_meets = false;      // the scenario as written meets them (on the search's seed)
  double monthly_before = 0, monthly_after = 0;
  std::vector<SizedLever> levers;  // searched, in the scenario's order
  std::vector<std::string> kept;   // "component.lever" left as written (--keep, or not named by --lever)
  std::vector<run::ParamMove> moves;        // every move from the scenario to the chosen design
  std::vector<run::RequirementResult> requirements;  // the chosen design's, on the search's seed
  std::size_t verified = 0, verified_of = 0;  // verification seeds it passed, of those run
  std::vector<SizedHeadroom> headroom;
  std::vector<RunnerUp> runners_up;
  std::vector<EngineChoice> engines;
  // Nothing found: the requirement that still fails in the best design
  // tried, and how near it got.
  std::vector<std::string> still_failing;
  std::string why_not;  // in words, when no lever can clear it
  std::size_t runs = 0, max_runs = 0;
  // Of the runs, those stopped once a requirement was failed for certain.
  std::size_t settled_early = 0;
  double seconds = 0, max_seconds = 0;
  bool budget_ran_out = false;
};

Sizing size(const scenario::Scenario& scenario, const SizingOptions& options);

}  // namespace archsim::whatif

// What a service model declares so that analysis and reports can diagnose it
// without knowing which service it is: the limits it runs into, named as the
// service's documentation names them; the levers a designer turns to give a
// limit more room, with the parameters that must move together; why it drops
// records; and the figure that sizes it on a diagram. The analysis reads these
// declarations and nothing else about a service (docs/decisions/0007-diagnosis.md).
#pragma once
#include <optional>
#include <string>
#include <vector>

#include "archsim/metrics/component_probe.hpp"
#include "archsim/model/catalog.hpp"
#include "archsim/model/params.hpp"
#include "archsim/model/static_figures.hpp"

namespace archsim::model {

// A limit of the service. The first a model declares is the one its
// utilization measures and its own queue waits for.
struct Resource {
  std::string id;    // stable, for JSON and tests: "shard_writes"
  std::string name;  // as the documentation names it: "shard write limit (1,000 records/s and 1 MiB/s per shard)"
  std::string unit;  // what the limit applies to one by one ("shard"); empty: the component as a whole
  std::vector<std::string> levers;  // the levers that give it room, in the order they are tried
  // The kinds of time it sets for a record (metrics::Spent): waiting for it
  // (capacity) by default; a buffer sets buffering, a run's length service.
  std::vector<metrics::Spent> time = {metrics::Spent::capacity};
  // What one refusal by it is, after a count, where it is not a request its
  // client retries ("records that waited for a later read"); empty: requests.
  std::string refusals;
};

// One parameter moved by a lever, as numbers (or choices) in stored units.
struct ParamChange {
  std::string key;
  double from = 0, to = 0;
  std::string text_from, text_to;  // for a choice; empty for a number
  bool is_text() const { return !text_to.empty(); }
};

// A knob a designer turns. A scaling lever gives its resource `factor` times
// the room it has today (factor > 1), moving every parameter that must move
// with it (Flink's KPUs with the parallelism); a factor below 1 takes room
// away (the sizer's search for the least that meets the requirements), where
// the lever can move down; a switch (on-demand capacity,
// enhanced fan-out) ignores the factor, and sizes what it switches to for
// `peak`, the load explain offers the component at the peak. `move` returns
// nothing when the lever does not apply to these parameters (shards of an
// on-demand stream) or has no room left before its bound.
struct Lever {
  std::string id;     // "shards", "kpu_parallelism"
  std::string words;  // what it does, for a sentence: "more shards"
  bool scales = true;
  std::string bound;  // where a scaling lever stops, in words: "20,000 shards (the account quota)"
  // Why it goes no lower, in words, where that is not its least setting:
  // "no other node type bills less for it"; empty: "the least it goes".
  std::string least;
  // Between a provisioned and an on-demand bill, which cross at some load.
  bool capacity_mode = false;
  // It relieves a hot key downstream of it (write sharding at a producer,
  // aggregation before the write), which no number of units there can.
  bool spreads_keys = false;
  // It gives each keyed unit more room (a larger broker under a Kafka
  // partition), so it may clear a key that alone overfills one unit.
  bool raises_unit = false;
  // The parameters that are this lever's own, where its move may leave them
  // as they are (a node type that no other fits better); empty: whatever
  // its moves change.
  std::vector<std::string> keys;
  std::vector<ParamChange> (*move)(const ParamSet& params, const Catalog& catalog, const FlowIn& peak,
                                   double factor) = nullptr;
};

// Why a model drops records: the resource whose limit drops them. A record
// dropped for having waited too long (a stream's retention) is the symptom of
// whatever kept it waiting, which the analysis looks for downstream.
struct DropReason {
  std::string reason;    // as the probe counts it: "expired"
  std::string resource;  // a Resource id
  bool waited_too_long = false;
  // The records go where the user keeps them (an on-failure destination, a
  // dead-letter queue): out of the pipeline, but not lost.
  bool set_aside = false;
};

// The parameters a diagram prints under a component's name: "450 shards".
using LabelFn = std::string (*)(const ParamSet& params);

// A parameter a model takes from the component upstream of it, when that one
// offers it: a Lambda function reading a provisioned stream has the stream's
// shard count; a Firehose stream reading a data stream has it as its source
// (not Direct PUT). `offer` returns the value a model offers its consumers
// under `key`, or nothing: a number, or the word of a choice.
struct Offered {
  double number = 0;
  std::string text;  // for a choice parameter
};
using OfferFn = std::optional<Offered> (*)(const ParamSet& params, const std::string& key);

// A problem with parameters that are each valid alone (a Redshift cluster's
// node count outside its node type's range): the key to point at and what to say.
struct ParamProblem {
  std::string key, message;
};
using CheckFn = std::vector<ParamProblem> (*)(const ParamSet& params, const Catalog& catalog,
                                              const std::string& what);

// A problem across the components of one service (a quota their account
// shares): which of them (an index into the list checked) and what to say.
struct SharedProblem {
  std::size_t component = 0;
  ParamProblem problem;
};
// `what` names each component as the messages do ("lambda component 'fn'").
using CheckSharedFn = std::vector<SharedProblem> (*)(const std::vector<const ParamSet*>& components,
                                                     const Catalog& catalog, const std::vector<std::string>& what);

// A lever's move as one change of a number, or nothing when it would not move
// (at its bound): the helper most levers are written with.
std::vector<ParamChange> change_number(const std::string& key, double from, double to);
// `value` times `factor`, rounded up to a whole number (to three significant
// figures past a thousand) and kept within [value + 1, most]; for a factor
// below 1, within [1, value less one step of that grid].
double scaled_whole(double value, double factor, double most);
// The move of a whole-number parameter to `factor` times its value (at most `most`).
std::vector<ParamChange> scale_whole(const ParamSet& params, const std::string& key, double factor, double most);
// The move of a choice to `to`, when it is `from` now.
std::vector<ParamChange> switch_choice(const ParamSet& params, const std::string& key, const std::string& from,
                                       const std::string& to);

}  // namespace archsim::model

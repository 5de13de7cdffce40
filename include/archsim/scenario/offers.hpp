// Parameters a component takes from the component upstream of it, when that
// one offers them (model::ModelSpec::takes and ::offer): a Lambda function
// reading a provisioned stream has one concurrent batch per shard of it. The
// loader links them once; an analysis that changes the upstream value (more
// shards) links them again so that the consumer follows.
#pragma once
#include <string>
#include <vector>

#include "archsim/scenario/scenario.hpp"

namespace archsim::scenario {

// A consumer that states a value other than the one offered to it.
struct OfferMismatch {
  std::size_t consumer = 0, from = 0;  // indexes into Scenario::components
  std::string key;
  model::Offered offered;
};

// Gives every consumer's defaulted taken parameter the value its upstream
// offers; returns the stated values that differ, which it leaves alone.
std::vector<OfferMismatch> take_offers(Scenario& scenario);

}  // namespace archsim::scenario

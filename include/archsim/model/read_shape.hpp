// What one read asks of the store it reaches: the `consistency` of a
// `kind: reads` source. A read travels as a record whose bytes are what the
// read returns (one item for a GetItem, the matched items together for a
// Query) and whose key is the key it reads; a store that serves reads looks
// up the source's shape by the record's origin, and a read ends there.
#pragma once
#include <string>

#include "archsim/model/params.hpp"

namespace archsim::model {

struct ReadShape {
  // Eventually consistent, strongly consistent, or part of a transaction:
  // what a read unit covers differs (DynamoDB: two, one, half a read).
  enum class Consistency { eventual, strong, transactional };
  Consistency consistency = Consistency::eventual;

  // From a source's parameters: `consistency`, eventual when not stated
  // (GetItem's and Query's default).
  static ReadShape from(const ParamSet& source) {
    ReadShape r;
    const std::string word = source.has("consistency") ? source.text("consistency") : "eventual";
    if (word == "strong") r.consistency = Consistency::strong;
    if (word == "transactional") r.consistency = Consistency::transactional;
    return r;
  }
};

}  // namespace archsim::model

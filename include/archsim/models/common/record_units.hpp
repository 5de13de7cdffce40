// Whole units per record. A service that counts each record in units of some
// size (DynamoDB's 1 KB write unit, Kinesis's 25 KB PUT payload unit) rounds
// every record up to whole units, at least one; over records of varying size
// the mean is E[max(1, ceil(S / unit))] = 1 + sum over k >= 1 of P(S > k unit),
// more than the mean size's units when the sizes straddle a unit (records of
// 600 to 1,400 bytes take 1.47 write units of 1,024 on average, not 1).
#pragma once
#include "archsim/engine/distribution.hpp"
#include "archsim/model/static_figures.hpp"

namespace archsim::models {

// For records of `scale` x `size` bytes.
double units_per_record(const engine::Distribution& size, double scale, double unit_bytes);
// For the records of a flow: by the spread of their sizes where it is known,
// else by their mean size.
double units_per_record(const model::FlowIn& in, double unit_bytes);

}  // namespace archsim::models

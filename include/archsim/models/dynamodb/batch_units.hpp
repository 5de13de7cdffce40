// Whole capacity units per record of an arriving batch, as DynamoDB rounds
// each item (or each read's returned bytes) up to whole units of
// `unit_bytes`: a single record by its own size, several by the spread of
// their source's sizes scaled to the batch's mean (models/common/record_units),
// so that a batched run and a record-by-record run consume the same units.
// The last source and scale are remembered: batches of one source repeat them.
#pragma once
#include <cstdint>

#include "archsim/engine/batch.hpp"
#include "archsim/model/network.hpp"

namespace archsim::models {

// The mean bytes of one record of the batch.
double mean_record_bytes(const engine::Batch& batch);

class BatchUnits {
 public:
  BatchUnits() = default;
  explicit BatchUnits(double unit_bytes) : unit_bytes_(unit_bytes) {}
  // Units of one item of `bytes`, at least one.
  double of_item(double bytes) const;
  // Units per record of `batch`, counting `share` of each record's bytes (an
  // index's projection; 1: the whole item). `fixed_bytes` >= 0: every item
  // is that size (a table's stated item_size); negative: the records' own sizes.
  double of(const engine::Batch& batch, const model::Network& network, double fixed_bytes, double share = 1);

 private:
  double unit_bytes_ = 1024;
  std::uint32_t origin_ = ~0u;
  double scale_ = 0, units_ = 1;
};

}  // namespace archsim::models

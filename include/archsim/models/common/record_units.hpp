// Whole units per record. A service that counts each record in units of some
// size (DynamoDB's 1 KB write unit, Kinesis's 25 KB PUT payload unit and its
// on-demand 1 KB ingest rounding, Firehose's 5 KB ingest rounding) rounds
// every record up to whole units, at least one; over records of varying size
// the mean is E[max(1, ceil(S / unit))] = 1 + sum over k >= 1 of P(S > k unit),
// more than the mean size's units when the sizes straddle a unit (records of
// 600 to 1,400 bytes take 1.47 write units of 1,024 on average, not 1).
#pragma once
#include <cstdint>

#include "archsim/engine/batch.hpp"
#include "archsim/engine/distribution.hpp"
#include "archsim/model/network.hpp"
#include "archsim/model/static_figures.hpp"

namespace archsim::models {

// For records of `scale` x `size` bytes.
double units_per_record(const engine::Distribution& size, double scale, double unit_bytes);
// For the records of a flow: by the spread of their sizes where it is known,
// else by their mean size.
double units_per_record(const model::FlowIn& in, double unit_bytes);
// For one record of `bytes`: max(1, ceil(bytes / unit)).
double units_of_record(double bytes, double unit_bytes);

// The mean bytes of one record of the batch.
double mean_record_bytes(const engine::Batch& batch);

// Whole units a record of the batches a simulated model takes: a single
// record by its own size; several (a batch stands for them) by the spread of
// their source's sizes scaled to the batch's mean, as AWS rounds each of them,
// so that a batched run and a record-by-record run bill the same on average.
class BatchUnits {
 public:
  BatchUnits() = default;
  explicit BatchUnits(double unit_bytes) : unit_bytes_(unit_bytes) {}
  // Units per record of `batch`, counting `share` of each record's bytes (a
  // DynamoDB index's projection; 1: the whole record).
  double per_record(const engine::Batch& batch, const model::Network& network, double share = 1);
  // The same, unless `fixed_bytes` >= 0: then every record is that size (a
  // table's stated item_size).
  double of(const engine::Batch& batch, const model::Network& network, double fixed_bytes, double share = 1) {
    return fixed_bytes >= 0 ? of_item(fixed_bytes * share) : per_record(batch, network, share);
  }
  // Units of one record of `bytes` (to the byte), at least one.
  double of_item(double bytes) const;
  double unit_bytes() const { return unit_bytes_; }

 private:
  double unit_bytes_ = 1024;
  // The last batch's answer, by its source and scale: a stream's batches
  // mostly come from one source at its own sizes.
  std::uint32_t origin_ = ~0u;
  double scale_ = 0, units_ = 1;
};

}  // namespace archsim::models

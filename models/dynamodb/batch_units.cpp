// Whole units per record of a batch, remembered by its source and scale.
#include "archsim/models/dynamodb/batch_units.hpp"

#include <algorithm>
#include <cmath>

#include "archsim/models/common/record_units.hpp"

namespace archsim::models {

double mean_record_bytes(const engine::Batch& batch) {
  return static_cast<double>(batch.bytes) / static_cast<double>(std::max<std::uint64_t>(1, batch.count));
}

double BatchUnits::of_item(double bytes) const {
  return std::max(1.0, std::ceil(static_cast<double>(static_cast<std::uint64_t>(std::llround(bytes))) / unit_bytes_));
}

double BatchUnits::of(const engine::Batch& batch, const model::Network& network, double fixed_bytes, double share) {
  if (fixed_bytes >= 0) return of_item(fixed_bytes * share);
  const double mean = mean_record_bytes(batch) * share;
  const engine::Distribution* size = batch.count > 1 ? network.record_size(batch.origin) : nullptr;
  if (!size || size->mean() <= 0) return of_item(mean);
  const double scale = mean / size->mean();
  if (batch.origin != origin_ || std::abs(scale - scale_) > 1e-6 * scale) {
    origin_ = batch.origin, scale_ = scale;
    units_ = units_per_record(*size, scale, unit_bytes_);
  }
  return units_;
}

}  // namespace archsim::models

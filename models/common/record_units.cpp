#include "archsim/models/common/record_units.hpp"

#include <algorithm>
#include <cmath>

namespace archsim::models {

namespace {
// Past this many units a record, the rounding adds half a unit on average
// (the sizes spread over many units), and the sum would be long.
constexpr double kManyUnits = 1000;
constexpr double kNegligible = 1e-12;
}  // namespace

double units_per_record(const engine::Distribution& size, double scale, double unit_bytes) {
  const double mean_units = size.mean() * scale / unit_bytes;
  if (mean_units > kManyUnits) return mean_units + 0.5;
  double units = 1;
  for (double k = 1;; ++k) {
    const double beyond = size.survival(k * unit_bytes / scale);
    if (beyond < kNegligible) break;
    units += beyond;
  }
  return units;
}

double units_per_record(const model::FlowIn& in, double unit_bytes) {
  if (in.sizes.empty()) return units_of_record(in.record_bytes, unit_bytes);
  double units = 0;
  for (const auto& part : in.sizes) units += part.share * units_per_record(part.size, part.scale, unit_bytes);
  return units;
}

// The 1e-9 keeps a size that is a whole number of units, computed in floating
// point (a batch's mean), from taking one unit more.
double units_of_record(double bytes, double unit_bytes) {
  return std::max(1.0, std::ceil(bytes / unit_bytes - 1e-9));
}

double mean_record_bytes(const engine::Batch& batch) {
  return static_cast<double>(batch.bytes) / static_cast<double>(std::max<std::uint64_t>(1, batch.count));
}

double BatchUnits::of_item(double bytes) const {
  return units_of_record(static_cast<double>(std::llround(bytes)), unit_bytes_);
}

double BatchUnits::per_record(const engine::Batch& batch, const model::Network& network, double share) {
  const double mean = mean_record_bytes(batch) * share;
  const engine::Distribution* size = batch.count > 1 ? network.record_size(batch.origin) : nullptr;
  if (!size || size->mean() <= 0) return of_item(mean);
  const double scale = mean / size->mean();
  // A batch split into parts (over shards) keeps its scale up to a byte's rounding.
  if (batch.origin != origin_ || std::abs(scale - scale_) > 1e-6 * scale) {
    origin_ = batch.origin, scale_ = scale;
    units_ = units_per_record(*size, scale, unit_bytes_);
  }
  return units_;
}

}  // namespace archsim::models

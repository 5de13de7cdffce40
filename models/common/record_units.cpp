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
  if (in.sizes.empty()) return std::max(1.0, std::ceil(in.record_bytes / unit_bytes - 1e-9));
  double units = 0;
  for (const auto& part : in.sizes) units += part.share * units_per_record(part.size, part.scale, unit_bytes);
  return units;
}

}  // namespace archsim::models

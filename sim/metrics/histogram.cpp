#include "archsim/metrics/histogram.hpp"

#include <algorithm>
#include <cmath>

namespace archsim::metrics {

std::uint64_t Histogram::lower_bound_of(std::size_t index) {
  if (index < kSub) return index;
  const std::uint64_t shift = (index - kSub) / kSub;
  const std::uint64_t sub = (index - kSub) % kSub;
  return (kSub + sub) << shift;
}

std::uint64_t Histogram::width_of(std::size_t index) {
  if (index < kSub) return 1;
  return std::uint64_t{1} << ((index - kSub) / kSub);
}

void Histogram::merge(const Histogram& other) {
  if (counts_.size() < other.counts_.size()) counts_.resize(other.counts_.size(), 0);
  for (std::size_t i = 0; i < other.counts_.size(); ++i) counts_[i] += other.counts_[i];
  total_ += other.total_;
  sum_ += other.sum_;
  max_ = std::max(max_, other.max_);
  min_ = std::min(min_, other.min_);
}

std::uint64_t Histogram::count_above(std::uint64_t value) const {
  std::uint64_t out = 0;
  for (std::size_t i = counts_.size(); i-- > 0 && lower_bound_of(i) > value;) out += counts_[i];
  return out;
}

double Histogram::quantile(double q) const {
  if (total_ == 0) return 0;
  q = std::clamp(q, 0.0, 1.0);
  const auto rank = std::max<std::uint64_t>(1, static_cast<std::uint64_t>(std::ceil(q * static_cast<double>(total_))));
  std::uint64_t seen = 0;
  for (std::size_t i = 0; i < counts_.size(); ++i) {
    seen += counts_[i];
    if (seen >= rank) {
      const double mid = static_cast<double>(lower_bound_of(i)) + (static_cast<double>(width_of(i)) - 1) / 2;
      return std::clamp(mid, static_cast<double>(min_), static_cast<double>(max_));
    }
  }
  return static_cast<double>(max_);
}

}  // namespace archsim::metrics

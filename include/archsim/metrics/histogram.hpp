// A log-bucketed histogram of non-negative integers (nanoseconds, bytes), in the
// manner of HdrHistogram: 128 linear sub-buckets per power of two, so any
// reported quantile is within 0.4% of a value actually recorded. Memory is
// bounded (at most about 60 KB) whatever the number of samples: the buckets
// grow up to the largest value recorded (14 KB for values up to a
// millisecond in nanoseconds), so a design of thousands of components holds
// only what its latencies use. Mean and max are exact.
#pragma once
#include <array>
#include <bit>
#include <cstdint>
#include <vector>

namespace archsim::metrics {

class Histogram {
 public:
  static constexpr int kSubBits = 7;
  static constexpr std::uint64_t kSub = 1u << kSubBits;
  static constexpr std::size_t kBuckets = kSub + (63 - kSubBits) * kSub;

  Histogram() = default;

  void add(std::int64_t value, std::uint64_t weight = 1) {
    const std::int64_t clipped = value < 0 ? 0 : value;
    const auto v = static_cast<std::uint64_t>(clipped);
    const std::size_t i = index_of(v);
    if (i >= counts_.size()) counts_.resize(i + 1, 0);
    counts_[i] += weight;
    total_ += weight;
    // Converted from signed integers: one instruction each, where an unsigned
    // conversion takes a branch and several (a weight never reaches 2^63).
    sum_ += static_cast<double>(clipped) * static_cast<double>(static_cast<std::int64_t>(weight));
    if (v > max_) max_ = v;
    if (v < min_) min_ = v;
  }

  void merge(const Histogram& other);
  // `weight` values somewhere in bucket `index`, taken at its middle (a
  // histogram rebuilt from bucket counts kept elsewhere).
  void add_to_bucket(std::size_t index, std::uint64_t weight) {
    add(static_cast<std::int64_t>(lower_bound_of(index) + (width_of(index) - 1) / 2), weight);
  }

  std::uint64_t count() const { return total_; }
  double mean() const { return total_ == 0 ? 0 : sum_ / static_cast<double>(total_); }
  std::uint64_t max() const { return total_ == 0 ? 0 : max_; }
  std::uint64_t min() const { return total_ == 0 ? 0 : min_; }
  // The values certainly above `value`: those in buckets that start past it.
  std::uint64_t count_above(std::uint64_t value) const;
  // The q-quantile (0 <= q <= 1) as the midpoint of its bucket, clipped to [min, max].
  double quantile(double q) const;

  static std::size_t index_of(std::uint64_t v) {
    if (v < kSub) return static_cast<std::size_t>(v);
    const int exponent = std::bit_width(v) - 1;  // >= kSubBits
    const int shift = exponent - kSubBits;
    return static_cast<std::size_t>(kSub + static_cast<std::uint64_t>(shift) * kSub + ((v >> shift) - kSub));
  }
  static std::uint64_t lower_bound_of(std::size_t index);
  static std::uint64_t width_of(std::size_t index);

 private:
  std::vector<std::uint64_t> counts_;
  std::uint64_t total_ = 0;
  double sum_ = 0;
  std::uint64_t max_ = 0;
  std::uint64_t min_ = UINT64_MAX;
};

}  // namespace archsim::metrics

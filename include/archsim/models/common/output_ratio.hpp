// Records out per record in for models that filter, aggregate or fan out
// (Flink, batch jobs). The fraction of a record is carried from one batch to
// the next, so a ratio below 1 loses nothing to rounding; the difference
// between in and out is reported as absorbed or created, which keeps the
// record accounting balanced.
#pragma once
#include <algorithm>
#include <cmath>
#include <cstdint>

#include "archsim/metrics/component_probe.hpp"

namespace archsim::models {

class OutputRatio {
 public:
  explicit OutputRatio(double ratio) : ratio_(ratio) {}
  // The records `count` input records become.
  std::uint64_t apply(std::uint64_t count, metrics::ComponentProbe& probe) {
    carry_ += static_cast<double>(count) * ratio_;
    const auto out = static_cast<std::uint64_t>(std::floor(carry_ + 1e-9));
    carry_ = std::max(0.0, carry_ - static_cast<double>(out));
    if (out < count) probe.absorbed(count - out);
    if (out > count) probe.created(out - count);
    return out;
  }

 private:
  double ratio_;
  double carry_ = 0;  // fraction of an output record carried forward
};

}  // namespace archsim::models

// Batches gathered to leave as one: their records and bytes add up, and the
// creation and arrival times are the records' mean times, so mean latency is
// kept and only its spread within the gathering is smoothed.
#pragma once
#include <cstdint>

#include "archsim/engine/batch.hpp"

namespace archsim::models {

class Gathered {
 public:
  void add(const engine::Batch& b) {
    if (batch_.count == 0) {
      batch_ = b;
      created_ = arrived_ = 0;
    } else {
      batch_.count += b.count;
      batch_.bytes += b.bytes;
    }
    created_ += static_cast<double>(b.created) * static_cast<double>(b.count);
    arrived_ += static_cast<double>(b.arrived) * static_cast<double>(b.count);
  }
  std::uint64_t count() const { return batch_.count; }
  // The gathered batch, tagged with key mix `mix`.
  engine::Batch batch(std::uint32_t mix) const {
    engine::Batch b = batch_;
    const auto n = static_cast<double>(b.count);
    b.created = engine::round_half_away(created_ / n);
    b.arrived = engine::round_half_away(arrived_ / n);
    b.mix = mix;
    return b;
  }

 private:
  engine::Batch batch_{.count = 0};
  double created_ = 0, arrived_ = 0;  // sums of the times, weighted by records
};

}  // namespace archsim::models

// Slots holding batches while a timed event refers to them by index (a batch
// in service, a batch on its way through a delay). Freed slots are reused, so
// the pool allocates only when its high-water mark rises.
#pragma once
#include <cstdint>
#include <vector>

#include "archsim/engine/batch.hpp"

namespace archsim::models {

class SlotPool {
 public:
  std::uint64_t put(const engine::Batch& batch) {
    records_ += batch.count;
    ++occupied_;
    if (!free_.empty()) {
      const std::uint64_t slot = free_.back();
      free_.pop_back();
      slots_[slot] = batch;
      return slot;
    }
    slots_.push_back(batch);
    return slots_.size() - 1;
  }
  engine::Batch take(std::uint64_t slot) {
    free_.push_back(slot);
    --occupied_;
    records_ -= slots_[slot].count;
    return slots_[slot];
  }
  std::uint64_t records() const { return records_; }
  // Counted, not derived from the vectors' sizes: servers ask on every event.
  std::size_t occupied() const { return occupied_; }

 private:
  std::vector<engine::Batch> slots_;
  std::vector<std::uint64_t> free_;
  std::uint64_t records_ = 0;
  std::size_t occupied_ = 0;
};

}  // namespace archsim::models

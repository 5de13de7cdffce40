// Queries running in a limited number of slots, the rest waiting first come
// first served: Athena's active-query quota and Redshift's WLM queue slots.
// A query is one record; the models take batches apart with for_each_query so
// that each query waits, runs and is billed on its own.
#pragma once
#include <cstdint>

#include "archsim/engine/batch.hpp"
#include "archsim/models/common/fifo.hpp"
#include "archsim/models/common/slot_pool.hpp"

namespace archsim::models {

template <typename F>
void for_each_query(const engine::Batch& batch, F&& f) {
  engine::Batch rest = batch;
  while (rest.count > 0) f(engine::take_front(rest, 1));
}

class QuerySlots {
 public:
  explicit QuerySlots(std::uint64_t slots) : slots_(slots) {}
  // Slots can grow and shrink (scaling); running queries keep theirs.
  void set_slots(std::uint64_t slots) { slots_ = slots; }
  std::uint64_t slots() const { return slots_; }
  bool has_free_slot() const { return running_.occupied() < slots_; }

  // A query that found every slot taken.
  void wait(const engine::Batch& query) {
    waiting_.push(query);
    ++waited_;
  }
  bool any_waiting() const { return !waiting_.empty(); }
  engine::Batch next() { return waiting_.pop(); }  // precondition: any_waiting()

  // The slot a running query holds, for the event that finishes it.
  std::uint64_t run(const engine::Batch& query) { return running_.put(query); }
  engine::Batch finish(std::uint64_t slot) { return running_.take(slot); }

  std::size_t running() const { return running_.occupied(); }
  std::size_t waiting() const { return waiting_.size(); }
  std::uint64_t held() const { return waiting_.size() + running_.records(); }
  std::uint64_t waited() const { return waited_; }  // queries that ever waited

 private:
  std::uint64_t slots_;
  Fifo<engine::Batch> waiting_;
  SlotPool running_;
  std::uint64_t waited_ = 0;
};

}  // namespace archsim::models

// The event calendar: a 4-ary min-heap of small plain events ordered by
// (time, sequence number). The sequence number makes same-time events run in
// the order they were scheduled, which is what makes a run deterministic.
#pragma once
#include <cstdint>
#include <vector>

#include "archsim/engine/time.hpp"

namespace archsim::engine {

// An event names its handler by index and carries two words for the handler to
// interpret (a tag saying what happened, a slot or value); nothing is allocated.
struct Event {
  SimTime time;
  std::uint64_t seq;
  std::uint32_t handler;
  std::uint32_t tag;
  std::uint64_t data;
};

// A 4-ary heap: half the depth of a binary heap, and sibling keys share cache
// lines. push and pop are inline because every event does one of each.
class Calendar {
 public:
  void push(const Event& e) {
    if (size_ == slots_.size()) grow();
    const Slot s{e.time, e.seq, e.handler | std::uint64_t{e.tag} << 32, e.data};
    // Sift a hole up from the end and write the event once, where it belongs.
    std::size_t i = size_++;
    while (i > 0) {
      const std::size_t parent = (i - 1) / 4;
      if (!before(s, slots_[parent])) break;
      move(slots_[i], slots_[parent]);
      i = parent;
    }
    move(slots_[i], s);
  }

  Event pop() {  // precondition: !empty()
    const Event result = unpack(slots_[0]);
    // Sift a hole down from the root to where the last event belongs; the
    // last event stays put (at size_, past the heap) until it is moved there.
    const Slot& last = slots_[--size_];
    std::size_t i = 0;
    for (;;) {
      const std::size_t first = 4 * i + 1;
      if (first >= size_) break;
      std::size_t best = first;
      const std::size_t end = first + 4 < size_ ? first + 4 : size_;
      for (std::size_t c = first + 1; c < end; ++c)
        if (before(slots_[c], slots_[best])) best = c;
      if (!before(slots_[best], last)) break;
      move(slots_[i], slots_[best]);
      i = best;
    }
    move(slots_[i], last);
    return result;
  }

  Event top() const { return unpack(slots_[0]); }  // precondition: !empty()
  SimTime next_time() const { return slots_[0].time; }  // precondition: !empty()
  bool empty() const { return size_ == 0; }
  std::size_t size() const { return size_; }
  void reserve(std::size_t n) {
    if (n > slots_.size()) slots_.resize(n);
  }

 private:
  // An event as four 8-byte words, handler and tag packed in one. Slots are
  // written and read a word at a time: an event is usually popped moments
  // after it was pushed, and a load wider than the stores that wrote it (a
  // block copy, or a handler and tag read as one word) would wait for those
  // stores to retire instead of taking its data from them.
  struct Slot {
    SimTime time;
    std::uint64_t seq;
    std::uint64_t handler_tag;
    std::uint64_t data;
  };
  static void move(Slot& to, const Slot& from) {
    to.time = from.time;
    to.seq = from.seq;
    to.handler_tag = from.handler_tag;
    to.data = from.data;
  }
  static Event unpack(const Slot& s) {
    return {s.time, s.seq, static_cast<std::uint32_t>(s.handler_tag), static_cast<std::uint32_t>(s.handler_tag >> 32),
            s.data};
  }
  static bool before(const Slot& a, const Slot& b) {
    return a.time < b.time || (a.time == b.time && a.seq < b.seq);
  }
  void grow();  // doubles the slots: the calendar allocates only when its high-water mark rises
  std::vector<Slot> slots_;  // slots_[0, size_) is the heap; the rest is room to grow
  std::size_t size_ = 0;
};

}  // namespace archsim::engine

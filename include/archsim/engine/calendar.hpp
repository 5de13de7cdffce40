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

class Calendar {
 public:
  void push(const Event& e);
  Event pop();  // precondition: !empty()
  const Event& top() const { return heap_.front(); }
  bool empty() const { return heap_.empty(); }
  std::size_t size() const { return heap_.size(); }
  void reserve(std::size_t n) { heap_.reserve(n); }

 private:
  static bool before(const Event& a, const Event& b) {
    return a.time < b.time || (a.time == b.time && a.seq < b.seq);
  }
  std::vector<Event> heap_;
};

}  // namespace archsim::engine

// The simulation kernel: a clock, a calendar and a list of handlers. It knows
// nothing of what it simulates; models register handlers and schedule events.
// Like SimPy's Environment, it is an object passed by reference, never a global.
#pragma once
#include <cstdint>
#include <vector>

#include "archsim/engine/calendar.hpp"
#include "archsim/engine/time.hpp"

namespace archsim::engine {

using HandlerId = std::uint32_t;

// Anything that reacts to events. One virtual call per event: the dispatch is
// through a handler table, the event itself is a tagged plain struct.
class Handler {
 public:
  virtual ~Handler() = default;
  virtual void handle(const Event& event) = 0;
};

class Engine {
 public:
  HandlerId add_handler(Handler* handler);

  SimTime now() const { return now_; }

  // Events at or after `end` of run_until stay in the calendar, unprocessed.
  // Inline: models schedule about one event per event handled.
  void schedule_at(SimTime time, HandlerId handler, std::uint32_t tag = 0, std::uint64_t data = 0) {
    if (time < now_) [[unlikely]] throw_in_past();
    calendar_.push(Event{time, next_seq_++, handler, tag, data});
  }
  // A delay past the end of representable time is an event that never comes
  // (kForever): it stays in the calendar, as in flight, and never fires.
  // (A negative delay lands before now, which schedule_at refuses.)
  void schedule_in(SimTime delay, HandlerId handler, std::uint32_t tag = 0, std::uint64_t data = 0) {
    schedule_at(later(now_, delay), handler, tag, data);
  }

  // Runs every event with time < end in (time, seq) order, then sets the clock to end.
  void run_until(SimTime end);

  std::uint64_t events_processed() const { return events_processed_; }
  std::size_t pending() const { return calendar_.size(); }

 private:
  [[noreturn]] static void throw_in_past();
  SimTime now_ = 0;
  std::uint64_t next_seq_ = 0;
  std::uint64_t events_processed_ = 0;
  Calendar calendar_;
  std::vector<Handler*> handlers_;
};

}  // namespace archsim::engine

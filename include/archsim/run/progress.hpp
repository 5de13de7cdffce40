// How far the simulations of the process have got, for a progress line. The
// run counts as it goes; the command line decides whether and how to show it.
// Counted across threads: replications and fix trials run side by side.
#pragma once
#include <cstdint>

namespace archsim::run {

struct ProgressCount {
  std::uint64_t started = 0;   // simulations begun
  std::uint64_t finished = 0;  // and ended, done or stopped
  // Simulated time of the simulations still running: done of planned.
  std::uint64_t running_done_ns = 0, running_planned_ns = 0;
};

// What every simulation of the process has done so far.
ProgressCount progress_now();

// One simulation's share of the count, from its start to its end (or to an
// exception that stops it).
class ProgressTicket {
 public:
  explicit ProgressTicket(std::int64_t planned_ns);
  ~ProgressTicket();
  ProgressTicket(const ProgressTicket&) = delete;
  ProgressTicket& operator=(const ProgressTicket&) = delete;
  // The simulated clock has reached `now_ns` of the planned time.
  void reached(std::int64_t now_ns);

 private:
  std::uint64_t planned_, done_ = 0;
};

}  // namespace archsim::run

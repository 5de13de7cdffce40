// The event budget checked while a run goes: its events so far, projected to
// the whole simulated time, against scenario::kMaxEvents. The check before
// the run counts each source's arrivals; this one also sees what arrivals
// alone do not (a batch split across shards, pollers, timers), and stops a
// run bound to exceed the budget within its first thousandths.
#pragma once
#include <cstdio>
#include <string>

#include "archsim/run/simulation.hpp"
#include "archsim/scenario/scale.hpp"

namespace archsim::run {

class EventBudget {
 public:
  // `cap`: a caller's smaller budget (0: none), reached as RunCapReached.
  explicit EventBudget(const scenario::Scenario& s, double cap = 0)
      : duration_(s.duration), step_(std::max<engine::SimTime>(1, s.duration / 1000)), loc_(s.duration_loc),
        cap_(cap > 0 && cap < scenario::kMaxEvents ? cap : 0) {}

  // The first check strictly after `t`: a thousandth of the run apart.
  engine::SimTime next_check(engine::SimTime t) const { return (t / step_ + 1) * step_; }

  // Throws Overloaded, at 'duration', when `events` by time `at` project past the budget.
  void check(engine::SimTime at, std::uint64_t events) const {
    // Below this the pace is too young to project: a run's first events
    // are its warm start, not its pace.
    constexpr double kFewestToProject = 2e6;
    const double so_far = static_cast<double>(events);
    if (so_far < kFewestToProject || at <= 0) return;
    const double projected = so_far * static_cast<double>(duration_) / static_cast<double>(at);
    if (cap_ > 0 && projected > cap_)
      throw RunCapReached("the run would take about " + scenario::about(projected) + " events, past the cap of " +
                              scenario::about(cap_),
                          so_far);
    if (projected <= scenario::kMaxEvents) return;
    std::string message = "the run would take about " + scenario::about(projected) + " events (" + scenario::about(so_far) + " in its first " +
                          span(at) + " of " + span(duration_) + "), more than archsim's budget of " +
                          scenario::about(scenario::kMaxEvents) + " (hours on one core); shorten 'duration' to at most " +
                          span(static_cast<engine::SimTime>(static_cast<double>(duration_) * scenario::kMaxEvents /
                                                            projected)) +
                          " at this pace, give the sources a 'batch' interval (batch: 1s sends a second of records "
                          "as one event), or check the rates' units";
    throw Overloaded(message, loc_);
  }

 private:
  static std::string span(engine::SimTime t) {
    char out[32];
    const double s = engine::to_seconds(t);
    if (s >= 3600) std::snprintf(out, sizeof out, "%.3g h", s / 3600);
    else if (s >= 60) std::snprintf(out, sizeof out, "%.3g min", s / 60);
    else std::snprintf(out, sizeof out, "%.3g s", s);
    return out;
  }
  engine::SimTime duration_, step_;
  model::SourceLoc loc_;
  double cap_;
};

}  // namespace archsim::run

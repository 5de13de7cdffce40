// Runs a validated scenario: builds the network of sources and service models
// in topological order, drives the engine to the end of the simulated time,
// and gathers the result. The record-accounting invariants of the result
// contract are checked before anything is returned.
#pragma once
#include <stdexcept>

#include "archsim/run/result.hpp"
#include "archsim/scenario/scenario.hpp"

namespace archsim::run {

// A broken invariant: a bug in archsim, never a result to print.
class InvariantViolation : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// A design that cannot keep up and whose queue grew past what the machine can
// hold: reported against the component whose queue it was, as bad input.
class Overloaded : public std::runtime_error {
 public:
  Overloaded(const std::string& message, model::SourceLoc where) : std::runtime_error(message), loc(std::move(where)) {}
  model::SourceLoc loc;
};

// A run stopped at a caller's cap (the sizer's, for a candidate whose
// queues grow): not bad input, a verdict on the design.
class RunCapReached : public std::runtime_error {
 public:
  RunCapReached(const std::string& message, double events_so_far) : std::runtime_error(message), events(events_so_far) {}
  double events;  // processed when it stopped
};

struct RunLimits {
  // Events a run may take, projected from its pace within its first
  // thousandths (0: archsim's own budget, scenario::kMaxEvents, past which
  // the run is refused as Overloaded); below that budget, RunCapReached.
  double max_events = 0;
};

RunResult simulate(const scenario::Scenario& scenario, const RunLimits& limits = {});

// Throws InvariantViolation naming every broken invariant.
void check_invariants(const RunResult& result);

// The time-series bin width used when the scenario sets none: a round interval
// giving at most about 120 bins.
engine::SimTime default_metrics_interval(engine::SimTime duration);

}  // namespace archsim::run

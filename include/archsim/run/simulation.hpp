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
  // Stop, with RequirementFailed, once a requirement of the scenario is
  // failed whatever the rest of the run does (FailureWatch says which
  // failures are settled early): a caller that wants only the verdict.
  bool stop_when_failed = false;
  // With it, a caller's own cap on drops (negative: none but the scenario's).
  double most_dropped = -1;
};

// A run stopped at a requirement it had failed for certain (RunLimits::stop_when_failed).
class RequirementFailed : public std::runtime_error {
 public:
  RequirementFailed(const std::string& requirement, double at_s, double events_so_far)
      : std::runtime_error(requirement), at(at_s), events(events_so_far) {}
  double at;      // simulated seconds when it was settled
  double events;  // processed by then
};

RunResult simulate(const scenario::Scenario& scenario, const RunLimits& limits = {});

// Throws InvariantViolation naming every broken invariant.
void check_invariants(const RunResult& result);

// The time-series bin width used when the scenario sets none: a round interval
// giving at most about 120 bins.
engine::SimTime default_metrics_interval(engine::SimTime duration);

}  // namespace archsim::run

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

RunResult simulate(const scenario::Scenario& scenario);

// Throws InvariantViolation naming every broken invariant.
void check_invariants(const RunResult& result);

// The time-series bin width used when the scenario sets none: a round interval
// giving at most about 120 bins.
engine::SimTime default_metrics_interval(engine::SimTime duration);

}  // namespace archsim::run

// Capacity billed only while it works: periods of activity, each billed per
// second (its length rounded up to the whole second) and at least a minimum.
// Redshift concurrency scaling clusters are billed while they run queries;
// Redshift Serverless while any query runs, with its 60-second minimum.
// `weight` is what one second of the period counts in billed units (nodes,
// RPUs); it may change within a period (Serverless scaling up).
#pragma once
#include <algorithm>
#include <cmath>

#include "archsim/engine/time.hpp"

namespace archsim::models {

class ActivityMeter {
 public:
  explicit ActivityMeter(double min_s = 0) : min_s_(min_s) {}
  bool active() const { return active_; }
  void begin(engine::SimTime t, double weight) {
    active_ = true;
    since_ = last_ = t;
    weight_ = first_weight_ = weight;
    period_ = 0;
  }
  void reweigh(engine::SimTime t, double weight) {
    accrue(t);
    weight_ = weight;
  }
  // Ends the period and returns the unit-seconds billed for it.
  double end(engine::SimTime t) {
    accrue(t);
    active_ = false;
    const double length = engine::to_seconds(t - since_);
    const double rounded = length > 0 ? period_ * std::ceil(length - 1e-9) / length : 0;
    const double billed = std::max(rounded, min_s_ * first_weight_);
    used_ += period_;
    billed_ += billed;
    return billed;
  }
  double used() const { return used_; }      // unit-seconds worked, unrounded
  double billed() const { return billed_; }  // unit-seconds billed

 private:
  void accrue(engine::SimTime t) {
    period_ += weight_ * engine::to_seconds(t - last_);
    last_ = t;
  }
  double min_s_;
  bool active_ = false;
  engine::SimTime since_ = 0, last_ = 0;
  double weight_ = 0, first_weight_ = 0, period_ = 0, used_ = 0, billed_ = 0;
};

}  // namespace archsim::models

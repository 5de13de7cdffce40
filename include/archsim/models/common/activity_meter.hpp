// Capacity billed only while it works: periods of activity, each billed per
// second (its length rounded up to the whole second) and at least a minimum.
// Redshift concurrency scaling clusters are billed while they run queries;
// Redshift Serverless while any query runs, with its 60-second minimum.
// `weight` is what one second of the period counts in billed units (nodes,
// RPUs); it may change within a period (Serverless scaling up).
// The minimum covers the seconds from a period's start; a period that starts
// inside the last one's minimum is already paid up to that minimum's end, so
// no second is billed twice and a busy hour never bills more than an hour
// ("billed for each second, with a 60-second minimum ... nothing while the
// endpoint is idle": docs.aws.amazon.com/redshift/latest/mgmt/
// serverless-express-capacity-billing.html, retrieved 2026-12).
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
    paid_ = std::max<engine::SimTime>(0, paid_until_ - t);  // of this period, already billed by the last one's minimum
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
    const double paid = engine::to_seconds(paid_) * first_weight_;
    const double billed = std::max(0.0, std::max(rounded, min_s_ * first_weight_) - paid);
    paid_until_ = std::max(paid_until_, since_ + std::max(t - since_, engine::from_seconds(min_s_)));
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
  engine::SimTime paid_until_ = 0, paid_ = 0;
  double weight_ = 0, first_weight_ = 0, period_ = 0, used_ = 0, billed_ = 0;
};

}  // namespace archsim::models

// Load profiles: a factor that multiplies a source's rate over simulated time.
// Every profile except `steps` and `spike` has mean 1 over its cycle, so a
// source's `rate` stays its long-run mean rate. Time 0 is midnight on a
// Monday.
#pragma once
#include <vector>

#include "archsim/engine/time.hpp"

namespace archsim::model {

using engine::SimTime;

struct ProfileStep {
  SimTime at;
  double factor;
};

class Profile {
 public:
  enum class Kind { constant, diurnal, spike, steps, business_hours };

  static Profile constant() { return Profile(Kind::constant); }
  // A 24 h cycle with mean 1 whose maximum, at time of day `peak_at`, is `peak_factor`.
  static Profile diurnal(double peak_factor, SimTime peak_at);
  // `factor` during [at, at + length), 1 elsewhere; with `every` > 0, again
  // every `every` (a month-end peak: at 27d, for 3d, every 30d).
  static Profile spike(SimTime at, SimTime length, double factor, SimTime every = 0);
  // A week whose first `days` days are open from `open` to `close` (times of
  // day): off-hours run at `outside` times the open-hours rate, and the week
  // has mean 1, so the open hours carry most of the load.
  static Profile business_hours(SimTime open, SimTime close, int days, double outside);
  // The factor of the last step whose `at` has passed; 1 before the first step.
  static Profile steps(std::vector<ProfileStep> steps);

  // The same profile multiplied by `factor` from `start` until `end`: a
  // load spike drilled beside the profile (a `spike` fault, model/fault.hpp).
  Profile with_overlay(SimTime start, SimTime end, double factor) const;
  bool has_overlays() const { return !overlays_.empty(); }

  Kind kind() const { return kind_; }
  double factor_at(SimTime t) const;
  double max_factor() const;
  // The next time after t at which a piecewise-constant profile, or an
  // overlay, changes; kForever when nothing does.
  SimTime next_change_after(SimTime t) const;
  // The period the load repeats with (a day for diurnal, a week for business
  // hours, a spike's `every`, steps' period); 0 when it does not repeat.
  SimTime cycle() const;
  // The mean factor over [from, to): exact on piecewise-constant profiles
  // and spikes however short, a smooth part (a diurnal curve) from evenly
  // spaced samples; bounded by the maximum past 100,000 pieces.
  double mean_between(SimTime from, SimTime to) const;

 private:
  struct Overlay {
    SimTime start, end;
    double factor;
  };
  explicit Profile(Kind kind) : kind_(kind) {}
  double base_factor_at(SimTime t) const;
  double base_max_factor() const;
  SimTime base_next_change_after(SimTime t) const;
  Kind kind_;
  double peak_factor_ = 1;
  double shape_k_ = 0;  // diurnal with peak_factor > 2: exponent of the raised cosine
  SimTime peak_at_ = 0;
  std::vector<ProfileStep> steps_;
  SimTime period_ = 0;  // > 0: the steps repeat with this period
  std::vector<Overlay> overlays_;
};

}  // namespace archsim::model

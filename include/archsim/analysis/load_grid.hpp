// The scenario's span cut into intervals for the static view of its load
// over time: regular steps, fine enough for a daily shape and for the
// 15-minute steps of on-demand capacity, cut again wherever a piecewise
// constant profile (steps, spikes, business hours) changes, so that every
// interval has one rate: exact for those, the interval's mean for the daily one.
#pragma once
#include <vector>

#include "archsim/model/profile.hpp"
#include "archsim/model/static_figures.hpp"
#include "archsim/scenario/scenario.hpp"

namespace archsim::analysis {

// The intervals of the scenario's span; records_per_s is left empty.
model::LoadOverTime load_grid(const scenario::Scenario& scenario);
// A profile's mean factor over each interval of `grid`.
std::vector<double> profile_factors(const model::Profile& profile, const model::LoadOverTime& grid);

}  // namespace archsim::analysis

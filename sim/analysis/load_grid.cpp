// Intervals of the span and each profile's factor over them: the time base
// of the static view's walk (traffic.cpp) and of the models' hooks that read
// the load over the run.
#include "archsim/analysis/load_grid.hpp"

#include <algorithm>
#include <cmath>
#include <set>

namespace archsim::analysis {

namespace {

// About a thousand and a half steps a span (a minute a day), but no shorter
// than a second: the simulated sources batch records by the second or more.
constexpr double kSteps = 1440, kShortest_s = 1;

}  // namespace

model::LoadOverTime load_grid(const scenario::Scenario& s) {
  const engine::SimTime end = std::max<engine::SimTime>(s.duration, engine::kSecond);
  const auto step = std::max<engine::SimTime>(engine::round_half_away(kShortest_s * 1e9),
                                              static_cast<engine::SimTime>(static_cast<double>(end) / kSteps));
  // Cut half a step in, so that the midpoints fall on whole steps: a daily
  // peak at a whole minute (14:00) is then sampled where it is highest.
  std::set<engine::SimTime> cuts{0};
  for (engine::SimTime t = step / 2; t < end; t += step) cuts.insert(t);
  for (const auto& source : s.sources) {
    const model::Profile& profile = *source.params.at("profile").profile;
    for (engine::SimTime t = profile.next_change_after(-1); t < end; t = profile.next_change_after(t))
      if (t >= 0) cuts.insert(t);
  }
  model::LoadOverTime grid;
  for (const engine::SimTime t : cuts) grid.starts_s.push_back(engine::to_seconds(t));
  grid.end_s = engine::to_seconds(end);
  return grid;
}

// Piecewise constant on each interval (the cuts include its changes); the
// daily shape at the interval's midpoint, whose error over a minute of a day
// (a millionth) is far below the rate's own noise.
std::vector<double> profile_factors(const model::Profile& profile, const model::LoadOverTime& grid) {
  std::vector<double> out(grid.starts_s.size());
  const bool smooth = profile.kind() == model::Profile::Kind::diurnal;
  auto at = [&](double s) { return profile.factor_at(engine::round_half_away(s * 1e9)); };
  for (std::size_t i = 0; i < out.size(); ++i) {
    const double a = grid.starts_s[i], b = a + grid.length_s(i);
    out[i] = at(smooth ? (a + b) / 2 : a);
  }
  return out;
}

}  // namespace archsim::analysis

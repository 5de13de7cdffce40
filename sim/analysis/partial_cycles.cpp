#include "archsim/analysis/partial_cycles.hpp"

#include <cmath>

namespace archsim::analysis {

namespace {

// A span within 5% of the cycle's mean load projects a fair month.
constexpr double kFair = 0.05;

}  // namespace

std::vector<run::PartialCycle> partial_cycles(const scenario::Scenario& s) {
  std::vector<run::PartialCycle> out;
  for (const auto& src : s.sources) {
    const model::Profile& profile = *src.params.at("profile").profile;
    const engine::SimTime cycle = profile.cycle();
    if (cycle <= 0 || s.duration <= 0) continue;
    const engine::SimTime whole = s.duration / cycle * cycle;
    if (whole == s.duration) continue;  // whole cycles: the month is projected from their mean
    const double cycle_mean = profile.mean_between(0, cycle);
    if (!(cycle_mean > 0)) continue;
    const double factor = profile.mean_between(0, s.duration) / cycle_mean;
    if (std::abs(factor - 1) <= kFair) continue;
    out.push_back({.source = src.name, .span_s = engine::to_seconds(s.duration),
                   .cycle_s = engine::to_seconds(cycle), .load_factor = factor});
  }
  return out;
}

}  // namespace archsim::analysis

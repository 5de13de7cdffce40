// The diurnal shape: for peak_factor <= 2 a cosine 1 + (p - 1) cos(theta), which
// stays non-negative; above 2 a raised cosine p * ((1 + cos theta) / 2)^k, with k
// chosen so the cycle mean is exactly 1: the mean of ((1 + cos)/2)^k over a
// cycle is Gamma(k + 1/2) / (sqrt(pi) Gamma(k + 1)).
#include <algorithm>
#include <cmath>
#include <numbers>

#include "archsim/model/profile.hpp"

namespace archsim::model {

namespace {
double raised_cosine_mean(double k) {
  return std::exp(std::lgamma(k + 0.5) - std::lgamma(k + 1) - 0.5 * std::log(std::numbers::pi));
}

double exponent_for_peak(double peak_factor) {
  double lo = 0, hi = 1;
  while (raised_cosine_mean(hi) * peak_factor > 1) hi *= 2;
  for (int i = 0; i < 200; ++i) {
    const double mid = (lo + hi) / 2;
    (raised_cosine_mean(mid) * peak_factor > 1 ? lo : hi) = mid;
  }
  return (lo + hi) / 2;
}
}  // namespace

Profile Profile::diurnal(double peak_factor, SimTime peak_at) {
  Profile p(Kind::diurnal);
  p.peak_factor_ = peak_factor;
  p.peak_at_ = peak_at;
  if (peak_factor > 2) p.shape_k_ = exponent_for_peak(peak_factor);
  return p;
}

Profile Profile::spike(SimTime at, SimTime length, double factor, SimTime every) {
  Profile p = steps({{at, factor}, {at + length, 1.0}});
  if (every > 0) {
    // Within each period: the spike from at % every, for `length`.
    const SimTime start = at % every;
    p.steps_ = {{0, 1.0}, {start, factor}, {start + length, 1.0}};
    p.period_ = every;
  }
  p.kind_ = Kind::spike;
  return p;
}

Profile Profile::business_hours(SimTime open, SimTime close, int days, double outside) {
  const double open_share = static_cast<double>(days) * static_cast<double>(close - open) / (7.0 * engine::kDay);
  const double high = 1.0 / (open_share + outside * (1 - open_share));
  Profile p(Kind::business_hours);
  p.steps_.push_back({0, outside * high});
  for (int d = 0; d < days; ++d) {
    p.steps_.push_back({d * engine::kDay + open, high});
    p.steps_.push_back({d * engine::kDay + close, outside * high});
  }
  p.period_ = 7 * engine::kDay;
  return p;
}

Profile Profile::steps(std::vector<ProfileStep> steps) {
  Profile p(Kind::steps);
  p.steps_ = std::move(steps);
  return p;
}

double Profile::base_factor_at(SimTime t) const {
  switch (kind_) {
    case Kind::constant:
      return 1;
    case Kind::diurnal: {
      const double theta = 2 * std::numbers::pi * static_cast<double>((t - peak_at_) % engine::kDay) /
                           static_cast<double>(engine::kDay);
      if (shape_k_ == 0) return 1 + (peak_factor_ - 1) * std::cos(theta);
      return peak_factor_ * std::pow((1 + std::cos(theta)) / 2, shape_k_);
    }
    case Kind::spike:
    case Kind::steps:
    case Kind::business_hours: {
      const SimTime in_cycle = period_ > 0 ? t % period_ : t;
      double factor = 1;
      for (const auto& s : steps_) {
        if (s.at > in_cycle) break;
        factor = s.factor;
      }
      return factor;
    }
  }
  return 1;
}

double Profile::base_max_factor() const {
  switch (kind_) {
    case Kind::constant:
      return 1;
    case Kind::diurnal:
      return peak_factor_;
    case Kind::spike:
    case Kind::steps:
    case Kind::business_hours: {
      double m = kind_ == Kind::business_hours ? 0 : 1;
      for (const auto& s : steps_) m = std::max(m, s.factor);
      return m;
    }
  }
  return 1;
}

SimTime Profile::base_next_change_after(SimTime t) const {
  if (steps_.empty()) return engine::kForever;
  if (period_ > 0) {
    const SimTime cycle = t - t % period_;
    for (const auto& s : steps_)
      if (cycle + s.at > t) return cycle + s.at;
    return cycle + period_ + steps_.front().at;  // the first step of the next cycle
  }
  for (const auto& s : steps_)
    if (s.at > t) return s.at;
  return engine::kForever;
}

Profile Profile::with_overlay(SimTime start, SimTime end, double factor) const {
  Profile p = *this;
  p.overlays_.push_back({start, end, factor});
  return p;
}

double Profile::factor_at(SimTime t) const {
  double f = base_factor_at(t);
  for (const Overlay& o : overlays_)
    if (t >= o.start && t < o.end) f *= o.factor;
  return f;
}

double Profile::max_factor() const {
  double m = base_max_factor();
  for (const Overlay& o : overlays_) m *= std::max(1.0, o.factor);
  return m;
}

SimTime Profile::next_change_after(SimTime t) const {
  SimTime next = kind_ == Kind::diurnal || kind_ == Kind::constant ? engine::kForever : base_next_change_after(t);
  for (const Overlay& o : overlays_) {
    if (o.start > t) next = std::min(next, o.start);
    if (o.end > t) next = std::min(next, o.end);
  }
  return next;
}

SimTime Profile::cycle() const {
  switch (kind_) {
    case Kind::diurnal: return engine::kDay;
    case Kind::constant: return 0;
    default: return period_;
  }
}

double Profile::mean_between(SimTime from, SimTime to) const {
  constexpr int kMostPieces = 100000;
  constexpr int kSamples = 64;
  if (to <= from) return factor_at(from);
  double integral = 0;
  SimTime t = from;
  for (int piece = 0; t < to; ++piece) {
    if (piece == kMostPieces) return max_factor();
    const SimTime next = std::min(to, next_change_after(t));
    const double length = static_cast<double>(next - t);
    double sum = 0;
    for (int i = 0; i < kSamples; ++i) sum += factor_at(t + static_cast<SimTime>(length * (i + 0.5) / kSamples));
    integral += sum / kSamples * length;
    t = next;
  }
  return integral / static_cast<double>(to - from);
}

}  // namespace archsim::model

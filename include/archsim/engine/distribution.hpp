// Probability distributions for service times, latencies and sizes. Values are
// plain doubles in whatever unit the caller chose (nanoseconds for times, bytes
// for sizes); the caller rounds. Every sample uses a fixed number of draws
// except the Zipf sampler's rare rejections, which keeps streams aligned.
#pragma once
#include <cmath>
#include <cstdint>

#include "archsim/engine/rng.hpp"

namespace archsim::engine {

class Distribution {
 public:
  enum class Kind { constant, exponential, uniform, lognormal };

  static Distribution constant(double value) { return {Kind::constant, value, 0}; }
  static Distribution exponential(double mean) { return {Kind::exponential, mean, 0}; }
  static Distribution uniform(double min, double max) { return {Kind::uniform, min, max}; }
  // Parameterised the way people state latencies: by its mean and 99th percentile.
  // Precondition: mean < p99 <= mean * max_lognormal_p99_ratio().
  static Distribution lognormal(double mean, double p99);
  static double max_lognormal_p99_ratio();

  // Inline: models draw one or two samples per event.
  double sample(Rng& rng) const {
    switch (kind_) {
      case Kind::constant:
        return a_;
      case Kind::exponential:
        // 1 - u is exact for a 53-bit u, so log(1 - u) is as accurate as
        // log1p(-u) here, and it is the cheaper call.
        return -a_ * std::log(1.0 - rng.uniform());
      case Kind::uniform:
        return a_ + (b_ - a_) * rng.uniform();
      case Kind::lognormal:
        return lognormal_sample(rng);
    }
    return 0;
  }
  double mean() const;
  // P(X > x).
  double survival(double x) const;
  // Squared coefficient of variation, Var / mean^2 (0 for a constant).
  double scv() const;
  Kind kind() const { return kind_; }
  double a() const { return a_; }
  double b() const { return b_; }

 private:
  Distribution(Kind kind, double a, double b) : kind_(kind), a_(a), b_(b) {}
  double lognormal_sample(Rng& rng) const;
  Kind kind_;
  double a_;  // constant: value; exponential: mean; uniform: min; lognormal: mu
  double b_;  // uniform: max; lognormal: sigma
};

// A Poisson variate with the given mean (>= 0): by multiplication of uniforms
// below a mean of 10, by Hörmann's transformed rejection (PTRS, 1993) above,
// which takes a bounded number of draws whatever the mean.
std::uint64_t poisson(Rng& rng, double mean);

// Standard normal quantile (Acklam's rational approximation, relative error < 1.2e-9).
double normal_quantile(double p);

// Zipf over ranks 1..n with exponent s > 0, by rejection-inversion
// (Hörmann & Derflinger 1996): O(1) time and memory for millions of keys.
class ZipfSampler {
 public:
  ZipfSampler(std::uint64_t n, double s);
  std::uint64_t sample(Rng& rng) const;  // in [1, n]

 private:
  double h(double x) const;
  double h_integral(double x) const;
  double h_integral_inverse(double x) const;
  std::uint64_t n_;
  double s_;
  double h_integral_x1_;
  double h_integral_n_;
  double s_div_;
};

}  // namespace archsim::engine

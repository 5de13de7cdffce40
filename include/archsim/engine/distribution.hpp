// Probability distributions for service times, latencies and sizes. Values are
// plain doubles in whatever unit the caller chose (nanoseconds for times, bytes
// for sizes); the caller rounds. Every sample uses a fixed number of draws
// except the Zipf sampler's rare rejections, which keeps streams aligned.
#pragma once
#include <cstdint>

#include "archsim/engine/rng.hpp"

namespace archsim::engine {

class Distribution {
 public:
  enum class Kind { constant, exponential, uniform, lognormal };

  static Distribution constant(double value);
  static Distribution exponential(double mean);
  static Distribution uniform(double min, double max);
  // Parameterised the way people state latencies: by its mean and 99th percentile.
  // Precondition: mean < p99 <= mean * max_lognormal_p99_ratio().
  static Distribution lognormal(double mean, double p99);
  static double max_lognormal_p99_ratio();

  double sample(Rng& rng) const;
  double mean() const;
  // Squared coefficient of variation, Var / mean^2 (0 for a constant).
  double scv() const;
  Kind kind() const { return kind_; }
  double a() const { return a_; }
  double b() const { return b_; }

 private:
  Distribution(Kind kind, double a, double b) : kind_(kind), a_(a), b_(b) {}
  Kind kind_;
  double a_;  // constant: value; exponential: mean; uniform: min; lognormal: mu
  double b_;  // uniform: max; lognormal: sigma
};

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

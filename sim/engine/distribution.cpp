#include "archsim/engine/distribution.hpp"

#include <algorithm>
#include <cmath>

namespace archsim::engine {

namespace {
constexpr double kZ99 = 2.3263478740408408;  // standard normal 99th percentile
}

// mean = exp(mu + sigma^2/2) and p99 = exp(mu + z sigma) give
// sigma^2/2 - z sigma + ln(p99/mean) = 0; the smaller root is the one with p99 above the median.
Distribution Distribution::lognormal(double mean, double p99) {
  const double gap = std::log(p99 / mean);
  const double sigma = kZ99 - std::sqrt(std::max(0.0, kZ99 * kZ99 - 2 * gap));
  const double mu = std::log(mean) - sigma * sigma / 2;
  return {Kind::lognormal, mu, sigma};
}

double Distribution::max_lognormal_p99_ratio() { return std::exp(kZ99 * kZ99 / 2); }

double Distribution::lognormal_sample(Rng& rng) const {
  double u = rng.uniform();
  if (u <= 0) u = 0x1.0p-53;
  return std::exp(a_ + b_ * normal_quantile(u));
}

double Distribution::survival(double x) const {
  switch (kind_) {
    case Kind::constant:
      return x < a_ ? 1 : 0;
    case Kind::exponential:
      return x <= 0 ? 1 : std::exp(-x / a_);
    case Kind::uniform:
      if (x < a_) return 1;
      if (x >= b_) return 0;
      return (b_ - x) / (b_ - a_);
    case Kind::lognormal:
      return x <= 0 ? 1 : 0.5 * std::erfc((std::log(x) - a_) / (b_ * std::sqrt(2.0)));
  }
  return 0;
}

double Distribution::mean() const {
  switch (kind_) {
    case Kind::constant:
    case Kind::exponential:
      return a_;
    case Kind::uniform:
      return (a_ + b_) / 2;
    case Kind::lognormal:
      return std::exp(a_ + b_ * b_ / 2);
  }
  return 0;
}

double Distribution::scv() const {
  switch (kind_) {
    case Kind::constant:
      return 0;
    case Kind::exponential:
      return 1;
    case Kind::uniform: {
      const double m = mean();
      return m == 0 ? 0 : (b_ - a_) * (b_ - a_) / 12 / (m * m);
    }
    case Kind::lognormal:
      return std::expm1(b_ * b_);
  }
  return 0;
}

std::uint64_t poisson(Rng& rng, double mean) {
  if (mean <= 0) return 0;
  if (mean < 10) {
    const double limit = std::exp(-mean);
    std::uint64_t k = 0;
    for (double product = rng.uniform(); product > limit; product *= rng.uniform()) ++k;
    return k;
  }
  // Hörmann, "The transformed rejection method for generating Poisson random
  // variables", Insurance: Mathematics and Economics 12 (1993), algorithm PTRS.
  const double root = std::sqrt(mean);
  const double log_mean = std::log(mean);
  const double b = 0.931 + 2.53 * root;
  const double a = -0.059 + 0.02483 * b;
  const double inv_alpha = 1.1239 + 1.1328 / (b - 3.4);
  const double vr = 0.9277 - 3.6224 / (b - 2);
  for (;;) {
    const double u = rng.uniform() - 0.5;
    const double v = rng.uniform();
    const double us = 0.5 - std::abs(u);
    const double k = std::floor((2 * a / us + b) * u + mean + 0.43);
    if (us >= 0.07 && v <= vr) return static_cast<std::uint64_t>(k);
    if (k < 0 || (us < 0.013 && v > us)) continue;
    if (std::log(v) + std::log(inv_alpha) - std::log(a / (us * us) + b) <= -mean + k * log_mean - std::lgamma(k + 1))
      return static_cast<std::uint64_t>(k);
  }
}

double normal_quantile(double p) {
  static const double a[] = {-3.969683028665376e+01, 2.209460984245205e+02, -2.759285104469687e+02,
                             1.383577518672690e+02,  -3.066479806614716e+01, 2.506628277459239e+00};
  static const double b[] = {-5.447609879822406e+01, 1.615858368580409e+02, -1.556989798598866e+02,
                             6.680131188771972e+01,  -1.328068155288572e+01};
  static const double c[] = {-7.784894002430293e-03, -3.223964580411365e-01, -2.400758277161838e+00,
                             -2.549732539343734e+00, 4.374664141464968e+00,  2.938163982698783e+00};
  static const double d[] = {7.784695709041462e-03, 3.224671290700398e-01, 2.445134137142996e+00,
                             3.754408661907416e+00};
  const double low = 0.02425;
  if (p < low) {
    const double q = std::sqrt(-2 * std::log(p));
    return (((((c[0] * q + c[1]) * q + c[2]) * q + c[3]) * q + c[4]) * q + c[5]) /
           ((((d[0] * q + d[1]) * q + d[2]) * q + d[3]) * q + 1);
  }
  if (p > 1 - low) {
    const double q = std::sqrt(-2 * std::log1p(-p));
    return -(((((c[0] * q + c[1]) * q + c[2]) * q + c[3]) * q + c[4]) * q + c[5]) /
           ((((d[0] * q + d[1]) * q + d[2]) * q + d[3]) * q + 1);
  }
  const double q = p - 0.5;
  const double r = q * q;
  return (((((a[0] * r + a[1]) * r + a[2]) * r + a[3]) * r + a[4]) * r + a[5]) * q /
         (((((b[0] * r + b[1]) * r + b[2]) * r + b[3]) * r + b[4]) * r + 1);
}

namespace {
// log1p(x)/x and expm1(x)/x, with series near 0 where the quotients lose precision.
double helper1(double x) {
  return std::abs(x) > 1e-8 ? std::log1p(x) / x : 1 - x * (0.5 - x * (1.0 / 3 - 0.25 * x));
}
double helper2(double x) {
  return std::abs(x) > 1e-8 ? std::expm1(x) / x : 1 + x * 0.5 * (1 + x * (1.0 / 3) * (1 + 0.25 * x));
}
}  // namespace

ZipfSampler::ZipfSampler(std::uint64_t n, double s) : n_(n), s_(s) {
  h_integral_x1_ = h_integral(1.5) - 1;
  h_integral_n_ = h_integral(static_cast<double>(n_) + 0.5);
  s_div_ = 2 - h_integral_inverse(h_integral(2.5) - h(2));
}

double ZipfSampler::h(double x) const { return std::exp(-s_ * std::log(x)); }

double ZipfSampler::h_integral(double x) const {
  const double log_x = std::log(x);
  return helper2((1 - s_) * log_x) * log_x;
}

double ZipfSampler::h_integral_inverse(double x) const {
  double t = x * (1 - s_);
  if (t < -1) t = -1;
  return std::exp(helper1(t) * x);
}

std::uint64_t ZipfSampler::sample(Rng& rng) const {
  for (;;) {
    const double u = h_integral_n_ + rng.uniform() * (h_integral_x1_ - h_integral_n_);
    const double x = h_integral_inverse(u);
    double k = std::floor(x + 0.5);
    if (k < 1) k = 1;
    if (k > static_cast<double>(n_)) k = static_cast<double>(n_);
    if (k - x <= s_div_ || u >= h_integral(k + 0.5) - h(k)) return static_cast<std::uint64_t>(k);
  }
}

}  // namespace archsim::engine

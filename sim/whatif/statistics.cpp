#include "archsim/whatif/statistics.hpp"

#include <algorithm>
#include <cmath>
#include <stdexcept>

namespace archsim::whatif {

namespace {

// The continued fraction of the regularized incomplete beta function, by the
// modified Lentz method (Numerical Recipes, 3rd ed., section 6.4).
double beta_continued_fraction(double a, double b, double x) {
  constexpr double kTiny = 1e-300, kEpsilon = 1e-15;
  const double qab = a + b, qap = a + 1, qam = a - 1;
  double c = 1, d = 1 - qab * x / qap;
  if (std::abs(d) < kTiny) d = kTiny;
  d = 1 / d;
  double h = d;
  for (int m = 1; m <= 10000; ++m) {
    const double m2 = 2.0 * m;
    double aa = m * (b - m) * x / ((qam + m2) * (a + m2));
    d = 1 + aa * d;
    if (std::abs(d) < kTiny) d = kTiny;
    c = 1 + aa / c;
    if (std::abs(c) < kTiny) c = kTiny;
    d = 1 / d;
    h *= d * c;
    aa = -(a + m) * (qab + m) * x / ((a + m2) * (qap + m2));
    d = 1 + aa * d;
    if (std::abs(d) < kTiny) d = kTiny;
    c = 1 + aa / c;
    if (std::abs(c) < kTiny) c = kTiny;
    d = 1 / d;
    const double step = d * c;
    h *= step;
    if (std::abs(step - 1) < kEpsilon) break;
  }
  return h;
}

// I_x(a, b), the regularized incomplete beta function.
double incomplete_beta(double a, double b, double x) {
  if (x <= 0) return 0;
  if (x >= 1) return 1;
  const double front =
      std::exp(std::lgamma(a + b) - std::lgamma(a) - std::lgamma(b) + a * std::log(x) + b * std::log1p(-x));
  if (x < (a + 1) / (a + b + 2)) return front * beta_continued_fraction(a, b, x) / a;
  return 1 - front * beta_continued_fraction(b, a, 1 - x) / b;
}

}  // namespace

double student_t_cdf(double t, double df) {
  const double tail = 0.5 * incomplete_beta(df / 2, 0.5, df / (df + t * t));
  return t >= 0 ? 1 - tail : tail;
}

double student_t_quantile(double p, double df) {
  if (!(p > 0 && p < 1) || !(df >= 1)) throw std::invalid_argument("student_t_quantile: p in (0, 1), df >= 1");
  if (p < 0.5) return -student_t_quantile(1 - p, df);
  // The cdf is increasing: bisect on a bracket that grows until it holds p.
  double lo = 0, hi = 1;
  while (student_t_cdf(hi, df) < p) hi *= 2;
  for (int i = 0; i < 200 && hi - lo > 1e-12 * hi; ++i) {
    const double mid = 0.5 * (lo + hi);
    (student_t_cdf(mid, df) < p ? lo : hi) = mid;
  }
  return 0.5 * (lo + hi);
}

double Interval::relative_half_width() const {
  if (half_width == 0) return 0;
  return mean == 0 ? INFINITY : half_width / std::abs(mean);
}

Interval summarize(std::vector<double> values, double confidence) {
  Interval out;
  out.values = std::move(values);
  out.confidence = confidence;
  const auto n = static_cast<double>(out.values.size());
  if (out.values.empty()) return out;
  double sum = 0;
  for (double v : out.values) sum += v;
  out.mean = sum / n;
  if (out.values.size() < 2) return out;
  double squares = 0;
  for (double v : out.values) squares += (v - out.mean) * (v - out.mean);
  const double standard_error = std::sqrt(squares / (n - 1) / n);
  out.half_width = student_t_quantile(0.5 + confidence / 2, n - 1) * standard_error;
  return out;
}

Interval paired_difference(const Interval& a, const Interval& b) {
  if (a.values.size() != b.values.size())
    throw std::invalid_argument("paired_difference: the two figures have different numbers of replications");
  std::vector<double> differences(a.values.size());
  for (std::size_t k = 0; k < differences.size(); ++k) differences[k] = a.values[k] - b.values[k];
  return summarize(std::move(differences), a.confidence);
}

Interval unpaired_difference(const Interval& a, const Interval& b) {
  Interval out;
  out.confidence = a.confidence;
  out.mean = a.mean - b.mean;
  const auto na = static_cast<double>(a.count()), nb = static_cast<double>(b.count());
  if (na < 2 || nb < 2) return out;
  auto variance = [](const Interval& i) {
    double squares = 0;
    for (double v : i.values) squares += (v - i.mean) * (v - i.mean);
    return squares / static_cast<double>(i.count() - 1);
  };
  const double va = variance(a) / na, vb = variance(b) / nb;
  if (va + vb == 0) return out;
  const double df = (va + vb) * (va + vb) / (va * va / (na - 1) + vb * vb / (nb - 1));
  out.half_width = student_t_quantile(0.5 + a.confidence / 2, std::max(1.0, df)) * std::sqrt(va + vb);
  return out;
}

std::size_t replications_for(const Interval& interval, double target_relative) {
  const double relative = interval.relative_half_width();
  const std::size_t n = interval.count();
  if (n < 2 || relative <= target_relative) return n;
  if (!std::isfinite(relative)) return 0;
  // The half-width with m replications of the same spread s is
  // t(m - 1) * s / sqrt(m): the t quantile falls with m as well (from 12.7 at
  // two replications to 2.0 at thirty), so scaling n by the square of the
  // ratio, as if t stayed put, asks for several times too many at small n.
  // That scaling is still an upper bound, and t(m - 1) / sqrt(m) falls with
  // m, so the smallest m is bisected for below it.
  const double p = 0.5 + interval.confidence / 2;
  const double spread = relative / student_t_quantile(p, static_cast<double>(n - 1)) *
                        std::sqrt(static_cast<double>(n));  // s / |mean|
  auto enough = [&](double m) { return student_t_quantile(p, m - 1) * spread / std::sqrt(m) <= target_relative; };
  const double ratio = relative / target_relative;
  double hi = std::ceil(static_cast<double>(n) * ratio * ratio);
  constexpr double kMost = 1e15;  // past any run anyone would make
  if (!(hi < kMost)) return static_cast<std::size_t>(kMost);
  double lo = static_cast<double>(n);  // not enough
  while (hi - lo > 1) {
    const double mid = std::floor((lo + hi) / 2);
    (enough(mid) ? hi : lo) = mid;
  }
  return static_cast<std::size_t>(hi);
}

double run_length_for(const Interval& interval, double target_relative) {
  const double relative = interval.relative_half_width();
  if (interval.count() < 2 || relative <= target_relative) return 1;
  if (!std::isfinite(relative)) return 0;
  const double ratio = relative / target_relative;
  return std::ceil(ratio * ratio);
}

}  // namespace archsim::whatif

// The random building blocks against known values: sample moments of the
// service-time distributions, the normal quantile, the Zipf sampler against
// its exact pmf, the independence of named random streams, and the diurnal
// load profile's mean and peak. Sample sizes are fixed and seeds too, so each
// check is deterministic; every bound is stated in standard errors of the
// statistic it checks.
#include <doctest/doctest.h>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <vector>

#include "archsim/engine/distribution.hpp"
#include "archsim/engine/rng.hpp"
#include "archsim/engine/time.hpp"
#include "archsim/model/profile.hpp"

using namespace archsim::engine;
using archsim::model::Profile;

namespace {
// A purely relative comparison (doctest's Approx adds 1 to the scale of its epsilon by default).
doctest::Approx rel(double value, double epsilon = 1e-12) { return doctest::Approx(value).epsilon(epsilon).scale(0); }
}  // namespace

namespace {

constexpr int kSamples = 200000;

struct Moments {
  double mean = 0, variance = 0;
  std::vector<double> sorted;
};

Moments sample(const Distribution& d, std::uint64_t seed) {
  Rng rng(seed);
  Moments m;
  m.sorted.reserve(kSamples);
  double sum = 0;
  for (int i = 0; i < kSamples; ++i) {
    const double x = d.sample(rng);
    m.sorted.push_back(x);
    sum += x;
  }
  m.mean = sum / kSamples;
  double ss = 0;
  for (double x : m.sorted) ss += (x - m.mean) * (x - m.mean);
  m.variance = ss / (kSamples - 1);
  std::sort(m.sorted.begin(), m.sorted.end());
  return m;
}

double empirical_quantile(const Moments& m, double q) {
  return m.sorted[static_cast<std::size_t>(q * (m.sorted.size() - 1))];
}

}  // namespace

TEST_CASE("distribution: exponential mean and variance") {
  // Mean 2, variance 4. With n = 200000 the mean's standard error is 2 / sqrt(n) = 0.22%; the
  // sample variance's is sqrt(8 / n) = 0.63% (fourth central moment 9 sigma^4). Bounds: 1%, 3%.
  const auto d = Distribution::exponential(2.0);
  const auto m = sample(d, 101);
  CHECK(d.mean() == 2.0);
  CHECK(d.scv() == 1.0);
  CHECK(m.mean == rel(2.0, 0.01));
  CHECK(m.variance == rel(4.0, 0.03));
  CHECK(m.sorted.front() >= 0.0);
  // The median of an exponential is mean x ln 2; its standard error here is about 0.3%.
  CHECK(empirical_quantile(m, 0.5) == rel(2.0 * std::log(2.0), 0.015));
}

TEST_CASE("distribution: uniform mean, variance and range") {
  // Uniform on [1, 3]: mean 2, variance 1/3. Standard errors: 0.065% (mean), 0.2% (variance).
  const auto d = Distribution::uniform(1.0, 3.0);
  const auto m = sample(d, 102);
  CHECK(d.mean() == 2.0);
  CHECK(d.scv() == rel((1.0 / 3) / 4));
  CHECK(m.mean == rel(2.0, 0.003));
  CHECK(m.variance == rel(1.0 / 3, 0.01));
  CHECK(m.sorted.front() >= 1.0);
  CHECK(m.sorted.back() < 3.0);
  CHECK(m.sorted.front() < 1.001);  // both ends are reached
  CHECK(m.sorted.back() > 2.999);
}

TEST_CASE("distribution: constant") {
  const auto d = Distribution::constant(7.5);
  Rng rng(3);
  int other = 0;
  for (int i = 0; i < 100; ++i) other += d.sample(rng) != 7.5;
  CHECK(other == 0);
  CHECK(d.mean() == 7.5);
  CHECK(d.scv() == 0.0);
}

TEST_CASE("distribution: lognormal has the mean and p99 it is given") {
  // mean 10, p99 50: sigma = 0.85, scv = 1.04. Standard errors with n = 200000: the mean's
  // sqrt(scv / n) = 0.23%; the p99's sqrt(p (1 - p) / n) / (f(q) q) = 0.7% with f the density.
  // Bounds: 1% and 3%. (p99 20 is a milder case, sigma = 0.32.)
  for (double p99 : {50.0, 20.0}) {
    INFO("p99 = " << p99);
    const auto d = Distribution::lognormal(10.0, p99);
    const auto m = sample(d, 103);
    CHECK(d.mean() == rel(10.0, 1e-12));
    CHECK(m.mean == rel(10.0, 0.01));
    CHECK(empirical_quantile(m, 0.99) == rel(p99, 0.03));
    // The variance: sigma from the mean/p99 pair, scv = exp(sigma^2) - 1.
    const double sigma = d.b();
    const double z99 = 2.326347874040841;
    CHECK(std::exp(d.a() + z99 * sigma) == rel(p99, 1e-9));
    CHECK(d.scv() == rel(std::expm1(sigma * sigma), 1e-12));
    // The sample variance of a lognormal converges slowly (heavy fourth moment): a 10% bound,
    // over 5 standard errors for these sigmas.
    CHECK(m.variance == rel(d.scv() * 100.0, 0.10));
    CHECK(m.sorted.front() > 0.0);
  }
  // The largest ratio p99 / mean allowed is exp(z99^2 / 2).
  CHECK(Distribution::max_lognormal_p99_ratio() == rel(std::exp(2.326347874040841 * 2.326347874040841 / 2)));
}

TEST_CASE("distribution: normal_quantile against tabulated values") {
  struct Known {
    double p, z;
  };
  // Values of the probit function to 16 digits (Abramowitz & Stegun tables; Wichura's AS241).
  const Known known[] = {
      {0.5, 0.0},
      {0.9, 1.2815515655446004},
      {0.975, 1.959963984540054},
      {0.99, 2.3263478740408408},
      {0.999, 3.090232306167813},
      {0.02, -2.053748910631823},  // the lower tail branch (p < 0.02425)
      {0.98, 2.053748910631823},   // the upper tail branch
      {1e-6, -4.753424308822899},
      {0.25, -0.6744897501960817},
  };
  for (const auto& k : known) {
    INFO("p = " << k.p);
    // Acklam's approximation has relative error below 1.15e-9.
    if (k.z == 0)
      CHECK(std::abs(normal_quantile(k.p)) < 1e-15);
    else
      CHECK(normal_quantile(k.p) == rel(k.z, 2e-9));
  }
  // Symmetric and increasing.
  double previous = -1e300;
  int not_increasing = 0, asymmetric = 0;
  for (int i = 1; i < 1000; ++i) {
    const double p = i / 1000.0;
    const double z = normal_quantile(p);
    not_increasing += !(z > previous);
    asymmetric += !(std::abs(z + normal_quantile(1 - p)) <= 1e-9 * std::abs(z) + 1e-15);
    previous = z;
  }
  CHECK(not_increasing == 0);
  CHECK(asymmetric == 0);
}

TEST_CASE("distribution: Zipf frequencies match the exact pmf") {
  // Chi-square goodness of fit over the n ranks (n - 1 degrees of freedom). The 99.9th percentile
  // of chi-square is 27.9 with 9 degrees of freedom and 18.5 with 4: a correct sampler fails
  // one time in a thousand. Each rank's count is also held within 4.5 binomial standard errors.
  struct Case {
    std::uint64_t n;
    double s;
    double critical;
  };
  for (const Case c : {Case{10, 1.1, 27.88}, Case{10, 1.0, 27.88}, Case{10, 0.6, 27.88}, Case{5, 2.0, 18.47}}) {
    INFO("n = " << c.n << ", s = " << c.s);
    const ZipfSampler zipf(c.n, c.s);
    Rng rng(1234);
    std::vector<double> counts(c.n + 1, 0);
    int out_of_range = 0;
    for (int i = 0; i < kSamples; ++i) {
      const std::uint64_t k = zipf.sample(rng);
      if (k < 1 || k > c.n) {
        ++out_of_range;
        continue;
      }
      counts[k] += 1;
    }
    CHECK(out_of_range == 0);
    double norm = 0;
    for (std::uint64_t k = 1; k <= c.n; ++k) norm += std::pow(static_cast<double>(k), -c.s);
    double chi2 = 0;
    for (std::uint64_t k = 1; k <= c.n; ++k) {
      const double p = std::pow(static_cast<double>(k), -c.s) / norm;
      const double expected = p * kSamples;
      chi2 += (counts[k] - expected) * (counts[k] - expected) / expected;
      CHECK(std::abs(counts[k] - expected) <= 4.5 * std::sqrt(expected * (1 - p)));
    }
    MESSAGE("Zipf n=" << c.n << " s=" << c.s << ": chi-square " << chi2 << " (critical " << c.critical << ")");
    CHECK(chi2 < c.critical);
  }
  // A large key space: rank 1 has probability 1 / H(n, s).
  const std::uint64_t n = 1000000;
  const double s = 1.1;
  double h = 0;
  for (std::uint64_t k = 1; k <= n; ++k) h += std::pow(static_cast<double>(k), -s);
  const ZipfSampler zipf(n, s);
  Rng rng(99);
  int ones = 0;
  for (int i = 0; i < kSamples; ++i) ones += zipf.sample(rng) == 1;
  const double p1 = 1 / h;
  CHECK(std::abs(ones - p1 * kSamples) <= 4.5 * std::sqrt(p1 * (1 - p1) * kSamples));
}

TEST_CASE("rng: named streams are reproducible and independent") {
  // The same (seed, name) gives the same stream; another name or seed gives another.
  Rng a1 = Rng::stream(7, "checkout"), a2 = Rng::stream(7, "checkout");
  Rng b = Rng::stream(7, "ledger"), c = Rng::stream(8, "checkout");
  int same_ab = 0, same_ac = 0;
  int same_aa = 0;
  for (int i = 0; i < 1000; ++i) {
    const std::uint64_t x = a1.next();
    same_aa += x == a2.next();
    same_ab += x == b.next();
    same_ac += x == c.next();
  }
  CHECK(same_aa == 1000);
  CHECK(same_ab == 0);
  CHECK(same_ac == 0);

  // Uniforms from two names' streams, and from one name under two seeds, are uncorrelated: the
  // sample correlation of n independent pairs has standard error 1 / sqrt(n) = 0.0022; bound 4.5 se.
  auto correlation = [](Rng x, Rng y, int lag) {
    const int n = kSamples;
    for (int i = 0; i < lag; ++i) y.uniform();
    double sx = 0, sy = 0, sxx = 0, syy = 0, sxy = 0;
    for (int i = 0; i < n; ++i) {
      const double u = x.uniform(), v = y.uniform();
      sx += u, sy += v, sxx += u * u, syy += v * v, sxy += u * v;
    }
    const double cov = sxy / n - (sx / n) * (sy / n);
    return cov / std::sqrt((sxx / n - (sx / n) * (sx / n)) * (syy / n - (sy / n) * (sy / n)));
  };
  const double bound = 4.5 / std::sqrt(static_cast<double>(kSamples));
  CHECK(std::abs(correlation(Rng::stream(7, "checkout"), Rng::stream(7, "ledger"), 0)) < bound);
  CHECK(std::abs(correlation(Rng::stream(7, "checkout"), Rng::stream(7, "ledger"), 1)) < bound);
  CHECK(std::abs(correlation(Rng::stream(7, "checkout"), Rng::stream(8, "checkout"), 0)) < bound);
  CHECK(std::abs(correlation(Rng::stream(7, "a"), Rng::stream(7, "b"), 0)) < bound);  // names one bit apart
  // Successive values of one stream are uncorrelated too (lag 1 against itself).
  CHECK(std::abs(correlation(Rng::stream(7, "checkout"), Rng::stream(7, "checkout"), 1)) < bound);

  // uniform() is on [0, 1) with mean 1/2 and variance 1/12; below(n) stays below n and is uniform.
  Rng r(5);
  double sum = 0;
  std::vector<int> buckets(6, 0);
  int out_of_range = 0;
  for (int i = 0; i < kSamples; ++i) {
    const double u = r.uniform();
    out_of_range += !(u >= 0.0 && u < 1.0);
    sum += u;
    const std::uint64_t k = r.below(6);
    if (k < 6)
      ++buckets[k];
    else
      ++out_of_range;
  }
  CHECK(out_of_range == 0);
  CHECK(sum / kSamples == rel(0.5, 4.5 * std::sqrt(1.0 / 12 / kSamples) / 0.5));
  const double expected = kSamples / 6.0;
  for (int k : buckets) CHECK(std::abs(k - expected) <= 4.5 * std::sqrt(expected * 5 / 6));
}

TEST_CASE("profile: diurnal has mean 1 over 24 h and its peak equals peak_factor") {
  // peak 1.5 uses the cosine 1 + 0.5 cos; peak 3 the raised cosine whose exponent is solved for mean 1.
  for (double peak : {1.5, 3.0}) {
    for (SimTime peak_at : {SimTime{0}, 14 * kHour}) {
      INFO("peak_factor = " << peak << ", peak at " << to_seconds(peak_at) << " s");
      const Profile p = Profile::diurnal(peak, peak_at);
      CHECK(p.max_factor() == peak);
      CHECK(p.factor_at(peak_at) == rel(peak, 1e-12));
      CHECK(p.factor_at(peak_at + kDay) == rel(peak, 1e-12));
      // The midpoint rule on a smooth periodic function over whole periods converges
      // geometrically; one-second steps make its error negligible against 1e-6.
      const int steps = 86400;
      double sum = 0, highest = 0, lowest = 1e300;
      for (int i = 0; i < steps; ++i) {
        const SimTime t = 3 * kHour + static_cast<SimTime>(i) * kSecond + kSecond / 2;  // any 24 h window
        const double f = p.factor_at(t);
        sum += f;
        highest = std::max(highest, f);
        lowest = std::min(lowest, f);
      }
      CHECK(sum / steps == rel(1.0, 1e-6));
      CHECK(highest <= peak + 1e-12);
      CHECK(highest == rel(peak, 1e-6));
      CHECK(lowest >= 0.0);
      // Twelve hours from the peak is the trough: 2 - peak for the cosine, 0 for the raised cosine.
      CHECK(std::abs(p.factor_at(peak_at + 12 * kHour) - (peak <= 2 ? 2 - peak : 0.0)) < 1e-9);
    }
  }
  const Profile flat = Profile::constant();
  CHECK(flat.factor_at(5 * kHour) == 1.0);
  CHECK(flat.max_factor() == 1.0);
}

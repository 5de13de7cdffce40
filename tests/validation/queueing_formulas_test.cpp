// The closed forms of queueing_formulas.hpp against values worked out by hand
// from the defining sums and against published table values, so that the
// statistical tests compare the simulator with formulas that are themselves right.
#include <doctest/doctest.h>

#include <cmath>

#include "validation/queueing_formulas.hpp"

using namespace archsim::validation;

namespace {
// A purely relative comparison (doctest's Approx adds 1 to the scale of its epsilon by default).
doctest::Approx rel(double value, double epsilon = 1e-12) { return doctest::Approx(value).epsilon(epsilon).scale(0); }
}  // namespace

namespace {
// Erlang B straight from its definition, (a^c / c!) / sum_{k<=c} a^k / k!, in long double.
double erlang_b_direct(int c, double a) {
  long double term = 1, sum = 1;
  for (int k = 1; k <= c; ++k) {
    term *= static_cast<long double>(a) / k;
    sum += term;
  }
  return static_cast<double>(term / sum);
}
// Erlang C straight from its definition (see queueing_formulas.hpp), in long double.
double erlang_c_direct(int c, double a) {
  long double term = 1, sum = 1;  // sum of a^k / k! for k < c
  for (int k = 1; k < c; ++k) {
    term *= static_cast<long double>(a) / k;
    sum += term;
  }
  const long double top = term * a / c * c / (c - a);  // (a^c / c!) (c / (c - a))
  return static_cast<double>(top / (sum + top));
}
}  // namespace

TEST_CASE("formulas: Erlang B against hand-computed and table values") {
  // c = 1: B = a / (1 + a).
  CHECK(erlang_b(1, 0.5) == rel(1.0 / 3, 1e-12));
  // c = 2, a = 1: (1/2) / (1 + 1 + 1/2) = 0.2.
  CHECK(erlang_b(2, 1.0) == rel(0.2, 1e-12));
  // c = 5, a = 3: (243/120) / (1 + 3 + 4.5 + 4.5 + 3.375 + 2.025) = 2.025 / 18.4.
  CHECK(erlang_b(5, 3.0) == rel(2.025 / 18.4, 1e-12));
  // Published table value: B(10, 5 erlangs) = 0.018385, rounded to six decimals (within 5e-7).
  CHECK(std::abs(erlang_b(10, 5.0) - 0.018385) <= 5e-7);
  // And to full precision from the defining sum, (5^10 / 10!) / sum_{k<=10} 5^k / k!.
  CHECK(erlang_b(10, 5.0) == rel(0.018384570336648136, 1e-12));
  // B(0, a) = 1: with no server every arrival is lost.
  CHECK(erlang_b(0, 2.0) == 1.0);
  // The recursion agrees with the defining sum, also where the sum's terms are large.
  for (int c : {1, 3, 10, 20, 50, 100})
    for (double a : {0.1, 1.0, 5.0, 12.0, 40.0, 90.0})
      CHECK(erlang_b(c, a) == rel(erlang_b_direct(c, a), 1e-10));
  // The loss rises with load and falls with servers.
  CHECK(erlang_b(10, 8.0) > erlang_b(10, 5.0));
  CHECK(erlang_b(11, 8.0) < erlang_b(10, 8.0));
}

TEST_CASE("formulas: Erlang C against hand-computed values") {
  // c = 1: the probability of waiting is rho.
  CHECK(erlang_c(1, 0.8) == rel(0.8, 1e-12));
  // c = 2, a = 1: top = (1/2)(2/1) = 1; C = 1 / (1 + 1 + 1) = 1/3.
  CHECK(erlang_c(2, 1.0) == rel(1.0 / 3, 1e-12));
  // c = 3, a = 2: top = (8/6)(3/1) = 4; C = 4 / (1 + 2 + 2 + 4) = 4/9.
  CHECK(erlang_c(3, 2.0) == rel(4.0 / 9, 1e-12));
  // c = 4, a = 2: top = (16/24)(4/2) = 4/3; sum = 1 + 2 + 2 + 4/3 = 19/3; C = (4/3) / (23/3) = 4/23.
  CHECK(erlang_c(4, 2.0) == rel(4.0 / 23, 1e-12));
  for (int c : {1, 2, 4, 10, 30})
    for (double rho : {0.1, 0.5, 0.8, 0.95, 0.99})
      CHECK(erlang_c(c, rho * c) == rel(erlang_c_direct(c, rho * c), 1e-10));
  // Waiting is more likely than loss at the same load (C > B), and C -> 1 as rho -> 1.
  CHECK(erlang_c(10, 8.0) > erlang_b(10, 8.0));
  CHECK(erlang_c(4, 3.999) > 0.999);
  CHECK_THROWS(erlang_c(4, 4.0));
}

TEST_CASE("formulas: M/M/1 and M/M/c mean values") {
  // M/M/1 with mu = 1, lambda = 0.5: Wq = 1, W = 2, Lq = 0.5, L = 1.
  CHECK(mm1_wq(0.5, 1.0) == rel(1.0));
  CHECK(mm1_w(0.5, 1.0) == rel(2.0));
  CHECK(mm1_lq(0.5, 1.0) == rel(0.5));
  CHECK(mm1_l(0.5, 1.0) == rel(1.0));
  // rho = 0.95, mean service 1 ms: Wq = 19 ms, W = 20 ms.
  CHECK(mm1_wq(950.0, 1000.0) == rel(0.019));
  CHECK(mm1_w(950.0, 1000.0) == rel(0.020));
  // M/M/c with c = 1 is M/M/1.
  for (double rho : {0.3, 0.5, 0.8, 0.95}) {
    CHECK(mmc_wq(1, rho, 1.0) == rel(mm1_wq(rho, 1.0), 1e-12));
    CHECK(mmc_w(1, rho, 1.0) == rel(mm1_w(rho, 1.0), 1e-12));
  }
  // c = 2, lambda = 1, mu = 1 (a = 1): Wq = C / (c mu - lambda) = (1/3) / 1.
  CHECK(mmc_wq(2, 1.0, 1.0) == rel(1.0 / 3));
  CHECK(mmc_w(2, 1.0, 1.0) == rel(4.0 / 3));
  CHECK(mmc_lq(2, 1.0, 1.0) == rel(1.0 / 3));
  // c = 4, a = 2, mu = 1: Wq = (4/23) / 2 = 2/23.
  CHECK(mmc_wq(4, 2.0, 1.0) == rel(2.0 / 23));
  // Little's law ties L to W: L = Lq + a.
  CHECK(mm1_l(0.8, 1.0) == rel(0.8 * mm1_w(0.8, 1.0)));
}

TEST_CASE("formulas: Pollaczek-Khinchine") {
  // M/D/1: rho = 0.5, S = 1: Wq = 0.5 / (2 * 0.5) = 0.5, half the M/M/1 wait.
  CHECK(md1_wq(0.5, 1.0) == rel(0.5));
  CHECK(md1_w(0.5, 1.0) == rel(1.5));
  CHECK(md1_wq(0.8, 1.0) == rel(2.0));
  for (double rho : {0.2, 0.5, 0.8, 0.95}) {
    // scv = 1 is M/M/1, scv = 0 is M/D/1.
    CHECK(mg1_wq(rho, 1.0, 1.0) == rel(mm1_wq(rho, 1.0), 1e-12));
    CHECK(mg1_wq(rho, 1.0, 0.0) == rel(md1_wq(rho, 1.0), 1e-12));
    CHECK(md1_wq(rho, 1.0) == rel(mm1_wq(rho, 1.0) / 2, 1e-12));
  }
  // Units: rho = 0.8 with a 2 ms mean and scv = 1/3 (uniform on [0, 4 ms]):
  // Wq = 0.8 * (4/3) * 2 ms / 0.4 = 16/3 ms.
  CHECK(mg1_wq(400.0, 0.002, 1.0 / 3) == rel(0.016 / 3));
  CHECK(mg1_w(400.0, 0.002, 1.0 / 3) == rel(0.016 / 3 + 0.002));
}

TEST_CASE("formulas: service-time variability") {
  // Uniform on [0, 2m] has scv 1/3; uniform on [m - d, m + d] has scv d^2 / (3 m^2).
  CHECK(uniform_scv(0, 2) == rel(1.0 / 3));
  CHECK(uniform_scv(0.5, 1.5) == rel(0.25 / 3));
  // Standard normal quantiles from tables.
  CHECK(std::abs(std_normal_quantile(0.5)) < 1e-12);
  CHECK(std_normal_quantile(0.975) == rel(1.959963984540054, 1e-12));
  CHECK(std_normal_quantile(0.99) == rel(2.326347874040841, 1e-12));
  // A lognormal with mu = -1/2, sigma = 1 has mean 1 and p99 = exp(-1/2 + z99); its scv is e - 1.
  const double p99 = std::exp(-0.5 + 2.326347874040841);
  CHECK(lognormal_sigma_from_mean_p99(1.0, p99) == rel(1.0, 1e-9));
  CHECK(lognormal_scv_from_mean_p99(1.0, p99) == rel(std::exp(1.0) - 1, 1e-9));
  // Only the ratio p99 / mean matters.
  CHECK(lognormal_scv_from_mean_p99(0.002, 0.002 * p99) == rel(std::exp(1.0) - 1, 1e-9));
}

// Closed forms of queueing theory, written from the textbooks and computed
// independently of the simulator (nothing here includes archsim headers), so
// that the statistical tests compare the engine with outside truth.
//
// Notation: lambda = arrival rate, mu = service rate of one server (1 / E[S]),
// c = servers, a = lambda / mu = offered load in erlangs, rho = a / c.
// Wq = mean wait in queue, W = mean sojourn (wait + service), Lq = mean queue
// length, L = mean number in system. Times are in the unit of 1 / lambda.
//
// References:
//   [GH] D. Gross, J. Shortle, J. Thompson, C. Harris, Fundamentals of Queueing
//        Theory, 4th ed., Wiley 2008: ch. 2 (M/M/1, M/M/c, Erlang's loss
//        formula M/M/c/c), ch. 5 (M/G/1, Pollaczek-Khinchine).
//   [K]  L. Kleinrock, Queueing Systems Vol. 1: Theory, Wiley 1975: ch. 3
//        (M/M/1, M/M/m and Erlang C, M/M/m/m and Erlang B), ch. 5 (M/G/1 and
//        the P-K mean-value formula).
//   [J]  D. L. Jagerman, "Some properties of the Erlang loss function", Bell
//        System Technical Journal 53(3), 1974: the recursion for Erlang B.
#pragma once
#include <cmath>
#include <stdexcept>

namespace archsim::validation {

// ---- M/M/1 ([GH] ch. 2; [K] ch. 3), requires rho = lambda / mu < 1 ----

// Wq = rho / (mu - lambda)
inline double mm1_wq(double lambda, double mu) { return (lambda / mu) / (mu - lambda); }
// W = 1 / (mu - lambda)
inline double mm1_w(double lambda, double mu) { return 1.0 / (mu - lambda); }
// Lq = rho^2 / (1 - rho)
inline double mm1_lq(double lambda, double mu) {
  const double rho = lambda / mu;
  return rho * rho / (1 - rho);
}
// L = rho / (1 - rho)
inline double mm1_l(double lambda, double mu) {
  const double rho = lambda / mu;
  return rho / (1 - rho);
}

// ---- Erlang B, M/M/c/c loss probability ([GH] ch. 2; [K] ch. 3) ----
// B(c, a) = (a^c / c!) / sum_{k=0..c} a^k / k!, evaluated by the numerically
// stable recursion B(0, a) = 1, B(k, a) = a B(k-1, a) / (k + a B(k-1, a)) [J].
// The loss probability is insensitive to the service-time distribution beyond
// its mean (Sevastyanov 1957), so it holds for M/G/c/c as well.
inline double erlang_b(int c, double a) {
  if (c < 0 || a < 0) throw std::invalid_argument("erlang_b: c and a must be non-negative");
  double b = 1.0;
  for (int k = 1; k <= c; ++k) b = a * b / (k + a * b);
  return b;
}

// ---- Erlang C, probability that an arrival waits in M/M/c ([GH] ch. 2; [K] ch. 3) ----
// C(c, a) = (a^c / c!) (c / (c - a)) / (sum_{k=0..c-1} a^k / k! + (a^c / c!) (c / (c - a))),
// computed from Erlang B by the identity C = c B / (c - a (1 - B)), valid for a < c.
inline double erlang_c(int c, double a) {
  if (!(a < c)) throw std::invalid_argument("erlang_c: needs a < c (rho < 1)");
  const double b = erlang_b(c, a);
  return c * b / (c - a * (1 - b));
}

// ---- M/M/c ([GH] ch. 2) ----
// Wq = C(c, a) / (c mu - lambda)
inline double mmc_wq(int c, double lambda, double mu) { return erlang_c(c, lambda / mu) / (c * mu - lambda); }
// W = Wq + 1 / mu
inline double mmc_w(int c, double lambda, double mu) { return mmc_wq(c, lambda, mu) + 1.0 / mu; }
// Lq = lambda Wq (Little's law)
inline double mmc_lq(int c, double lambda, double mu) { return lambda * mmc_wq(c, lambda, mu); }

// ---- M/G/1, Pollaczek-Khinchine mean-value formula ([GH] ch. 5; [K] ch. 5) ----
// Wq = lambda E[S^2] / (2 (1 - rho)) = rho (1 + scv) E[S] / (2 (1 - rho)),
// with rho = lambda E[S] and scv = Var[S] / E[S]^2 the squared coefficient of variation.
inline double mg1_wq(double lambda, double mean_service, double scv) {
  const double rho = lambda * mean_service;
  return rho * (1 + scv) * mean_service / (2 * (1 - rho));
}
inline double mg1_w(double lambda, double mean_service, double scv) {
  return mg1_wq(lambda, mean_service, scv) + mean_service;
}
// M/D/1 (scv = 0): Wq = rho E[S] / (2 (1 - rho)), half the M/M/1 wait.
inline double md1_wq(double lambda, double service) {
  const double rho = lambda * service;
  return rho * service / (2 * (1 - rho));
}
inline double md1_w(double lambda, double service) { return md1_wq(lambda, service) + service; }

// ---- Squared coefficients of variation of service-time distributions ----

// Uniform on [lo, hi]: Var = (hi - lo)^2 / 12, mean = (lo + hi) / 2.
inline double uniform_scv(double lo, double hi) {
  const double m = (lo + hi) / 2;
  return (hi - lo) * (hi - lo) / 12 / (m * m);
}

// The standard normal quantile by bisection on the complementary error
// function, Phi(z) = erfc(-z / sqrt 2) / 2 (slow but independent of any
// rational approximation).
inline double std_normal_quantile(double p) {
  double lo = -40, hi = 40;
  for (int i = 0; i < 200; ++i) {
    const double mid = (lo + hi) / 2;
    (0.5 * std::erfc(-mid / std::sqrt(2.0)) < p ? lo : hi) = mid;
  }
  return (lo + hi) / 2;
}

// A lognormal stated by its mean m and 99th percentile q: exp(mu + sigma^2/2) = m and
// exp(mu + z99 sigma) = q. Its sigma is the root in (0, z99) of
// f(sigma) = z99 sigma - sigma^2 / 2 - ln(q / m), found here by bisection
// (f rises on (0, z99)); scv = exp(sigma^2) - 1.
inline double lognormal_sigma_from_mean_p99(double m, double q) {
  const double z = std_normal_quantile(0.99);
  const double gap = std::log(q / m);
  double lo = 0, hi = z;
  for (int i = 0; i < 200; ++i) {
    const double mid = (lo + hi) / 2;
    (z * mid - mid * mid / 2 < gap ? lo : hi) = mid;
  }
  return (lo + hi) / 2;
}
inline double lognormal_scv_from_mean_p99(double m, double q) {
  const double s = lognormal_sigma_from_mean_p99(m, q);
  return std::expm1(s * s);
}

}  // namespace archsim::validation

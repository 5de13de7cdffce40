#include "archsim/model/static_figures.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>

namespace archsim::model {

double erlang_c(double c, double a) {
  if (a <= 0) return 0;
  if (a >= c) return 1;
  // Erlang B by its recursion, B(k) = a B(k-1) / (k + a B(k-1)), then C from B.
  double b = 1;
  const auto servers = static_cast<long long>(std::llround(c));
  for (long long k = 1; k <= servers; ++k) b = a * b / (static_cast<double>(k) + a * b);
  const double rho = a / c;
  return b / (1 - rho * (1 - b));
}

double mmc_sojourn(double c, double lambda, double service_s) {
  if (lambda <= 0 || service_s <= 0) return service_s;
  const double mu = 1 / service_s;
  if (lambda >= c * mu) return kUnbounded;
  return erlang_c(c, lambda / mu) / (c * mu - lambda) + service_s;
}

double attempts_with_retries(double offered, double capacity, double max_retries) {
  if (offered <= 0) return 0;
  const double q = std::max(0.0, 1 - capacity / offered);
  double sum = 0, term = 1;
  for (int k = 0; k <= static_cast<int>(max_retries) && term > 1e-12; ++k, term *= q) sum += term;
  return offered * sum;
}

std::string group_digits(double value) {
  if (!std::isfinite(value)) return value > 0 ? "unlimited" : "-";
  if (std::fabs(value) < 100 && std::fabs(value - std::round(value)) > 1e-9) {
    char buf[32];
    std::snprintf(buf, sizeof buf, "%.3g", value);
    return buf;
  }
  const auto whole = static_cast<long long>(std::llround(std::fabs(value)));
  std::string digits = std::to_string(whole), out;
  for (std::size_t i = 0; i < digits.size(); ++i) {
    if (i > 0 && (digits.size() - i) % 3 == 0) out += ',';
    out += digits[i];
  }
  return value < 0 ? "-" + out : out;
}

}  // namespace archsim::model

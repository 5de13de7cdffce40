#include "archsim/model/static_figures.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <vector>

namespace archsim::model {

double LoadOverTime::records_between(double from_s, double to_s) const {
  double sum = 0;
  for (std::size_t i = 0; i < starts_s.size(); ++i) {
    const double a = std::max(from_s, starts_s[i]), b = std::min(to_s, starts_s[i] + length_s(i));
    if (b > a) sum += records_per_s[i] * (b - a);
  }
  return sum;
}

std::vector<QueryPart> FlowIn::query_parts() const {
  if (!queries.empty()) return queries;
  return {{.queries_per_s = records_per_s, .table_bytes = record_bytes, .shape = query}};
}

// Credit is spent at the burst rate less the sustained one, so it lasts
// burst_records / (burst - capacity) seconds; what remains goes at capacity.
double Absorb::seconds_for(double records) const {
  if (!(records > 0) || !std::isfinite(capacity)) return 0;
  if (capacity <= 0) return kUnbounded;
  if (burst_capacity <= capacity || burst_records <= 0) return records / capacity;
  const double credit_s = burst_records / (burst_capacity - capacity);
  if (records <= burst_capacity * credit_s) return records / burst_capacity;
  return credit_s + (records - burst_capacity * credit_s) / capacity;
}

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

// p_n proportional to a^n / n! up to c, then a^c / c! (a / c)^(n - c), in
// logarithms so that many servers do not overflow.
double mmck_blocking(double c, double a, double queue) {
  if (a <= 0) return 0;
  if (!std::isfinite(queue)) return a < c ? 0 : 1 - c / a;
  const auto servers = static_cast<long long>(std::llround(c));
  const auto room = static_cast<long long>(std::llround(queue));
  std::vector<double> log_p;
  double log_term = 0;  // log(a^n / n!)
  log_p.push_back(0);
  for (long long n = 1; n <= servers; ++n) log_p.push_back(log_term += std::log(a / static_cast<double>(n)));
  for (long long k = 1; k <= room; ++k) log_p.push_back(log_term += std::log(a / c));
  const double top = *std::max_element(log_p.begin(), log_p.end());
  double sum = 0;
  for (const double l : log_p) sum += std::exp(l - top);
  return std::exp(log_p.back() - top) / sum;
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

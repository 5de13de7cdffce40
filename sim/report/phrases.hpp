// Phrases the report's sentences share: counts, shares and factors as a
// person reads them, a component named with its service.
#pragma once
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <string>

#include "archsim/report/human.hpp"

namespace archsim::report::phrases {

// A share of records that may be tiny and still matter: 0.012%, not 0.0%.
inline std::string share(double fraction) {
  if (fraction >= 0.001 || fraction == 0) return percent(fraction);
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.2g%%", fraction * 100);
  return buf;
}

// A whole number with separators (1,050), anything else to three figures.
inline std::string number(double x) {
  if (x == std::floor(x) && std::abs(x) < 1e15) return count(static_cast<std::uint64_t>(std::llround(std::abs(x))));
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.3g", x);
  return buf;
}

inline std::string who(const std::string& service, const std::string& component) {
  return service + " '" + component + "'";
}

inline std::string plural(const std::string& unit) { return unit.empty() || unit.back() == 's' ? unit : unit + "s"; }

// "1.5 x", "12 x", "140,000 x": how many times the peak fits.
inline std::string times(double factor) {
  if (factor >= 10) return count(static_cast<std::uint64_t>(std::floor(factor))) + " x";
  char buf[16];
  std::snprintf(buf, sizeof buf, "%.1f x", std::floor(factor * 10) / 10);
  return buf;
}

}  // namespace archsim::report::phrases

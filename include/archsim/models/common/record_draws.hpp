// Draws over the records of a batch that travel as one count: how many of n
// records have a property each has with probability p, and how many of k
// marked records fall in the first n1 of n when a batch is cut in two. Exact
// while the expected number is small (the usual case: bad records are rare),
// so a test's closed form holds; a normal approximation past that, where
// one record more or less is below any statistic a report prints.
#pragma once
#include <algorithm>
#include <cmath>
#include <cstdint>

#include "archsim/engine/rng.hpp"

namespace archsim::models {

// Binomial(n, p). Exact by geometric skips (one uniform per success) while
// n x min(p, 1 - p) is at most 1,000.
inline std::uint64_t binomial(engine::Rng& rng, std::uint64_t n, double p) {
  if (n == 0 || p <= 0) return 0;
  if (p >= 1) return n;
  if (p > 0.5) return n - binomial(rng, n, 1 - p);
  const double mean = static_cast<double>(n) * p;
  if (mean > 1000) {
    // Box-Muller; the tails beyond [0, n] are clamped.
    const double u1 = std::max(rng.uniform(), 1e-300), u2 = rng.uniform();
    const double z = std::sqrt(-2 * std::log(u1)) * std::cos(2 * M_PI * u2);
    const double x = std::round(mean + z * std::sqrt(mean * (1 - p)));
    return static_cast<std::uint64_t>(std::clamp(x, 0.0, static_cast<double>(n)));
  }
  const double log_q = std::log1p(-p);
  std::uint64_t successes = 0;
  double position = 0;  // records passed so far
  for (;;) {
    const double u = std::max(rng.uniform(), 1e-300);
    position += std::floor(std::log(u) / log_q) + 1;
    if (position > static_cast<double>(n)) return successes;
    ++successes;
  }
}

// Of n records of which k are marked, how many marked ones the first n1 hold
// (hypergeometric): each marked record placed in turn, in the first part
// with the chance of the room left there.
inline std::uint64_t marked_in_first(engine::Rng& rng, std::uint64_t n, std::uint64_t k, std::uint64_t n1) {
  std::uint64_t in_first = 0, first_room = n1, room = n;
  for (std::uint64_t i = 0; i < k && first_room > 0; ++i, --room) {
    if (rng.uniform() * static_cast<double>(room) < static_cast<double>(first_room)) {
      ++in_first;
      --first_room;
    }
  }
  return in_first;
}

}  // namespace archsim::models

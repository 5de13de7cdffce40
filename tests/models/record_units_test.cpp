// Whole units per record against closed forms: a record of S bytes takes
// max(1, ceil(S / unit)) units, and over a size distribution the mean is
// 1 + sum over k >= 1 of P(S > k unit).
#include <doctest/doctest.h>

#include <cmath>

#include "archsim/models/common/record_units.hpp"

using namespace archsim;
using engine::Distribution;

TEST_CASE("record units: the mean of whole units per record follows the size distribution") {
  // Uniform 600..1,400 bytes in 1,024-byte units: 1 + P(S > 1,024) = 1 + 376 / 800.
  CHECK(models::units_per_record(Distribution::uniform(600, 1400), 1, 1024) == doctest::Approx(1.47));
  // A constant size: exactly its rounded-up units, at least one.
  CHECK(models::units_per_record(Distribution::constant(1500), 1, 1024) == doctest::Approx(2));
  CHECK(models::units_per_record(Distribution::constant(1024), 1, 1024) == doctest::Approx(1));
  CHECK(models::units_per_record(Distribution::constant(10), 1, 1024) == doctest::Approx(1));
  // Exponential sizes of mean m: ceil(S / u) is geometric, with mean
  // 1 / (1 - exp(-u / m)).
  const double m = 3000, u = 1024;
  CHECK(models::units_per_record(Distribution::exponential(m), 1, u) ==
        doctest::Approx(1 / (1 - std::exp(-u / m))).epsilon(1e-9));
  // A scale stretches the sizes: uniform 600..1,400 at 2x is 1,200..2,800,
  // 2 + P(S > 2,048) = 2 + 752 / 1,600.
  CHECK(models::units_per_record(Distribution::uniform(600, 1400), 2, 1024) == doctest::Approx(2 + 752.0 / 1600));
}

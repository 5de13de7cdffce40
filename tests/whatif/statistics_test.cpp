// Student t quantiles against the printed tables, and the interval arithmetic
// against hand computation.
#include <doctest/doctest.h>

#include <cmath>
#include <stdexcept>

#include "archsim/whatif/statistics.hpp"

using namespace archsim::whatif;

TEST_CASE("Student t quantiles match the published table (two-sided 95%, 99%)") {
  // NIST/SEMATECH e-Handbook of Statistical Methods, table 1.3.6.7.2
  // (upper critical values of Student's t), to the 3 decimals it prints.
  struct Row {
    double df, t975, t995;
  } table[] = {{1, 12.706, 63.657}, {2, 4.303, 9.925}, {4, 2.776, 4.604},  {9, 2.262, 3.250},
               {19, 2.093, 2.861},  {29, 2.045, 2.756}, {100, 1.984, 2.626}};
  for (const auto& row : table) {
    CAPTURE(row.df);
    CHECK(student_t_quantile(0.975, row.df) == doctest::Approx(row.t975).epsilon(0.0005 / row.t975));
    CHECK(student_t_quantile(0.995, row.df) == doctest::Approx(row.t995).epsilon(0.0005 / row.t995));
  }
  // Large df tends to the normal quantile 1.959964.
  CHECK(student_t_quantile(0.975, 1e7) == doctest::Approx(1.959964).epsilon(1e-6));
  // The distribution is symmetric, and the cdf inverts the quantile.
  CHECK(student_t_quantile(0.025, 9) == doctest::Approx(-student_t_quantile(0.975, 9)));
  CHECK(student_t_cdf(student_t_quantile(0.9, 5), 5) == doctest::Approx(0.9).epsilon(1e-10));
  // df = 1 is the Cauchy distribution: P(T <= 1) = 3/4.
  CHECK(student_t_cdf(1, 1) == doctest::Approx(0.75).epsilon(1e-12));
  CHECK_THROWS_AS(student_t_quantile(1.0, 3), std::invalid_argument);
}

TEST_CASE("An interval is the mean plus or minus t times the standard error") {
  // 5 values: mean 3, sample variance 2.5, standard error sqrt(2.5 / 5).
  const Interval i = summarize({1, 2, 3, 4, 5});
  CHECK(i.mean == doctest::Approx(3));
  CHECK(i.half_width == doctest::Approx(2.776445 * std::sqrt(0.5)).epsilon(1e-6));
  CHECK(i.contains(3 + 0.99 * i.half_width));
  CHECK_FALSE(i.contains(3 + 1.01 * i.half_width));
  CHECK(summarize({7}).half_width == 0);
  CHECK(summarize({2, 2, 2}).half_width == 0);
  CHECK(summarize({2, 2, 2}).relative_half_width() == 0);
}

TEST_CASE("A paired difference cancels what both replications share") {
  // b = a + 1 exactly: the difference is -1 with no spread at all, though
  // each figure on its own varies widely.
  const Interval a = summarize({10, 50, 30, 90});
  const Interval b = summarize({11, 51, 31, 91});
  const Interval d = paired_difference(a, b);
  CHECK(d.mean == doctest::Approx(-1));
  CHECK(d.half_width == doctest::Approx(0).epsilon(1e-12));
  CHECK(a.half_width > 30);
  CHECK_THROWS_AS(paired_difference(a, summarize({1, 2})), std::invalid_argument);
}

TEST_CASE("Replications needed for a target precision: the t quantile falls with them") {
  // s = 9.129 (mean 100), half-width 3.182 * 9.129 / 2 = 14.5 at 4 replications.
  Interval i = summarize({90, 110, 95, 105});
  const double relative = i.relative_half_width();
  REQUIRE(relative == doctest::Approx(0.14526).epsilon(1e-3));
  // Half that, 7.26: t(7) * 9.129 / sqrt(8) = 7.63 is not enough, t(8) * 9.129 / 3 = 7.02 is.
  // Scaling 4 by 2^2, as if t stayed 3.18, would ask for 16.
  CHECK(replications_for(i, relative / 2) == 9);
  CHECK(replications_for(i, relative * 2) == 4);
  // Two replications: t(1) = 12.7, half-width 63.5 for s = 7.07. Within 10% of the mean needs 5
  // (t(4) * 7.07 / sqrt(5) = 8.78; 4 give 11.3), not the 2 x 6.35^2 = 81 the square of the ratio gives.
  const Interval two = summarize({95, 105});
  CHECK(replications_for(two, 0.10) == 5);
  // Each result is the smallest that is enough.
  for (const Interval& x : {i, two})
    for (double target : {0.01, 0.05, 0.10}) {
      const auto m = replications_for(x, target);
      auto half = [&](std::size_t k) {
        const double s = x.half_width / student_t_quantile(0.975, static_cast<double>(x.count() - 1)) *
                         std::sqrt(static_cast<double>(x.count()));
        return student_t_quantile(0.975, static_cast<double>(k - 1)) * s / std::sqrt(static_cast<double>(k));
      };
      CHECK(half(m) <= target * x.mean);
      if (m > x.count()) CHECK(half(m - 1) > target * x.mean);
    }
  // A run longer with as many replications: the spread falls as 1/sqrt(length), t stays.
  CHECK(run_length_for(i, relative / 2) == 4);
  CHECK(run_length_for(i, relative * 2) == 1);
}

TEST_CASE("Welch's interval for two independent samples") {
  // a: mean 10, variance 2.5 over 5; b: mean 7, variance 1 over 4 (values 6, 7, 7, 8 -> variance 2/3).
  const Interval a = summarize({8, 9, 10, 11, 12});
  const Interval b = summarize({6, 7, 7, 8});
  const Interval d = unpaired_difference(a, b);
  CHECK(d.mean == doctest::Approx(3));
  const double va = 2.5 / 5, vb = (2.0 / 3) / 4;
  const double df = (va + vb) * (va + vb) / (va * va / 4 + vb * vb / 3);
  CHECK(df == doctest::Approx(6.19).epsilon(0.01));
  CHECK(d.half_width == doctest::Approx(student_t_quantile(0.975, df) * std::sqrt(va + vb)));
  CHECK(unpaired_difference(summarize({1}), b).half_width == 0);
}

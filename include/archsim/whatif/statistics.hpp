// Confidence intervals over independent replications. A replication is one
// run with its own seed; its key figures are one sample each, so a figure's
// interval is the Student t interval of the replications' mean (the
// replications are independent and, by the central limit theorem over a
// run's many records, close to normal).
#pragma once
#include <cstddef>
#include <vector>

namespace archsim::whatif {

// The p-quantile of Student's t distribution with `df` degrees of freedom
// (df >= 1, 0 < p < 1): the x with P(T <= x) = p.
double student_t_quantile(double p, double df);

// P(T <= t) for Student's t with `df` degrees of freedom.
double student_t_cdf(double t, double df);

// A figure measured once per replication: the values in replication order,
// their mean and the half-width of the two-sided confidence interval.
struct Interval {
  std::vector<double> values;
  double mean = 0;
  double half_width = 0;  // 0 with one value: no interval can be given
  double confidence = 0.95;

  double low() const { return mean - half_width; }
  double high() const { return mean + half_width; }
  std::size_t count() const { return values.size(); }
  bool contains(double x) const { return low() <= x && x <= high(); }
  // 0 in every replication: a figure that says nothing the tables do not.
  bool all_zero() const {
    for (double v : values)
      if (v != 0) return false;
    return true;
  }
  // The half-width as a fraction of |mean| (0 when both are 0).
  double relative_half_width() const;
};

Interval summarize(std::vector<double> values, double confidence = 0.95);

// The paired differences a[k] - b[k] (replication k of each ran on the same
// random numbers), summarized: the interval of the mean difference.
Interval paired_difference(const Interval& a, const Interval& b);

// The difference of the means of two independent samples, a - b, with
// Welch's interval (unequal variances; Welch-Satterthwaite degrees of
// freedom): for figures whose replications did not share random numbers.
Interval unpaired_difference(const Interval& a, const Interval& b);

// How many replications would bring the half-width to `target_relative` of
// the mean, from this interval's spread: the smallest m with
// t(0.975, m - 1) * s / sqrt(m) within it (the t quantile shrinks with m too).
// 0 when the mean is 0.
std::size_t replications_for(const Interval& interval, double target_relative);

// How many times longer each run would have to be, with as many replications,
// for the same: the spread of an average shrinks as 1/sqrt(run length), the t
// quantile stays. 1 when the interval is narrow enough, 0 when the mean is 0.
double run_length_for(const Interval& interval, double target_relative);

}  // namespace archsim::whatif

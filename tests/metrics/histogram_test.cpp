#include <doctest/doctest.h>

#include <algorithm>
#include <cmath>
#include <vector>

#include "archsim/engine/distribution.hpp"
#include "archsim/metrics/histogram.hpp"
#include "archsim/metrics/interval_latencies.hpp"

using archsim::metrics::Histogram;
using archsim::metrics::IntervalLatencies;

TEST_CASE("histogram: quantiles are within 0.4% of the exact sample quantiles") {
  archsim::engine::Rng rng(99);
  const auto dist = archsim::engine::Distribution::lognormal(5e6, 80e6);  // ns: mean 5 ms, p99 80 ms
  std::vector<std::int64_t> samples;
  Histogram h;
  for (int i = 0; i < 200000; ++i) {
    const auto v = static_cast<std::int64_t>(dist.sample(rng));
    samples.push_back(v);
    h.add(v);
  }
  std::sort(samples.begin(), samples.end());
  for (double q : {0.01, 0.5, 0.9, 0.99, 0.999}) {
    const auto rank = static_cast<std::size_t>(std::ceil(q * samples.size())) - 1;
    const double exact = static_cast<double>(samples[rank]);
    CHECK_MESSAGE(std::abs(h.quantile(q) - exact) <= 0.004 * exact, "q=" << q);
  }
  double sum = 0;
  for (auto v : samples) sum += static_cast<double>(v);
  CHECK(h.mean() == doctest::Approx(sum / samples.size()).epsilon(1e-12));
  CHECK(h.max() == static_cast<std::uint64_t>(samples.back()));
  CHECK(h.min() == static_cast<std::uint64_t>(samples.front()));
  CHECK(h.count() == samples.size());
}

TEST_CASE("histogram: small values are exact, weights count, merge adds") {
  Histogram a, b;
  a.add(3, 5);   // five records of 3 ns
  b.add(100, 5);
  a.merge(b);
  CHECK(a.count() == 10);
  CHECK(a.quantile(0.5) == 3);
  CHECK(a.quantile(0.51) == 100);
  CHECK(a.mean() == doctest::Approx(51.5));
  CHECK(Histogram().quantile(0.5) == 0);
}

TEST_CASE("histogram: every bucket maps back onto itself") {
  for (std::size_t i = 0; i < Histogram::kBuckets; i += 37) {
    const auto lo = Histogram::lower_bound_of(i);
    CHECK(Histogram::index_of(lo) == i);
    CHECK(Histogram::index_of(lo + Histogram::width_of(i) - 1) == i);
  }
}

TEST_CASE("histogram: latencies kept per interval merge into the quantiles of the intervals chosen") {
  IntervalLatencies by;
  // Interval 0 holds 1..1000 ms, interval 1 holds 1..1000 s, interval 3 one value.
  for (std::int64_t v = 1; v <= 1000; ++v) {
    by.add(0, v * 1'000'000, 1);
    by.add(1, v * 1'000'000'000, 2);
  }
  by.add(3, 7, 5);
  const auto first = [](std::size_t i) { return i == 0; };
  const auto second = [](std::size_t i) { return i == 1; };
  const Histogram h0 = by.merged(first);
  CHECK(h0.count() == 1000);
  CHECK(h0.quantile(0.99) == doctest::Approx(990e6).epsilon(0.005));
  CHECK(by.max(first) == 1000 * 1'000'000);
  const Histogram h1 = by.merged(second);
  CHECK(h1.count() == 2000);
  CHECK(h1.quantile(0.5) == doctest::Approx(500e9).epsilon(0.005));
  // Above 100 s: 900 values of weight 2, to their bucket (0.8% wide).
  CHECK(static_cast<double>(by.count_above(second, 100'000'000'000)) == doctest::Approx(1800).epsilon(0.01));
  CHECK(by.count_above(first, 100'000'000'000) == 0);
  CHECK(by.merged([](std::size_t i) { return i == 2; }).count() == 0);
  CHECK(by.max([](std::size_t i) { return i == 2; }) == 0);
  CHECK(by.merged([](std::size_t) { return true; }).count() == 3005);
}

TEST_CASE("histogram: the values certainly above a limit are those of the buckets that start past it") {
  Histogram h;
  for (std::int64_t v = 1; v <= 1000; ++v) h.add(v * 1'000'000);  // 1..1000 ms
  CHECK(h.count_above(0) == 1000);
  CHECK(h.count_above(2'000'000'000) == 0);
  // Past 900 ms: 100 values, less those sharing the bucket 900 ms falls in (0.8% wide).
  const auto above = h.count_above(900'000'000);
  CHECK(above <= 100);
  CHECK(above >= 92);
  // However many it counts, each is past the limit: the quantile it implies is too.
  const double share = static_cast<double>(above) / 1000;
  CHECK(h.quantile(1 - share + 1e-9) > 900'000'000);
}

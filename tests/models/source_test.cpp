#include <doctest/doctest.h>

#include <cmath>
#include <vector>

#include "archsim/engine/distribution.hpp"
#include "support/simulate.hpp"

using namespace archsim;
using testing::component;
using testing::simulate_text;

TEST_CASE("poisson variates have the mean and variance of a Poisson distribution") {
  engine::Rng rng(2024);
  const int n = 40000;
  for (double mean : {0.3, 4.0, 9.9, 10.0, 37.5, 1000.0, 2.5e6}) {
    double sum = 0, sum_sq = 0;
    for (int i = 0; i < n; ++i) {
      const auto k = static_cast<double>(engine::poisson(rng, mean));
      sum += k;
      sum_sq += k * k;
    }
    const double m = sum / n;
    const double var = sum_sq / n - m * m;
    // The sample mean has standard error sqrt(mean / n); the sample variance's
    // relative standard error is about sqrt(2 / n + 1 / (n mean)).
    CHECK_MESSAGE(std::abs(m - mean) < 4 * std::sqrt(mean / n), "mean " << mean << " got " << m);
    CHECK_MESSAGE(std::abs(var / mean - 1) < 4 * std::sqrt(2.0 / n + 1 / (n * mean)), "mean " << mean << " var " << var);
  }
  CHECK(engine::poisson(rng, 0) == 0);
}

TEST_CASE("source: deterministic batches carry exactly rate x interval records") {
  // Ticks at 1 s, 2 s, ..., 9 s (the tick at 10 s is the end): 9 batches of 1,000.
  const auto r = simulate_text(R"(name: batches
duration: 10s
workload: { src: { rate: 200/s, producers: 5, arrivals: deterministic, batch: 1s, record_size: 2KB } }
components: { store: { service: sink } }
flows: [src -> store]
)");
  CHECK(r.accounting.generated == 9000);
  CHECK(r.events == 9);
  // Records are created across each interval; the batch leaves at its end, half an interval later on average.
  CHECK(r.paths[0].latency.mean == doctest::Approx(0.5));
}

TEST_CASE("source: warehouse scale in few events, with Poisson counts per batch") {
  // 500 warehouses x 200 events/s = 100,000 records/s for an hour, in 100 ms batches.
  const auto r = simulate_text(R"(name: warehouse scale
duration: 1h
workload:
  inventory_events: { rate: 200/s, producers: 500, batch: 100ms, record_size: 1KB }
components:
  hop: { service: delay, latency: 20ms }
  state: { service: sink }
flows: [inventory_events -> hop -> state]
)");
  const double expected = 100000.0 * 3600;
  CHECK(std::abs(static_cast<double>(r.accounting.generated) - expected) < 4 * std::sqrt(expected));
  CHECK(r.events < 80000);  // 36,000 batches, each one arrival event and one delay event
  CHECK(component(r, "hop").records_in == r.accounting.generated);
  CHECK(r.paths[0].latency.mean == doctest::Approx(0.070).epsilon(0.01));  // 50 ms batching + 20 ms hop
  CHECK(r.throughput_per_s == doctest::Approx(100000).epsilon(0.01));
}

TEST_CASE("source: a diurnal profile keeps the daily mean and peaks at peak_at") {
  const auto r = simulate_text(R"(name: diurnal
duration: 1d
metrics_interval: 1h
workload:
  events: { rate: 1000/s, batch: 10s, profile: { kind: diurnal, peak_factor: 3, peak_at: 14h } }
components: { sink: { service: sink } }
flows: [events -> sink]
)");
  const double expected = 1000.0 * 86400;
  CHECK(std::abs(static_cast<double>(r.accounting.generated) - expected) < 4 * std::sqrt(expected) + 0.001 * expected);
  const auto& per_hour = component(r, "sink").series.records_in_per_s;
  REQUIRE(per_hour.size() == 24);
  std::size_t busiest = 0;
  for (std::size_t h = 0; h < 24; ++h)
    if (per_hour[h] > per_hour[busiest]) busiest = h;
  CHECK((busiest == 13 || busiest == 14));  // the hour bins around the 14:00 peak
  CHECK(per_hour[busiest] > 2.7 * 1000);     // close to the peak factor of 3
  CHECK(per_hour[2] < 0.1 * 1000);           // the night, twelve hours from the peak
}

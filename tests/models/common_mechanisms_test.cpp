#include <doctest/doctest.h>

#include "archsim/models/common/retry_policy.hpp"
#include "archsim/models/common/token_bucket.hpp"

using namespace archsim;
using engine::kMillisecond;
using engine::kSecond;

TEST_CASE("token bucket: a 1,000/s limit admits 1,000 per second at steady state") {
  // A Kinesis shard's record limit: offered 3,000 requests/s evenly for 10 s.
  models::TokenBucket bucket(1000, 1000);
  int admitted = 0;
  for (engine::SimTime t = 0; t < 10 * kSecond; t += kSecond / 3000)
    admitted += bucket.try_take(t, 1) ? 1 : 0;
  // The first second's burst (the full bucket) plus 1,000/s of refill.
  CHECK(admitted == doctest::Approx(1000 + 10 * 1000).epsilon(0.002));
}

TEST_CASE("token bucket: ready_at says when enough tokens will be there") {
  models::TokenBucket bucket(100, 100);
  CHECK(bucket.try_take(0, 100));
  CHECK_FALSE(bucket.try_take(0, 1));
  const auto t = bucket.ready_at(0, 50);
  CHECK(t == doctest::Approx(500 * kMillisecond).epsilon(1e-6));
  CHECK(bucket.try_take(t, 50));
}

TEST_CASE("retry policy: full jitter under a doubling, capped ceiling") {
  models::RetryPolicy p{3, 100 * kMillisecond, 1 * kSecond};
  engine::Rng rng(5);
  for (std::uint32_t attempt = 1; attempt <= 6; ++attempt) {
    const double ceiling = std::min(1e9, 1e8 * static_cast<double>(1u << (attempt - 1)));
    double sum = 0;
    for (int i = 0; i < 20000; ++i) {
      const auto w = p.backoff(attempt, rng);
      CHECK(w >= 0);
      CHECK(static_cast<double>(w) <= ceiling);
      sum += static_cast<double>(w);
    }
    CHECK(sum / 20000 == doctest::Approx(ceiling / 2).epsilon(0.02));  // uniform on [0, ceiling]
  }
  CHECK_FALSE(p.gives_up(3));
  CHECK(p.gives_up(4));
}

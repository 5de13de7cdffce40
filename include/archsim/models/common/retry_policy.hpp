// Retries with capped exponential backoff and full jitter, the scheme the AWS
// SDKs use after a throttling error ("Exponential Backoff And Jitter", AWS
// Architecture Blog, 2015): the n-th retry waits a uniform time in
// [0, min(cap, base * 2^n)]. After `max_retries` the request is given up.
#pragma once
#include <algorithm>
#include <cstdint>

#include "archsim/engine/rng.hpp"
#include "archsim/engine/time.hpp"

namespace archsim::models {

struct RetryPolicy {
  std::uint32_t max_retries = 3;
  engine::SimTime base = 100 * engine::kMillisecond;
  engine::SimTime cap = 20 * engine::kSecond;

  bool gives_up(std::uint32_t attempt) const { return attempt > max_retries; }
  // The wait before retry number `attempt` (1 for the first retry).
  engine::SimTime backoff(std::uint32_t attempt, engine::Rng& rng) const {
    const std::uint32_t doublings = std::min<std::uint32_t>(attempt - 1, 40);
    const double ceiling = std::min(static_cast<double>(cap), static_cast<double>(base) * static_cast<double>(1ULL << doublings));
    return static_cast<engine::SimTime>(rng.uniform() * ceiling);
  }
};

}  // namespace archsim::models

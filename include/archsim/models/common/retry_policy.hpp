// Retries with capped exponential backoff and full jitter, the scheme the AWS
// SDKs use after a throttling error ("Exponential Backoff And Jitter", AWS
// Architecture Blog, 2015): the n-th retry waits a uniform time in
// [0, min(cap, base * 2^n)]. After `max_retries` the request is given up.
#pragma once
#include <algorithm>
#include <cstdint>

#include "archsim/engine/rng.hpp"
#include "archsim/engine/time.hpp"
#include "archsim/model/params.hpp"

namespace archsim::models {

struct RetryPolicy {
  std::uint32_t max_retries = 3;
  engine::SimTime base = 100 * engine::kMillisecond;
  engine::SimTime cap = 20 * engine::kSecond;

  // A client's retries as a component states them: `max_retries` and `retry_base`.
  static RetryPolicy of(const model::ParamSet& params) {
    RetryPolicy r;
    r.max_retries = static_cast<std::uint32_t>(params.integer("max_retries"));
    r.base = params.duration("retry_base");
    return r;
  }
  bool gives_up(std::uint32_t attempt) const { return attempt > max_retries; }
  // The mean time from a first refusal to giving up: the retries' mean
  // waits (half of each ceiling), for the static figures.
  double mean_span_s() const {
    double sum = 0;
    for (std::uint32_t n = 1; n <= max_retries; ++n)
      sum += std::min(static_cast<double>(cap), static_cast<double>(base) * static_cast<double>(1ULL << std::min<std::uint32_t>(n - 1, 40))) / 2;
    return sum / 1e9;
  }
  // The wait before retry number `attempt` (1 for the first retry).
  engine::SimTime backoff(std::uint32_t attempt, engine::Rng& rng) const {
    const std::uint32_t doublings = std::min<std::uint32_t>(attempt - 1, 40);
    const double ceiling = std::min(static_cast<double>(cap), static_cast<double>(base) * static_cast<double>(1ULL << doublings));
    return static_cast<engine::SimTime>(rng.uniform() * ceiling);
  }
};

}  // namespace archsim::models

// A token bucket: the way AWS enforces per-second limits (a Kinesis shard's
// 1,000 records/s, a DynamoDB partition's 1,000 write units/s). Tokens refill
// continuously at `rate` per second up to `capacity`; a request takes tokens
// if there are enough, or is refused (throttled). Time is the engine's.
#pragma once
#include <algorithm>

#include "archsim/engine/time.hpp"

namespace archsim::models {

class TokenBucket {
 public:
  TokenBucket() = default;
  // Starts full. capacity >= rate * 1 s allows a one-second burst, as AWS does.
  TokenBucket(double rate_per_s, double capacity) : rate_per_ns_(rate_per_s / 1e9), capacity_(capacity), tokens_(capacity) {}

  // Takes `amount` tokens at time `now` if available; otherwise takes none.
  bool try_take(engine::SimTime now, double amount) {
    refill(now);
    if (tokens_ + 1e-9 < amount) return false;
    tokens_ -= amount;
    return true;
  }
  // The earliest time at which `amount` tokens will be there (now if they are).
  engine::SimTime ready_at(engine::SimTime now, double amount) {
    refill(now);
    if (tokens_ >= amount) return now;
    return now + static_cast<engine::SimTime>((amount - tokens_) / rate_per_ns_) + 1;
  }
  double tokens(engine::SimTime now) {
    refill(now);
    return tokens_;
  }
  double rate_per_s() const { return rate_per_ns_ * 1e9; }
  // A new rate and capacity from `now` on, keeping the tokens there are (a
  // capacity that grows does not hand out a burst it never accrued).
  void resize(engine::SimTime now, double rate_per_s, double capacity) {
    refill(now);
    rate_per_ns_ = rate_per_s / 1e9;
    capacity_ = capacity;
    tokens_ = std::min(tokens_, capacity_);
  }

 private:
  void refill(engine::SimTime now) {
    if (now > last_) {
      tokens_ = std::min(capacity_, tokens_ + static_cast<double>(now - last_) * rate_per_ns_);
      last_ = now;
    }
  }
  double rate_per_ns_ = 0;
  double capacity_ = 0;
  double tokens_ = 0;
  engine::SimTime last_ = 0;
};

}  // namespace archsim::models

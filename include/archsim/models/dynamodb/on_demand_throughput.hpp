// What an on-demand DynamoDB table (or one of its indexes) serves at once, for
// one kind of request: from `initial` units/s, `multiple` times the highest
// second it served once that second is `window_s` old, up to the table quota
// (developer guide on-demand-capacity-mode.html: up to double the previous
// peak; more than double within 30 minutes may throttle). Writes and reads
// each follow their own (warm-throughput-scenarios.html: a new table serves
// 4,000 write and 12,000 read units/s).
#pragma once
#include <deque>

#include "archsim/engine/time.hpp"
#include "archsim/models/common/token_bucket.hpp"

namespace archsim::models {

class OnDemandThroughput {
 public:
  OnDemandThroughput() = default;
  OnDemandThroughput(double initial, double multiple, double most, double window_s);
  // The units it serves now: one second's worth, refilled at the ceiling.
  TokenBucket& bucket() { return bucket_; }
  double ceiling() const { return bucket_.rate_per_s(); }
  // The second ending at `end` served `units`; as of `now`, the seconds a
  // window old count as peaks. True when the ceiling rose.
  bool close_second(engine::SimTime end, double units, engine::SimTime now);

 private:
  double multiple_ = 2, most_ = 0, window_ns_ = 0;
  double matured_peak_ = 0;  // the previous peak old enough to count
  struct SecondTotal {
    engine::SimTime end;
    double units;
  };
  std::deque<SecondTotal> recent_;  // seconds younger than the window
  TokenBucket bucket_;
};

}  // namespace archsim::models

// The previous-peak rule of an on-demand table, second by second.
#include "archsim/models/dynamodb/on_demand_throughput.hpp"

#include <algorithm>

namespace archsim::models {

OnDemandThroughput::OnDemandThroughput(double initial, double multiple, double most, double window_s)
    : multiple_(multiple), most_(most), window_ns_(window_s * 1e9) {
  // A new table serves `initial` at once: as if its previous peak were initial / multiple.
  matured_peak_ = initial / multiple_;
  const double ceiling = std::min(most_, initial);
  bucket_ = TokenBucket(ceiling, ceiling);
}

bool OnDemandThroughput::close_second(engine::SimTime end, double units, engine::SimTime now) {
  // What the table served in a second counts as a peak only up to its
  // capacity then: a second that spent the bucket's stored second on top
  // is a burst, not traffic the table sustained.
  recent_.push_back({end, std::min(units, bucket_.rate_per_s())});
  while (!recent_.empty() && static_cast<double>(recent_.front().end) + window_ns_ <= static_cast<double>(now)) {
    matured_peak_ = std::max(matured_peak_, recent_.front().units);
    recent_.pop_front();
  }
  const double ceiling = std::min(most_, multiple_ * matured_peak_);
  if (ceiling <= bucket_.rate_per_s() + 1e-9) return false;
  // A ceiling that rises keeps the tokens there are: no burst it never accrued.
  bucket_.resize(end, ceiling, ceiling);
  return true;
}

}  // namespace archsim::models

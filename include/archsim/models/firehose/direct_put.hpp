// The Direct PUT quota of one Firehose stream: with producers putting records
// into it (PutRecord, PutRecordBatch), it takes at most so many records,
// requests and bytes per second, combined over both calls. AWS's Firehose
// quota page (catalog sources F2, F3, F4, F10): in us-east-1, us-west-2 and
// eu-west-1 500,000 records/s, 2,000 requests/s and 5 MiB/s; in the other
// Regions 100,000 records/s, 1,000 requests/s and 1 MiB/s. A quota increase
// is asked for on the throughput, and "the three quota scale proportionally"
// (10 MiB/s brings 4,000 requests/s and 1,000,000 records/s). A stream whose
// source is a Kinesis data stream is not bound by it: it reads at the data
// stream's rate.
#pragma once
#include <cstdint>
#include <string>

#include "archsim/engine/batch.hpp"
#include "archsim/metrics/component_probe.hpp"
#include "archsim/model/catalog.hpp"
#include "archsim/model/params.hpp"
#include "archsim/models/common/token_bucket.hpp"

namespace archsim::models {

struct DirectPutLimits {
  double records_per_s = 0, requests_per_s = 0, bytes_per_s = 0;
  // What one PutRecordBatch request carries at most (hard limits).
  double batch_records = 1, batch_bytes = 1;

  // The quota a stream has: the catalog's defaults, all three scaled by the
  // throughput the parameter `direct_put_quota` raises it to, when given.
  static DirectPutLimits of(const model::ParamSet& params, const model::Catalog& catalog);
  // Requests that carry `records` records of `bytes` in all: one PutRecord
  // for a single record, else as few PutRecordBatch calls as its 500-record
  // and 4 MiB limits allow.
  double requests_for(double records, double bytes) const;
  // Records/s the quota takes of records of `record_bytes`, `records_per_request` to a request.
  double records_capacity(double record_bytes, double records_per_request) const;
  // Which of the three binds at that size, in words: "5 MiB/s", "2,000 requests/s".
  std::string binding_words(double record_bytes, double records_per_request) const;
};

class DirectPutQuota {
 public:
  // Each limit a token bucket holding one second's worth, as AWS measures per second.
  explicit DirectPutQuota(const DirectPutLimits& limits);
  // Takes what fits now of `batch` (its requests in proportion) and returns
  // how many records that is, from the front; the rest is refused.
  std::uint64_t take(const engine::Batch& batch, engine::SimTime now);
  const DirectPutLimits& limits() const { return limits_; }
  // Closes the one-second windows that ended by `now`: the busy level from
  // each window's end is the largest share of the three limits it used.
  void roll(engine::SimTime now, metrics::ComponentProbe& probe);

 private:
  DirectPutLimits limits_;
  TokenBucket records_, requests_, bytes_;
  engine::SimTime window_end_ = engine::kSecond;
  double window_records_ = 0, window_requests_ = 0, window_bytes_ = 0;
};

}  // namespace archsim::models

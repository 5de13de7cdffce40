// `service: s3` — an S3 Standard bucket: objects are PUT into it and, once a
// PUT succeeds, its records are delivered (a sink) or passed on to what reads
// the lake (a Glue job, say). A lake stores its raw bytes compressed
// (`compression`, models/common/lake_bytes.hpp) and may start with a history
// (`existing`); storage is billed on what it holds.
// What an object is: the batches that arrive at one simulated instant form one
// object. A Firehose flush emits all its buffered batches at once, so one
// flush is one object; from any other upstream each arriving batch is one
// object. With `object_size` set, an object is written as
// ceil(bytes / object_size) PUTs instead (for upstreams whose batches stand for
// many objects), spread round-robin over the prefixes.
// Modelled: the per-prefix PUT rate (3,500/s per partitioned prefix, a token
// bucket per prefix with a one-second burst); objects go to the prefixes
// round-robin; a PUT past the limit gets 503 SlowDown (counted as throttled)
// and is retried with capped exponential backoff and full jitter; after the
// retries the object's records are dropped (reason `slow_down_after_retries`).
// While objects wait for a retry the bucket is not ready: a writer that can
// wait (a Glue or EMR job) paces itself to it.
// The PUT latency (`put_latency`, default 50 ms: AWS says small requests see a
// median latency of tens of milliseconds; no number is given). Cost: successful
// PUT requests per 1,000 (usage) and Standard storage per GB-month of the bytes
// held on average over the run (storage; written objects stay until the end).
// Not modelled: S3 re-partitioning a prefix under sustained load (30 to 60
// minutes, a third-party observation), GETs at the bucket (the 5,500 GETs/s
// per prefix bound the engines that read the lake, models/common/
// s3_reads.hpp, where their reads are simulated), other storage classes, lifecycle
// rules, egress, request-size dependence of the latency, billing of refused
// requests (503 replies are taken as free).
// Sources (models/catalog/aws-us-east-1.yaml, `s3.*`): the S3 user guide's
// request-rate performance page (optimizing-performance.html), the S3
// performance whitepaper, aws.amazon.com/s3/pricing.
#pragma once
#include <cstdint>
#include <vector>

#include "archsim/model/component.hpp"
#include "archsim/models/common/cost_parts.hpp"
#include "archsim/models/common/retry_policy.hpp"
#include "archsim/models/common/token_bucket.hpp"

namespace archsim::models {

class S3Bucket final : public model::Component {
 public:
  static model::ModelSpec spec();
  // Capacity: prefixes x 3,500 PUTs/s, in records/s at the offered records per
  // PUT (an object per arriving batch, or its bytes over `object_size` PUTs).
  // Latency: the mean PUT latency. Cost: a month's PUTs, and storage at its
  // mean over the scenario's span (what exists plus what the span has
  // written so far, compressed), as the simulated bucket bills it.
  static model::StaticFigures figures(const model::ParamSet& params, const model::Catalog& catalog,
                                      const model::FlowIn& in);
  explicit S3Bucket(const model::BuildContext& ctx);
  void accept(const model::Batch& batch) override;
  void handle(const engine::Event& event) override;
  std::uint64_t in_flight() const override { return held_records_; }
  // Not ready while objects that got SlowDown wait for their retry: a
  // writer that can wait (a Glue or Spark job) paces itself to the bucket.
  bool ready() const override { return retrying_ == 0; }
  void finish(engine::SimTime end) override {
    end_ = end;
    Component::finish(end);
  }
  double cost_usd(engine::SimTime duration) const override { return cost(duration).total(); }
  CostShape cost_shape(engine::SimTime duration) const override { return cost(duration).shape(); }
  std::vector<model::BilledQuantity> billed(engine::SimTime duration) const override { return cost(duration).lines(); }
  std::vector<std::pair<std::string, double>> usage() const override;

  std::uint64_t objects_written() const { return objects_written_; }
  std::uint64_t puts() const { return puts_; }
  std::uint64_t bytes_written() const { return bytes_written_; }
  // Bytes held on average from the start of the run to `end`, in GB of 2^30 bytes.
  double mean_stored_gb(engine::SimTime end) const;

 private:
  // Resources, in the order the spec lists them.
  enum : std::size_t { kPrefixPuts = 0, kServiceThrottling = 1 };
  struct Object {
    std::vector<model::Batch> batches;
    std::uint64_t records = 0, bytes = 0, puts = 1;
    std::uint32_t attempt = 0;
    std::uint32_t prefix = 0;  // the first prefix its PUTs go to
    engine::SimTime accepted = 0;  // its PUTs were accepted (after any SlowDown retries)
  };
  std::uint64_t new_object();
  void close_pending();
  void try_put(std::uint64_t slot);
  void written(std::uint64_t slot);
  void release(std::uint64_t slot);
  void store(engine::SimTime t, double bytes);
  CostParts cost(engine::SimTime duration) const;

  std::uint32_t prefixes_;
  double object_size_;  // bytes; 0: one PUT per object
  engine::Distribution put_latency_;
  double put_price_per_1000_;
  const model::CatalogEntry& storage_price_;
  RetryPolicy retry_;
  std::vector<model::Fault> faults_;  // a drill's `throttled` faults: 503 SlowDown whatever the prefixes take
  std::size_t slow_down_, service_slow_down_;
  std::size_t retried_stage_ = 0, put_stage_ = 0;
  std::uint64_t retrying_ = 0;  // objects waiting for a retry after SlowDown
  double prefix_puts_per_s_ = 0;

  std::vector<TokenBucket> buckets_;  // one per prefix
  std::uint32_t next_prefix_ = 0;
  std::vector<Object> objects_;
  std::vector<std::uint64_t> free_;
  std::uint64_t pending_ = 0;  // the object gathering this instant's arrivals
  bool pending_open_ = false;
  std::uint64_t held_records_ = 0;

  std::uint64_t objects_written_ = 0, puts_ = 0, bytes_written_ = 0;
  double compression_ratio_;  // raw bytes per stored byte
  double stored_bytes_ = 0, byte_seconds_ = 0;
  engine::SimTime stored_since_ = 0;
  engine::SimTime end_ = 0;  // the run's end, once finished
};

}  // namespace archsim::models

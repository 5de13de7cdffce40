// `service: kinesis` — an Amazon Kinesis Data Stream between producers and one
// consumer application (the components downstream).
//
// Modelled:
// - Placement: a record's shard is the MD5 of its partition key (the key's
//   decimal string) read as a 128-bit integer, over `shards` equal hash
//   ranges (shard i owns [i * 2^128 / N, (i + 1) * 2^128 / N)). A skewed key
//   distribution makes hot shards that throttle while others idle.
// - Write limits per shard: token buckets of 1,000 records/s and 1 MiB/s
//   (kinesis.shard.write_*), each holding one second's worth, so a shard
//   absorbs a one-second burst. A refused record (ProvisionedThroughputExceeded)
//   is counted as throttled and retried by the producer after capped
//   exponential backoff with full jitter (RetryPolicy: `retry_base`, up to
//   `max_retries`); after the last retry it is dropped with reason
//   `throttled_after_retries`. Records larger than kinesis.record.max_bytes
//   are dropped with reason `record_too_large`. While refused puts wait for
//   their retry the stream is not ready: a writer that can wait (a Flink
//   job's Kinesis sink re-queues throttled entries and back-pressures the
//   job) holds its next records; sources and services that cannot wait put
//   anyway.
// - Batches (sources with `batch`) carry their key mix (model/key_mix.hpp):
//   a batch is split over the shards in proportion to the probability of
//   the keys each shard's hash range holds (hot keys exactly, the long tail
//   evenly); each shard accepts as many of its part's records as its buckets
//   allow (PutRecords fails record by record) and the rest is retried. A put
//   costs one event per put, not per shard.
// - Reads (K1, K5, K6; building-consumers.html and service-sizes-and-limits.html,
//   retrieved 2026-11): each target that gets a copy of the stream (a Flink
//   job, a Firehose stream, a Lambda function) is a consumer application with
//   its own read position in every shard. A shard serves 5 GetRecords calls
//   and 2 MiB a second (kinesis.shard.*), shared by its shared-throughput
//   consumers: each polls a shard every (consumers / 5) s and reads at most
//   2 MiB/s / consumers, whether or not it keeps up. A call returns up to
//   10,000 records and 10 MiB (kinesis.get_records.*) whenever the consumer's
//   share is not in debt; after a large call the share repays it before the
//   next (AWS throttles the calls within the next seconds). With
//   `consumers: enhanced` each consumer gets its own 2 MiB/s per shard.
// - Propagation: a record becomes readable after the polling interval,
//   consumers x 200 ms (AWS: about 200 ms with one consumer, about 1 s with
//   five), or 70 ms pushed to enhanced fan-out consumers
//   (kinesis.efo.propagation_delay_s). A consumer that keeps up (ready, and
//   nothing unread on the shard) reads at once what its share allows.
// - Back-pressure: a consumer that is not ready when its share would serve
//   it (a Flink job whose buffers are full, a Lambda event source mapping
//   with a batch in flight on the shard) leaves its records unread; the
//   backlog stays in the stream and is held back by that consumer. One that
//   is ready but read-limited waits for its share: the stream's own limit
//   (resource shard_reads). Records unread for longer than the retention
//   period (`retention`, 24 h by default, up to 365 days) are dropped as
//   `expired` (the consumer pushed back) or `expired_behind_read_limit`.
//   A shard's unread records are held in age groups (common/aged_backlog.hpp):
//   the parts of successive puts of one source join a group spanning up to
//   1/64 of the backlog's age, so an hours-long backlog costs a few hundred
//   groups a shard, not one part per put; a group expires by its share of
//   records older than the retention, its records spread evenly over its span.
// - Iterator age: the component's `latency` is the time from a record's
//   acceptance (its ApproximateArrivalTimestamp) to its read, propagation
//   included; `wait` is the part beyond propagation, spent unread behind a
//   back-pressured consumer. Time spent in producer retries shows in
//   end-to-end latency only.
// - Utilization: what is accepted over one-second windows (each window's
//   rate is reported from its end, one second late), of the capacity that
//   binds first: the write limit in records or bytes, or one consumer's share
//   of the read limit (each consumer reads every record); a burst absorbed by
//   full buckets can take a window above 100%.
// - On-demand mode: starts at kinesis.on_demand.initial_write_* (four
//   shards' worth) and, every kinesis.on_demand.scale_up_s (15 min, observed
//   by third parties), grows to twice the peak accepted write rate seen so far
//   (kinesis.on_demand.peak_multiple), up to kinesis.on_demand.max_*. Per-shard
//   limits still apply, so hot keys throttle in on-demand mode too.
// - Cost: provisioned, shard-hours plus PUT payload units (one per started
//   25 KiB of each accepted record; a batch's records by the spread of their
//   source's sizes, so that batched and single records bill the same);
//   on-demand, stream-hours plus GB written (records rounded up to 1 KiB) and
//   GB read; retention beyond 24 h: provisioned, extended retention per
//   shard-hour up to 7 days, on demand per GB-month, and beyond 7 days
//   long-term retention per GB-month of the data a steady stream keeps
//   there; enhanced fan-out adds consumer-shard-hours and GB retrieved (provisioned) or its own per-GB read price (on-demand). GB = 2^30 bytes.
//   Capacity (cost_shape): the shard-hours and consumer-shard-hours, or the
//   on-demand stream-hours; the payload units and GB are usage.
//
// Not modelled: a mix of shared and enhanced fan-out consumers on one stream
// (`consumers` applies to all); the per-call latency of GetRecords; reads of
// data older than 7 days (long-term retrieval); resharding of provisioned
// streams (UpdateShardCount); on-demand scale-down
// (kinesis.on_demand.scale_down_s) and the 30-day peak window;
// ExplicitHashKey; partition-key bytes in the write limit; On-demand Advantage; the producer's own buffering (KPL
// aggregation).
//
// AWS documents (catalog sources K1-K16): streams/latest/dev/service-sizes-and-limits.html,
// kinesis/latest/APIReference/API_PutRecords.html, streams/latest/dev/building-consumers.html,
// streams/latest/dev/enhanced-consumers.html, the Kinesis Data Streams FAQ and pricing page,
// and the AWS Price List (us-east-1) as recorded in models/catalog/aws-us-east-1.yaml.
#pragma once
#include <cstdint>
#include <vector>

#include "archsim/model/component.hpp"
#include "archsim/models/common/cost_parts.hpp"
#include "archsim/models/common/aged_backlog.hpp"
#include "archsim/models/common/retry_policy.hpp"
#include "archsim/models/common/part_groups.hpp"
#include "archsim/models/common/record_units.hpp"
#include "archsim/models/common/token_bucket.hpp"

namespace archsim::models {

// A stream's prices and its bill, shared by the simulated stream and its
// static figures: what a month (or a run) used, priced by the catalog.
struct KinesisUsage {
  double hours = 0, shards = 0, put_units = 0;
  double ingest_bytes_billed = 0;  // on demand: records rounded up to 1 KiB
  double read_bytes = 0;
  double consumers = 1;
  double retention_s = 86400;  // the stream's retention period
  double bytes_written = 0;    // accepted over `hours`: what extended and long-term retention store
};

class KinesisBill {
 public:
  KinesisBill(const model::Catalog& catalog, bool on_demand, bool efo);
  CostParts cost(const KinesisUsage& u) const;
  // PUT payload units a record of the flow takes on average (one per
  // started 25 KiB, at least one), and the bytes on-demand ingestion bills
  // for it (rounded up to 1 KiB), by the spread of its sizes as the
  // simulated stream rounds each record (models/common/record_units.hpp).
  double put_units(const model::FlowIn& in) const;
  double ingest_bytes(const model::FlowIn& in) const;
  double put_unit_bytes() const { return put_unit_bytes_; }
  double ingest_rounding_bytes() const { return ingest_rounding_bytes_; }

 private:
  void retention(const KinesisUsage& u, CostParts& bill) const;

  bool on_demand_, efo_;
  double put_unit_bytes_, ingest_rounding_bytes_;
  double default_retention_s_, extended_max_s_;
  double price_extended_shard_hour_, price_on_demand_extended_gb_month_, price_long_term_gb_month_;
  double price_shard_hour_, price_put_units_per_million_, price_stream_hour_, price_ingest_gb_, price_read_gb_;
  double price_efo_shard_hour_, price_efo_gb_;
};

class KinesisStream final : public model::Component {
 public:
  static model::ModelSpec spec();
  // Capacity: shards x the per-shard write limit in records/s at the offered
  // record size (1,000 records/s or 1 MiB/s, whichever binds first), the
  // shards as keyed units; on demand, what the previous-peak rule allows over
  // the run's load (kinesis_figures.cpp). Latency: the propagation delay.
  // Cost: KinesisBill for what it accepts over the span, as a month.
  static model::StaticFigures figures(const model::ParamSet& params, const model::Catalog& catalog,
                                      const model::FlowIn& in);
  explicit KinesisStream(const model::BuildContext& ctx);
  void accept(const model::Batch& batch) override;
  void handle(const engine::Event& event) override;
  std::uint64_t in_flight() const override;
  // Not ready while throttled puts wait for their retry: a writer that can
  // wait (a Flink job's Kinesis sink, which re-queues throttled entries)
  // holds its next records until they are through.
  bool ready() const override { return retrying_.records() == 0; }
  void finish(engine::SimTime end) override;
  double cost_usd(engine::SimTime duration) const override { return cost(duration).total(); }
  CostShape cost_shape(engine::SimTime duration) const override { return cost(duration).shape(); }
  std::vector<model::BilledQuantity> billed(engine::SimTime duration) const override { return cost(duration).lines(); }
  std::vector<std::pair<std::string, double>> usage() const override;

  // The shard, out of `shards` equal hash ranges, that a partition key maps to.
  static std::uint64_t shard_of(std::uint64_t key, std::uint64_t shards);
  std::uint64_t shards() const { return shards_.size(); }

 private:
  enum Tag : std::uint32_t { kRetry = 0, kPropagated = 1, kPoll = 2, kScale = 3 };
  // Indexes of spec().resources.
  enum Resource : std::size_t { kShardWrites = 0, kOnDemandWrites = 1, kShardReads = 2 };
  // One consumer's share of a shard's reads, in bytes and records, refilled
  // at its rate up to one poll interval's worth; a call may take it into debt.
  struct ReadShare {
    double bytes_per_s = 0, records_per_s = 0;
    double bytes_banked = 0, records_banked = 0;  // the most it holds: a poll interval's worth
    double call_bytes = 0, call_records = 0;  // the most one GetRecords call returns
    double bytes = 0, records = 0;
    engine::SimTime at = 0;
    std::uint64_t fits(const model::Batch& batch, engine::SimTime t);
    void take(const model::Batch& batch, engine::SimTime t);
    void refill(engine::SimTime t);
  };
  struct Shard {
    TokenBucket records, bytes;
    std::vector<AgedBacklog> unread;  // by consumer: readable records it has not read yet
    std::vector<ReadShare> read;      // by consumer
  };

  void put(const std::vector<Part>& parts, std::uint32_t attempt);
  void bill_accepted(const model::Batch& taken, double put_units, double ingest_units);
  void readable(const std::vector<Part>& parts);
  void set_consumers(std::size_t consumers);
  void add_read_positions(Shard& s) const;
  void deliver(std::size_t consumer, const model::Batch& batch, engine::SimTime t);
  void schedule_poll();
  void poll();
  void resize(std::uint64_t shards);
  void roll_window(engine::SimTime t);
  void update_backlog();
  void note_oldest_unread(std::size_t consumer, engine::SimTime t);
  double busy_fraction(double records_per_s, double bytes_per_s) const;
  void note_readiness(std::size_t consumer, bool ready, engine::SimTime t);
  std::size_t write_limit_binding(engine::SimTime t) const;
  CostParts cost(engine::SimTime duration) const;

  bool on_demand_;
  bool efo_;
  RetryPolicy retry_;
  double write_records_per_s_, write_bytes_per_s_, read_bytes_per_s_;
  double max_record_bytes_;
  engine::SimTime efo_propagation_;
  engine::SimTime propagation_ = 0;  // set with the consumers
  double read_share_per_s_ = 0;      // one consumer's share of a shard's read bytes/s
  double read_records_per_s_ = 0;    // and of its records/s
  std::uint64_t max_shards_;
  engine::SimTime scale_every_ = 0;
  double peak_multiple_ = 2;
  std::vector<Shard> shards_;

  PartGroups retrying_;                       // refused parts of one put, waiting for one retry
  std::vector<std::uint32_t> retry_attempt_;  // by retrying_ group
  PartGroups propagating_;                    // accepted parts of one put, bucket = shard
  std::vector<Part> incoming_;  // scratch
  std::vector<std::uint64_t> read_waits_;  // scratch of readable(), by part
  std::uint64_t unread_ = 0;  // records in the shards' unread queues, all consumers
  std::vector<std::uint64_t> unread_of_;      // by consumer
  std::vector<bool> refusing_;                // by consumer: it was not ready when last asked
  // By consumer: it has pushed back since it last had nothing unread, so what
  // it has unread waits for its pace, not for the stream's read limits.
  std::vector<bool> behind_;
  std::vector<bool> read_limited_;  // by consumer: at its last poll, a shard's read share ran out
  std::vector<engine::SimTime> last_refused_;  // by consumer: when it last was not ready (-1: never)
  std::size_t consumers_ = 0;  // 0 until the first read
  bool poll_pending_ = false;
  engine::SimTime call_every_, poll_every_ = 0, retention_;
  std::uint64_t max_records_per_call_;
  double max_bytes_per_call_ = 0;

  // Utilization: accepted records in the current one-second window.
  engine::SimTime window_end_;
  std::uint64_t window_records_ = 0;
  double peak_rate_ = 0, peak_bytes_rate_ = 0, last_window_rate_ = 0;
  std::uint64_t window_bytes_ = 0;

  // Usage for cost.
  double put_units_ = 0;            // expected whole units of the records accepted
  double ingest_bytes_billed_ = 0;  // on-demand: records rounded up to 1 KiB
  double read_bytes_ = 0;
  double bytes_written_ = 0;
  KinesisBill bill_;
  BatchUnits put_units_of_, ingest_units_of_;  // a record's 25 KiB and 1 KiB units

  std::size_t throttled_reason_, too_large_reason_, expired_reason_, expired_read_reason_;
  std::size_t retried_stage_, propagation_stage_, unread_read_stage_, unread_held_stage_;
};

}  // namespace archsim::models

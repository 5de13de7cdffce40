// `service: firehose` — an Amazon Data Firehose stream delivering to S3. Records
// gather in a buffer that flushes when its bytes reach `buffer_size` or when
// `buffer_interval` has passed since the first record of the current buffer,
// whichever comes first; a flush writes one S3 object.
// Modelled: the size and interval buffering hints (so delivery latency follows
// the buffer: at a low rate a record waits up to the interval, at a high rate
// about buffer_size / byte rate); records larger than the 1,000 KiB record
// limit are dropped (reason `record_too_large`); the number of flushes (S3
// objects written); ingestion billed per GB with each record rounded up to
// 5 KB (a batch's records by the spread of their source's sizes), priced by
// the monthly volume tiers. With Direct PUT as its source (`source:
// direct_put`, the default, for producers, Lambda or Flink writing to it) the
// Direct PUT quota (records, requests and bytes per second, models/firehose/
// direct_put.hpp, raised together by `direct_put_quota`): records past it are
// refused (counted as throttled against `direct_put`), retried by the
// producer with capped exponential backoff and full jitter (`max_retries`,
// `retry_base`), and dropped after the last retry (reason
// `throttled_after_retries`); while refused records wait for their retry the
// stream is not ready, so a writer that can wait holds its next records. With
// a Kinesis data stream as its source (`source: kinesis_stream`, taken from
// a stream flowing into it) no Direct PUT quota applies.
// Not modelled: data transformation (Lambda), format conversion,
// compression, dynamic partitioning, VPC delivery, destination outages and
// Firehose's own retries, the extra few seconds Firehose may take to
// deliver once a buffer is full, the read limits of the data stream it reads
// (its GetRecords calls count against the stream's as a consumer's do),
// and an MSK source.
// Sources (see models/catalog/aws-us-east-1.yaml, `firehose.*`):
// docs.aws.amazon.com/firehose/latest/APIReference/API_BufferingHints.html,
// the Firehose developer guide's quotas page (limits.html: the Direct PUT
// quota and how it is raised), the PutRecord and PutRecordBatch API
// references, and aws.amazon.com/kinesis/data-firehose/pricing (5 KB
// rounding, ingestion tiers).
#pragma once
#include <cstdint>
#include <vector>

#include "archsim/model/component.hpp"
#include "archsim/models/common/cost_parts.hpp"
#include "archsim/models/common/fifo.hpp"
#include "archsim/models/common/retry_policy.hpp"
#include "archsim/models/common/slot_pool.hpp"
#include "archsim/models/firehose/direct_put.hpp"
#include "archsim/models/common/record_units.hpp"

namespace archsim::models {

class FirehoseStream final : public model::Component {
 public:
  static model::ModelSpec spec();
  // Capacity: with Direct PUT, what its quota takes of records of the offered
  // size and batching; else unbounded. Latency: a
  // buffer fills in min(interval, buffer_size / byte rate) and a record,
  // arriving at a uniform point of the fill, waits half of it on average (a
  // first-order figure: at a very low rate the first record of a buffer waits
  // the whole interval). One flush (S3 object) per fill. Cost: a month's
  // ingestion of what it accepts, records rounded up to 5 KB by the spread
  // of their sizes, by the tiers.
  static model::StaticFigures figures(const model::ParamSet& params, const model::Catalog& catalog,
                                      const model::FlowIn& in);
  // The bytes ingestion bills for one record of `record_bytes`: rounded up to
  // the next `rounding_bytes`, at least one unit.
  static double billed_record_bytes(double record_bytes, double rounding_bytes);
  explicit FirehoseStream(const model::BuildContext& ctx);
  void accept(const model::Batch& batch) override;
  void handle(const engine::Event& event) override;
  std::uint64_t in_flight() const override { return buffered_records_ + retrying_.records(); }
  // Not ready while refused Direct PUT records wait for their retry.
  bool ready() const override { return retrying_.records() == 0; }
  void finish(engine::SimTime end) override;
  double cost_usd(engine::SimTime duration) const override { return cost(duration).total(); }
  std::vector<model::BilledQuantity> billed(engine::SimTime duration) const override { return cost(duration).lines(); }
  std::vector<std::pair<std::string, double>> usage() const override;

  // S3 objects written so far: one per flush.
  std::uint64_t flushes() const { return flushes_; }
  std::uint64_t size_flushes() const { return size_flushes_; }
  // Bytes billed for ingestion: every record rounded up to the rounding unit.
  double billed_bytes() const { return billed_bytes_; }

 private:
  CostParts cost(engine::SimTime duration) const;
  enum Tag : std::uint32_t { kBufferTimer = 0, kRetry = 1 };
  // Indexes of spec().resources.
  enum Resource : std::size_t { kDirectPut = 0 };
  void put(const model::Batch& batch, std::uint32_t attempt);
  void take_in(const model::Batch& batch);
  void add(const model::Batch& part);
  void flush(bool by_size);
  void update_backlog();

  double buffer_size_;               // bytes
  engine::SimTime buffer_interval_;  // ns; 0: every arrival is flushed at once
  double record_max_bytes_;
  BatchUnits units_;  // a record's whole 5 KB ingest units
  const model::CatalogEntry& ingest_price_;
  std::size_t too_large_, throttled_reason_, buffer_stage_, retried_stage_;
  bool direct_put_;  // its source is Direct PUT, not a Kinesis data stream
  DirectPutQuota quota_;
  RetryPolicy retry_;
  SlotPool retrying_;                         // refused records waiting for the producer's retry
  std::vector<std::uint32_t> retry_attempt_;  // by retrying_ slot

  Fifo<model::Batch> buffer_;
  std::uint64_t buffered_records_ = 0;
  double buffered_bytes_ = 0;
  std::uint64_t generation_ = 0;  // the buffer's number: a timer for an older buffer is stale
  std::uint64_t flushes_ = 0, size_flushes_ = 0;
  double billed_bytes_ = 0;
  double raw_bytes_ = 0;  // the records' own bytes, for what the rounding adds
};

// The cost of `quantity` units (GB) used in one month under a tiered price:
// each step's price applies to the usage between the previous bound and its own.
double tiered_monthly_cost(const model::CatalogEntry& entry, double quantity);

}  // namespace archsim::models

// `service: dynamodb` — one DynamoDB table taking writes: every record that
// arrives is one PutItem of `item_size` bytes (by default the batch's mean
// record size).
//
// Modelled:
//  - Write units per item: ceil(item bytes / 1 KiB), as AWS bills (1.5 KB: 2);
//    a batch of records by the spread of their source's sizes,
//    E[max(1, ceil(size / 1 KiB))] (models/common/record_units.hpp).
//  - Provisioned mode: partitions = max(ceil(rcu / 3000 + wcu / 1000),
//    ceil(storage / 10 GiB)) (the formula AWS's developer guide gave for
//    partition sizing; the per-partition ceilings and the 10 GiB from the
//    catalog). A record goes to partition splitmix64(key) mod partitions.
//    Adaptive capacity: a partition takes what the table's WCU leaves unused,
//    up to its hard 1,000 WU/s, so a hot partition throttles only past that
//    ceiling or when the table as a whole is past its WCU. Burst capacity: the
//    table keeps up to 300 s of its unused WCU, spent still within each
//    partition's ceiling.
//  - On-demand mode: serves at once up to `peak_multiple` (2) times the
//    previous peak, starting from 4,000 WRU/s for a new table, up to the table
//    quota (40,000 WRU/s); the previous peak counts only once it is 30 minutes
//    old, so growth beyond double within 30 minutes throttles. Partitions: as
//    many as the current ceiling needs at 1,000 WU/s each (at least 4), each
//    capped at 1,000 WU/s; added partitions rehash keys (real tables split).
//  - Throttled writes are retried by the client with capped exponential
//    backoff and full jitter (`max_retries`, default 3: AWS SDK standard mode
//    makes 3 attempts, the Java SDK's legacy mode retries DynamoDB up to 8
//    times; `retry_base`) and dropped with
//    reason `throttled_after_retries` after the last one; every throttled
//    attempt counts as one throttled request.
//  - Latency of an accepted write: `latency`, by default lognormal with mean
//    5 ms and p99 10 ms. Assumption: AWS states only "single-digit
//    milliseconds" (catalog dynamodb.latency.typical_max_s).
//  - Utilization: for each whole second, the most loaded partition's write
//    units over its 1,000 WU/s ceiling or, provisioned, the table's units over
//    its WCU, whichever is higher, at most 1: spending burst capacity or
//    throttling shows 100%. Shown one second late.
//  - Cost: provisioned wcu and rcu per capacity-hour, or on-demand write
//    request units per million; storage beyond the free 25 GB-month per month
//    at the GB-month price (a month is 730 hours). Capacity (cost_shape): the
//    WCU and RCU hours; storage: the storage line; on-demand requests: usage.
//
// Not modelled: reads (rcu only sizes partitions and is billed), adaptive
// capacity's isolation of a hot item on a partition of its own (split for
// heat), auto scaling, the linear read/write mix of a partition,
// transactions, global tables, streams, backups, the
// Standard-IA table class, reserved capacity, the free tier of capacity.
// Batches with a key mix (model/key_mix.hpp) are split over the partitions
// by the weight of the keys each holds, so skew reaches the hot partition.
//
// AWS documents (see models/catalog/aws-us-east-1.yaml, ids dynamodb.*):
// developerguide read and write operations (units, rounding); pricing pages
// aws.amazon.com/dynamodb/pricing/provisioned and .../on-demand; repost.aws
// knowledge-center on-demand-table-throttling-dynamodb and
// dynamodb-spiky-workloads-short-intervals (partition ceilings, 300 s burst);
// developerguide burst-adaptive-capacity.html, on-demand-capacity-mode.html
// (2x previous peak, 30 minutes), warm-throughput-scenarios.html (4,000 WRU/s).
#pragma once
#include <cstdint>
#include <deque>
#include <vector>

#include "archsim/model/component.hpp"
#include "archsim/models/common/cost_parts.hpp"
#include "archsim/models/common/part_groups.hpp"
#include "archsim/models/common/record_units.hpp"
#include "archsim/models/common/slot_pool.hpp"
#include "archsim/models/common/retry_policy.hpp"
#include "archsim/models/common/token_bucket.hpp"

namespace archsim::models {

// A table's bill, shared by the simulated table and its static figures.
struct DynamoDbBill {
  explicit DynamoDbBill(const model::Catalog& catalog);
  // Provisioned: wcu and rcu for `hours`; on demand: `write_units` requests.
  // Storage beyond the free allowance in either mode.
  CostParts cost(bool on_demand, double hours, double wcu, double rcu, double write_units,
                 double storage_bytes) const;
  double wcu_hour_price, rcu_hour_price, wru_price_per_million, storage_price, free_gb_month;
};

class DynamoDbTable final : public model::Component {
 public:
  static model::ModelSpec spec();
  // Capacity: provisioned, partitions x min(1,000, wcu / partitions) write
  // units/s over the units an item takes, the partitions as keyed units with
  // their burst credit; on demand, what the previous-peak rule allows over
  // the run's load, up to the table quota (dynamodb_figures.cpp). Latency:
  // the mean of `latency`. Cost: DynamoDbBill over the span, as a month.
  static model::StaticFigures figures(const model::ParamSet& params, const model::Catalog& catalog,
                                      const model::FlowIn& in);
  // Provisioned partitions: max(1, ceil(rcu / 3,000 + wcu / 1,000), ceil(storage / 10 GiB)).
  static double provisioned_partitions(double wcu, double rcu, double storage_bytes, const model::Catalog& catalog);
  explicit DynamoDbTable(const model::BuildContext& ctx);
  void accept(const model::Batch& batch) override;
  void handle(const engine::Event& event) override;
  std::uint64_t in_flight() const override { return writing_.records() + waiting_.records(); }
  // Not ready while throttled writes wait for their retry: a writer that can
  // wait (a Flink job's sink) holds its next writes until they are through.
  bool ready() const override { return waiting_.records() == 0; }
  void finish(engine::SimTime end) override;
  double cost_usd(engine::SimTime duration) const override { return cost(duration).total(); }
  CostShape cost_shape(engine::SimTime duration) const override { return cost(duration).shape(); }
  std::vector<std::pair<std::string, double>> usage() const override;

  // The partition, out of `partitions`, that a key's items live on.
  static std::uint64_t partition_of(std::uint64_t key, std::uint64_t partitions);

  // What the model derived from its parameters, for tests and reports.
  std::uint32_t partitions() const { return static_cast<std::uint32_t>(partitions_.size()); }

 private:
  // Indexes of spec().resources.
  enum Resource : std::size_t { kPartitionWrites = 0, kProvisionedWrites = 1, kOnDemandThroughput = 2 };
  struct Partition {
    TokenBucket ceiling;  // the hard per-partition limit
    double consumed = 0;  // write units in the current second
  };
  void attempt(const std::vector<Part>& parts, std::uint32_t tries);
  double units_of(const model::Batch& batch);
  void roll_seconds(engine::SimTime t);
  void grow_partitions(std::size_t count);
  CostParts cost(engine::SimTime duration) const;

  bool on_demand_;
  double wcu_, rcu_;
  bool fixed_item_size_;
  double item_size_;
  double storage_bytes_;
  double partition_max_wu_;
  double burst_s_;
  RetryPolicy retry_;
  engine::Distribution latency_;
  double item_max_bytes_;
  BatchUnits units_;  // whole write units a record of a batch
  std::size_t throttled_reason_, too_large_reason_;
  std::size_t retried_stage_, write_stage_;
  std::vector<Partition> partitions_;
  TokenBucket provisioned_;  // the table's WCU with its burst capacity, shared by the partitions (provisioned)
  // On-demand scaling.
  double od_peak_multiple_ = 2, od_table_max_ = 0, od_window_ns_ = 0;
  double od_matured_peak_ = 0;  // previous peak old enough to count
  TokenBucket od_table_;
  struct SecondTotal {
    engine::SimTime end;
    double units;
  };
  std::deque<SecondTotal> od_recent_;  // seconds younger than the window
  DynamoDbBill bill_;
  // Accounting.
  std::int64_t second_ = 0;  // index of the second being tallied
  double second_units_ = 0;  // table write units in that second
  double write_units_total_ = 0;
  SlotPool writing_;    // accepted writes of one attempt, waiting for their latency
  PartGroups waiting_;  // throttled parts of one attempt, waiting for their retry
  std::vector<Part> incoming_;  // scratch
};

}  // namespace archsim::models

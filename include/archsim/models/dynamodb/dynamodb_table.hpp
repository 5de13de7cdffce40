// `service: dynamodb` — one DynamoDB table taking writes and serving reads:
// every record that arrives from a source of records is one PutItem of
// `item_size` bytes (by default the batch's mean record size); every record
// from a `kind: reads` source is one read (GetItem, or a Query returning the
// record's bytes) of the key it carries, and ends here.
//
// Modelled:
//  - Write units per item: ceil(item bytes / 1 KiB), as AWS bills (1.5 KB: 2);
//    a batch of records by the spread of their source's sizes,
//    E[max(1, ceil(size / 1 KiB))] (models/common/record_units.hpp).
//  - Read units per read: ceil(bytes returned / 4 KiB), half for an eventually
//    consistent read, double for a transactional one (developer guide
//    read-write-operations.html); a Query sums its items before rounding, so
//    a read's bytes are rounded as one. By the spread of the source's sizes
//    like the write units.
//  - Provisioned mode: partitions = max(ceil(rcu / 3000 + wcu / 1000),
//    ceil(storage / 10 GiB)) (the formula AWS's developer guide gave for
//    partition sizing; the per-partition ceilings and the 10 GiB from the
//    catalog). A record goes to partition splitmix64(key) mod partitions.
//    A partition serves reads and writes within one linear ceiling:
//    reads / 3,000 + writes / 1,000 <= 1 a second.
//    Adaptive capacity: a partition takes what the table's WCU (RCU) leaves
//    unused, up to its hard ceiling, so a hot partition throttles only past
//    that ceiling or when the table as a whole is past its WCU (RCU). Burst
//    capacity: the table keeps up to 300 s of its unused WCU and of its
//    unused RCU, spent still within each partition's ceiling.
//  - Hot items isolated (both modes): a partition its own ceiling throttled
//    in every second of 300 s (an assumption: AWS gives no timing) moves its
//    hottest items, each asking at least a tenth of a partition, to
//    partitions of their own while what stays is over its ceiling; an item
//    is still capped at one partition's ceiling (hot_item_isolation.hpp).
//  - On-demand mode: writes and reads each serve at once up to `peak_multiple`
//    (2) times their previous peak, starting from 4,000 WRU/s and 12,000
//    RRU/s for a new table, up to the table quota (40,000 each); the previous
//    peak counts only once it is 30 minutes old, so growth beyond double
//    within 30 minutes throttles (on_demand_throughput.hpp). Partitions: as
//    many as the current ceilings need, ceil(writes / 1,000 + reads / 3,000)
//    (reads counted once the table has served one), at least 4; added
//    partitions rehash keys (real tables split).
//  - Throttled writes and reads are retried by the client with capped
//    exponential backoff and full jitter (`max_retries`, default 3: AWS SDK
//    standard mode makes 3 attempts, the Java SDK's legacy mode retries
//    DynamoDB up to 8 times; `retry_base`) and dropped with reason
//    `throttled_after_retries` (writes) or `reads_throttled_after_retries`
//    after the last one; every throttled attempt counts as one throttled request.
//  - Latency of an accepted write: `latency`; of a read: `read_latency`; by
//    default lognormal with mean 5 ms and p99 10 ms. Assumption: AWS states
//    only "single-digit milliseconds" (catalog dynamodb.latency.typical_max_s).
//  - A read ends here: delivered when the table is the end of its path (the
//    read's latency is the path's), absorbed when the table's flows carry its
//    writes on (a read writes nothing).
//  - Utilization: for each whole second, the most loaded partition's load
//    (writes / 1,000 + reads / 3,000) or, provisioned, the table's write
//    units over its WCU or read units over its RCU, whichever is highest, at
//    most 1: spending burst capacity or throttling shows 100%. Shown one
//    second late.
//  - Cost: provisioned wcu and rcu per capacity-hour, or on-demand write and
//    read request units per million; storage beyond the free 25 GB-month per
//    month at the GB-month price (a month is 730 hours). Capacity
//    (cost_shape): the WCU and RCU hours; storage: the storage line;
//    on-demand requests: usage.
//
// Not modelled: splits for heat other than a hot item's (a partition of
// many lukewarm keys stays whole), isolation on an index's partitions, local
// secondary indexes, auto scaling, reads of a secondary index,
// transactions' writes, global tables, streams, backups, the Standard-IA
// table class, reserved capacity, the free tier of capacity.
// Batches with a key mix (model/key_mix.hpp) are split over the partitions
// by the weight of the keys each holds, so skew reaches the hot partition.
//
// AWS documents (see models/catalog/aws-us-east-1.yaml, ids dynamodb.*):
// developerguide read and write operations (units, rounding); pricing pages
// aws.amazon.com/dynamodb/pricing/provisioned and .../on-demand; repost.aws
// knowledge-center on-demand-table-throttling-dynamodb and
// dynamodb-spiky-workloads-short-intervals (partition ceilings, 300 s burst);
// developerguide burst-adaptive-capacity.html (adaptive capacity, isolating
// frequently accessed items), on-demand-capacity-mode.html
// (2x previous peak, 30 minutes), warm-throughput-scenarios.html (4,000 WRU/s
// and 12,000 RRU/s).
#pragma once
#include <cstdint>
#include <vector>

#include "archsim/model/component.hpp"
#include "archsim/models/common/cost_parts.hpp"
#include "archsim/models/common/part_groups.hpp"
#include "archsim/models/common/retry_policy.hpp"
#include "archsim/models/common/slot_pool.hpp"
#include "archsim/models/common/token_bucket.hpp"
#include "archsim/models/common/record_units.hpp"
#include "archsim/models/dynamodb/global_secondary_index.hpp"
#include "archsim/models/dynamodb/hot_item_isolation.hpp"
#include "archsim/models/dynamodb/on_demand_throughput.hpp"

namespace archsim::models {

// What a table is billed for over a span.
struct DynamoDbUse {
  double hours = 0;
  double wcu = 0, rcu = 0;  // provisioned: the table's and its indexes'
  double write_units = 0, read_units = 0;  // on demand: request units consumed
  double storage_bytes = 0;
};

// A table's bill, shared by the simulated table and its static figures.
struct DynamoDbBill {
  explicit DynamoDbBill(const model::Catalog& catalog);
  // Provisioned: wcu and rcu for the hours; on demand: the request units.
  // Storage beyond the free allowance in either mode.
  CostParts cost(bool on_demand, const DynamoDbUse& use) const;
  double wcu_hour_price, rcu_hour_price, wru_price_per_million, rru_price_per_million, storage_price, free_gb_month;
};

// Read units one read of `unit_reads` units takes by its consistency:
// eventually consistent reads take half, transactional ones double.
double read_unit_multiple(model::ReadShape::Consistency consistency, const model::Catalog& catalog);

class DynamoDbTable final : public model::Component {
 public:
  static model::ModelSpec spec();
  // Capacity: provisioned, the offered mix of writes and reads over the
  // partitions' linear ceilings, the WCU and the RCU, the partitions as
  // keyed units with their burst credit; on demand, what the previous-peak
  // rules allow over the run's load, up to the table quota
  // (dynamodb_figures.cpp). Latency: the means of `latency` and
  // `read_latency` by the mix. Cost: DynamoDbBill over the span, as a month.
  static model::StaticFigures figures(const model::ParamSet& params, const model::Catalog& catalog,
                                      const model::FlowIn& in);
  // A provisioned table's WCU and RCU within the per-table quota (dynamodb_check.cpp).
  static std::vector<model::ParamProblem> check(const model::ParamSet& params, const model::Catalog& catalog,
                                                const std::string& what);
  // Provisioned partitions: max(1, ceil(rcu / 3,000 + wcu / 1,000), ceil(storage / 10 GiB)).
  static double provisioned_partitions(double wcu, double rcu, double storage_bytes, const model::Catalog& catalog);
  explicit DynamoDbTable(const model::BuildContext& ctx);
  void accept(const model::Batch& batch) override;
  void handle(const engine::Event& event) override;
  std::uint64_t in_flight() const override { return writing_.records() + waiting_.records(); }
  // Not ready while throttled writes wait for their retry: a writer that can
  // wait (a Flink job's sink) holds its next writes until they are through.
  // Throttled reads are their readers' to retry and hold no writer back.
  bool ready() const override { return waiting_.records() == waiting_reads_; }
  void finish(engine::SimTime end) override;
  double cost_usd(engine::SimTime duration) const override { return cost(duration).total(); }
  CostShape cost_shape(engine::SimTime duration) const override { return cost(duration).shape(); }
  std::vector<model::BilledQuantity> billed(engine::SimTime duration) const override { return cost(duration).lines(); }
  std::vector<std::pair<std::string, double>> usage() const override;

  // The partition, out of `partitions`, that a key's items live on.
  static std::uint64_t partition_of(std::uint64_t key, std::uint64_t partitions);

  // What the model derived from its parameters, for tests and reports.
  std::uint32_t partitions() const { return static_cast<std::uint32_t>(partitions_.size()); }
  double write_units_per_item(std::uint64_t bytes) const { return write_units_.of_item(static_cast<double>(bytes)); }

 private:
  // Indexes of spec().resources.
  enum Resource : std::size_t {
    kPartitionWrites = 0,
    kProvisionedWrites = 1,
    kOnDemandThroughput = 2,
    kPartitionReads = 4,
    kProvisionedReads = 5,
    kOnDemandReads = 6,
    kIndexWrites = 7,
    kServiceThrottling = 8,
  };
  struct Partition {
    TokenBucket ceiling;  // the hard per-partition limit, in write units (a read unit is a third of one)
    double consumed = 0;  // write units (and reads' share) in the current second
  };
  // What one kind of request takes of the table.
  struct Kind {
    bool reads = false;
    TokenBucket* capacity = nullptr;  // the table's WCU or RCU pool, or on-demand bucket
    std::size_t ceiling_resource = 0, capacity_resource = 0, dropped_reason = 0;
  };
  Kind kind_of(const model::Batch& batch);
  // The share of requests a drill's `throttled` fault refuses at t (0: none).
  double refused_share_at(engine::SimTime t) const;
  void attempt(const std::vector<Part>& parts, std::uint32_t tries);
  std::uint64_t through_indexes(const model::Batch& part, std::uint64_t fits, engine::SimTime t, std::uint64_t& pinned);
  double units_of(const model::Batch& batch, bool read);
  void roll_seconds(engine::SimTime t);
  void grow_partitions(std::size_t count);
  void add_partitions();
  std::size_t on_demand_partitions() const;
  void done(const model::Batch& batch);
  CostParts cost(engine::SimTime duration) const;

  bool on_demand_;
  double wcu_, rcu_;
  double item_size_;  // negative: the records' own sizes
  double storage_bytes_;
  double partition_max_wu_, partition_max_ru_;
  double burst_s_;
  RetryPolicy retry_;
  std::vector<model::Fault> faults_;  // a drill's faults here
  engine::Distribution latency_, read_latency_;
  double item_max_bytes_;
  BatchUnits write_units_, read_units_;
  double eventual_multiple_, strong_multiple_, transactional_multiple_;
  std::size_t throttled_reason_, too_large_reason_, read_throttled_reason_ = 0;
  std::size_t retried_stage_, write_stage_;
  std::vector<Partition> partitions_;  // by unit: hashed ones, and isolated items' own (isolation_)
  // Provisioned: the table's WCU and RCU, each with its burst capacity,
  // shared by the partitions (adaptive capacity).
  TokenBucket provisioned_writes_, provisioned_reads_;
  OnDemandThroughput od_writes_, od_reads_;
  std::vector<GlobalSecondaryIndex> gsis_;  // each write is copied to every one
  std::vector<double> shares_;              // scratch: each index's room for a part
  bool served_reads_ = false;  // on demand: partitions count the read ceiling once reads come
  DynamoDbBill bill_;
  HotItemIsolation isolation_;  // which partition a key's items are on
  // Accounting.
  std::int64_t second_ = 0;  // index of the second being tallied
  double second_units_ = 0, second_read_units_ = 0;  // table units in that second
  double write_units_total_ = 0, read_units_total_ = 0;
  SlotPool writing_;    // accepted writes and reads of one attempt, waiting for their latency
  PartGroups waiting_;  // throttled parts of one attempt, waiting for their retry
  std::uint64_t waiting_reads_ = 0;  // of those, reads
  std::vector<Part> incoming_;  // scratch
};

}  // namespace archsim::models

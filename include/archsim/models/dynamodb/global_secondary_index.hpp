// One global secondary index of a DynamoDB table (`gsis:`): every write to
// the table is copied to it as a write of the projected part of the item,
// keyed by the index's own partition key, billed as write units and limited
// by the index's own capacity: its WCU (provisioned, with burst and adaptive
// capacity as the table's) or its on-demand throughput, and its partitions'
// 1,000 WU/s ceilings. A write the index has no room for throttles the
// table's write ("For a table write to succeed, the provisioned throughput
// settings for the table and global secondary indexes must have enough
// write capacity", developer guide GSI.html; repost.aws
// dynamodb-gsi-throttling-table).
// Not modelled: reads of the index (its RCU is billed only), an update that
// moves an item's index key (a delete and a put: two index writes), sparse
// indexes (items without the index key are not copied).
#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "archsim/engine/distribution.hpp"
#include "archsim/model/catalog.hpp"
#include "archsim/model/network.hpp"
#include "archsim/model/params.hpp"
#include "archsim/models/common/token_bucket.hpp"
#include "archsim/models/common/record_units.hpp"
#include "archsim/models/dynamodb/on_demand_throughput.hpp"

namespace archsim::models {

// The keys of one index under `gsis:`.
const std::vector<model::ParamSpec>* gsi_param_specs();

struct GsiConfig {
  std::string name;
  model::KeySpace keys;
  double projection = 1;  // share of an item's bytes the index stores
  bool on_demand = false;
  double wcu = 0, rcu = 0;  // provisioned: the index's own, or the table's when not stated
  double storage_bytes = 0;  // the table's storage x projection
  // Every index of a table's parameters, by name.
  static std::vector<GsiConfig> of(const model::ParamSet& table);
};

class GlobalSecondaryIndex {
 public:
  GlobalSecondaryIndex(const GsiConfig& config, const model::Catalog& catalog, model::KeyMixes& mixes);
  // Room now for the index entries of `part` (records the table has room
  // for): the share of them that fit, each on the index partition its index
  // key hashes to. Remembers what fitted where for commit.
  // `pinned`: the index partition these entries were refused at before (a
  // retry meets the same index key again), else Part::kNoUnit.
  double plan(const engine::Batch& part, double item_bytes, engine::SimTime t, engine::Rng& rng,
              model::Network& network, std::uint64_t pinned);
  // Of the last plan, the partition that refused the most entries.
  std::uint64_t most_refused() const;
  // Takes `scale` x what plan found room for: the entries of the writes
  // that go through.
  void commit(double scale, engine::SimTime t);
  // Closes the second ending at `end`; returns its busy share then (its
  // hottest partition, or its WCU), and on demand learns its peak.
  double close_second(engine::SimTime end, engine::SimTime now);
  const GsiConfig& config() const { return config_; }
  double write_units() const { return write_units_total_; }
  std::uint64_t throttled = 0;  // table writes it refused

 private:
  struct Partition {
    TokenBucket ceiling;
    double consumed = 0;
  };
  void grow_partitions(std::size_t count);
  GsiConfig config_;
  double partition_max_wu_;
  std::vector<Partition> partitions_;
  TokenBucket provisioned_;
  OnDemandThroughput od_;
  std::uint32_t mix_;
  std::optional<engine::ZipfSampler> zipf_;
  BatchUnits units_;
  double units_per_entry_ = 1;  // of the last plan
  struct Room {
    std::uint64_t partition;
    double entries, offered;
  };
  std::vector<Room> room_;  // of the last plan
  double second_units_ = 0, write_units_total_ = 0;
};

}  // namespace archsim::models

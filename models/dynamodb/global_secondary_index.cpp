// A global secondary index: its keys, its partitions and capacity, and the
// room it has for the entries of the table's writes.
#include "archsim/models/dynamodb/global_secondary_index.hpp"

#include <algorithm>
#include <cmath>

#include "archsim/models/common/part_groups.hpp"
#include "archsim/models/dynamodb/dynamodb_table.hpp"

namespace archsim::models {

const std::vector<model::ParamSpec>* gsi_param_specs() {
  using model::ParamType;
  static const std::vector<model::ParamSpec> specs = {
      {.name = "keys", .type = ParamType::key_space, .default_text = "{count: 1000000, dist: uniform}",
       .help = "the index's partition keys: each write's index key is drawn from them"},
      {.name = "projection", .type = ParamType::fraction, .default_text = "1", .min = 0, .min_exclusive = true,
       .max = 1, .help = "share of an item's bytes the index stores (1: ALL attributes projected)"},
      // No default: absent, the table's (the console's "copy from base table").
      {.name = "wcu", .type = ParamType::number, .min = 1, .max = 4e7,
       .help = "the index's provisioned write capacity units (absent: the table's wcu)"},
      {.name = "rcu", .type = ParamType::number, .min = 0, .max = 4e7,
       .help = "the index's provisioned read capacity units, billed (absent: the table's rcu); reads of an index "
               "are not simulated"},
  };
  return &specs;
}

std::vector<GsiConfig> GsiConfig::of(const model::ParamSet& table) {
  std::vector<GsiConfig> out;
  if (!table.has("gsis")) return out;
  for (const auto& [name, value] : table.at("gsis").fields->values()) {
    const model::ParamSet& p = *value.fields;
    GsiConfig c;
    c.name = name;
    c.keys = p.at("keys").keys;
    c.projection = p.number("projection");
    c.on_demand = table.text("mode") == "on_demand";
    c.wcu = p.has("wcu") ? p.number("wcu") : table.number("wcu");
    c.rcu = p.has("rcu") ? p.number("rcu") : table.number("rcu");
    c.storage_bytes = table.number("storage") * c.projection;
    out.push_back(c);
  }
  return out;
}

GlobalSecondaryIndex::GlobalSecondaryIndex(const GsiConfig& config, const model::Catalog& catalog,
                                           model::KeyMixes& mixes)
    : config_(config),
      partition_max_wu_(catalog.at("dynamodb.partition.write_units_per_s").value),
      mix_(mixes.add_space(config.keys)),
      units_(catalog.at("dynamodb.write_unit.bytes").value) {
  if (config_.keys.zipf) zipf_.emplace(config_.keys.count, config_.keys.s);
  const double for_storage = std::ceil(config_.storage_bytes / catalog.at("dynamodb.partition.max_bytes").value);
  if (config_.on_demand) {
    od_ = OnDemandThroughput(catalog.at("dynamodb.on_demand.initial_write_units_per_s").value,
                             catalog.at("dynamodb.on_demand.peak_multiple").value,
                             catalog.at("dynamodb.on_demand.table_max_write_units_per_s").value,
                             catalog.at("dynamodb.on_demand.peak_window_s").value);
    grow_partitions(static_cast<std::size_t>(std::max(for_storage, std::ceil(od_.ceiling() / partition_max_wu_ - 1e-9))));
  } else {
    provisioned_ = TokenBucket(config_.wcu, config_.wcu * catalog.at("dynamodb.burst.max_s").value);
    grow_partitions(static_cast<std::size_t>(
        DynamoDbTable::provisioned_partitions(config_.wcu, config_.rcu, config_.storage_bytes, catalog)));
  }
}

void GlobalSecondaryIndex::grow_partitions(std::size_t count) {
  while (partitions_.size() < count) partitions_.push_back({TokenBucket(partition_max_wu_, partition_max_wu_), 0});
}

double GlobalSecondaryIndex::plan(const engine::Batch& part, double item_bytes, engine::SimTime t, engine::Rng& rng,
                                  model::Network& network, std::uint64_t pinned) {
  room_.clear();
  if (part.count == 0) return 1;
  units_per_entry_ = units_.of(part, network, item_bytes, config_.projection);
  // The entries' index keys are the index's own, not the table's: a record
  // draws one, a batch carries the index's key space as its mix.
  engine::Batch entries = part;
  if (part.count == 1) {
    entries.mix = 0;
    entries.key = zipf_ ? zipf_->sample(rng) - 1 : rng.below(config_.keys.count);
  } else {
    entries.mix = mix_;
  }
  TokenBucket& pool = config_.on_demand ? od_.bucket() : provisioned_;
  double pool_left = pool.tokens(t);
  double fit = 0;
  auto place = [&](std::uint64_t index, const engine::Batch& sub) {
    const double room = std::min(partitions_[index].ceiling.tokens(t), pool_left);
    const double n = std::min(static_cast<double>(sub.count), std::floor((room + 1e-9) / units_per_entry_));
    pool_left -= n * units_per_entry_;
    fit += n;
    room_.push_back({index, n, static_cast<double>(sub.count)});
  };
  // A retry of entries this index refused meets their partition again: the
  // items keep their index keys (the partitions may have grown since: then
  // they are placed afresh).
  if (pinned < partitions_.size()) {
    place(pinned, entries);
  } else {
    const model::KeyHash hash{&DynamoDbTable::partition_of, partitions_.size()};
    network.key_mixes().split(entries, hash, rng, place);
  }
  return fit / static_cast<double>(part.count);
}

std::uint64_t GlobalSecondaryIndex::most_refused() const {
  std::uint64_t at = Part::kNoUnit;
  double most = 0;
  for (const Room& r : room_)
    if (r.offered - r.entries > most) most = r.offered - r.entries, at = r.partition;
  return at;
}

void GlobalSecondaryIndex::commit(double scale, engine::SimTime t) {
  TokenBucket& pool = config_.on_demand ? od_.bucket() : provisioned_;
  for (const Room& r : room_) {
    const double units = r.entries * scale * units_per_entry_;
    if (units <= 0) continue;
    partitions_[r.partition].ceiling.try_take(t, units);
    pool.try_take(t, units);
    partitions_[r.partition].consumed += units;
    second_units_ += units;
    write_units_total_ += units;
  }
  room_.clear();
}

double GlobalSecondaryIndex::close_second(engine::SimTime end, engine::SimTime now) {
  double busy = config_.on_demand ? 0 : std::min(1.0, second_units_ / config_.wcu);
  for (Partition& p : partitions_) {
    busy = std::max(busy, std::min(1.0, p.consumed / partition_max_wu_));
    p.consumed = 0;
  }
  if (config_.on_demand && od_.close_second(end, second_units_, now))
    grow_partitions(static_cast<std::size_t>(std::ceil(od_.ceiling() / partition_max_wu_ - 1e-9)));
  second_units_ = 0;
  return busy;
}

}  // namespace archsim::models

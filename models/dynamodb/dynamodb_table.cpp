#include "archsim/models/dynamodb/dynamodb_table.hpp"
#include "archsim/models/common/billing.hpp"

#include <algorithm>
#include <cmath>

namespace archsim::models {

namespace {
constexpr engine::SimTime kSecond = engine::kSecond;
}  // namespace

double read_unit_multiple(model::ReadShape::Consistency consistency, const model::Catalog& catalog) {
  using C = model::ReadShape::Consistency;
  if (consistency == C::eventual) return 1 / catalog.at("dynamodb.read_unit.eventual_reads").value;
  if (consistency == C::transactional) return catalog.at("dynamodb.transaction.unit_multiple").value;
  return 1;
}

DynamoDbTable::DynamoDbTable(const model::BuildContext& ctx)
    : Component(ctx),
      on_demand_(ctx.params.text("mode") == "on_demand"),
      wcu_(ctx.params.number("wcu")),
      rcu_(ctx.params.number("rcu")),
      item_size_(ctx.params.has("item_size") ? ctx.params.number("item_size") : -1),
      storage_bytes_(ctx.params.number("storage")),
      partition_max_wu_(ctx.catalog.at("dynamodb.partition.write_units_per_s").value),
      partition_max_ru_(ctx.catalog.at("dynamodb.partition.read_units_per_s").value),
      burst_s_(ctx.catalog.at("dynamodb.burst.max_s").value),
      latency_(ctx.params.dist("latency")),
      read_latency_(ctx.params.dist("read_latency")),
      item_max_bytes_(ctx.catalog.at("dynamodb.item.max_bytes").value),
      write_units_(ctx.catalog.at("dynamodb.write_unit.bytes").value),
      read_units_(ctx.catalog.at("dynamodb.read_unit.bytes").value),
      eventual_multiple_(read_unit_multiple(model::ReadShape::Consistency::eventual, ctx.catalog)),
      strong_multiple_(read_unit_multiple(model::ReadShape::Consistency::strong, ctx.catalog)),
      transactional_multiple_(read_unit_multiple(model::ReadShape::Consistency::transactional, ctx.catalog)),
      throttled_reason_(probe_.drop_reason("throttled_after_retries")),
      too_large_reason_(probe_.drop_reason("item_too_large")),
      retried_stage_(probe_.stage(metrics::Spent::capacity)),
      write_stage_(probe_.stage(metrics::Spent::service)),
      bill_(ctx.catalog),
      isolation_(ctx.catalog, &DynamoDbTable::partition_of, partition_max_wu_) {
  retry_ = RetryPolicy::of(ctx.params);
  faults_ = ctx.faults;
  for (const GsiConfig& c : GsiConfig::of(ctx.params)) gsis_.emplace_back(c, ctx.catalog, network_.key_mixes());
  const double for_storage = std::ceil(storage_bytes_ / ctx.catalog.at("dynamodb.partition.max_bytes").value);
  if (on_demand_) {
    const double multiple = ctx.catalog.at("dynamodb.on_demand.peak_multiple").value;
    const double window_s = ctx.catalog.at("dynamodb.on_demand.peak_window_s").value;
    od_writes_ = OnDemandThroughput(ctx.catalog.at("dynamodb.on_demand.initial_write_units_per_s").value, multiple,
                                    ctx.catalog.at("dynamodb.on_demand.table_max_write_units_per_s").value, window_s);
    od_reads_ = OnDemandThroughput(ctx.catalog.at("dynamodb.on_demand.initial_read_units_per_s").value, multiple,
                                   ctx.catalog.at("dynamodb.on_demand.table_max_read_units_per_s").value, window_s);
    grow_partitions(std::max(static_cast<std::size_t>(for_storage), on_demand_partitions()));
  } else {
    // Adaptive capacity: a partition may use the table's unused WCU (RCU) up
    // to its own ceiling, so each is one pool, with its burst capacity (up to
    // burst_s of unused units).
    provisioned_writes_ = TokenBucket(wcu_, wcu_ * burst_s_);
    provisioned_reads_ = TokenBucket(rcu_, rcu_ * burst_s_);
    grow_partitions(static_cast<std::size_t>(provisioned_partitions(wcu_, rcu_, storage_bytes_, ctx.catalog)));
  }
  probe_.set_capacity(1);  // busy is already a fraction: load over what the partition or table allows
}

void DynamoDbTable::grow_partitions(std::size_t count) {
  isolation_.grow_hashed(count, network_.key_mixes());
  add_partitions();
}

// A partition for each the placement has: hashed, or an isolated item's own.
void DynamoDbTable::add_partitions() {
  while (partitions_.size() < isolation_.units()) {
    Partition p;
    p.ceiling = TokenBucket(partition_max_wu_, partition_max_wu_);
    partitions_.push_back(p);
  }
  probe_.units().resize(partitions_.size());
}

// As many partitions as the on-demand ceilings need, reads and writes sharing
// each partition linearly; reads count once the table serves them.
std::size_t DynamoDbTable::on_demand_partitions() const {
  const double reads = served_reads_ ? od_reads_.ceiling() / partition_max_ru_ : 0;
  return static_cast<std::size_t>(std::ceil(od_writes_.ceiling() / partition_max_wu_ + reads - 1e-9));
}

double DynamoDbTable::units_of(const model::Batch& batch, bool read) {
  if (!read) return write_units_.of(batch, network_, item_size_);
  const model::ReadShape& shape = *network_.read_shape(batch.origin);
  using C = model::ReadShape::Consistency;
  const double multiple = shape.consistency == C::eventual ? eventual_multiple_
                          : shape.consistency == C::strong ? strong_multiple_
                                                           : transactional_multiple_;
  // A read returns the item as stored: its bytes are the read's own, not item_size.
  return read_units_.of(batch, network_, -1) * multiple;
}

std::uint64_t DynamoDbTable::partition_of(std::uint64_t key, std::uint64_t partitions) {
  return engine::mix64(key) % partitions;
}

// Closes the seconds before the one containing t: the hottest partition's
// consumption becomes the utilization level, and on-demand tables learn their peaks.
void DynamoDbTable::roll_seconds(engine::SimTime t) {
  const std::int64_t now_second = t / kSecond;
  if (now_second <= second_) return;
  const engine::SimTime end = (second_ + 1) * kSecond;
  // Busy: the hottest partition against its ceiling, or a provisioned table
  // against its WCU or RCU (above them, it is spending burst capacity or throttling).
  double hottest = 0;
  if (!on_demand_) {
    hottest = std::min(1.0, second_units_ / wcu_);
    if (rcu_ > 0) hottest = std::max(hottest, std::min(1.0, second_read_units_ / rcu_));
  }
  for (auto& p : partitions_) {
    hottest = std::max(hottest, std::min(1.0, p.consumed / partition_max_wu_));
    p.consumed = 0;
  }
  for (GlobalSecondaryIndex& g : gsis_) hottest = std::max(hottest, g.close_second(end, t));
  if (isolation_.close_second(now_second > second_ + 1, network_.key_mixes()) > 0) add_partitions();
  probe_.set_busy(end, hottest);
  if (now_second > second_ + 1) probe_.set_busy(end + kSecond, 0);
  if (on_demand_) {
    const bool writes_grew = od_writes_.close_second(end, second_units_, t);
    const bool reads_grew = od_reads_.close_second(end, second_read_units_, t);
    if (writes_grew || reads_grew) grow_partitions(on_demand_partitions());
  }
  second_units_ = 0;
  second_read_units_ = 0;
  second_ = now_second;
}

DynamoDbTable::Kind DynamoDbTable::kind_of(const model::Batch& batch) {
  Kind k;
  k.reads = network_.read_shape(batch.origin) != nullptr;
  if (k.reads) {
    k.capacity = on_demand_ ? &od_reads_.bucket() : &provisioned_reads_;
    k.ceiling_resource = kPartitionReads;
    k.capacity_resource = on_demand_ ? kOnDemandReads : kProvisionedReads;
    k.dropped_reason = read_throttled_reason_;
  } else {
    k.capacity = on_demand_ ? &od_writes_.bucket() : &provisioned_writes_;
    k.ceiling_resource = kPartitionWrites;
    k.capacity_resource = on_demand_ ? kOnDemandThroughput : kProvisionedWrites;
    k.dropped_reason = throttled_reason_;
  }
  return k;
}

void DynamoDbTable::accept(const model::Batch& batch) {
  const bool read = network_.read_shape(batch.origin) != nullptr;
  // An item over the size limit is refused for good (a ValidationException
  // that no retry cures): the item's size is item_size, else the records'.
  const double item_bytes = !read && item_size_ >= 0 ? item_size_ : mean_record_bytes(batch);
  if (!read && item_bytes > item_max_bytes_) {
    probe_.dropped(batch.count, too_large_reason_, now());
    return;
  }
  if (read && !served_reads_) {
    // Declared with the first read, so that a table of writes alone reports as it did.
    read_throttled_reason_ = probe_.drop_reason("reads_throttled_after_retries");
    served_reads_ = true;
    if (on_demand_) grow_partitions(on_demand_partitions());
  }
  incoming_.assign(1, Part{batch, 0});
  attempt(incoming_, 0);
}

// One attempt at `parts`, all writes or all reads: each is split over the
// partitions its keys hash to; each partition takes what its ceiling and the
// table's capacity allow, and the rest is throttled and retried, or dropped.
// The accepted requests of one attempt complete together after one latency draw.
void DynamoDbTable::attempt(const std::vector<Part>& parts, std::uint32_t tries) {
  const engine::SimTime t = now();
  roll_seconds(t);
  const Kind kind = kind_of(parts.front().batch);
  const std::uint32_t next = tries + 1;
  const bool gives_up = retry_.gives_up(next);
  GroupFiller refused_parts(waiting_);
  // A drill's throttling lets through only the rest of the requests, on every partition alike.
  const double passing = 1 - refused_share_at(t);
  model::Batch served;  // the accepted requests, leaving together
  std::size_t served_parts = 0;
  for (const Part& in : parts) {
    // A retried part leaves its partition's retry backlog as it is tried again.
    if (tries > 0 && in.bucket < partitions_.size())
      probe_.units().queued(t, in.bucket, -static_cast<double>(in.batch.count));
    const double units = units_of(in.batch, kind.reads);
    // A partition's ceiling is linear in reads and writes: a read unit takes
    // 1,000 / 3,000 of what a write unit takes of it.
    const double ceiling_units = kind.reads ? units * partition_max_wu_ / partition_max_ru_ : units;
    isolation_.split(network_.key_mixes(), in.batch, rng_, [&](std::uint64_t index, const model::Batch& part) {
      Partition& p = partitions_[index];
      // What the clients offer each partition, first tries only, in seconds of its ceiling.
      if (tries == 0) {
        probe_.units().add(t, index, static_cast<double>(part.count) * ceiling_units / partition_max_wu_);
        isolation_.offered(index, part, ceiling_units);
      }
      const double under_ceiling = (p.ceiling.tokens(t) + 1e-9) / ceiling_units;
      const double under_capacity = (kind.capacity->tokens(t) + 1e-9) / units;
      std::uint64_t fits =
          std::min(part.count, static_cast<std::uint64_t>(std::floor(std::min(under_ceiling, under_capacity))));
      // Rounded at random, so that on average exactly that share passes,
      // however small the parts its retries come back in.
      const double let_through = passing < 1 ? std::floor(static_cast<double>(part.count) * passing + rng_.uniform()) : 0;
      const bool service_refuses = passing < 1 && static_cast<double>(fits) > let_through;
      if (service_refuses) fits = static_cast<std::uint64_t>(let_through);
      // A write goes through only if every index has room for its entry.
      std::uint64_t pinned = in.pinned;
      const std::uint64_t ok = kind.reads || gsis_.empty() ? fits : through_indexes(part, fits, t, pinned);
      model::Batch refused = part;  // what the partition cannot take now
      if (ok > 0) {
        const double taken_units = static_cast<double>(ok) * units;
        p.ceiling.try_take(t, static_cast<double>(ok) * ceiling_units);
        kind.capacity->try_take(t, taken_units);
        p.consumed += static_cast<double>(ok) * ceiling_units;
        if (kind.reads) {
          second_read_units_ += taken_units;
          read_units_total_ += taken_units;
        } else {
          second_units_ += taken_units;
          write_units_total_ += taken_units;
        }
        const model::Batch taken = ok == part.count ? part : engine::take_front(refused, ok);
        if (ok == part.count) refused.count = 0;
        probe_.spent(retried_stage_, t - taken.arrived, taken.count, t);
        if (served_parts++ == 0) {
          served = taken;
        } else {
          served.count += taken.count;
          served.bytes += taken.bytes;
        }
      }
      // The hard ceiling refused, or the table's capacity (its WCU or RCU, or on-demand's peak rule).
      const std::size_t binding = service_refuses                 ? kServiceThrottling
                                  : under_ceiling <= under_capacity ? kind.ceiling_resource
                                                                    : kind.capacity_resource;
      if (fits > ok) {
        // Refused for an index's capacity: the table throttles the write (developer guide GSI.html).
        const model::Batch by_index = fits - ok == refused.count ? refused : engine::take_front(refused, fits - ok);
        if (fits - ok == refused.count) refused.count = 0;
        refuse(by_index, index, gives_up, refused_parts, probe_, kind.dropped_reason, t, kIndexWrites, pinned);
        if (!gives_up) probe_.units().queued(t, index, static_cast<double>(by_index.count));
      }
      if (refused.count > 0) {
        if (binding == kind.ceiling_resource) isolation_.throttled(index);
        refuse(refused, index, gives_up, refused_parts, probe_, kind.dropped_reason, t, binding);
        if (!gives_up) {
          probe_.units().queued(t, index, static_cast<double>(refused.count));
          if (kind.reads) waiting_reads_ += refused.count;
        }
      }
    });
  }
  if (served_parts > 0) {
    // Parts served together leave as one batch, with their parent's key mix.
    if (served_parts > 1) served.mix = network_.key_mixes().parent(served.mix);
    const engine::SimTime takes = engine::round_half_away((kind.reads ? read_latency_ : latency_).sample(rng_));
    probe_.spent(write_stage_, takes, served.count, t);
    schedule_in(takes, 0, writing_.put(served));
  }
  if (!refused_parts.empty()) schedule_in(retry_.backoff(next, rng_), next, refused_parts.group());
  probe_.set_backlog(t, static_cast<double>(waiting_.records()));
}

double DynamoDbTable::refused_share_at(engine::SimTime t) const { return model::refused_share_at(faults_, t); }

// Of `fits` writes of `part` the table has room for, those every index has
// room for too. Each index finds room for a share of the entries; an entry's
// index key is drawn independently of the others', so the share that fits
// all of them is the product. Each index then takes its part of what goes
// through: what it found room for, scaled by the share the others let pass.
// `pinned` (index << 32 | its partition): where a retried part was refused
// before, which it meets again; on return, where the tightest index refused
// the most of this part.
std::uint64_t DynamoDbTable::through_indexes(const model::Batch& part, std::uint64_t fits, engine::SimTime t,
                                             std::uint64_t& pinned) {
  if (fits == 0) return 0;
  model::Batch head = part;
  if (fits < part.count) head = engine::take_front(head, fits);
  double all = 1;
  std::size_t tightest = 0;
  shares_.resize(gsis_.size());
  for (std::size_t g = 0; g < gsis_.size(); ++g) {
    const bool here = pinned != Part::kNoUnit && (pinned >> 32) == g;
    shares_[g] = gsis_[g].plan(head, item_size_, t, rng_, network_, here ? (pinned & 0xffffffffu) : Part::kNoUnit);
    all *= shares_[g];
    if (shares_[g] < shares_[tightest]) tightest = g;
  }
  const std::uint64_t refused_at = gsis_[tightest].most_refused();
  pinned = refused_at == Part::kNoUnit ? Part::kNoUnit : (static_cast<std::uint64_t>(tightest) << 32) | refused_at;
  const auto ok = static_cast<std::uint64_t>(std::floor(static_cast<double>(fits) * all + 1e-9));
  for (std::size_t g = 0; g < gsis_.size(); ++g)
    gsis_[g].commit(shares_[g] > 0 ? static_cast<double>(ok) / (static_cast<double>(fits) * shares_[g]) : 0, t);
  gsis_[tightest].throttled += fits - ok;
  return ok;
}

// A write goes on to what the table's flows lead to; a read ends here,
// delivered at the end of its path or, where the flows carry writes on,
// absorbed (a read writes nothing).
void DynamoDbTable::done(const model::Batch& batch) {
  probe_.departed(batch, now());
  if (network_.read_shape(batch.origin) == nullptr || is_sink()) return emit(batch);
  probe_.absorbed(batch.count);
}

void DynamoDbTable::handle(const engine::Event& event) {
  if (event.tag == 0) return done(writing_.take(event.data));
  waiting_.take(event.data, incoming_);
  if (network_.read_shape(incoming_.front().batch.origin) != nullptr)
    for (const Part& p : incoming_) waiting_reads_ -= p.batch.count;
  attempt(incoming_, event.tag);
}

void DynamoDbTable::finish(engine::SimTime end) {
  roll_seconds(end);
  probe_.finish(end);
}

// The indexes are billed as the table is: their capacity, the write units
// their entries take on demand, and the storage they hold.
CostParts DynamoDbTable::cost(engine::SimTime duration) const {
  DynamoDbUse use{.hours = static_cast<double>(duration) / 3600e9,
                  .wcu = wcu_,
                  .rcu = rcu_,
                  .write_units = write_units_total_,
                  .read_units = read_units_total_,
                  .storage_bytes = storage_bytes_};
  for (const GlobalSecondaryIndex& g : gsis_) {
    use.wcu += g.config().wcu, use.rcu += g.config().rcu;
    use.write_units += g.write_units();
    use.storage_bytes += g.config().storage_bytes;
  }
  return bill_.cost(on_demand_, use);
}

DynamoDbBill::DynamoDbBill(const model::Catalog& catalog)
    : wcu_hour_price(catalog.at("dynamodb.price.wcu_hour_usd").value),
      rcu_hour_price(catalog.at("dynamodb.price.rcu_hour_usd").value),
      wru_price_per_million(catalog.at("dynamodb.price.on_demand_write_per_million_usd").value),
      rru_price_per_million(catalog.at("dynamodb.price.on_demand_read_per_million_usd").value),
      storage_price(catalog.at("dynamodb.price.storage_gb_month_usd").value),
      free_gb_month(catalog.at("dynamodb.storage.free_gb_month").value) {}

// Provisioned units are billed by the hour whatever the load: capacity.
CostParts DynamoDbBill::cost(bool on_demand, const DynamoDbUse& use) const {
  const double months = use.hours / kHoursPerMonth;
  const double storage_gb = use.storage_bytes / kBytesPerGB;
  CostParts bill;
  // The free allowance is per month: 25 GB-month, so 25 GB held all month.
  const double billed_gb = std::max(0.0, storage_gb - free_gb_month);
  bill.storage({"GB-months stored (beyond the free allowance)", billed_gb * months, billed_gb * storage_price * months});
  if (on_demand) {
    const double writes = use.write_units * wru_price_per_million / 1e6, reads = use.read_units * rru_price_per_million / 1e6;
    bill.usage(writes + reads, {{"million write request units", use.write_units / 1e6, writes},
                                {"million read request units", use.read_units / 1e6, reads}});
  } else {
    bill.capacity((use.wcu * wcu_hour_price + use.rcu * rcu_hour_price) * use.hours,
                  {{"WCU-hours", use.wcu * use.hours, use.wcu * wcu_hour_price * use.hours},
                   {"RCU-hours", use.rcu * use.hours, use.rcu * rcu_hour_price * use.hours}});
  }
  return bill;
}

double DynamoDbTable::provisioned_partitions(double wcu, double rcu, double storage_bytes,
                                             const model::Catalog& catalog) {
  const double for_storage = std::ceil(storage_bytes / catalog.at("dynamodb.partition.max_bytes").value);
  const double for_throughput = std::ceil(rcu / catalog.at("dynamodb.partition.read_units_per_s").value +
                                          wcu / catalog.at("dynamodb.partition.write_units_per_s").value - 1e-9);
  return std::max({1.0, for_throughput, for_storage});
}

std::vector<std::pair<std::string, double>> DynamoDbTable::usage() const {
  std::vector<std::pair<std::string, double>> out{{"write_units_consumed", write_units_total_}};
  // Only a table that served reads says so: a table of writes alone reads as before.
  if (served_reads_) out.emplace_back("read_units_consumed", read_units_total_);
  out.emplace_back("partitions", static_cast<double>(partitions_.size()));
  // Only a table that isolated an item says so: others read as before.
  if (isolation_.isolated() > 0) out.emplace_back("isolated_items", static_cast<double>(isolation_.isolated()));
  for (const GlobalSecondaryIndex& g : gsis_) {
    out.emplace_back("index_" + g.config().name + "_write_units_consumed", g.write_units());
    out.emplace_back("index_" + g.config().name + "_throttled_writes", static_cast<double>(g.throttled));
  }
  return out;
}

}  // namespace archsim::models

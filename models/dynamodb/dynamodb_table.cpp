#include "archsim/models/dynamodb/dynamodb_table.hpp"
#include "archsim/models/common/billing.hpp"
#include "archsim/models/common/record_units.hpp"

#include <algorithm>
#include <cmath>

namespace archsim::models {

namespace {
constexpr engine::SimTime kSecond = engine::kSecond;

double mean_record_bytes(const model::Batch& batch) {
  return static_cast<double>(batch.bytes) / static_cast<double>(std::max<std::uint64_t>(1, batch.count));
}

}  // namespace

DynamoDbTable::DynamoDbTable(const model::BuildContext& ctx)
    : Component(ctx),
      on_demand_(ctx.params.text("mode") == "on_demand"),
      wcu_(ctx.params.number("wcu")),
      rcu_(ctx.params.number("rcu")),
      fixed_item_size_(ctx.params.has("item_size")),
      item_size_(fixed_item_size_ ? ctx.params.number("item_size") : 0),
      storage_bytes_(ctx.params.number("storage")),
      partition_max_wu_(ctx.catalog.at("dynamodb.partition.write_units_per_s").value),
      burst_s_(ctx.catalog.at("dynamodb.burst.max_s").value),
      latency_(ctx.params.dist("latency")),
      item_max_bytes_(ctx.catalog.at("dynamodb.item.max_bytes").value),
      units_(ctx.catalog.at("dynamodb.write_unit.bytes").value),
      throttled_reason_(probe_.drop_reason("throttled_after_retries")),
      too_large_reason_(probe_.drop_reason("item_too_large")),
      retried_stage_(probe_.stage(metrics::Spent::capacity)),
      write_stage_(probe_.stage(metrics::Spent::service)),
      bill_(ctx.catalog) {
  retry_.max_retries = static_cast<std::uint32_t>(ctx.params.integer("max_retries"));
  retry_.base = ctx.params.duration("retry_base");
  const double for_storage = std::ceil(storage_bytes_ / ctx.catalog.at("dynamodb.partition.max_bytes").value);
  if (on_demand_) {
    const double initial = ctx.catalog.at("dynamodb.on_demand.initial_write_units_per_s").value;
    od_peak_multiple_ = ctx.catalog.at("dynamodb.on_demand.peak_multiple").value;
    od_table_max_ = ctx.catalog.at("dynamodb.on_demand.table_max_write_units_per_s").value;
    od_window_ns_ = ctx.catalog.at("dynamodb.on_demand.peak_window_s").value * 1e9;
    // A new table serves `initial` at once: as if its previous peak were initial / multiple.
    od_matured_peak_ = initial / od_peak_multiple_;
    const double ceiling = std::min(od_table_max_, initial);
    od_table_ = TokenBucket(ceiling, ceiling);
    grow_partitions(static_cast<std::size_t>(std::max(for_storage, std::ceil(ceiling / partition_max_wu_))));
    probe_.set_capacity(1);  // busy is already a fraction: load over what the partition allows
  } else {
    const auto count = static_cast<std::size_t>(provisioned_partitions(wcu_, rcu_, storage_bytes_, ctx.catalog));
    // Adaptive capacity: a partition may use the table's unused WCU up to its
    // own ceiling, so the table's WCU is one pool, with its burst capacity
    // (up to burst_s of unused units).
    provisioned_ = TokenBucket(wcu_, wcu_ * burst_s_);
    grow_partitions(count);
    probe_.set_capacity(1);
  }
}

void DynamoDbTable::grow_partitions(std::size_t count) {
  while (partitions_.size() < count) {
    Partition p;
    p.ceiling = TokenBucket(partition_max_wu_, partition_max_wu_);
    partitions_.push_back(p);
  }
  probe_.units().resize(partitions_.size());
}

// A batch's records are rounded up to whole write units each: a single
// record by its own size; several by the spread of their source's sizes
// (scaled to the batch's mean), as AWS rounds each of them.
double DynamoDbTable::units_of(const model::Batch& batch) {
  if (fixed_item_size_) return units_of_record(item_size_, units_.unit_bytes());
  return units_.per_record(batch, network_);
}

std::uint64_t DynamoDbTable::partition_of(std::uint64_t key, std::uint64_t partitions) {
  return engine::mix64(key) % partitions;
}

// Closes the seconds before the one containing t: the hottest partition's
// consumption becomes the utilization level, and on-demand tables learn their peak.
void DynamoDbTable::roll_seconds(engine::SimTime t) {
  const std::int64_t now_second = t / kSecond;
  if (now_second <= second_) return;
  const engine::SimTime end = (second_ + 1) * kSecond;
  // Busy: the hottest partition against its ceiling, or a provisioned table
  // against its WCU (above it, it is spending burst capacity or throttling).
  double hottest = on_demand_ ? 0 : std::min(1.0, second_units_ / wcu_);
  for (auto& p : partitions_) {
    hottest = std::max(hottest, std::min(1.0, p.consumed / partition_max_wu_));
    p.consumed = 0;
  }
  probe_.set_busy(end, hottest);
  if (now_second > second_ + 1) probe_.set_busy(end + kSecond, 0);
  if (on_demand_) {
    // What the table served in a second counts as a peak only up to its
    // capacity then: a second that spent the bucket's stored second on top
    // is a burst, not traffic the table sustained.
    od_recent_.push_back({end, std::min(second_units_, od_table_.rate_per_s())});
    while (!od_recent_.empty() && static_cast<double>(od_recent_.front().end) + od_window_ns_ <= static_cast<double>(t)) {
      od_matured_peak_ = std::max(od_matured_peak_, od_recent_.front().units);
      od_recent_.pop_front();
    }
    const double ceiling = std::min(od_table_max_, od_peak_multiple_ * od_matured_peak_);
    if (ceiling > od_table_.rate_per_s() + 1e-9) {
      od_table_.resize(end, ceiling, ceiling);
      const auto needed = static_cast<std::size_t>(std::ceil(ceiling / partition_max_wu_ - 1e-9));
      grow_partitions(needed);
    }
  }
  second_units_ = 0;
  second_ = now_second;
}

void DynamoDbTable::accept(const model::Batch& batch) {
  // An item over the size limit is refused for good (a ValidationException
  // that no retry cures): the item's size is item_size, else the records'.
  const double item_bytes = fixed_item_size_ ? item_size_ : mean_record_bytes(batch);
  if (item_bytes > item_max_bytes_) {
    probe_.dropped(batch.count, too_large_reason_, now());
    return;
  }
  incoming_.assign(1, Part{batch, 0});
  attempt(incoming_, 0);
}

// One attempt at writing `parts`: each is split over the partitions its keys
// hash to; each partition takes what its buckets allow, and the rest is
// throttled and retried, or dropped. The accepted writes of one attempt
// complete together after one latency draw.
void DynamoDbTable::attempt(const std::vector<Part>& parts, std::uint32_t tries) {
  const engine::SimTime t = now();
  roll_seconds(t);
  const model::KeyHash hash{&DynamoDbTable::partition_of, partitions_.size()};
  const std::uint32_t next = tries + 1;
  const bool gives_up = retry_.gives_up(next);
  GroupFiller refused_parts(waiting_);
  model::Batch written;  // the accepted writes, leaving together
  std::size_t written_parts = 0;
  for (const Part& in : parts) {
    // A retried part leaves its partition's retry backlog as it is tried again.
    if (tries > 0 && in.bucket < partitions_.size())
      probe_.units().queued(t, in.bucket, -static_cast<double>(in.batch.count));
    const double wu = units_of(in.batch);
    network_.key_mixes().split(in.batch, hash, rng_, [&](std::uint64_t index, const model::Batch& part) {
      Partition& p = partitions_[index];
      // What the writers offer each partition, first tries only, in seconds of its ceiling.
      if (tries == 0) probe_.units().add(t, index, static_cast<double>(part.count) * wu / partition_max_wu_);
      const double under_ceiling = p.ceiling.tokens(t);
      TokenBucket& table = on_demand_ ? od_table_ : provisioned_;
      const double under_capacity = table.tokens(t);
      const double available = std::min(under_ceiling, under_capacity);
      const std::uint64_t ok = std::min(part.count, static_cast<std::uint64_t>(std::floor((available + 1e-9) / wu)));
      model::Batch refused = part;  // what the partition cannot take now
      if (ok > 0) {
        const double units = static_cast<double>(ok) * wu;
        p.ceiling.try_take(t, units);
        table.try_take(t, units);
        p.consumed += units;
        second_units_ += units;
        write_units_total_ += units;
        const model::Batch taken = ok == part.count ? part : engine::take_front(refused, ok);
        if (ok == part.count) refused.count = 0;
        probe_.spent(retried_stage_, t - taken.arrived, taken.count, t);
        if (written_parts++ == 0) {
          written = taken;
        } else {
          written.count += taken.count;
          written.bytes += taken.bytes;
        }
      }
      // The hard ceiling refused, or the table's capacity (its WCU, or on-demand's peak rule).
      const std::size_t binding = under_ceiling <= under_capacity ? kPartitionWrites
                                  : on_demand_                    ? kOnDemandThroughput
                                                                  : kProvisionedWrites;
      if (refused.count > 0) {
        refuse(refused, index, gives_up, refused_parts, probe_, throttled_reason_, t, binding);
        if (!gives_up) probe_.units().queued(t, index, static_cast<double>(refused.count));
      }
    });
  }
  if (written_parts > 0) {
    // Parts written together leave as one batch, with their parent's key mix.
    if (written_parts > 1) written.mix = network_.key_mixes().parent(written.mix);
    const engine::SimTime takes = engine::round_half_away(latency_.sample(rng_));
    probe_.spent(write_stage_, takes, written.count, t);
    schedule_in(takes, 0, writing_.put(written));
  }
  if (!refused_parts.empty()) schedule_in(retry_.backoff(next, rng_), next, refused_parts.group());
  probe_.set_backlog(t, static_cast<double>(waiting_.records()));
}

void DynamoDbTable::handle(const engine::Event& event) {
  if (event.tag == 0) {
    const model::Batch done = writing_.take(event.data);
    probe_.departed(done, now());
    emit(done);
  } else {
    waiting_.take(event.data, incoming_);
    attempt(incoming_, event.tag);
  }
}

void DynamoDbTable::finish(engine::SimTime end) {
  roll_seconds(end);
  probe_.finish(end);
}

CostParts DynamoDbTable::cost(engine::SimTime duration) const {
  return bill_.cost(on_demand_, static_cast<double>(duration) / 3600e9, wcu_, rcu_, write_units_total_,
                    storage_bytes_);
}

DynamoDbBill::DynamoDbBill(const model::Catalog& catalog)
    : wcu_hour_price(catalog.at("dynamodb.price.wcu_hour_usd").value),
      rcu_hour_price(catalog.at("dynamodb.price.rcu_hour_usd").value),
      wru_price_per_million(catalog.at("dynamodb.price.on_demand_write_per_million_usd").value),
      storage_price(catalog.at("dynamodb.price.storage_gb_month_usd").value),
      free_gb_month(catalog.at("dynamodb.storage.free_gb_month").value) {}

// Provisioned units are billed by the hour whatever the load: capacity.
CostParts DynamoDbBill::cost(bool on_demand, double hours, double wcu, double rcu, double write_units,
                             double storage_bytes) const {
  const double months = hours / kHoursPerMonth;
  const double storage_gb = storage_bytes / kBytesPerGB;
  CostParts bill;
  // The free allowance is per month: 25 GB-month, so 25 GB held all month.
  bill.storage(std::max(0.0, storage_gb - free_gb_month) * storage_price * months);
  if (on_demand) {
    bill.usage(write_units * wru_price_per_million / 1e6);
  } else {
    bill.capacity((wcu * wcu_hour_price + rcu * rcu_hour_price) * hours);
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
  return {{"write_units_consumed", write_units_total_}, {"partitions", static_cast<double>(partitions_.size())}};
}

}  // namespace archsim::models

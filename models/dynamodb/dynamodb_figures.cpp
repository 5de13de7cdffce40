// A DynamoDB table's static figures: its capacity for the offered mix of
// writes and reads (provisioned partitions, their linear ceilings and burst
// credit, the WCU and RCU; or on demand what the previous-peak rules allow
// over the run's load), the mean latency, and the month's bill by the same
// DynamoDbBill the simulated table uses.
#include <algorithm>
#include <cmath>
#include <string>

#include "archsim/models/common/previous_peak.hpp"
#include "archsim/models/common/static_span.hpp"
#include "archsim/models/dynamodb/dynamodb_table.hpp"
#include "archsim/models/dynamodb/index_limit.hpp"
#include "archsim/models/dynamodb/table_load.hpp"

namespace archsim::models {

namespace {

constexpr double kInf = model::kUnbounded;

// Records/s of the whole mix that `requests_per_s` of one kind allow, that
// kind being `share` of the records (none: no limit).
double of_mix(double requests_per_s, double share) { return share > 0 ? requests_per_s / share : kInf; }

std::string units_words(double units, const std::string& what) {
  return units == 1 ? "" : " / " + model::group_digits(units) + " units " + what;
}

}  // namespace

model::StaticFigures DynamoDbTable::figures(const model::ParamSet& params, const model::Catalog& catalog,
                                            const model::FlowIn& in) {
  const bool on_demand = params.text("mode") == "on_demand";
  const double wcu = params.number("wcu"), rcu = params.number("rcu"), storage = params.number("storage");
  // Each item is rounded up to whole write units, each read to whole read
  // units: by the spread of the records' sizes, as the simulation rounds each record.
  const double item_size = params.has("item_size") ? params.number("item_size") : -1;
  const TableLoad load = table_load(in, catalog, item_size);
  // Every write is an entry in each index too: the tightest index limits the writes.
  std::vector<IndexLimit> indexes;
  double index_cap = kInf, index_ratio = 0;
  std::string index_words;
  for (const GsiConfig& g : GsiConfig::of(params)) {
    indexes.push_back(index_limit(g, load, catalog, item_size));
    index_ratio = std::max(index_ratio, indexes.back().worst_ratio);
    if (indexes.back().writes_per_s < index_cap) index_cap = indexes.back().writes_per_s, index_words = indexes.back().words;
  }
  const double x_r = load.read_share, x_w = 1 - x_r;
  const double wu = load.write_units, ru = load.read_units;
  const bool reads = x_r > 0;
  const double partition_wu = catalog.value("dynamodb.partition.write_units_per_s");
  const double partition_ru = catalog.value("dynamodb.partition.read_units_per_s");
  // What one record of the mix takes of a partition's linear ceiling, in write units.
  const double per_record = x_w * wu + x_r * ru * partition_wu / partition_ru;
  const double for_storage = std::ceil(storage / catalog.value("dynamodb.partition.max_bytes"));
  model::StaticFigures f;
  const std::string per_item = units_words(wu, "an item");
  f.unit_of_key = &DynamoDbTable::partition_of;
  f.reads_end_here = reads;
  const RetryPolicy retry = RetryPolicy::of(params);
  f.queue_records = in.records_per_s * retry.mean_span_s();
  f.unit_capacity = reads ? partition_wu / per_record : partition_wu / wu;
  std::vector<double> write_cap_over_time, read_cap_over_time;  // on demand, requests/s by interval
  double write_cap = kInf, read_cap = kInf;                      // requests/s of each kind
  if (on_demand) {
    const PreviousPeakRule w_rule = on_demand_rule(catalog, "write", wu);
    const PreviousPeakWorst w = walk_previous_peak(w_rule, load.writes_over_time);
    write_cap = std::min(w_rule.most, index_cap), write_cap_over_time = w.allowed_by_interval;
    for (const IndexLimit& x : indexes)
      for (std::size_t i = 0; i < x.by_interval.size() && i < write_cap_over_time.size(); ++i)
        write_cap_over_time[i] = std::min(write_cap_over_time[i], x.by_interval[i]);
    PreviousPeakWorst worst = w;
    std::string kind = "items/s";
    double needed_units = w.allowed_at_peak * wu / partition_wu;
    f.limit = "on demand: " + model::group_digits(w_rule.multiple) + "x the peak of " +
              model::group_digits(w_rule.matures_s / 60) + " min before, from " +
              model::group_digits(w_rule.initial * wu) + " up to " + model::group_digits(w_rule.most * wu) +
              " write units/s" + per_item;
    if (reads) {
      const PreviousPeakRule r_rule = on_demand_rule(catalog, "read", ru);
      const PreviousPeakWorst r = walk_previous_peak(r_rule, load.reads_over_time);
      read_cap = r_rule.most, read_cap_over_time = r.allowed_by_interval;
      if (r.ratio > worst.ratio) worst = r, kind = "reads/s";
      needed_units += r.allowed_at_peak * ru / partition_ru;
      f.limit += ", and from " + model::group_digits(r_rule.initial * ru) + " up to " +
                 model::group_digits(r_rule.most * ru) + " read units/s" + units_words(ru, "a read");
      // The mix's records/s in each interval: the lesser of what each kind's rule allows then.
      for (std::size_t i = 0; i < load.writes_over_time.records_per_s.size(); ++i) {
        const double writes = load.writes_over_time.records_per_s[i], reads_i = load.reads_over_time.records_per_s[i];
        const double total = writes + reads_i;
        const double by_w = writes > 0 && i < write_cap_over_time.size() ? write_cap_over_time[i] * total / writes : kInf;
        const double by_r = reads_i > 0 && i < r.allowed_by_interval.size() ? r.allowed_by_interval[i] * total / reads_i : kInf;
        f.capacity_over_time.push_back(std::isfinite(std::min(by_w, by_r)) ? std::min(by_w, by_r)
                                                                           : std::min(of_mix(write_cap, x_w), of_mix(read_cap, x_r)));
      }
    } else {
      f.capacity_over_time = write_cap_over_time;
    }
    f.capacity = std::min(of_mix(write_cap, x_w), of_mix(read_cap, x_r));
    // As many partitions as the capacity then needs at their ceiling each.
    f.units = std::max({1.0, for_storage, std::ceil(needed_units - 1e-9)});
    f.peak_utilization = std::max(worst.ratio, index_ratio);
    f.busy_words = index_ratio > worst.ratio
                       ? index_words + ", at " + model::group_digits(index_ratio * 100) + "% of what it takes"
                       : model::group_digits(worst.offered) + " " + (reads ? kind : "items/s") + " offered " +
                             model::group_digits(std::round(worst.at_s / 60)) + " min in against " +
                             model::group_digits(worst.allowed) + "/s the on-demand rule allowed then (" +
                             model::group_digits(worst.ratio * 100) + "%)";
    if (index_cap < w_rule.most) f.limit += "; " + index_words;
  } else {
    // Adaptive capacity: the WCU and the RCU are pools the partitions draw
    // on, each partition up to its linear ceiling; the table keeps burst_s
    // of unused units of each.
    const double partitions = provisioned_partitions(wcu, rcu, storage, catalog);
    const double ceiling = partitions * partition_wu;
    const double burst_s = catalog.value("dynamodb.burst.max_s");
    write_cap = std::min(wcu / wu, index_cap);
    f.units = partitions;
    if (!reads) {
      f.capacity = std::min(std::min(wcu, ceiling) / wu, index_cap);
      f.limit = model::group_digits(wcu) + " WCU over " + model::group_digits(partitions) + " partitions of up to " +
                model::group_digits(partition_wu) + " writes/s" + per_item;
      f.burst_capacity = std::min(ceiling / wu, index_cap);
      f.burst_records = wcu * burst_s / wu;
      if (index_cap < std::min(wcu, ceiling) / wu) f.limit += "; " + index_words;
    } else {
      read_cap = rcu / ru;
      f.capacity = std::min({of_mix(write_cap, x_w), of_mix(read_cap, x_r), ceiling / per_record});
      f.limit = model::group_digits(wcu) + " WCU and " + model::group_digits(rcu) + " RCU over " +
                model::group_digits(partitions) + " partitions of up to " + model::group_digits(partition_wu) +
                " write or " + model::group_digits(partition_ru) + " read units/s" + per_item +
                units_words(ru, "a read") + ", " + model::group_digits(x_r * 100) + "% of the requests reads";
      if (index_cap < wcu / wu) f.limit += "; " + index_words;
      f.burst_capacity = ceiling / per_record;
      f.burst_records = std::min(of_mix(wcu * burst_s / wu, x_w), of_mix(rcu * burst_s / ru, x_r));
      // The records/s it takes follow the mix: each interval by its own.
      f.capacity_follows_mix = true;
      for (std::size_t i = 0; i < load.writes_over_time.records_per_s.size(); ++i) {
        const double writes = load.writes_over_time.records_per_s[i], reads_i = load.reads_over_time.records_per_s[i];
        const double total = writes + reads_i;
        if (total <= 0) {
          f.capacity_over_time.push_back(f.capacity);
          continue;
        }
        f.capacity_over_time.push_back(std::min({of_mix(write_cap, writes / total), of_mix(read_cap, reads_i / total),
                                                 ceiling * total / (writes * wu + reads_i * ru * partition_wu / partition_ru)}));
      }
    }
  }
  const double mean_latency_s =
      (x_w * params.dist("latency").mean() + x_r * params.dist("read_latency").mean()) / 1e9;
  f.latency_s = in.records_per_s > f.capacity ? model::kUnbounded : mean_latency_s;
  f.attempts_per_s = model::attempts_with_retries(in.records_per_s, f.capacity, static_cast<double>(retry.max_retries));
  // What each kind's requests take over the span, at most its capacity then.
  const double writes_taken = accepted_over_span(load.writes_over_time, std::min(write_cap, f.capacity * x_w),
                                                 write_cap_over_time);
  const double reads_taken =
      reads ? accepted_over_span(load.reads_over_time, std::min(read_cap, f.capacity * x_r), read_cap_over_time) : 0;
  const DynamoDbUse use{.hours = kHoursPerMonth,
                        .wcu = wcu,
                        .rcu = rcu,
                        .write_units = per_month(writes_taken, in) * wu,
                        .read_units = per_month(reads_taken, in) * ru,
                        .storage_bytes = storage};
  // The indexes are billed as the table: capacity, their entries' write units, storage.
  DynamoDbUse billed = use;
  for (const GsiConfig& g : GsiConfig::of(params)) billed.wcu += g.wcu, billed.rcu += g.rcu, billed.storage_bytes += g.storage_bytes;
  for (const IndexLimit& x : indexes) billed.write_units += per_month(writes_taken, in) * x.units_per_write;
  f.monthly_usd = DynamoDbBill(catalog).cost(on_demand, billed).total();
  return f;
}

}  // namespace archsim::models

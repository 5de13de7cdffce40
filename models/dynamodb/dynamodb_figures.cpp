// A DynamoDB table's static figures: its write capacity (provisioned
// partitions and their burst credit, or on demand what the previous-peak
// rule allows over the run's load), the mean write latency, and the month's
// bill by the same DynamoDbBill the simulated table uses.
#include <algorithm>
#include <cmath>
#include <string>

#include "archsim/models/common/previous_peak.hpp"
#include "archsim/models/common/record_units.hpp"
#include "archsim/models/common/static_span.hpp"
#include "archsim/models/dynamodb/dynamodb_table.hpp"

namespace archsim::models {

namespace {

// The rule the simulated table follows on demand, in items/s: from the
// initial throughput, twice the highest second once it is a window old, up
// to the table quota.
PreviousPeakRule on_demand_rule(const model::Catalog& catalog, double units_per_item) {
  return {.initial = catalog.value("dynamodb.on_demand.initial_write_units_per_s") / units_per_item,
          .multiple = catalog.value("dynamodb.on_demand.peak_multiple"),
          .most = catalog.value("dynamodb.on_demand.table_max_write_units_per_s") / units_per_item,
          .matures_s = catalog.value("dynamodb.on_demand.peak_window_s")};
}

}  // namespace

model::StaticFigures DynamoDbTable::figures(const model::ParamSet& params, const model::Catalog& catalog,
                                            const model::FlowIn& in) {
  const bool on_demand = params.text("mode") == "on_demand";
  const double wcu = params.number("wcu"), rcu = params.number("rcu"), storage = params.number("storage");
  const double unit_bytes = catalog.value("dynamodb.write_unit.bytes");
  // Each item is rounded up to whole write units: by the spread of the
  // records' sizes, as the simulation rounds each record.
  const double units_per_item = params.has("item_size")
                                    ? std::max(1.0, std::ceil(params.number("item_size") / unit_bytes))
                                    : units_per_record(in, unit_bytes);
  const double partition_max = catalog.value("dynamodb.partition.write_units_per_s");
  const double for_storage = std::ceil(storage / catalog.value("dynamodb.partition.max_bytes"));
  const model::LoadOverTime load = load_over_span(in);
  model::StaticFigures f;
  const std::string per_item = units_per_item == 1 ? "" : " / " + model::group_digits(units_per_item) + " units an item";
  f.unit_of_key = &DynamoDbTable::partition_of;
  const RetryPolicy retry = RetryPolicy::of(params);
  f.queue_records = in.records_per_s * retry.mean_span_s();
  if (on_demand) {
    const PreviousPeakRule rule = on_demand_rule(catalog, units_per_item);
    const PreviousPeakWorst worst = walk_previous_peak(rule, load);
    f.capacity = rule.most;
    f.capacity_over_time = worst.allowed_by_interval;
    f.limit = "on demand: " + model::group_digits(rule.multiple) + "x the peak of " +
              model::group_digits(rule.matures_s / 60) + " min before, from " +
              model::group_digits(rule.initial * units_per_item) + " up to " +
              model::group_digits(rule.most * units_per_item) + " write units/s" + per_item;
    // As many partitions as the capacity then needs at their ceiling each.
    f.units = std::max({1.0, for_storage, std::ceil(worst.allowed_at_peak * units_per_item / partition_max - 1e-9)});
    f.unit_capacity = partition_max / units_per_item;
    f.peak_utilization = worst.ratio;
    f.busy_words = model::group_digits(worst.offered) + " items/s offered " +
                   model::group_digits(std::round(worst.at_s / 60)) + " min in against " +
                   model::group_digits(worst.allowed) + "/s the on-demand rule allowed then (" +
                   model::group_digits(worst.ratio * 100) + "%)";
  } else {
    // Adaptive capacity: the WCU is one pool the partitions draw on, each up
    // to its ceiling; the table keeps burst_s of unused units.
    const double partitions = provisioned_partitions(wcu, rcu, storage, catalog);
    const double ceiling = partitions * partition_max;
    f.capacity = std::min(wcu, ceiling) / units_per_item;
    f.limit = model::group_digits(wcu) + " WCU over " + model::group_digits(partitions) + " partitions of up to " +
              model::group_digits(partition_max) + " writes/s" + per_item;
    f.units = partitions;
    f.unit_capacity = partition_max / units_per_item;
    f.burst_capacity = ceiling / units_per_item;
    f.burst_records = wcu * catalog.value("dynamodb.burst.max_s") / units_per_item;
  }
  f.latency_s = in.records_per_s > f.capacity ? model::kUnbounded : params.dist("latency").mean() / 1e9;
  f.attempts_per_s = model::attempts_with_retries(in.records_per_s, f.capacity, static_cast<double>(retry.max_retries));
  const double units = per_month(accepted_over_span(load, f.capacity, f.capacity_over_time), in) * units_per_item;
  f.monthly_usd = DynamoDbBill(catalog).cost(on_demand, kHoursPerMonth, wcu, rcu, units, storage).total();
  return f;
}

}  // namespace archsim::models

// A global secondary index's share of the static figures.
#include "archsim/models/dynamodb/index_limit.hpp"

#include <algorithm>
#include <cmath>

#include "archsim/model/key_mix.hpp"
#include "archsim/models/common/previous_peak.hpp"
#include "archsim/models/common/record_units.hpp"
#include "archsim/models/dynamodb/dynamodb_table.hpp"

namespace archsim::models {

namespace {

// Write units of one entry: the projected part of each item, rounded as the table rounds its writes.
double entry_units(const GsiConfig& index, const TableLoad& load, double unit, double item_size) {
  if (item_size >= 0) return std::max(1.0, std::ceil(item_size * index.projection / unit - 1e-9));
  if (load.writes.sizes.empty())
    return std::max(1.0, std::ceil(load.writes.record_bytes * index.projection / unit - 1e-9));
  double units = 0;
  for (const auto& part : load.writes.sizes)
    units += part.share * units_per_record(part.size, part.scale * index.projection, unit);
  return units;
}

// The share of the index's entries its busiest partition holds, by its keys.
double hottest_share(const GsiConfig& index, double partitions) {
  model::KeyMixes mixes;
  const std::uint32_t mix = mixes.add_space(index.keys);
  const auto weights = mixes.bucket_weights(
      mix, {&DynamoDbTable::partition_of, static_cast<std::uint64_t>(std::max(1.0, partitions))});
  return weights.empty() ? 1 : *std::max_element(weights.begin(), weights.end());
}

}  // namespace

IndexLimit index_limit(const GsiConfig& index, const TableLoad& load, const model::Catalog& catalog,
                       double item_size) {
  IndexLimit out;
  const double partition_wu = catalog.value("dynamodb.partition.write_units_per_s");
  out.units_per_write = entry_units(index, load, catalog.value("dynamodb.write_unit.bytes"), item_size);
  const double u = out.units_per_write;
  const std::string name = "index '" + index.name + "'";
  double peak_writes = 0;
  for (double x : load.writes_over_time.records_per_s) peak_writes = std::max(peak_writes, x);
  if (!index.on_demand) {
    out.partitions = DynamoDbTable::provisioned_partitions(index.wcu, index.rcu, index.storage_bytes, catalog);
    out.hottest_share = hottest_share(index, out.partitions);
    // Past its hottest partition's ceiling, only that partition's excess is
    // refused: the entries on the others still pass.
    out.writes_per_s = std::min(index.wcu / u, partition_wu / u + peak_writes * (1 - out.hottest_share));
    out.worst_ratio = peak_writes / out.writes_per_s;
    out.words = name + ": " + model::group_digits(index.wcu) + " WCU over " + model::group_digits(out.partitions) +
                " partitions, the hottest holding " + model::group_digits(out.hottest_share * 100) + "% of its keys";
    return out;
  }
  const PreviousPeakRule rule = on_demand_rule(catalog, "write", u);
  const PreviousPeakWorst walk = walk_previous_peak(rule, load.writes_over_time);
  out.partitions = std::max({1.0, std::ceil(index.storage_bytes / catalog.value("dynamodb.partition.max_bytes")),
                             std::ceil(walk.allowed_at_peak * u / partition_wu - 1e-9)});
  out.hottest_share = hottest_share(index, out.partitions);
  const double hot_cap = partition_wu / u + peak_writes * (1 - out.hottest_share);
  out.writes_per_s = std::min(rule.most, hot_cap);
  for (std::size_t i = 0; i < walk.allowed_by_interval.size(); ++i) {
    const double writes = load.writes_over_time.records_per_s[i];
    out.by_interval.push_back(std::min(walk.allowed_by_interval[i], partition_wu / u + writes * (1 - out.hottest_share)));
    if (out.by_interval[i] > 0)
      out.worst_ratio = std::max(out.worst_ratio, load.writes_over_time.records_per_s[i] / out.by_interval[i]);
  }
  out.words = name + ": on demand, its hottest partition holding " + model::group_digits(out.hottest_share * 100) +
              "% of its keys";
  return out;
}

}  // namespace archsim::models

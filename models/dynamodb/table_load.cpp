// Splits what a table is offered into writes and reads.
#include "archsim/models/dynamodb/table_load.hpp"

#include <algorithm>
#include <cmath>

#include "archsim/models/common/record_units.hpp"
#include "archsim/models/common/static_span.hpp"
#include "archsim/models/dynamodb/dynamodb_table.hpp"

namespace archsim::models {

TableLoad table_load(const model::FlowIn& in, const model::Catalog& catalog, double item_size) {
  TableLoad t;
  t.writes = in;
  t.writes.reads.clear();
  t.writes.over_time = nullptr;
  t.writes_over_time = load_over_span(in);
  t.reads_over_time = t.writes_over_time;
  std::fill(t.reads_over_time.records_per_s.begin(), t.reads_over_time.records_per_s.end(), 0.0);
  const double read_unit = catalog.value("dynamodb.read_unit.bytes");
  double read_bytes = 0, units = 0;
  for (const model::FlowIn::ReadPart& r : in.reads) {
    t.read_share += r.share;
    read_bytes += r.share * r.record_bytes;
    const double each = r.size ? units_per_record(r.size->size, r.size->scale, read_unit)
                               : std::max(1.0, std::ceil(r.record_bytes / read_unit - 1e-9));
    units += r.share * each * read_unit_multiple(r.shape->consistency, catalog);
    for (std::size_t i = 0; i < r.by_interval.size() && i < t.reads_over_time.records_per_s.size(); ++i)
      t.reads_over_time.records_per_s[i] += r.by_interval[i];
  }
  if (in.reads.empty()) {
    t.write_units = item_size >= 0 ? std::max(1.0, std::ceil(item_size / catalog.value("dynamodb.write_unit.bytes")))
                                   : units_per_record(in, catalog.value("dynamodb.write_unit.bytes"));
    return t;
  }
  // With one interval (no load over time), the reads' part is their share of the mean.
  if (!in.over_time || in.over_time->starts_s.empty()) t.reads_over_time.records_per_s[0] = in.records_per_s * t.read_share;
  const double write_share = std::max(0.0, 1 - t.read_share);
  t.reads_per_s = in.records_per_s * t.read_share;
  t.read_units = t.read_share > 0 ? units / t.read_share : 0;
  t.writes.records_per_s = in.records_per_s * write_share;
  t.writes.record_bytes = write_share > 0 ? std::max(0.0, in.record_bytes - read_bytes) / write_share : 0;
  t.writes.sizes.clear();
  for (const auto& part : in.sizes)
    if (!part.read && write_share > 0) {
      auto w = part;
      w.share /= write_share;
      t.writes.sizes.push_back(w);
    }
  for (std::size_t i = 0; i < t.writes_over_time.records_per_s.size(); ++i)
    t.writes_over_time.records_per_s[i] =
        std::max(0.0, t.writes_over_time.records_per_s[i] - t.reads_over_time.records_per_s[i]);
  const double write_unit = catalog.value("dynamodb.write_unit.bytes");
  t.write_units = item_size >= 0 ? std::max(1.0, std::ceil(item_size / write_unit))
                  : write_share > 0 ? units_per_record(t.writes, write_unit)
                                    : 1;
  return t;
}

PreviousPeakRule on_demand_rule(const model::Catalog& catalog, const std::string& kind, double units_per_request) {
  return {.initial = catalog.value("dynamodb.on_demand.initial_" + kind + "_units_per_s") / units_per_request,
          .multiple = catalog.value("dynamodb.on_demand.peak_multiple"),
          .most = catalog.value("dynamodb.on_demand.table_max_" + kind + "_units_per_s") / units_per_request,
          .matures_s = catalog.value("dynamodb.on_demand.peak_window_s")};
}

}  // namespace archsim::models

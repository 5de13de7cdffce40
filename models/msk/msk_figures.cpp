// An MSK topic's static figures: its capacity (the busiest lane of the
// cluster at the offered record size, keys spread evenly; partitions as keyed
// units by Kafka's partitioner), a record's transfer time at that lane, and the
// month's bill by the same MskBill the simulated topic uses.
#include <algorithm>
#include <cmath>
#include <string>

#include "archsim/models/common/billing.hpp"
#include "archsim/models/common/static_span.hpp"
#include "archsim/models/msk/msk_cluster.hpp"

namespace archsim::models {

model::StaticFigures MskCluster::figures(const model::ParamSet& params, const model::Catalog& catalog,
                                         const model::FlowIn& in) {
  MskLanes lanes(params, catalog);
  lanes.set_groups(in.consumers);
  const double record_bytes = std::max(1.0, in.record_bytes);
  model::StaticFigures f;
  f.capacity = lanes.capacity_bytes_per_s() / record_bytes;
  f.limit = lanes.limit_words(in.record_bytes);
  f.units = static_cast<double>(lanes.partitions());
  f.unit_capacity = lanes.partition_capacity_bytes_per_s() / record_bytes;
  f.unit_of_key = &MskCluster::partition_of;
  // Partitions share their brokers: the cluster's busiest lane, not one
  // partition alone, is how busy it is (a partition's own room is what a
  // single hot key can have).
  f.utilization = f.capacity > 0 ? in.records_per_s / f.capacity : 0;
  // Below its rate a lane's queue stays within the second it absorbs: a
  // record waits its producer's linger, then takes its own transfer time at
  // the slowest lane.
  const double rho = in.bytes_per_s() * lanes.busiest_seconds_per_byte();
  const double service_s = record_bytes / lanes.partition_capacity_bytes_per_s();
  f.latency_s = rho < 1 ? engine::to_seconds(params.duration("linger")) + service_s : model::kUnbounded;
  // Past the capacity the producers hold records until their delivery timeout, then give them up.
  f.queue_records = in.records_per_s * engine::to_seconds(params.duration("delivery_timeout"));
  const double accepted = per_month(accepted_over_span(load_over_span(in), f.capacity, {}), in);
  const MskBill bill(params, catalog);
  f.monthly_usd = bill.cost({.hours = kHoursPerMonth,
                             .bytes_in = accepted * in.record_bytes,
                             .bytes_out = accepted * in.record_bytes * static_cast<double>(in.consumers)})
                      .total();
  // What the retention keeps on each broker's disk at this load, against its storage.
  if (!lanes.serverless() && in.records_per_s > 0) {
    const double kept_s = engine::to_seconds(params.duration("retention"));
    const double per_broker = in.bytes_per_s() * static_cast<double>(lanes.replication()) /
                              static_cast<double>(lanes.brokers());
    const double by_time = per_broker * kept_s;
    const double by_size = params.number("retention_bytes") > 0
                               ? params.number("retention_bytes") * static_cast<double>(lanes.partitions()) *
                                     static_cast<double>(lanes.replication()) / static_cast<double>(lanes.brokers())
                               : by_time;
    const double kept = std::min(by_time, by_size);
    const double storage = params.number("storage");
    if (kept > storage)
      f.notes.push_back({"storage", "at this load the retention keeps " + model::group_digits(kept / kBytesPerGB) +
                                        " GiB on each broker, above its " + model::group_digits(storage / kBytesPerGB) +
                                        " GiB: the disks fill after " +
                                        model::group_digits(storage / per_broker / 3600) +
                                        " h (not simulated); raise storage or shorten the retention"});
  }
  return f;
}

}  // namespace archsim::models

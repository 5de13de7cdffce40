#include "archsim/models/msk/msk_bill.hpp"
#include "archsim/models/msk/msk_lanes.hpp"

#include <algorithm>

#include "archsim/models/common/billing.hpp"

namespace archsim::models {

MskBill::MskBill(const model::ParamSet& params, const model::Catalog& catalog)
    : serverless_(params.text("deployment") == "serverless"),
      brokers_(params.number("brokers")),
      partitions_(params.number("partitions")),
      zones_(params.number("zones")),
      storage_gb_(params.number("storage") / kBytesPerGB),
      throughput_above_mib_s_(
          std::max(0.0, params.number("storage_throughput") - catalog.value("msk.volume.default_bytes_per_s")) /
          1048576.0),
      retention_s_(engine::to_seconds(params.duration("retention"))),
      price_broker_hour_(serverless_ ? 0.0
                                     : catalog.value("msk.price." + msk_size(params.text("broker_type")) +
                                                     "_broker_hour_usd")),
      price_storage_gb_month_(catalog.value("msk.price.storage_gb_month_usd")),
      price_throughput_mib_s_month_(catalog.value("msk.price.provisioned_throughput_mib_s_month_usd")),
      price_cross_az_gb_(catalog.value("msk.price.cross_az_gb_usd")),
      price_cluster_hour_(catalog.value("msk.price.serverless_cluster_hour_usd")),
      price_partition_hour_(catalog.value("msk.price.serverless_partition_hour_usd")),
      price_in_gb_(catalog.value("msk.price.serverless_in_gb_usd")),
      price_out_gb_(catalog.value("msk.price.serverless_out_gb_usd")),
      price_serverless_storage_(catalog.value("msk.price.serverless_storage_gb_month_usd")) {}

// Brokers, their storage and provisioned throughput, the Serverless cluster
// and its partitions are billed whatever the load: capacity. Serverless
// storage is what the retention keeps of a steady stream, (bytes in per
// second) x (retention), billed as a month of that level whatever the run's
// length. GB in and out, and data between zones, are usage.
CostParts MskBill::cost(const MskUsage& u) const {
  const double months = u.hours / kHoursPerMonth;
  const double gb_in = u.bytes_in / kBytesPerGB, gb_out = u.bytes_out / kBytesPerGB;
  CostParts bill;
  if (serverless_) {
    const double stored_gb = u.hours > 0 ? u.bytes_in / (u.hours * 3600.0) * retention_s_ / kBytesPerGB : 0.0;
    return bill.capacity({"cluster-hours", u.hours, price_cluster_hour_ * u.hours})
        .capacity({"partition-hours", partitions_ * u.hours, price_partition_hour_ * partitions_ * u.hours})
        .usage({"GB in", gb_in, price_in_gb_ * gb_in})
        .usage({"GB out", gb_out, price_out_gb_ * gb_out})
        .storage({"GB-months stored", stored_gb * months, price_serverless_storage_ * stored_gb * months});
  }
  bill.capacity({"broker-hours", brokers_ * u.hours, price_broker_hour_ * brokers_ * u.hours})
      .storage({"GB-months of broker storage", storage_gb_ * brokers_ * months,
                price_storage_gb_month_ * storage_gb_ * brokers_ * months});
  if (throughput_above_mib_s_ > 0)
    bill.capacity({"MiB/s-months of provisioned storage throughput", throughput_above_mib_s_ * brokers_ * months,
                   price_throughput_mib_s_month_ * throughput_above_mib_s_ * brokers_ * months});
  // Clients spread over the zones reach a leader in another zone (zones - 1) / zones
  // of the time; each GB is billed out of one zone and into the other.
  const double crossing_gb = (gb_in + gb_out) * (zones_ - 1) / zones_;
  return bill.usage({"GB between Availability Zones (each direction)", 2 * crossing_gb,
                     price_cross_az_gb_ * 2 * crossing_gb});
}

}  // namespace archsim::models

// An MSK topic's bill, shared by the simulated topic and its static figures:
// what a month (or a run) used, priced by the catalog as AWS bills MSK.
// Provisioned: broker-hours of the broker size, the storage provisioned on
// every broker per GB-month, provisioned storage throughput above the
// default per MiB/s-month, and standard data transfer between Availability
// Zones for clients whose broker is in another zone (replication between
// brokers is not charged). Serverless: cluster-hours, partition-hours, GB in,
// GB out and GB-months stored. GB = 2^30 bytes.
#pragma once
#include <string>

#include "archsim/model/catalog.hpp"
#include "archsim/model/params.hpp"
#include "archsim/models/common/cost_parts.hpp"

namespace archsim::models {

struct MskUsage {
  double hours = 0;
  double bytes_in = 0;   // written by the producers
  double bytes_out = 0;  // read by the consumer groups
};

class MskBill {
 public:
  MskBill(const model::ParamSet& params, const model::Catalog& catalog);
  CostParts cost(const MskUsage& u) const;

 private:
  bool serverless_;
  double brokers_, partitions_, zones_;
  double storage_gb_, throughput_above_mib_s_, retention_s_;
  double price_broker_hour_, price_storage_gb_month_, price_throughput_mib_s_month_, price_cross_az_gb_;
  double price_cluster_hour_, price_partition_hour_, price_in_gb_, price_out_gb_, price_serverless_storage_;
};

}  // namespace archsim::models

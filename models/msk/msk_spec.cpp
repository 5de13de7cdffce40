// What archsim knows of a Kafka topic on Amazon MSK besides its behaviour:
// its parameters (the cluster's broker size and count, the topic's
// partitions and replication, the producers' acks), the checks AWS's limits
// make of them (brokers in multiples of the Availability Zones; partitions
// per broker, replicas included, within what still allows updates), the
// levers a designer has, why it drops records, and its diagram label.
#include <algorithm>
#include <cmath>
#include <string>
#include <vector>

#include "archsim/models/msk/msk_cluster.hpp"

namespace archsim::models {

namespace {

const std::vector<std::string>& broker_types() {
  static const std::vector<std::string> types = {"kafka.t3.small",   "kafka.m5.large",    "kafka.m5.xlarge",
                                                 "kafka.m5.2xlarge", "kafka.m5.4xlarge",  "kafka.m5.8xlarge",
                                                 "kafka.m5.12xlarge", "kafka.m5.16xlarge", "kafka.m5.24xlarge"};
  return types;
}

bool serverless(const model::ParamSet& p) { return p.text("deployment") == "serverless"; }

// msk.m5_large: the catalog's prefix for a broker size's figures.
std::string size_key(const std::string& broker_type) {
  return "msk." + msk_size(broker_type);
}

std::string whole(double x) { return model::group_digits(x); }

// Bytes/s the topic takes with these parameters, read by `groups` consumer groups.
double capacity_of(const model::ParamSet& p, const model::Catalog& catalog, std::size_t groups) {
  MskLanes lanes(p, catalog);
  lanes.set_groups(groups);
  return lanes.capacity_bytes_per_s();
}

// The partition replicas the busiest broker holds, by the round-robin assignment.
double replicas_per_broker(double partitions, double replication, double brokers) {
  return std::ceil(partitions * replication / std::max(1.0, brokers));
}

// More brokers, in whole multiples of the zones, and partitions enough for
// every broker to lead one.
std::vector<model::ParamChange> more_brokers(const model::ParamSet& p, const model::Catalog& catalog,
                                             const model::FlowIn&, double factor) {
  if (serverless(p)) return {};
  const double zones = p.number("zones"), brokers = p.number("brokers");
  const double most = std::floor(catalog.value("msk.cluster.max_brokers") / zones) * zones;
  const double to = std::min(most, std::ceil(model::scaled_whole(brokers, factor, most) / zones) * zones);
  if (to == brokers) return {};
  std::vector<model::ParamChange> out = {{.key = "brokers", .from = brokers, .to = to}};
  if (p.number("partitions") < to) out.push_back({.key = "partitions", .from = p.number("partitions"), .to = to});
  return out;
}

// The smallest larger broker size that gives `factor` times the room, else
// the largest; below 1, the smallest smaller size that keeps `factor` of it,
// else the next smaller.
std::vector<model::ParamChange> larger_brokers(const model::ParamSet& p, const model::Catalog& catalog,
                                               const model::FlowIn& peak, double factor) {
  if (serverless(p)) return {};
  const auto& types = broker_types();
  auto at = std::find(types.begin(), types.end(), p.text("broker_type"));
  if (at == types.end()) return {};
  const double today = capacity_of(p, catalog, peak.consumers);
  model::ParamSet q = p;
  if (factor < 1) {
    if (at == types.begin()) return {};
    auto to = at - 1;
    for (auto next = to; next != types.begin();) {
      --next;
      q.set("broker_type", model::ParamValue{.text = *next});
      if (capacity_of(q, catalog, peak.consumers) < factor * today) break;
      to = next;
    }
    return {{.key = "broker_type", .text_from = p.text("broker_type"), .text_to = *to}};
  }
  if (at + 1 == types.end()) return {};
  for (auto next = at + 1; next != types.end(); ++next) {
    q.set("broker_type", model::ParamValue{.text = *next});
    if (capacity_of(q, catalog, peak.consumers) >= factor * today || next + 1 == types.end())
      return {{.key = "broker_type", .text_from = p.text("broker_type"), .text_to = *next}};
  }
  return {};
}

// Provisioned storage throughput, where the broker size allows it.
std::vector<model::ParamChange> more_storage_throughput(const model::ParamSet& p, const model::Catalog& catalog,
                                                        const model::FlowIn&, double factor) {
  if (serverless(p)) return {};
  const std::string size = size_key(p.text("broker_type"));
  const double most = std::min(catalog.value(size + ".max_volume_bytes_per_s"), catalog.value(size + ".ebs_bytes_per_s"));
  const double now = p.number("storage_throughput");
  const double mib = 1048576.0;
  const double to = std::min(most, std::ceil(now * factor / mib) * mib);
  if (to <= now) return {};
  return {{.key = "storage_throughput", .from = now, .to = to}};
}

std::vector<model::ParamChange> more_partitions(const model::ParamSet& p, const model::Catalog& catalog,
                                                const model::FlowIn&, double factor) {
  if (!serverless(p)) return {};
  return model::scale_whole(p, "partitions", factor, catalog.value("msk.serverless.max_partitions"));
}

std::vector<model::ParamChange> to_serverless(const model::ParamSet& p, const model::Catalog&, const model::FlowIn&,
                                              double) {
  return model::switch_choice(p, "deployment", "provisioned", "serverless");
}

// Provisioned brokers for the peak with a quarter to spare, in multiples of
// the zones: the fewest of the current size, or of the next larger size
// where a cluster's most of this one is not enough.
std::vector<model::ParamChange> to_provisioned(const model::ParamSet& p, const model::Catalog& catalog,
                                               const model::FlowIn& peak, double factor) {
  if (!serverless(p)) return {};
  model::ParamSet q = p;
  q.set("deployment", model::ParamValue{.text = "provisioned"});
  const double zones = p.number("zones");
  const double most = std::floor(catalog.value("msk.cluster.max_brokers") / zones) * zones;
  const double wanted = 1.25 * std::max(1.0, factor) * peak.bytes_per_s();
  const auto& types = broker_types();
  auto type = std::find(types.begin(), types.end(), p.text("broker_type"));
  double brokers = zones;
  for (; type != types.end(); ++type) {
    q.set("broker_type", model::ParamValue{.text = *type});
    for (brokers = zones; brokers < most; brokers += zones) {
      q.set("brokers", model::ParamValue{.number = brokers});
      if (capacity_of(q, catalog, peak.consumers) >= wanted) break;
    }
    q.set("brokers", model::ParamValue{.number = brokers});
    if (capacity_of(q, catalog, peak.consumers) >= wanted || type + 1 == types.end()) break;
  }
  std::vector<model::ParamChange> out = {{.key = "deployment", .text_from = "serverless", .text_to = "provisioned"},
                                         {.key = "brokers", .from = p.number("brokers"), .to = brokers}};
  if (type != types.end() && *type != p.text("broker_type"))
    out.push_back({.key = "broker_type", .text_from = p.text("broker_type"), .text_to = *type});
  return out;
}

std::string label(const model::ParamSet& p) {
  const double partitions = p.number("partitions");
  const std::string topic = whole(partitions) + (partitions == 1 ? " partition" : " partitions");
  if (serverless(p)) return "Serverless, " + topic;
  return whole(p.number("brokers")) + " x " + p.text("broker_type") + ", " + topic;
}

// A Lambda function reading the topic through an event source mapping has at
// most one poller per partition (its `shards`), and knows it reads Kafka; one
// retrying a batch does so until the records pass the topic's retention. A
// Firehose stream reading it has the topic as its source, not Direct PUT.
std::optional<model::Offered> offer(const model::ParamSet& p, const std::string& key) {
  if (key == "shards") return model::Offered{.number = p.number("partitions")};
  if (key == "stream_retention") return model::Offered{.number = p.number("retention")};
  if (key == "event_source") return model::Offered{.text = "msk"};
  if (key == "source") return model::Offered{.text = "msk"};
  return std::nullopt;
}

std::vector<model::ParamProblem> check(const model::ParamSet& p, const model::Catalog& catalog,
                                       const std::string& what) {
  std::vector<model::ParamProblem> out;
  const double partitions = p.number("partitions");
  if (serverless(p)) {
    const double most = catalog.value("msk.serverless.max_partitions");
    if (partitions > most)
      out.push_back({"partitions", what + " has " + whole(partitions) + " partitions, above the " + whole(most) +
                                       " an MSK Serverless cluster takes (limits.html); use a provisioned cluster "
                                       "(deployment: provisioned) or fewer partitions"});
    return out;
  }
  const double brokers = p.number("brokers"), zones = p.number("zones"), replication = p.number("replication_factor");
  if (std::fmod(brokers, zones) != 0)
    out.push_back({"brokers", what + " has " + whole(brokers) + " brokers in " + whole(zones) +
                                  " Availability Zones; MSK takes brokers in multiples of its zones, so use " +
                                  whole(std::max(zones, std::floor(brokers / zones) * zones)) + " or " +
                                  whole(std::ceil(brokers / zones) * zones)});
  if (brokers > catalog.value("msk.cluster.max_brokers"))
    out.push_back({"brokers", what + " has " + whole(brokers) + " brokers, above the " +
                                  whole(catalog.value("msk.cluster.max_brokers")) +
                                  " a cluster takes (limits.html); use a larger broker type"});
  if (replication > brokers)
    out.push_back({"replication_factor", what + " keeps " + whole(replication) + " copies of each partition on " +
                                             whole(brokers) + " brokers; a replica needs a broker of its own, so use "
                                             "replication_factor: " + whole(brokers) + " or more brokers"});
  const std::string size = size_key(p.text("broker_type"));
  const double held = replicas_per_broker(partitions, std::min(replication, brokers), brokers);
  const double most = catalog.value(size + ".max_partitions");
  if (held > most) {
    // The fewest brokers, in multiples of the zones, that keep each within the limit.
    const double need = std::ceil(std::ceil(partitions * replication / most) / zones) * zones;
    out.push_back({"partitions", what + " puts " + whole(held) + " partition replicas on a " + p.text("broker_type") +
                                     " broker (" + whole(partitions) + " partitions x replication factor " +
                                     whole(replication) + " over " + whole(brokers) + " brokers), above the " +
                                     whole(most) + " past which AWS blocks configuration and broker-size updates (" +
                                     whole(catalog.value(size + ".recommended_partitions")) +
                                     " recommended, bestpractices.html); use " + whole(need) +
                                     " brokers, a larger broker type, or fewer partitions"});
  }
  const double throughput = p.number("storage_throughput");
  const double volume_default = catalog.value("msk.volume.default_bytes_per_s");
  const double volume_most = catalog.value(size + ".max_volume_bytes_per_s");
  if (throughput > volume_default && volume_most <= volume_default)
    out.push_back({"storage_throughput", what + " provisions storage throughput on " + p.text("broker_type") +
                                             " brokers; AWS allows it on kafka.m5.4xlarge and larger "
                                             "(msk-provision-throughput-management.html), so use one of those or 250MiB/s"});
  else if (throughput > volume_most)
    out.push_back({"storage_throughput", what + " provisions " + whole(throughput / 1048576.0) + " MiB/s of storage "
                                             "throughput; a " + p.text("broker_type") + " broker takes at most " +
                                             whole(volume_most / 1048576.0) + " MiB/s"});
  return out;
}

}  // namespace

model::ModelSpec MskCluster::spec() {
  using model::ParamType;
  model::ModelSpec s;
  s.service = "msk";
  s.summary = "Amazon MSK (Kafka): brokers or Serverless, partitions with replicas, acks, consumer groups, retention";
  s.params = {
      {.name = "deployment", .type = ParamType::choice, .default_text = "provisioned",
       .choices = {"provisioned", "serverless"},
       .help = "provisioned: brokers of a size you choose and pay by the hour; serverless: MSK Serverless, "
               "paid by cluster, partition and GB"},
      {.name = "broker_type", .type = ParamType::choice, .default_text = "kafka.m5.large", .choices = broker_types(),
       .help = "broker instance size: sets each broker's storage and network throughput and its price"},
      {.name = "brokers", .type = ParamType::integer, .default_text = "3", .min = 1, .max = 60,
       .help = "brokers in the cluster, a multiple of the zones"},
      {.name = "zones", .type = ParamType::integer, .default_text = "3", .min = 2, .max = 3,
       .help = "Availability Zones the brokers are spread over (2 or 3)"},
      {.name = "partitions", .type = ParamType::integer, .default_text = "6", .min = 1, .max = 200000,
       .help = "partitions of the topic; keys hash to them (murmur2), and a consumer group reads each with one consumer"},
      {.name = "replication_factor", .type = ParamType::integer, .default_text = "3", .min = 1, .max = 60,
       .help = "copies of each partition, on as many brokers (MSK's default is 3)"},
      {.name = "acks", .type = ParamType::choice, .default_text = "all", .choices = {"all", "1", "0"},
       .help = "when a send is acknowledged: all in-sync replicas have it, the leader has it, or at once"},
      {.name = "retention", .type = ParamType::duration, .default_text = "7d", .min = 60e9, .max = 315360000e9,
       .help = "retention.ms: records older than this are deleted, read or not"},
      {.name = "retention_bytes", .type = ParamType::size, .default_text = "0B", .min = 0,
       .help = "retention.bytes per partition: the oldest records past it are deleted; 0B: no size limit"},
      {.name = "storage", .type = ParamType::size, .default_text = "1000GiB", .min = 1073741824.0,
       .max = 17592186044416.0, .help = "EBS storage on each broker (1 GiB to 16 TiB), billed per GB-month"},
      {.name = "storage_throughput", .type = ParamType::bandwidth, .default_text = "250MiB/s", .min = 262144000.0,
       .max = 1048576000.0,
       .help = "each broker's storage volume throughput; above 250 MiB/s provisioned (kafka.m5.4xlarge and larger)"},
      // Kafka 4.0's default (KIP-1030); clients before it default to 0.
      {.name = "linger", .type = ParamType::duration, .default_text = "5ms", .min = 0, .max = 60e9,
       .help = "linger.ms: how long a producer holds a partition's batch for more records before it sends it"},
      {.name = "delivery_timeout", .type = ParamType::duration, .default_text = "120s", .min = 1e6,
       .help = "delivery.timeout.ms: how long a producer waits for a record's acknowledgement before giving it up"},
  };
  s.factory = model::make_component<MskCluster>;
  s.figures = &MskCluster::figures;
  s.check = &check;
  s.resources = {
      {.id = "write_throughput",
       .name = "write throughput (each broker's storage and network out, replicas and consumer groups included; "
               "on Serverless, 5 MiB/s a partition and 200 MiB/s a cluster)",
       .unit = "partition",
       .levers = {"broker_type", "brokers", "storage_throughput", "partitions", "serverless", "provisioned"}},
      {.id = "retention", .name = "retention (retention.ms, and retention.bytes per partition)"},
      {.id = "record_size", .name = "record size limit (message.max.bytes, 1 MiB by default)"},
  };
  s.levers = {
      {.id = "broker_type", .words = "larger brokers", .bound = "kafka.m5.24xlarge, the largest broker size",
       .raises_unit = true, .move = &larger_brokers},
      {.id = "brokers", .words = "more brokers", .bound = "60 brokers (a cluster's limit)", .move = &more_brokers},
      {.id = "storage_throughput", .words = "provisioned storage throughput",
       .bound = "the broker size's most (1,000 MiB/s from kafka.m5.12xlarge)", .move = &more_storage_throughput},
      {.id = "partitions", .words = "more partitions", .bound = "2,400 partitions (an MSK Serverless cluster's)",
       .move = &more_partitions},
      {.id = "serverless", .words = "MSK Serverless", .scales = false, .capacity_mode = true, .move = &to_serverless},
      {.id = "provisioned", .words = "provisioned brokers for the peak x 1.25", .scales = false,
       .capacity_mode = true, .move = &to_provisioned},
  };
  s.drops = {
      {.reason = "delivery_timeout", .resource = "write_throughput"},
      {.reason = "record_too_large", .resource = "record_size"},
      {.reason = "expired", .resource = "retention", .waited_too_long = true},
      {.reason = "expired_by_size", .resource = "retention", .waited_too_long = true},
  };
  s.label = &label;
  s.copies = {.idempotent = false,
              .words = "each copy is appended again (an idempotent producer removes only its own retries), "
                       "so every consumer group reads it twice"};
  s.reader_lag = "consumer lag";
  s.offer = &offer;
  s.faults = {{"capacity_lost",
               "a share `share` of its brokers lost, whole Availability Zones first (a third of the brokers of a "
               "three-zone cluster is one zone): each partition led there fails over to an in-sync follower on a "
               "broker left, so the topic goes on at what the brokers left carry; a partition with every replica "
               "lost (replication_factor 1) is offline until its broker is back, its producers retrying until "
               "their delivery timeout gives its records up"}};
  s.fault_refused = [](const std::string& kind, const model::ParamSet& params) -> std::string {
    if (kind == "capacity_lost" && serverless(params))
      return "MSK Serverless runs and replaces its brokers itself, which archsim does not simulate; drill a "
             "provisioned cluster (deployment: provisioned), or a consumer's capacity_lost";
    return {};
  };
  return s;
}

}  // namespace archsim::models

// What archsim knows of a DynamoDB table besides its behaviour: its
// parameters, the limits it runs into as the DynamoDB developer guide names
// them (burst-adaptive-capacity.html, on-demand-capacity-mode.html; the
// partition ceilings from repost.aws knowledge-center articles), the levers
// a designer has, why it drops records, and its diagram label.
#include <algorithm>
#include <cmath>
#include <string>
#include <vector>

#include "archsim/models/dynamodb/dynamodb_table.hpp"
#include "archsim/models/dynamodb/table_load.hpp"

namespace archsim::models {

namespace {

bool on_demand(const model::ParamSet& p) { return p.text("mode") == "on_demand"; }

// Capacity above the account's per-table quota (the stated `quota_key`, else
// the default in the catalog) loads only with the quota raised to it, a
// Service Quotas request: a move past the quota carries that raise, so that
// its --set runs as it was simulated.
void with_quota(const model::ParamSet& p, const model::Catalog& catalog, const std::string& quota_key,
                const std::string& catalog_id, double to, std::vector<model::ParamChange>& out) {
  const double quota = p.has(quota_key) ? p.number(quota_key) : catalog.value(catalog_id);
  if (to > quota) out.push_back({.key = quota_key, .from = quota, .to = to});
}

std::vector<model::ParamChange> scale_under_quota(const model::ParamSet& p, const model::Catalog& catalog,
                                                  const std::string& key, double factor, const std::string& quota_key,
                                                  const std::string& catalog_id) {
  std::vector<model::ParamChange> out = model::scale_whole(p, key, factor, 4e7);
  if (!out.empty()) with_quota(p, catalog, quota_key, catalog_id, out.front().to, out);
  return out;
}

// More WCU: more room per partition, and past 1,000 WCU a partition, more
// partitions for the keys to spread over.
std::vector<model::ParamChange> more_wcu(const model::ParamSet& p, const model::Catalog& catalog, const model::FlowIn&,
                                         double factor) {
  if (on_demand(p)) return {};
  return scale_under_quota(p, catalog, "wcu", factor, "quota_wcu", "dynamodb.table.max_write_capacity_units");
}

// More RCU: more room for reads, and past 3,000 RCU a partition, more
// partitions. Only for a table that serves reads: elsewhere RCU buys nothing.
std::vector<model::ParamChange> more_rcu(const model::ParamSet& p, const model::Catalog& catalog, const model::FlowIn& in,
                                         double factor) {
  if (on_demand(p) || in.reads.empty()) return {};
  return scale_under_quota(p, catalog, "rcu", factor, "quota_rcu", "dynamodb.table.max_read_capacity_units");
}

// More WCU on every index: an index's WCU binds its share of the table's
// writes as the table's own does (absent, an index has the table's).
std::vector<model::ParamChange> more_index_wcu(const model::ParamSet& p, const model::Catalog& catalog,
                                               const model::FlowIn&, double factor) {
  if (on_demand(p) || !p.has("gsis")) return {};
  std::vector<model::ParamChange> out;
  double most = 0;
  for (const GsiConfig& g : GsiConfig::of(p)) {
    const double to = std::min(4e7, std::ceil(g.wcu * factor));
    if (to > g.wcu) out.push_back({.key = "gsis." + g.name + ".wcu", .from = g.wcu, .to = to});
    most = std::max(most, to);
  }
  // An index's WCU counts against the table's quota too.
  if (!out.empty()) with_quota(p, catalog, "quota_wcu", "dynamodb.table.max_write_capacity_units", most, out);
  return out;
}

std::vector<model::ParamChange> to_on_demand(const model::ParamSet& p, const model::Catalog&, const model::FlowIn&,
                                             double) {
  return model::switch_choice(p, "mode", "provisioned", "on_demand");
}

// Provisioned write units (and read units, where it serves reads) for the
// peak with a quarter to spare.
std::vector<model::ParamChange> to_provisioned(const model::ParamSet& p, const model::Catalog& catalog,
                                               const model::FlowIn& peak, double factor) {
  if (!on_demand(p)) return {};
  const double spare = 1.25 * std::max(1.0, factor);
  if (!peak.reads.empty()) {
    const TableLoad load = table_load(peak, catalog, p.has("item_size") ? p.number("item_size") : -1);
    const double wcu = std::max(1.0, std::ceil(spare * load.writes.records_per_s * load.write_units));
    const double rcu = std::max(1.0, std::ceil(spare * load.reads_per_s * load.read_units));
    return {{.key = "mode", .text_from = "on_demand", .text_to = "provisioned"},
            {.key = "wcu", .from = p.number("wcu"), .to = wcu},
            {.key = "rcu", .from = p.number("rcu"), .to = rcu}};
  }
  const double item_bytes = p.has("item_size") ? p.number("item_size") : peak.record_bytes;
  const double units = std::max(1.0, std::ceil(item_bytes / catalog.value("dynamodb.write_unit.bytes")));
  const double wcu = std::max(1.0, std::ceil(spare * peak.records_per_s * units));
  return {{.key = "mode", .text_from = "on_demand", .text_to = "provisioned"},
          {.key = "wcu", .from = p.number("wcu"), .to = wcu}};
}

std::string whole(double x) { return model::group_digits(std::round(x)); }

std::string label(const model::ParamSet& p) {
  if (on_demand(p)) return "on-demand";
  return whole(p.number("wcu")) + " WCU, " + whole(p.number("rcu")) + " RCU";
}

}  // namespace

model::ModelSpec DynamoDbTable::spec() {
  using model::ParamType;
  model::ModelSpec s;
  s.service = "dynamodb";
  s.summary = "a DynamoDB table taking writes and serving reads: partitions, per-partition ceilings, burst capacity, "
              "on-demand scaling, retries";
  s.params = {
      {.name = "mode", .type = ParamType::choice, .default_text = "provisioned", .choices = {"provisioned", "on_demand"},
       .help = "capacity mode: provisioned (wcu, rcu) or on_demand (pay per request)"},
      {.name = "wcu", .type = ParamType::number, .default_text = "5", .min = 1, .max = 4e7,
       .help = "provisioned write capacity units (write units per second); the console's default is 5"},
      {.name = "rcu", .type = ParamType::number, .default_text = "5", .min = 0, .max = 4e7,
       .help = "provisioned read capacity units (strongly consistent 4 KB reads per second): serve the reads of "
               "'kind: reads' sources, size the partitions and are billed"},
      // The top is the catalog's dynamodb.item.max_bytes (400 KiB), written here so the loader can report it.
      {.name = "item_size", .type = ParamType::size, .min = 0, .max = 409600,
       .help = "size of the item each record writes; default: the arriving batch's mean record size"},
      {.name = "storage", .type = ParamType::size, .default_text = "1GB", .min = 0,
       .help = "data the table holds: adds partitions (10 GiB each) and storage cost"},
      {.name = "max_retries", .type = ParamType::integer, .default_text = "3", .min = 0, .max = 1000,
       .help = "retries of a throttled write before it is dropped"},
      {.name = "retry_base", .type = ParamType::duration, .default_text = "50ms", .min = 0,
       .help = "base of the capped exponential backoff with full jitter between retries"},
      {.name = "gsis", .type = ParamType::named_sets,
       .help = "global secondary indexes by name, each {keys, projection, wcu, rcu}: every write is copied to each, "
               "billed, and throttled when an index has no room",
       .fields = &gsi_param_specs},
      // No default: absent, the catalog's default quota applies (dynamodb.table.max_*_capacity_units).
      {.name = "quota_wcu", .type = ParamType::number, .min = 1, .max = 4e7,
       .help = "the account's per-table quota of write capacity units, where it was raised (default 40,000)"},
      {.name = "quota_rcu", .type = ParamType::number, .min = 1, .max = 4e7,
       .help = "the account's per-table quota of read capacity units, where it was raised (default 40,000)"},
      {.name = "latency", .type = ParamType::duration_dist, .default_text = "{dist: lognormal, mean: 5ms, p99: 10ms}",
       .min = 0, .help = "time an accepted write takes (AWS states single-digit milliseconds)"},
      {.name = "read_latency", .type = ParamType::duration_dist,
       .default_text = "{dist: lognormal, mean: 5ms, p99: 10ms}", .min = 0,
       .help = "time an accepted read takes (AWS states single-digit milliseconds)"},
  };
  s.serves_reads = true;
  s.factory = model::make_component<DynamoDbTable>;
  s.check = &DynamoDbTable::check;
  s.figures = &DynamoDbTable::figures;
  s.resources = {
      {.id = "partition_writes",
       .name = "partition write ceiling (1,000 write units/s per partition)",
       .unit = "partition",
       .levers = {"wcu", "on_demand", "provisioned"}},
      {.id = "provisioned_writes",
       .name = "provisioned write capacity (the table's WCU, shared by its partitions through adaptive capacity)",
       .unit = "partition",
       .levers = {"wcu", "on_demand"}},
      {.id = "on_demand_throughput",
       .name = "on-demand throughput (twice the previous peak, reached within 30 minutes)",
       .levers = {"provisioned"}},
      {.id = "item_size", .name = "item size limit (400 KB)"},
      {.id = "partition_reads",
       .name = "partition read ceiling (3,000 read units/s per partition, less a third of a read unit for each "
               "write unit it takes)",
       .unit = "partition",
       .levers = {"rcu", "on_demand", "provisioned"}},
      {.id = "provisioned_reads",
       .name = "provisioned read capacity (the table's RCU, shared by its partitions through adaptive capacity)",
       .unit = "partition",
       .levers = {"rcu", "on_demand"}},
      {.id = "on_demand_reads",
       .name = "on-demand read throughput (twice the previous peak, reached within 30 minutes)",
       .levers = {"provisioned"}},
      {.id = "index_writes",
       .name = "a global secondary index's write capacity (its WCU and its partitions' 1,000 write units/s; a "
               "throttled index throttles the table's writes)",
       .levers = {"index_wcu", "on_demand"}},
      {.id = "service_throttling",
       .name = "the service's own throttling (a drill's `throttled` fault: a share of requests refused whatever the "
               "capacity, as in a regional slow-down)"},
  };
  s.levers = {
      {.id = "wcu", .words = "more write capacity units", .bound = "40,000,000 WCU", .move = &more_wcu},
      {.id = "rcu", .words = "more read capacity units", .bound = "40,000,000 RCU", .move = &more_rcu},
      {.id = "index_wcu", .words = "more write capacity units on the global secondary indexes",
       .bound = "40,000,000 WCU", .move = &more_index_wcu},
      {.id = "on_demand", .words = "on-demand capacity", .scales = false, .capacity_mode = true, .move = &to_on_demand},
      {.id = "provisioned", .words = "provisioned capacity for the peak x 1.25", .scales = false, .capacity_mode = true,
       .move = &to_provisioned},
  };
  s.drops = {{.reason = "throttled_after_retries", .resource = "partition_writes"},
             {.reason = "item_too_large", .resource = "item_size"},
             {.reason = "reads_throttled_after_retries", .resource = "partition_reads"}};
  s.label = &label;
  s.copies = {.idempotent = true,
              .words = "a put of the same item overwrites it with the same state, so a copy changes nothing; not "
                       "so for an update that adds to a counter"};
  s.faults = {{"throttled", "a share `share` of its requests refused whatever its capacity (a regional slow-down); "
                            "the clients retry them with backoff, and give up after max_retries"}};
  s.fault_refusals = {{"capacity_lost",
                       "DynamoDB automatically replicates a table across three Availability Zones of its Region "
                       "(Resilience and disaster recovery in Amazon DynamoDB, read 2026-12-06), so losing one takes "
                       "no partition's capacity; a regional slow-down is drilled as 'throttled'"}};
  return s;
}

}  // namespace archsim::models

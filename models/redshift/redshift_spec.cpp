// What archsim knows of a Redshift warehouse besides its behaviour: its
// parameters (a provisioned cluster's node type and count, concurrency
// scaling, WLM slots; Serverless capacity), the checks AWS's limits make of
// them, the levers a designer has, the resources that bind, and its diagram
// label.
#include <algorithm>
#include <cmath>
#include <optional>
#include <string>
#include <vector>

#include "archsim/models/redshift/redshift_cluster.hpp"

namespace archsim::models {

namespace {

bool serverless(const model::ParamSet& p) { return p.text("serverless") == "true"; }

// More nodes scan faster, so each query holds its slot for less time.
std::vector<model::ParamChange> more_nodes(const model::ParamSet& p, const model::Catalog& catalog,
                                           const model::FlowIn&, double factor) {
  if (serverless(p)) return {};
  return model::scale_whole(p, "nodes", factor,
                            catalog.value("redshift." + model::catalog_name(p.text("node_type")) + ".max_nodes"));
}

std::vector<model::ParamChange> with_concurrency_scaling(const model::ParamSet& p, const model::Catalog&, const model::FlowIn&,
                                          double) {
  if (serverless(p)) return {};
  return model::switch_choice(p, "concurrency_scaling", "off", "auto");
}

std::vector<model::ParamChange> more_rpus(const model::ParamSet& p, const model::Catalog& catalog,
                                          const model::FlowIn&, double factor) {
  if (!serverless(p)) return {};
  const double now = p.has("base_rpu") ? p.number("base_rpu") : catalog.value("redshift.serverless.default_base_rpus");
  // Serverless base capacity comes in steps of 8 RPUs.
  const double to = std::min(1024.0, std::ceil(model::scaled_whole(now, factor, 1024) / 8) * 8);
  return model::change_number("base_rpu", now, to);
}

std::string whole(double x) { return model::group_digits(std::round(x)); }

// A cluster is either provisioned or Serverless, and each takes only its own
// keys; a cluster's node count is within its node type's range, and within
// what concurrency scaling supports if it is on.
std::vector<model::ParamProblem> check(const model::ParamSet& p, const model::Catalog& catalog,
                                       const std::string& what) {
  std::vector<model::ParamProblem> out;
  if (!p.has("serverless")) return out;
  const bool is_serverless = serverless(p);
  const auto stated = [&](const char* key) { return p.has(key) && !p.at(key).defaulted; };
  for (const char* key :
       {"node_type", "nodes", "concurrency_scaling", "max_scaling_clusters", "distribution", "slice_scan_rate"})
    if (is_serverless && stated(key))
      out.push_back({key, "'" + std::string(key) + "' in " + what +
                              " is for a provisioned cluster, but it has 'serverless: true'; remove one of them"});
  for (const char* key : {"base_rpu", "max_rpu", "rpu_scan_rate"})
    if (!is_serverless && stated(key))
      out.push_back({key, "'" + std::string(key) + "' in " + what +
                              " is for Redshift Serverless; add 'serverless: true' or remove it"});
  if (is_serverless) {
    const double base = p.has("base_rpu") ? p.number("base_rpu") : catalog.value("redshift.serverless.default_base_rpus");
    if (stated("max_rpu") && p.number("max_rpu") < base)
      out.push_back({"max_rpu", "'max_rpu' in " + what + " is below its base capacity of " + whole(base) +
                                    " RPUs; raise it to at least the base"});
    return out;
  }
  if (!p.has("node_type") || !p.has("nodes")) return out;
  const std::string type = model::catalog_name(p.text("node_type"));
  const auto nodes = static_cast<long long>(p.number("nodes"));
  const auto low = static_cast<long long>(catalog.value("redshift." + type + ".min_nodes"));
  const auto high = static_cast<long long>(catalog.value("redshift." + type + ".max_nodes"));
  if (nodes < low || nodes > high) {
    out.push_back({"nodes", "'nodes' " + std::to_string(nodes) + " in " + what + " is outside the " +
                                std::to_string(low) + " to " + std::to_string(high) + " nodes an " +
                                p.text("node_type") + " cluster can have; choose a count in that range"});
    return out;
  }
  const auto scaling_max = static_cast<long long>(catalog.value("redshift.concurrency_scaling.max_ra3_nodes"));
  if (p.has("concurrency_scaling") && p.text("concurrency_scaling") == "auto" && nodes > scaling_max)
    out.push_back({"concurrency_scaling", "concurrency scaling in " + what + " needs a cluster of at most " +
                                              std::to_string(scaling_max) + " RA3 nodes, not " +
                                              std::to_string(nodes) + "; use fewer, larger nodes or 'off'"});
  return out;
}

// The node types a cluster may move to, smallest first. DC2 is the older
// generation, whose clusters AWS moves to RA3 (R15), so it is not offered.
const std::vector<std::string>& ra3_types() {
  static const std::vector<std::string> types = {"ra3.xlplus", "ra3.4xlarge", "ra3.16xlarge"};
  return types;
}

// What a move to another node type must save of the bill of today's type
// for the same need: per vCPU the RA3 types are priced alike to a tenth of a
// percent (R1), so a smaller saving is the price list's rounding, not a
// reason to resize a cluster onto other nodes.
constexpr double kTypeSaving = 0.01;

struct Cluster {
  std::string type;
  double nodes = 0, hourly_usd = 0;
};

// The fewest nodes of `type` that scan at `rate` and hold `stored` bytes
// (RA3: its managed storage quota; DC2: its SSDs), as a cluster the model's check takes; nothing when none does.
std::optional<Cluster> fewest(model::ParamSet q, const model::Catalog& catalog, const std::string& type, double rate,
                              double stored) {
  const std::string key = "redshift." + model::catalog_name(type);
  q.set("node_type", model::ParamValue{.text = type});
  q.set("nodes", model::ParamValue{.number = 1});
  double nodes = std::max(catalog.value(key + ".min_nodes"), std::ceil(rate / RedshiftCluster::scan_rate_of(q, catalog)));
  const auto* room = catalog.find(key + ".max_managed_storage_bytes");
  if (!room) room = catalog.find(key + ".local_storage_bytes");
  if (room) nodes = std::max(nodes, std::ceil(stored / room->value));
  q.set("nodes", model::ParamValue{.number = nodes});
  if (!check(q, catalog, "").empty()) return std::nullopt;
  return Cluster{type, nodes, nodes * catalog.value("redshift.price." + model::catalog_name(type) + "_node_hour_usd")};
}

// Another node type where its node count fits the need better: the cheapest
// cluster of another RA3 type that scans `factor` times what this one does
// and holds its tables, where it bills at least kTypeSaving less than the
// fewest nodes of today's type that do the same, or today's type cannot
// (more than its most nodes). A small need on a type with two nodes at the
// least goes to more, smaller nodes; a large one past a type's most nodes,
// to larger ones. A scan rate measured on one type's slices
// (`slice_scan_rate`) says nothing of another's, so it stays.
std::vector<model::ParamChange> other_node_type(const model::ParamSet& p, const model::Catalog& catalog,
                                                const model::FlowIn& peak, double factor) {
  if (serverless(p) || p.has("slice_scan_rate")) return {};
  const double rate = factor * RedshiftCluster::scan_rate_of(p, catalog);
  double stored = 0;
  if (p.text("tables") != "spectrum")
    for (const model::QueryPart& q : peak.query_parts())
      stored += q.table_bytes / catalog.value("redshift.storage.compression_ratio");
  const auto today = fewest(p, catalog, p.text("node_type"), rate, stored);
  std::optional<Cluster> best;
  for (const auto& type : ra3_types()) {
    if (type == p.text("node_type")) continue;
    const auto c = fewest(p, catalog, type, rate, stored);
    if (c && (!best || c->hourly_usd < best->hourly_usd)) best = c;
  }
  if (!best || (today && best->hourly_usd > (1 - kTypeSaving) * today->hourly_usd)) return {};
  return {{.key = "node_type", .text_from = p.text("node_type"), .text_to = best->type},
          {.key = "nodes", .from = p.number("nodes"), .to = best->nodes}};
}

std::string label(const model::ParamSet& p) {
  if (serverless(p)) return p.has("base_rpu") ? "Serverless, " + whole(p.number("base_rpu")) + " RPU base" : "Serverless";
  return whole(p.number("nodes")) + " x " + p.text("node_type");
}

}  // namespace

model::ModelSpec RedshiftCluster::spec() {
  using model::ParamType;
  model::ModelSpec s;
  s.service = "redshift";
  s.summary = "Amazon Redshift: a provisioned RA3 cluster or Serverless answering queries, with WLM slots, "
              "concurrency scaling and Spectrum, and loading records into managed storage";
  s.input = model::Input::both;
  s.params = {
      {.name = "node_type", .type = ParamType::choice, .default_text = "ra3.4xlarge",
       .choices = {"ra3.xlplus", "ra3.4xlarge", "ra3.16xlarge", "dc2.8xlarge"},
       .help = "the cluster's node type (RA3: managed storage billed apart; DC2: local storage in the node price)"},
      {.name = "nodes", .type = ParamType::integer, .default_text = "2", .min = 1, .max = 128,
       .help = "nodes in the cluster (each node type has its own range)"},
      {.name = "concurrency_scaling", .type = ParamType::choice, .default_text = "off", .choices = {"off", "auto"},
       .help = "auto: queries that wait start scaling clusters of the same size, billed per second after the free "
               "credit"},
      {.name = "max_scaling_clusters", .type = ParamType::integer, .min = 1, .max = 10,
       .help = "scaling clusters at most (absent: the default max_concurrency_scaling_clusters)"},
      {.name = "wlm_slots", .type = ParamType::integer, .min = 1, .max = 1000,
       .help = "queries running at once on a cluster; more wait (absent: manual WLM's default queue)"},
      {.name = "distribution", .type = ParamType::choice, .default_text = "key", .choices = {"key", "even", "all"},
       .help = "distribution style of the joined tables: even moves the joined table between nodes"},
      {.name = "tables", .type = ParamType::choice, .default_text = "local", .choices = {"local", "spectrum"},
       .help = "local: tables in managed storage; spectrum: external tables scanned in S3, billed per TB"},
      {.name = "serverless", .type = ParamType::choice, .default_text = "false", .choices = {"false", "true"},
       .help = "true: Redshift Serverless, billed in RPU-seconds while queries run"},
      {.name = "base_rpu", .type = ParamType::integer, .min = 4, .max = 1024,
       .help = "Serverless base capacity in RPUs (absent: the default base capacity)"},
      {.name = "max_rpu", .type = ParamType::integer, .min = 4, .max = 100000,
       .help = "Serverless capacity at most while queries wait (absent: a multiple of the base)"},
      {.name = "overhead", .type = ParamType::duration, .min = 0,
       .help = "compile and plan time of each query (absent: the catalog's assumption)"},
      {.name = "slice_scan_rate", .type = ParamType::bandwidth, .min = 1,
       .help = "stored bytes one slice scans per second (absent: the catalog's assumption)"},
      {.name = "rpu_scan_rate", .type = ParamType::bandwidth, .min = 1,
       .help = "Serverless: stored bytes one RPU scans per second (absent: the catalog's assumption)"},
  };
  s.factory = model::make_component<RedshiftCluster>;
  s.figures = &RedshiftCluster::figures;
  s.resources = {{.id = "query_slots",
                  .name = "query slots (WLM queue slots; Serverless: its RPUs)",
                  .levers = {"concurrency_scaling", "nodes", "base_rpu"}},
                 {.id = "scan_rate",
                  .name = "scan rate (nodes x the RPUs their memory makes; Serverless: its RPUs)",
                  .levers = {"nodes", "node_type", "base_rpu"},
                  .time = {metrics::Spent::service}}};
  s.levers = {
      {.id = "concurrency_scaling", .words = "concurrency scaling", .scales = false, .move = &with_concurrency_scaling},
      {.id = "nodes", .words = "more nodes", .bound = "the node type's most nodes", .move = &more_nodes},
      {.id = "node_type", .words = "another node type", .bound = "an ra3.16xlarge cluster's most nodes",
       .least = "no other node type bills less for it", .keys = {"node_type"}, .move = &other_node_type},
      {.id = "base_rpu", .words = "a larger base capacity", .bound = "1,024 RPUs", .move = &more_rpus},
  };
  s.label = &label;
  s.check = &check;
  s.query_billing = "capacity";
  s.copies = {.idempotent = false, .words = "a COPY appends each copy as rows again, unless a MERGE on a key "
                                            "removes them"};
  return s;
}

}  // namespace archsim::models

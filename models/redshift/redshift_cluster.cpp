#include "archsim/models/redshift/redshift_cluster.hpp"

#include <algorithm>
#include <cmath>

#include "archsim/models/common/billing.hpp"
#include "archsim/models/common/lake_bytes.hpp"

namespace archsim::models {

namespace {
constexpr std::uint32_t kFinished = 0;    // data: the query's slot
constexpr std::uint32_t kScalingUp = 1;   // data: the scaling cluster
constexpr std::uint32_t kScalingIdle = 2;  // data: cluster | generation << 8
constexpr double kSecondsPerDay = 86400.0;
}  // namespace

RedshiftCluster::RedshiftCluster(const model::BuildContext& ctx)
    : Component(ctx),
      catalog_(ctx.catalog),
      serverless_(ctx.params.text("serverless") == "true"),
      spectrum_(ctx.params.text("tables") == "spectrum"),
      even_(ctx.params.text("distribution") == "even"),
      all_(ctx.params.text("distribution") == "all"),
      scaling_auto_(!serverless_ && ctx.params.text("concurrency_scaling") == "auto"),
      nodes_(serverless_ ? 1.0 : static_cast<double>(ctx.params.integer("nodes"))),
      node_type_(model::catalog_name(ctx.params.text("node_type"))),
      wlm_slots_(ctx.params.has("wlm_slots") ? static_cast<std::uint64_t>(ctx.params.integer("wlm_slots"))
                                             : static_cast<std::uint64_t>(
                                                   ctx.catalog.value("redshift.wlm.manual_default_queue_slots"))),
      overhead_s_(ctx.params.has("overhead") ? engine::to_seconds(ctx.params.duration("overhead"))
                                             : ctx.catalog.value("redshift.query.overhead_s")),
      scan_rate_(0),
      net_rate_(ctx.catalog.value("redshift.network.node_bytes_per_s")),
      spectrum_rate_(ctx.catalog.value("redshift.spectrum.scan_bytes_per_s")),
      ratio_(ctx.catalog.value("redshift.storage.compression_ratio")),
      base_rpu_(ctx.params.has("base_rpu") ? ctx.params.number("base_rpu")
                                           : ctx.catalog.value("redshift.serverless.default_base_rpus")),
      max_rpu_(ctx.params.has("max_rpu") ? ctx.params.number("max_rpu")
                                         : base_rpu_ * ctx.catalog.value("redshift.serverless.max_rpu_factor")),
      rpu_(base_rpu_),
      startup_s_(ctx.catalog.value("redshift.concurrency_scaling.startup_s")),
      idle_stop_s_(ctx.catalog.value("redshift.concurrency_scaling.idle_stop_s")),
      slots_(wlm_slots_),
      serverless_meter_(ctx.catalog.value("redshift.serverless.min_billed_s")),
      spectrum_scans_(ctx.catalog.value("redshift.spectrum.billing_increment_bytes"),
                      ctx.catalog.value("redshift.spectrum.min_billed_bytes"),
                      ctx.catalog.value("redshift.price.spectrum_tb_usd")) {
  scan_rate_ = scan_setup(ctx.params, ctx.catalog).scan_rate;
  if (scaling_auto_) {
    const std::size_t clusters =
        ctx.params.has("max_scaling_clusters")
            ? static_cast<std::size_t>(ctx.params.integer("max_scaling_clusters"))
            : static_cast<std::size_t>(catalog_.value("redshift.concurrency_scaling.default_max_clusters"));
    scaling_.resize(clusters);
  }
  running_on_.assign(1 + scaling_.size(), 0);
  probe_.set_capacity(static_cast<double>(wlm_slots_));
  queue_stage_ = probe_.stage(metrics::Spent::capacity);
  run_stage_ = probe_.stage(metrics::Spent::service);
}

RedshiftCluster::Work RedshiftCluster::work(const model::QueryShape& shape, double raw) const {
  return work({spectrum_, even_, nodes_, overhead_s_, scan_rate_, spectrum_rate_, ratio_, net_rate_}, catalog_, shape,
              raw);
}

RedshiftCluster::Work RedshiftCluster::work(const ScanSetup& s, const model::Catalog& catalog,
                                            const model::QueryShape& shape, double raw) {
  Work w;
  const double join_raw = shape.join.value_or(0.0);
  if (s.spectrum) {
    // External tables are files in the lake, read as Athena reads them.
    w.scanned = lake_scanned_bytes(raw, shape, catalog) + stored_bytes(join_raw, shape, catalog);
    w.seconds = s.overhead_s + w.scanned / s.spectrum_rate;
    return w;
  }
  const double joined = join_raw / s.ratio;
  w.scanned = raw / s.ratio * shape.fraction_read(true) + joined;
  w.seconds = s.overhead_s + w.scanned / s.scan_rate;
  if (s.even && s.nodes > 1) {
    // Rows land on a node by round robin, so all but a node's own share of
    // the joined table crosses the interconnect, every node sending at once.
    w.moved = joined * (s.nodes - 1) / s.nodes;
    w.seconds += w.moved / (s.nodes * s.net_rate);
  }
  return w;
}

RedshiftCluster::ScanSetup RedshiftCluster::scan_setup(const model::ParamSet& params, const model::Catalog& catalog) {
  ScanSetup s;
  const bool serverless = params.text("serverless") == "true";
  s.spectrum = params.text("tables") == "spectrum";
  s.even = params.text("distribution") == "even";
  s.nodes = serverless ? 1.0 : static_cast<double>(params.integer("nodes"));
  s.overhead_s = params.has("overhead") ? engine::to_seconds(params.duration("overhead"))
                                        : catalog.value("redshift.query.overhead_s");
  s.spectrum_rate = catalog.value("redshift.spectrum.scan_bytes_per_s");
  s.ratio = catalog.value("redshift.storage.compression_ratio");
  s.net_rate = catalog.value("redshift.network.node_bytes_per_s");
  s.scan_rate = scan_rate_of(params, catalog);
  return s;
}

// Serverless scans at its base RPUs' rate. A provisioned node scans as many
// RPUs' worth as its memory holds (16 GiB each): AWS sizes a Serverless
// workgroup from a cluster the same way, total memory over 16 GiB, and the
// RA3 types have 8 GiB a vCPU alike, so the basis is compute as much as
// memory. A rate measured per slice (`slice_scan_rate`) replaces it.
double RedshiftCluster::scan_rate_of(const model::ParamSet& params, const model::Catalog& catalog) {
  const double rpu_rate = params.has("rpu_scan_rate") ? params.number("rpu_scan_rate")
                                                      : catalog.value("redshift.query.scan_bytes_per_s_per_rpu");
  if (params.text("serverless") == "true")
    return rpu_rate * (params.has("base_rpu") ? params.number("base_rpu")
                                              : catalog.value("redshift.serverless.default_base_rpus"));
  const std::string node = "redshift." + model::catalog_name(params.text("node_type"));
  const double nodes = static_cast<double>(params.integer("nodes"));
  if (params.has("slice_scan_rate")) return nodes * catalog.value(node + ".slices") * params.number("slice_scan_rate");
  return nodes * catalog.value(node + ".memory_bytes") / catalog.value("redshift.serverless.rpu_memory_bytes") * rpu_rate;
}

model::StaticFigures RedshiftCluster::figures(const model::ParamSet& params, const model::Catalog& catalog,
                                              const model::FlowIn& in) {
  const bool serverless = params.text("serverless") == "true";
  const std::string node = model::catalog_name(params.text("node_type"));
  const ScanSetup setup = scan_setup(params, catalog);
  model::StaticFigures f;
  // Each query source's tables and work, its run time averaged by the rates.
  double queries = 0, seconds = 0, spectrum_billed = 0, storage_gb = 0;
  for (const model::QueryPart& q : in.query_parts()) {
    if (!q.shape) continue;
    const Work w = work(setup, catalog, *q.shape, q.table_bytes);
    queries += q.queries_per_s;
    seconds += q.queries_per_s * w.seconds;
    spectrum_billed += q.queries_per_s * billed_scan_bytes(w.scanned, catalog.value("redshift.spectrum.billing_increment_bytes"),
                                                           catalog.value("redshift.spectrum.min_billed_bytes"));
    if (!setup.spectrum) storage_gb += q.table_bytes / setup.ratio / kBytesPerGB;  // spectrum tables stay in the lake
  }
  if (queries > 0) {
    const double run_s = seconds / queries;
    const double slots = params.has("wlm_slots") ? static_cast<double>(params.integer("wlm_slots"))
                                                 : catalog.value("redshift.wlm.manual_default_queue_slots");
    f.capacity = slots / run_s;
    f.limit = model::group_digits(slots) + " WLM slots / " + model::group_digits(run_s) + " s a query";
    f.latency_s = model::mmc_sojourn(slots, in.records_per_s, run_s);
    if (serverless) {
      const double base = params.has("base_rpu") ? params.number("base_rpu")
                                                 : catalog.value("redshift.serverless.default_base_rpus");
      f.monthly_usd += seconds * kSecondsPerMonth * base / 3600.0 * catalog.value("redshift.price.serverless_rpu_hour_usd");
    } else if (setup.spectrum) {
      f.monthly_usd += spectrum_billed * kSecondsPerMonth / kBytesPerTB * catalog.value("redshift.price.spectrum_tb_usd");
    }
  }
  if (!serverless) f.monthly_usd += setup.nodes * kHoursPerMonth * catalog.value("redshift.price." + node + "_node_hour_usd");
  if (serverless || node.rfind("ra3", 0) == 0)
    f.monthly_usd += storage_gb * catalog.value("redshift.price.managed_storage_gb_month_usd");
  return f;
}

void RedshiftCluster::accept(const model::Batch& batch) {
  if (network_.query_shape(batch.origin) == nullptr) {
    load(batch);
    return;
  }
  for_each_query(batch, [&](const model::Batch& query) { admit(query); });
}

// Records from a pipeline (COPY from S3, a Firehose stream, a Glue job) are
// loaded: they join managed storage and go on at once.
void RedshiftCluster::load(const model::Batch& records) {
  const double bytes = static_cast<double>(records.bytes) / ratio_;
  loaded_bytes_ += bytes;
  store(bytes);
  probe_.departed(records, now());
  emit(records);
}

void RedshiftCluster::store(double bytes) {
  const engine::SimTime t = now();
  stored_byte_s_ += stored_ * engine::to_seconds(t - stored_since_);
  stored_since_ = t;
  stored_ += bytes;
}

// The tables a source's queries read are stored in the cluster for the whole
// run (spectrum tables stay in S3): the largest seen, as its data size may vary.
void RedshiftCluster::note_table(std::uint32_t origin, const model::QueryShape& shape, double raw) {
  if (spectrum_) return;
  const double copies = all_ ? nodes_ : 1.0;
  const double bytes = (raw + shape.join.value_or(0.0) * copies) / ratio_;
  double& table = tables_[origin];
  table = std::max(table, bytes);
}

std::uint64_t RedshiftCluster::slots_of(std::size_t cluster) const {
  if (cluster == 0) return serverless_ ? slots_.slots() : wlm_slots_;
  return scaling_[cluster - 1].state == Scaling::State::up ? wlm_slots_ : 0;
}

int RedshiftCluster::free_cluster() const {
  for (std::size_t k = 0; k < running_on_.size(); ++k)
    if (running_on_[k] < slots_of(k)) return static_cast<int>(k);
  return -1;
}

void RedshiftCluster::admit(const model::Batch& query) {
  const int cluster = free_cluster();
  if (cluster >= 0) {
    start(query, static_cast<std::size_t>(cluster));
    return;
  }
  slots_.wait(query);
  probe_.set_backlog(now(), static_cast<double>(slots_.waiting()));
  if (serverless_) grow_serverless();
  if (scaling_auto_) scale_out();
}

void RedshiftCluster::start(const model::Batch& query, std::size_t cluster) {
  const engine::SimTime t = now();
  probe_.waited(t - query.arrived, 1, t);
  const model::QueryShape& shape = *network_.query_shape(query.origin);
  const double raw = static_cast<double>(query.bytes);
  note_table(query.origin, shape, raw);
  const Work w = work(shape, raw);
  const std::uint64_t slot = slots_.run(query);
  if (slot >= slot_cluster_.size()) slot_cluster_.resize(slot + 1);
  slot_cluster_[slot] = static_cast<std::uint32_t>(cluster);
  if (++running_on_[cluster] == 1 && cluster > 0) {
    Scaling& s = scaling_[cluster - 1];
    ++s.generation;  // cancels a pending idle release
    s.busy.begin(t, 1.0);
  }
  if (serverless_ && !serverless_meter_.active()) serverless_meter_.begin(t, rpu_);
  probe_.set_busy(t, static_cast<double>(slots_.running()));
  const engine::SimTime takes = engine::round_half_away(w.seconds * 1e9);
  probe_.spent(queue_stage_, t - query.arrived, 1, t);
  probe_.spent(run_stage_, takes, 1, t);
  schedule_in(takes, kFinished, slot);
}

// Starts waiting queries on a cluster's free slots.
void RedshiftCluster::fill(std::size_t cluster) {
  while (slots_.any_waiting() && running_on_[cluster] < slots_of(cluster)) {
    const model::Batch next = slots_.next();
    probe_.set_backlog(now(), static_cast<double>(slots_.waiting()));
    start(next, cluster);
  }
}

void RedshiftCluster::handle(const engine::Event& event) {
  switch (event.tag) {
    case kFinished:
      finished(event.data);
      break;
    case kScalingUp: {
      Scaling& s = scaling_[event.data - 1];
      s.state = Scaling::State::up;
      fill(event.data);
      // Nothing left to run (the main cluster took it meanwhile): it idles
      // towards release like a cluster whose last query has finished.
      if (running_on_[event.data] == 0)
        schedule_in(engine::round_half_away(idle_stop_s_ * 1e9), kScalingIdle, event.data | (++s.generation << 8));
      break;
    }
    case kScalingIdle: {
      const std::size_t k = event.data & 0xff;
      Scaling& s = scaling_[k - 1];
      if (s.generation == event.data >> 8 && running_on_[k] == 0) release_scaling(s, now());
      break;
    }
    default:
      break;
  }
}

void RedshiftCluster::finished(std::uint64_t slot) {
  const engine::SimTime t = now();
  const model::Batch query = slots_.finish(slot);
  const std::size_t cluster = slot_cluster_[slot];
  --running_on_[cluster];
  const model::QueryShape& shape = *network_.query_shape(query.origin);
  const auto raw = static_cast<double>(query.bytes);
  const Work w = work(shape, raw);
  ++queries_;
  bytes_scanned_ += w.scanned;
  bytes_moved_ += w.moved;
  // A table written in a decimal unit (3TB), scanned as the binary one of
  // that name (3TiB) would be, for the report's note; a join keeps its size.
  if (spectrum_) {
    const double binary = shape.binary_reading();
    spectrum_scans_.add(w.scanned, &shape, binary == 1 ? w.scanned : work(shape, raw * binary).scanned);
  }
  probe_.departed(query, t);
  emit(query);
  fill(cluster);
  if (cluster > 0 && running_on_[cluster] == 0) scaling_idle(cluster);
  if (serverless_ && slots_.running() == 0) {
    serverless_meter_.end(t);
    rpu_ = base_rpu_;  // capacity returns to the base when no query runs
    slots_.set_slots(wlm_slots_);
  }
  probe_.set_busy(t, static_cast<double>(slots_.running()));
}

// A scaling cluster's busy period ends: its seconds are paid from the free
// credit earned so far (one hour per day of main-cluster time, accrued
// continuously, the balance capped), the rest at the on-demand rate.
void RedshiftCluster::settle(Scaling& s, engine::SimTime t) {
  const double seconds = s.busy.end(t);
  s.activation_s += seconds;
  charge_scaling(seconds, t);
}

// Seconds of a scaling cluster, paid from the free credit earned by `t`: one
// hour per 24 h of main-cluster time, earned in whole hours (so none in the
// first hour), the balance capped; the rest at the on-demand rate.
void RedshiftCluster::charge_scaling(double seconds, engine::SimTime t) {
  const double step = catalog_.value("redshift.concurrency_scaling.credit_step_s");
  const double hours_run = std::floor(engine::to_seconds(t) / step);
  const double earned = catalog_.value("redshift.concurrency_scaling.free_s_per_day") * hours_run * step / kSecondsPerDay;
  const double balance = std::min(catalog_.value("redshift.concurrency_scaling.max_free_credit_s"),
                                  std::max(0.0, earned - free_used_s_));
  const double free = std::min(balance, seconds);
  scaling_s_ += seconds;
  free_used_s_ += free;
  paid_scaling_s_ += seconds - free;
}

// A scaling cluster is released: an activation that served queries is
// billed at least a minute; one that came up to find nothing waiting, none.
void RedshiftCluster::release_scaling(Scaling& s, engine::SimTime t) {
  const double topup = catalog_.value("redshift.concurrency_scaling.min_billed_s") - s.activation_s;
  if (s.activation_s > 0 && topup > 0) charge_scaling(topup, t);
  s.activation_s = 0;
  s.state = Scaling::State::down;
}

// Idle scaling clusters cost nothing, and are released after a while.
void RedshiftCluster::scaling_idle(std::size_t cluster) {
  Scaling& s = scaling_[cluster - 1];
  settle(s, now());
  ++s.generation;
  schedule_in(engine::round_half_away(idle_stop_s_ * 1e9), kScalingIdle, cluster | (s.generation << 8));
}

// A query waits: start another scaling cluster unless those already starting
// will have slots enough for every waiting query.
void RedshiftCluster::scale_out() {
  std::size_t starting = 0;
  for (const Scaling& s : scaling_) starting += s.state == Scaling::State::starting ? 1 : 0;
  if (slots_.waiting() <= starting * wlm_slots_) return;
  for (std::size_t k = 1; k <= scaling_.size(); ++k) {
    Scaling& s = scaling_[k - 1];
    if (s.state != Scaling::State::down) continue;
    s.state = Scaling::State::starting;
    ++scaling_starts_;
    schedule_in(engine::round_half_away(startup_s_ * 1e9), kScalingUp, k);
    return;
  }
}

// Serverless adds a base's worth of RPUs, and of slots, while queries wait.
void RedshiftCluster::grow_serverless() {
  if (rpu_ >= max_rpu_) return;
  rpu_ = std::min(max_rpu_, rpu_ + base_rpu_);
  serverless_meter_.reweigh(now(), rpu_);
  slots_.set_slots(std::max<std::uint64_t>(
      wlm_slots_, static_cast<std::uint64_t>(std::floor(static_cast<double>(wlm_slots_) * rpu_ / base_rpu_))));
  fill(0);
}

std::uint64_t RedshiftCluster::in_flight() const { return slots_.held(); }

void RedshiftCluster::finish(engine::SimTime end) {
  // Periods still open at the end are billed up to it.
  if (serverless_meter_.active()) serverless_meter_.end(end);
  for (Scaling& s : scaling_) {
    if (s.busy.active()) settle(s, end);
    if (s.state != Scaling::State::down) release_scaling(s, end);
  }
  stored_byte_s_ += stored_ * engine::to_seconds(end - stored_since_);
  stored_since_ = end;
  Component::finish(end);
}

double RedshiftCluster::node_hour_usd() const {
  return catalog_.value("redshift.price." + node_type_ + "_node_hour_usd");
}

// The nodes are billed whatever the load; managed storage grows with the
// data; concurrency scaling, Spectrum and Serverless RPU-seconds with the
// queries. Serverless bills Spectrum's scans in its RPU-seconds.
CostParts RedshiftCluster::cost(engine::SimTime duration) const {
  const double seconds = engine::to_seconds(duration);
  if (seconds <= 0) return {};
  double tables = 0;
  for (const auto& [origin, bytes] : tables_) tables += bytes;
  const double mean_gb = (stored_byte_s_ / seconds + tables) / kBytesPerGB;
  // DC2 nodes keep data on their own SSDs, included in the node price.
  const bool managed = serverless_ || node_type_.rfind("ra3", 0) == 0;
  CostParts bill;
  if (!serverless_) bill.capacity({"node-hours", nodes_ * seconds / 3600.0, nodes_ * node_hour_usd() * seconds / 3600.0});
  if (managed)
    bill.storage({"GB-months of managed storage", mean_gb * seconds / kSecondsPerMonth,
                  mean_gb * catalog_.value("redshift.price.managed_storage_gb_month_usd") * seconds / kSecondsPerMonth});
  if (serverless_) {
    const double rpu_hours = serverless_meter_.billed() / 3600.0;
    return bill.usage({"RPU-hours", rpu_hours, rpu_hours * catalog_.value("redshift.price.serverless_rpu_hour_usd")});
  }
  return bill
      .usage({"concurrency scaling node-seconds (beyond the free credit)", paid_scaling_s_ * nodes_,
              paid_scaling_s_ * nodes_ * node_hour_usd() / 3600.0})
      .usage(spectrum_scans_.line("TiB scanned by Spectrum"));
}

std::vector<std::pair<std::string, double>> RedshiftCluster::usage() const {
  double tables = 0;
  for (const auto& [origin, bytes] : tables_) tables += bytes;
  return {{"queries", static_cast<double>(queries_)},
          {"queries_waited", static_cast<double>(slots_.waited())},
          {"bytes_scanned", bytes_scanned_},
          {"bytes_redistributed", bytes_moved_},
          {"spectrum_bytes_billed", serverless_ ? 0.0 : spectrum_scans_.billed_bytes()},
          {"scaling_clusters_started", static_cast<double>(scaling_starts_)},
          {"scaling_seconds", scaling_s_},
          {"free_scaling_seconds_used", free_used_s_},
          {"rpu_seconds", serverless_meter_.billed()},
          {"loaded_bytes", loaded_bytes_},
          {"table_bytes", tables}};
}

}  // namespace archsim::models

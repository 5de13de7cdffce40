#include "archsim/models/athena/athena_workgroup.hpp"

#include <algorithm>
#include <cmath>

#include "archsim/models/common/billing.hpp"
#include "archsim/models/common/lake_bytes.hpp"

namespace archsim::models {

namespace {
constexpr std::uint32_t kFinished = 0;
constexpr std::uint32_t kTimedOut = 1;

// The stated limit, else as many queries as the reserved DPUs allow, else the account's quota.
std::uint64_t concurrency(const model::ParamSet& params, const model::Catalog& catalog, double provisioned_dpus) {
  if (params.has("concurrency_limit")) return static_cast<std::uint64_t>(params.integer("concurrency_limit"));
  if (provisioned_dpus > 0)
    return std::max<std::uint64_t>(
        1, static_cast<std::uint64_t>(provisioned_dpus / catalog.value("athena.provisioned.dpus_per_query")));
  return static_cast<std::uint64_t>(catalog.value("athena.dml.max_active_queries"));
}
}  // namespace

namespace {

bool reserved(const model::ParamSet& p) { return p.has("provisioned_dpus"); }

std::vector<model::ParamChange> more_active_queries(const model::ParamSet& p, const model::Catalog& catalog,
                                                    const model::FlowIn&, double factor) {
  if (reserved(p)) return {};
  const double now = p.has("concurrency_limit") ? p.number("concurrency_limit")
                                                : catalog.value("athena.dml.max_active_queries");
  return model::change_number("concurrency_limit", now, model::scaled_whole(now, factor, 100000));
}

std::vector<model::ParamChange> more_dpus(const model::ParamSet& p, const model::Catalog&, const model::FlowIn&,
                                          double factor) {
  if (!reserved(p)) return {};
  return model::scale_whole(p, "provisioned_dpus", factor, 100000);
}

std::string label(const model::ParamSet& p) {
  if (reserved(p)) return model::group_digits(p.number("provisioned_dpus")) + " DPUs provisioned";
  if (p.has("concurrency_limit"))
    return "concurrency " + model::group_digits(p.number("concurrency_limit"));
  return "";
}

}  // namespace

model::ModelSpec AthenaWorkgroup::spec() {
  using model::ParamType;
  model::ModelSpec s;
  s.service = "athena";
  s.summary = "Amazon Athena: queries scan the lake, billed per TB scanned, with a limit on active queries";
  s.input = model::Input::queries;
  s.params = {
      {.name = "concurrency_limit", .type = ParamType::integer, .min = 1, .max = 100000,
       .help = "queries running at once; more wait (absent: the account's active DML query quota)"},
      {.name = "startup", .type = ParamType::duration, .min = 0,
       .help = "planning and scheduling time of each query (absent: the catalog's assumption)"},
      {.name = "scan_rate", .type = ParamType::bandwidth, .min = 1, .help = "bytes one query reads per second "
                                                                           "(absent: the catalog's assumption)"},
      {.name = "timeout", .type = ParamType::duration, .default_text = "30m", .min = 1e9, .max = 14400e9,
       .help = "a query running longer is cancelled and pays for what it read (30 min to 240 min allowed by AWS)"},
      {.name = "provisioned_dpus", .type = ParamType::integer, .min = 24, .max = 100000,
       .help = "run on a capacity reservation of this many DPUs, billed per DPU-hour instead of per TB scanned"},
  };
  s.factory = model::make_component<AthenaWorkgroup>;
  s.figures = &AthenaWorkgroup::figures;
  s.resources = {{.id = "active_queries",
                  .name = "active-query limit (the account's active DML query quota, or a reservation's DPUs)",
                  .levers = {"concurrency_limit", "provisioned_dpus"}},
                 {.id = "query_timeout", .name = "query timeout"},
                 {.id = "scan_rate", .name = "scan rate (the bytes a query reads, at Athena's rate)",
                  .time = {metrics::Spent::service}}};
  s.levers = {{.id = "concurrency_limit", .words = "a higher active-query limit, a quota increase",
               .bound = "100,000 queries at once", .move = &more_active_queries},
              {.id = "provisioned_dpus", .words = "more reserved DPUs", .bound = "100,000 DPUs", .move = &more_dpus}};
  s.drops = {{.reason = "query_timeout", .resource = "query_timeout"}};
  s.query_billing = "scanned";
  s.label = &label;
  return s;
}

AthenaWorkgroup::AthenaWorkgroup(const model::BuildContext& ctx)
    : Component(ctx),
      catalog_(ctx.catalog),
      startup_s_(ctx.params.has("startup") ? engine::to_seconds(ctx.params.duration("startup"))
                                           : ctx.catalog.value("athena.query.startup_s")),
      scan_rate_(ctx.params.has("scan_rate") ? ctx.params.number("scan_rate")
                                             : ctx.catalog.value("athena.query.scan_bytes_per_s")),
      timeout_s_(engine::to_seconds(ctx.params.duration("timeout"))),
      provisioned_dpus_(ctx.params.has("provisioned_dpus") ? ctx.params.number("provisioned_dpus") : 0),
      scans_(ctx.catalog.value("athena.query.billing_increment_bytes"), ctx.catalog.value("athena.query.min_billed_bytes"),
             ctx.catalog.value("athena.price.tb_scanned_usd")),
      timed_out_(probe_.drop_reason("query_timeout")),
      slots_(concurrency(ctx.params, ctx.catalog, provisioned_dpus_)),
      queue_stage_(probe_.stage(metrics::Spent::capacity)),
      run_stage_(probe_.stage(metrics::Spent::service)) {
  probe_.set_capacity(static_cast<double>(slots_.slots()));
}

double AthenaWorkgroup::scanned_bytes(std::uint32_t origin, double raw) const {
  const model::QueryShape* shape = network_.query_shape(origin);
  return shape ? lake_scanned_bytes(raw, *shape, catalog_) : raw;
}

// Reading takes its bytes at the scan rate, or the GETs of the objects it
// opens at S3's rate per prefix, whichever is longer.
double AthenaWorkgroup::read_seconds(std::uint32_t origin, double raw) const {
  const model::QueryShape* shape = network_.query_shape(origin);
  const double by_bytes = scanned_bytes(origin, raw) / scan_rate_;
  return shape ? std::max(by_bytes, lake_request_seconds(raw, *shape, catalog_)) : by_bytes;
}

void AthenaWorkgroup::accept(const model::Batch& batch) {
  for_each_query(batch, [&](const model::Batch& query) {
    if (slots_.has_free_slot()) {
      start(query);
    } else {
      slots_.wait(query);
      probe_.set_backlog(now(), static_cast<double>(slots_.waiting()));
    }
  });
}

void AthenaWorkgroup::start(const model::Batch& query) {
  const engine::SimTime t = now();
  probe_.waited(t - query.arrived, 1, t);
  probe_.spent(queue_stage_, t - query.arrived, 1, t);
  const double run_s = startup_s_ + read_seconds(query.origin, static_cast<double>(query.bytes));
  probe_.spent(run_stage_, engine::round_half_away(std::min(run_s, timeout_s_) * 1e9), 1, t);
  const std::uint64_t slot = slots_.run(query);
  probe_.set_busy(t, static_cast<double>(slots_.running()));
  if (run_s > timeout_s_) {
    schedule_in(engine::round_half_away(timeout_s_ * 1e9), kTimedOut, slot);
  } else {
    schedule_in(engine::round_half_away(run_s * 1e9), kFinished, slot);
  }
}

void AthenaWorkgroup::handle(const engine::Event& event) {
  const engine::SimTime t = now();
  const model::Batch query = slots_.finish(event.data);
  const double full_scan = scanned_bytes(query.origin, static_cast<double>(query.bytes));
  // A cancelled query has read evenly since its start-up ended (at the scan
  // rate, or at the pace S3 served its GETs).
  const double read_s = read_seconds(query.origin, static_cast<double>(query.bytes));
  const double scanned = event.tag == kTimedOut && read_s > 0
                             ? full_scan * std::min(1.0, std::max(0.0, timeout_s_ - startup_s_) / read_s)
                             : full_scan;
  ++queries_;
  bytes_scanned_ += scanned;
  table_bytes_ += static_cast<double>(query.bytes);
  // A table written in a decimal unit (2TB) scans in proportion to the
  // binary one (2TiB) it would be, for the report's note.
  const model::QueryShape* shape = network_.query_shape(query.origin);
  scans_.add(scanned, shape, scanned * (shape ? shape->binary_reading() : 1));
  if (event.tag == kTimedOut) {
    ++timeouts_;
    probe_.dropped(1, timed_out_, t);
  } else {
    probe_.departed(query, t);
    emit(query);
  }
  if (slots_.any_waiting()) {
    const model::Batch next = slots_.next();
    probe_.set_backlog(t, static_cast<double>(slots_.waiting()));
    start(next);
  } else {
    probe_.set_busy(t, static_cast<double>(slots_.running()));
  }
}

std::uint64_t AthenaWorkgroup::in_flight() const { return slots_.held(); }

double AthenaWorkgroup::billed_seconds(engine::SimTime duration) const {
  const double step = catalog_.value("athena.provisioned.billing_increment_s");
  return std::ceil(engine::to_seconds(duration) / step - 1e-9) * step;
}

// On demand: the bytes billed. On a reservation: its DPU-hours for the whole
// run, in whole minutes; queries then pay nothing per TB.
double AthenaWorkgroup::cost_usd(engine::SimTime duration) const {
  if (provisioned_dpus_ > 0) {
    return provisioned_dpus_ * billed_seconds(duration) / 3600.0 * catalog_.value("athena.price.provisioned_dpu_hour_usd");
  }
  return scans_.usd();
}

// The active-query slots as an M/M/c station of run time startup + scanned /
// scan rate, averaged over the query sources by their rates (first order:
// run times are taken as exponential, timeouts ignored); the bill sums each
// source's queries at its own scan.
model::StaticFigures AthenaWorkgroup::figures(const model::ParamSet& params, const model::Catalog& catalog,
                                              const model::FlowIn& in) {
  const double dpus = params.has("provisioned_dpus") ? params.number("provisioned_dpus") : 0;
  const auto slots = static_cast<double>(concurrency(params, catalog, dpus));
  const double startup = params.has("startup") ? engine::to_seconds(params.duration("startup"))
                                               : catalog.value("athena.query.startup_s");
  const double rate = params.has("scan_rate") ? params.number("scan_rate") : catalog.value("athena.query.scan_bytes_per_s");
  double queries = 0, run_s_sum = 0, billed_sum = 0;
  for (const model::QueryPart& q : in.query_parts()) {
    const double scanned = q.shape ? lake_scanned_bytes(q.table_bytes, *q.shape, catalog) : q.table_bytes;
    queries += q.queries_per_s;
    const double reading = std::max(scanned / rate, q.shape ? lake_request_seconds(q.table_bytes, *q.shape, catalog) : 0.0);
    run_s_sum += q.queries_per_s * (startup + reading);
    billed_sum += q.queries_per_s * billed_scan_bytes(scanned, catalog.value("athena.query.billing_increment_bytes"),
                                                      catalog.value("athena.query.min_billed_bytes"));
  }
  const double run_s = queries > 0 ? run_s_sum / queries : startup;
  model::StaticFigures f;
  f.capacity = slots / run_s;
  f.limit = model::group_digits(slots) + " active queries / " + model::group_digits(run_s) + " s a query";
  f.latency_s = model::mmc_sojourn(slots, in.records_per_s, run_s);
  if (dpus > 0) {
    f.monthly_usd = dpus * kHoursPerMonth * catalog.value("athena.price.provisioned_dpu_hour_usd");
  } else {
    f.monthly_usd = billed_sum * kSecondsPerMonth / kBytesPerTB * catalog.value("athena.price.tb_scanned_usd");
  }
  return f;
}

// Scans in the unit Athena bills, the TiB (2^40 bytes, which AWS writes TB),
// beside the bytes (the older keys, kept).
std::vector<std::pair<std::string, double>> AthenaWorkgroup::usage() const {
  const double billed = provisioned_dpus_ > 0 ? 0.0 : scans_.billed_bytes();
  return {{"queries", static_cast<double>(queries_)},
          {"queries_waited", static_cast<double>(slots_.waited())},
          {"queries_timed_out", static_cast<double>(timeouts_)},
          {"tib_scanned", bytes_scanned_ / kBytesPerTB},
          {"tib_billed", billed / kBytesPerTB},
          {"bytes_scanned", bytes_scanned_},
          {"table_bytes", table_bytes_},
          {"bytes_billed", billed}};
}

// A reservation bills its DPU-hours, in whole minutes, and nothing per TB.
std::vector<model::BilledQuantity> AthenaWorkgroup::billed(engine::SimTime duration) const {
  if (provisioned_dpus_ > 0)
    return {{.unit = "DPU-hours", .amount = provisioned_dpus_ * billed_seconds(duration) / 3600.0, .usd = cost_usd(duration)}};
  const model::BilledQuantity q = scans_.line("TiB scanned");
  if (!(q.amount > 0)) return {};
  return {q};
}

}  // namespace archsim::models

#include "archsim/models/glue/glue_job.hpp"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <stdexcept>
#include <string>

#include "archsim/models/common/billing.hpp"
#include "archsim/models/common/static_span.hpp"

namespace archsim::models {

namespace {

// G.1X -> glue.worker.g1x_dpus: the catalog names each worker type's DPUs.
std::string worker_entry(const std::string& worker_type) {
  std::string id = "glue.worker.";
  for (char c : worker_type)
    if (c != '.') id += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return id + "_dpus";
}

BatchRunsConfig glue_config(const model::ParamSet& params, const model::Catalog& catalog, const std::string& name) {
  BatchRunsConfig c = read_batch_run_params(params, "throughput_per_dpu", catalog);
  const double workers = static_cast<double>(params.integer("workers"));
  const double min_workers = catalog.at("glue.job.min_workers").value;
  if (workers < min_workers)
    throw std::invalid_argument(name + ": a Glue job needs at least " + std::to_string(static_cast<int>(min_workers)) +
                                " workers (glue.job.min_workers)");
  c.units = workers * catalog.at(worker_entry(params.text("worker_type"))).value;
  c.startup = params.duration("startup");
  c.overlap = Overlap::skip;
  return c;
}

}  // namespace

namespace {

std::vector<model::ParamChange> more_workers(const model::ParamSet& p, const model::Catalog&, const model::FlowIn&,
                                             double factor) {
  return model::scale_whole(p, "workers", factor, 100000);
}

std::string glue_label(const model::ParamSet& p) {
  return model::group_digits(p.number("workers")) + " x " + p.text("worker_type");
}

}  // namespace

model::ModelSpec GlueJob::spec() {
  using model::ParamType;
  model::ModelSpec s;
  s.service = "glue";
  s.summary = "AWS Glue Spark ETL job: scheduled or on-arrival runs, start-up, Amdahl scaling over DPUs, one run at "
              "a time (later triggers skipped), retries, DPU-hour bill with the 1-minute minimum";
  s.params = {
      // One per glue.worker.*_dpus entry for batch jobs (G.025X is for streaming jobs only).
      {.name = "worker_type", .type = ParamType::choice, .default_text = "G.1X",
       .choices = {"G.1X", "G.2X", "G.4X", "G.8X", "G.12X", "G.16X"},
       .help = "worker type: G.nX is n DPUs of 4 vCPU and 16 GB each"},
      // The least is glue.job.min_workers; the default is the console's 10 (glue.job.default_workers).
      {.name = "workers", .type = ParamType::integer, .default_text = "10", .min = 2, .max = 100000,
       .help = "workers of the job (Glue's least is 2)"},
      // glue.assumed.throughput_per_dpu: an assumption, to replace with a measured rate.
      {.name = "throughput_per_dpu", .type = ParamType::bandwidth, .default_text = "32MiB/s", .min = 0,
       .min_exclusive = true, .help = "input bytes one DPU processes per second (an assumption: measure your job)"},
      // glue.job.startup_s (unconfirmed).
      {.name = "startup", .type = ParamType::duration, .default_text = "30s", .min = 0, .max = 3600e9,
       .help = "time from a run's start to its processing (not billed)"},
      {.name = "crawler_runs", .type = ParamType::rate, .default_text = "0/day", .min = 0,
       .help = "crawler runs, billed as a cost line (a crawler does not hold up the job)"},
      {.name = "crawler_dpus", .type = ParamType::number, .default_text = "2", .min = 0,
       .help = "DPUs a crawler run uses (glue.crawler.assumed_dpus, unconfirmed)"},
      {.name = "crawler_time", .type = ParamType::duration, .default_text = "10m", .min = 0, .max = 86400e9,
       .help = "how long a crawler run takes (billed at least 10 minutes)"},
      {.name = "catalog_objects", .type = ParamType::integer, .default_text = "0", .min = 0,
       .help = "Data Catalog objects (tables, partitions, ...) stored; the first million are free"},
  };
  auto shared = batch_run_params("every 1h");
  s.params.insert(s.params.begin() + 4, shared.begin(), shared.end());
  s.factory = model::make_component<GlueJob>;
  s.batch_runs = true;
  s.figures = &GlueJob::figures;
  s.levers.push_back({.id = "workers", .words = "more workers", .bound = "100,000 workers", .move = &more_workers});
  declare_batch_runs(s, "workers");
  s.fault_refusals = {{"capacity_lost",
                       "a Glue job run in an Availability Zone that fails can fail, and its retry chooses another "
                       "zone (AWS Glue developer guide, troubleshooting: failover behavior between VPCs, read "
                       "2026-12-06); drill it as 'stopped' for the time the zone is lost"}};
  s.label = &glue_label;
  return s;
}

GlueJob::GlueJob(const model::BuildContext& ctx)
    : BatchRuns(ctx, glue_config(ctx.params, ctx.catalog, ctx.name)),
      dpus_(config().units),
      min_billed_s_(ctx.catalog.at("glue.billing.min_s").value),
      price_dpu_hour_(ctx.catalog.at("glue.price.dpu_hour_usd").value),
      crawler_runs_per_s_(ctx.params.number("crawler_runs")),
      crawler_dpus_(ctx.params.number("crawler_dpus")),
      crawler_time_s_(engine::to_seconds(ctx.params.duration("crawler_time"))),
      crawler_min_s_(ctx.catalog.at("glue.billing.crawler_min_s").value),
      price_crawler_dpu_hour_(ctx.catalog.at("glue.price.crawler_dpu_hour_usd").value),
      catalog_objects_(static_cast<double>(ctx.params.integer("catalog_objects"))),
      catalog_free_objects_(ctx.catalog.at("glue.catalog.free_objects").value),
      price_catalog_per_100k_month_(ctx.catalog.at("glue.price.catalog_objects_per_100k_month_usd").value) {}

// Glue bills the time a run executes, per second, at least the minimum, and
// not the start-up (aws.amazon.com/glue/pricing); a failed attempt is billed
// for the time it ran, a retry is a new run with its own minimum.
void GlueJob::attempt_ended(engine::SimTime /*startup_used*/, engine::SimTime processing_used) {
  dpu_seconds_ += dpus_ * billed_seconds(engine::to_seconds(processing_used), min_billed_s_);
}

double GlueJob::billed_seconds(double processing_s, double min_s) {
  return std::max(min_s, std::ceil(processing_s - 1e-9));
}

// The runs of the scenario's span (batch_span), each billed as
// attempt_ended bills it, scaled to a month; the crawler and the Data
// Catalog for a month.
model::StaticFigures GlueJob::figures(const model::ParamSet& params, const model::Catalog& catalog,
                                      const model::FlowIn& in) {
  const BatchRunsConfig config = glue_config(params, catalog, "");
  const BatchLoad load = batch_load(config, in);
  const BatchSpan span = batch_span(config, in);
  model::StaticFigures f;
  batch_figures(config, load, span, f, "DPUs");
  double dpu_seconds = 0;
  for (const SpanRun& r : span.runs) dpu_seconds += config.units * billed_seconds(r.work_s, catalog.value("glue.billing.min_s"));
  const double dpu_hours = per_month(dpu_seconds, in) / 3600.0;
  const double crawls = params.number("crawler_runs") * kSecondsPerMonth;
  const double crawler_dpu_hours =
      crawls * params.number("crawler_dpus") *
      std::max(engine::to_seconds(params.duration("crawler_time")), catalog.value("glue.billing.crawler_min_s")) / 3600.0;
  const double objects = std::max(0.0, static_cast<double>(params.integer("catalog_objects")) -
                                           catalog.value("glue.catalog.free_objects"));
  f.monthly_usd = dpu_hours * catalog.value("glue.price.dpu_hour_usd") +
                  crawler_dpu_hours * catalog.value("glue.price.crawler_dpu_hour_usd") +
                  objects / 100000.0 * catalog.value("glue.price.catalog_objects_per_100k_month_usd");
  return f;
}

double GlueJob::crawler_dpu_hours(engine::SimTime duration) const {
  const double crawls = crawler_runs_per_s_ * engine::to_seconds(duration);
  return crawls * crawler_dpus_ * std::max(crawler_time_s_, crawler_min_s_) / 3600.0;
}

CostParts GlueJob::cost(engine::SimTime duration) const {
  const double months = engine::to_seconds(duration) / kSecondsPerMonth;
  const double crawler = crawler_dpu_hours(duration);
  const double objects = std::max(0.0, catalog_objects_ - catalog_free_objects_);
  return CostParts()
      .usage({"DPU-hours of job runs", dpu_hours(), dpu_hours() * price_dpu_hour_})
      .usage({"crawler DPU-hours", crawler, crawler * price_crawler_dpu_hour_})
      .storage({"object-months of Data Catalog storage (beyond the free million)", objects * months,
                objects / 100000.0 * price_catalog_per_100k_month_ * months});
}

std::vector<std::pair<std::string, double>> GlueJob::usage() const {
  auto u = run_usage();
  u.emplace_back("dpu_hours", dpu_hours());
  return u;
}

}  // namespace archsim::models

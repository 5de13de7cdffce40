// `service: glue` — an AWS Glue Spark ETL job (Glue 2.0 or later) reading what
// lands upstream (an S3 lake, a source) and writing its output downstream.
// Modelled: runs on a schedule (`every 1h`, `daily at 02:00`) or as soon as
// input waits (`on_arrival`, an S3 event starting the job); a start-up time
// before processing; processing at `throughput_per_dpu` per DPU, spread over
// workers x DPUs per worker with Amdahl's law (`serial_fraction`); at most one
// run at a time (MaxConcurrentRuns defaults to 1 and a further StartJobRun
// fails with ConcurrentRunsExceededException), so a trigger during a run is
// skipped and counted, and its data waits for the next run; failures at rate
// `failure_rate`, retried up to `max_retries` (MaxRetries), then the run's
// records are dropped (reason `job_failed_after_retries`). Bill: DPU-hours at
// $0.44, per second, each attempt at least 1 minute, start-up not billed;
// crawler runs at the crawler DPU-hour price with their 10-minute minimum;
// Data Catalog objects above the free million. Job and crawler runs are usage
// (cost_shape), the Data Catalog's objects, billed per month held, storage.
// With `read_object_size` (and `read_prefixes`), a run processes for at
// least the time S3 takes to serve one GET per object it reads, 5,500 a
// second per prefix (models/common/s3_reads.hpp).
// Not modelled: auto scaling, Flex execution, job bookmarks (every run reads
// exactly what was held), Python shell and streaming jobs, worker memory or
// disk limits (a run never runs out of memory), Data Catalog request charges,
// DataBrew, interactive sessions.
// Sources (models/catalog/aws-us-east-1.yaml, `glue.*`): docs.aws.amazon.com/
// glue/latest/dg/worker-types.html, aws.amazon.com/glue/pricing (jp, tr copies),
// migrating-version-30.html, the ExecutionProperty API reference, infracost's
// Glue price fixtures.
#pragma once
#include <cstdint>

#include "archsim/models/common/batch_runs.hpp"
#include "archsim/models/common/cost_parts.hpp"

namespace archsim::models {

class GlueJob final : public BatchRuns {
 public:
  static model::ModelSpec spec();
  // Capacity and latency from batch_load, the span's runs from batch_span;
  // cost: those runs' DPU-hours, as a month.
  static model::StaticFigures figures(const model::ParamSet& params, const model::Catalog& catalog,
                                      const model::FlowIn& in);
  // Seconds Glue bills for a run that processed `processing_s`: whole seconds, at least `min_s`.
  static double billed_seconds(double processing_s, double min_s);
  explicit GlueJob(const model::BuildContext& ctx);
  double cost_usd(engine::SimTime duration) const override { return cost(duration).total(); }
  CostShape cost_shape(engine::SimTime duration) const override { return cost(duration).shape(); }
  std::vector<model::BilledQuantity> billed(engine::SimTime duration) const override { return cost(duration).lines(); }
  std::vector<std::pair<std::string, double>> usage() const override;

  double dpus() const { return dpus_; }
  // DPU-hours billed for job runs so far (each attempt at least the minimum).
  double dpu_hours() const { return dpu_seconds_ / 3600.0; }
  // DPU-hours billed for crawler runs over `duration`.
  double crawler_dpu_hours(engine::SimTime duration) const;

 protected:
  void attempt_ended(engine::SimTime startup_used, engine::SimTime processing_used) override;

 private:
  CostParts cost(engine::SimTime duration) const;

  double dpus_;
  double min_billed_s_;
  double price_dpu_hour_;
  double crawler_runs_per_s_, crawler_dpus_, crawler_time_s_, crawler_min_s_, price_crawler_dpu_hour_;
  double catalog_objects_, catalog_free_objects_, price_catalog_per_100k_month_;
  double dpu_seconds_ = 0;
};

}  // namespace archsim::models

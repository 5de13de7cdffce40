// `service: emr` — an Amazon EMR Spark job, on a cluster of EC2 instances or
// on EMR Serverless, reading what lands upstream and writing downstream.
// Modelled: the same runs as Glue (schedule or on arrival, start-up, Amdahl
// scaling, failures and retries: models/common/batch_runs.hpp), with the
// cluster kind deciding start-up, overlap and bill:
// - transient: each trigger launches its own cluster (start-up, run,
//   terminate), so runs may overlap; billed (EC2 + EMR charge) per instance
//   from request to termination, per second, at least 1 minute;
// - persistent: one cluster up for the whole run, billed for all of it, busy
//   or idle; a trigger during a run queues as a step does at step
//   concurrency 1; no start-up;
// - serverless: workers sized like `instance_type`, billed per vCPU-hour and
//   GB-hour while they run the job, at least 1 minute; runs may overlap.
// On a cluster one instance is the primary node and does no processing
// (unless the cluster is a single instance). A persistent cluster's bill is
// capacity (cost_shape); a transient cluster's and Serverless's are usage.
// With `read_object_size` (and `read_prefixes`), a run processes for at
// least the time S3 takes to serve one GET per object it reads, 5,500 a
// second per prefix (models/common/s3_reads.hpp).
// Not modelled: instance fleets, Spot, managed scaling, EBS volumes, HDFS,
// step concurrency above 1, EMR on EKS, pre-initialized Serverless capacity,
// Serverless storage above the free 20 GB per worker, the driver of a
// Serverless job.
// Sources (models/catalog/aws-us-east-1.yaml, `emr.*`): the EMR FAQ and
// pricing page copies (per-second billing, 1-minute minimum, billing from
// request to termination), infracost's m5.xlarge EC2 price, third-party EMR
// uplift and Serverless rates.
#pragma once
#include <cstdint>

#include "archsim/models/common/batch_runs.hpp"
#include "archsim/models/common/cost_parts.hpp"

namespace archsim::models {

class EmrCluster final : public BatchRuns {
 public:
  enum class Kind { transient, persistent, serverless };
  static model::ModelSpec spec();
  // Capacity and latency from batch_load, the span's runs from batch_span;
  // cost: those runs billed by the cluster kind, as a month (persistent:
  // every hour of the month).
  static model::StaticFigures figures(const model::ParamSet& params, const model::Catalog& catalog,
                                      const model::FlowIn& in);
  explicit EmrCluster(const model::BuildContext& ctx);
  void finish(engine::SimTime end) override;
  double cost_usd(engine::SimTime duration) const override { return cost(duration).total(); }
  CostShape cost_shape(engine::SimTime duration) const override { return cost(duration).shape(); }
  std::vector<model::BilledQuantity> billed(engine::SimTime duration) const override { return cost(duration).lines(); }
  std::vector<std::pair<std::string, double>> usage() const override;

  // Instance-hours billed on a cluster (0 on Serverless) over `duration`.
  double instance_hours(engine::SimTime duration) const;
  double vcpu_hours() const { return vcpu_seconds_ / 3600.0; }
  double gb_hours() const { return gb_seconds_ / 3600.0; }

 protected:
  void attempt_ended(engine::SimTime startup_used, engine::SimTime processing_used) override;

 private:
  CostParts cost(engine::SimTime duration) const;

  Kind kind_;
  double instances_, vcpus_, memory_gb_;
  double min_billed_s_, serverless_min_s_;
  double price_ec2_hour_, price_emr_hour_;  // an instance's two bills, EC2's and EMR's
  double price_instance_hour_;              // their sum
  double price_vcpu_hour_, price_gb_hour_;
  double instance_seconds_ = 0, vcpu_seconds_ = 0, gb_seconds_ = 0;
  engine::SimTime end_ = 0;
};

}  // namespace archsim::models

#include "archsim/models/emr/emr_cluster.hpp"

#include <algorithm>
#include <cmath>
#include <string>

#include "archsim/models/common/billing.hpp"
#include "archsim/models/common/static_span.hpp"

namespace archsim::models {

namespace {

EmrCluster::Kind kind_of(const std::string& text) {
  if (text == "persistent") return EmrCluster::Kind::persistent;
  if (text == "serverless") return EmrCluster::Kind::serverless;
  return EmrCluster::Kind::transient;
}

// m5.xlarge -> emr.instance.m5_xlarge_vcpus and the like.
std::string instance_entry(const std::string& type, const std::string& what) {
  return "emr." + what.substr(0, what.find('%')) + model::catalog_name(type) + what.substr(what.find('%') + 1);
}

BatchRunsConfig emr_config(const model::ParamSet& params, const model::Catalog& catalog) {
  BatchRunsConfig c = read_batch_run_params(params, "throughput_per_vcpu", catalog);
  const EmrCluster::Kind kind = kind_of(params.text("cluster"));
  const double instances = static_cast<double>(params.integer("instances"));
  const double vcpus = catalog.at(instance_entry(params.text("instance_type"), "instance.%_vcpus")).value;
  const double processing = kind == EmrCluster::Kind::serverless || instances == 1 ? instances : instances - 1;
  // The parallel unit is an instance (its vCPUs together), as a Glue DPU of
  // 4 vCPUs is: Amdahl's serial share is then the same work on the same
  // hardware in both, and the same job compares.
  c.units = processing;
  c.unit_bytes_per_s *= vcpus;
  c.overlap = kind == EmrCluster::Kind::persistent ? Overlap::queue : Overlap::parallel;
  if (params.has("startup")) {
    c.startup = params.duration("startup");
  } else if (kind != EmrCluster::Kind::persistent) {
    const char* id = kind == EmrCluster::Kind::transient ? "emr.cluster.startup_s" : "emr.serverless.startup_s";
    c.startup = engine::round_half_away(catalog.at(id).value * 1e9);
  }
  return c;
}

}  // namespace

namespace {

std::vector<model::ParamChange> more_instances(const model::ParamSet& p, const model::Catalog&, const model::FlowIn&,
                                               double factor) {
  return model::scale_whole(p, "instances", factor, 10000);
}

// A persistent cluster bills while idle and starts nothing per run; a
// transient one bills only its runs, start-up included.
std::vector<model::ParamChange> to_persistent(const model::ParamSet& p, const model::Catalog&, const model::FlowIn&,
                                              double) {
  if (p.text("cluster") == "persistent") return {};
  return {{.key = "cluster", .text_from = p.text("cluster"), .text_to = "persistent"}};
}

std::vector<model::ParamChange> to_transient(const model::ParamSet& p, const model::Catalog&, const model::FlowIn&,
                                             double) {
  return model::switch_choice(p, "cluster", "persistent", "transient");
}

std::string emr_label(const model::ParamSet& p) {
  return model::group_digits(p.number("instances")) + " x " + p.text("instance_type") + ", " +
         p.text("cluster");
}

}  // namespace

model::ModelSpec EmrCluster::spec() {
  using model::ParamType;
  model::ModelSpec s;
  s.service = "emr";
  s.summary = "Amazon EMR Spark job on a transient, persistent or serverless cluster: start-up, Amdahl scaling, "
              "queued steps, EC2 + EMR or vCPU/GB-hour bill";
  s.params = {
      // One per emr.instance.*_vcpus entry with its EC2 price and EMR charge in the catalog.
      {.name = "instance_type", .type = ParamType::choice, .default_text = "m5.xlarge", .choices = {"m5.xlarge"},
       .help = "EC2 instance type of every node (Serverless: the size of each worker)"},
      {.name = "instances", .type = ParamType::integer, .default_text = "3", .min = 1, .max = 10000,
       .help = "instances of the cluster, the primary node included (Serverless: workers)"},
      {.name = "cluster", .type = ParamType::choice, .default_text = "transient",
       .choices = {"transient", "persistent", "serverless"},
       .help = "transient: a cluster per run; persistent: always up, billed idle; serverless: EMR Serverless"},
      // emr.assumed.throughput_per_vcpu: an assumption, to replace with a measured rate.
      {.name = "throughput_per_vcpu", .type = ParamType::bandwidth, .default_text = "8MiB/s", .min = 0,
       .min_exclusive = true, .help = "input bytes one vCPU processes per second (an assumption: measure your job)"},
      {.name = "startup", .type = ParamType::duration, .min = 0, .max = 3600e9,
       .help = "time before processing; default: transient 8m (emr.cluster.startup_s), persistent 0, serverless "
               "1m (emr.serverless.startup_s)"},
  };
  auto shared = batch_run_params("every 1h");
  s.params.insert(s.params.end(), shared.begin(), shared.end());
  s.factory = model::make_component<EmrCluster>;
  s.batch_runs = true;
  s.figures = &EmrCluster::figures;
  s.levers.push_back(
      {.id = "instances", .words = "more instances", .bound = "10,000 instances", .move = &more_instances});
  s.levers.push_back({.id = "persistent", .words = "a persistent cluster", .scales = false, .move = &to_persistent});
  s.levers.push_back({.id = "transient", .words = "a transient cluster", .scales = false, .move = &to_transient});
  declare_batch_runs(s, "instances");
  s.faults.push_back({"capacity_lost", "a share `share` of its nodes lost (Spot task nodes reclaimed, a node "
                                       "failure): a run in progress goes on at the pace of the nodes left while it "
                                       "lasts, YARN running the lost containers' tasks on them, and at full pace "
                                       "after; a whole Availability Zone lost is the cluster lost: drill that as "
                                       "'stopped'"});
  s.label = &emr_label;
  return s;
}

EmrCluster::EmrCluster(const model::BuildContext& ctx)
    : BatchRuns(ctx, emr_config(ctx.params, ctx.catalog)),
      kind_(kind_of(ctx.params.text("cluster"))),
      instances_(static_cast<double>(ctx.params.integer("instances"))),
      vcpus_(ctx.catalog.at(instance_entry(ctx.params.text("instance_type"), "instance.%_vcpus")).value),
      memory_gb_(ctx.catalog.at(instance_entry(ctx.params.text("instance_type"), "instance.%_memory_bytes")).value /
                 kBytesPerGB),
      min_billed_s_(ctx.catalog.at("emr.billing.min_s").value),
      serverless_min_s_(ctx.catalog.at("emr.serverless.min_billed_s").value),
      price_ec2_hour_(ctx.catalog.at(instance_entry(ctx.params.text("instance_type"), "price.%_ec2_hour_usd")).value),
      price_emr_hour_(ctx.catalog.at(instance_entry(ctx.params.text("instance_type"), "price.%_uplift_hour_usd")).value),
      price_instance_hour_(price_ec2_hour_ + price_emr_hour_),
      price_vcpu_hour_(ctx.catalog.at("emr.price.serverless_vcpu_hour_usd").value),
      price_gb_hour_(ctx.catalog.at("emr.price.serverless_gb_hour_usd").value) {}

// A transient cluster is billed from its request to its termination, start-up
// included; Serverless workers while they run the job. A persistent cluster's
// bill does not depend on its runs.
void EmrCluster::attempt_ended(engine::SimTime startup_used, engine::SimTime processing_used) {
  if (kind_ == Kind::transient) {
    const double up = std::ceil(engine::to_seconds(startup_used + processing_used) - 1e-9);
    instance_seconds_ += instances_ * std::max(min_billed_s_, up);
  } else if (kind_ == Kind::serverless) {
    const double seconds = std::max(serverless_min_s_, std::ceil(engine::to_seconds(processing_used) - 1e-9));
    vcpu_seconds_ += instances_ * vcpus_ * seconds;
    gb_seconds_ += instances_ * memory_gb_ * seconds;
  }
}

// The runs of the scenario's span (batch_span), billed as attempt_ended and
// instance_hours bill them, scaled to a month; a persistent cluster, every
// hour of the month.
model::StaticFigures EmrCluster::figures(const model::ParamSet& params, const model::Catalog& catalog,
                                         const model::FlowIn& in) {
  const BatchRunsConfig config = emr_config(params, catalog);
  const BatchLoad load = batch_load(config, in);
  const BatchSpan span = batch_span(config, in);
  const Kind kind = kind_of(params.text("cluster"));
  const std::string type = params.text("instance_type");
  const double instances = static_cast<double>(params.integer("instances"));
  const double vcpus = catalog.at(instance_entry(type, "instance.%_vcpus")).value;
  const double memory_gb = catalog.at(instance_entry(type, "instance.%_memory_bytes")).value / kBytesPerGB;
  const double instance_hour = catalog.at(instance_entry(type, "price.%_ec2_hour_usd")).value +
                               catalog.at(instance_entry(type, "price.%_uplift_hour_usd")).value;
  model::StaticFigures f;
  batch_figures(config, load, span, f, "processing instances");
  if (kind == Kind::persistent) {
    f.monthly_usd = instances * kHoursPerMonth * instance_hour;
    return f;
  }
  double instance_seconds = 0;
  for (const SpanRun& r : span.runs)
    instance_seconds += kind == Kind::transient
                            ? std::max(catalog.value("emr.billing.min_s"), std::ceil(r.startup_s + r.work_s - 1e-9))
                            : std::max(catalog.value("emr.serverless.min_billed_s"), std::ceil(r.work_s - 1e-9));
  const double hours = per_month(instance_seconds, in) * instances / 3600.0;
  f.monthly_usd = kind == Kind::transient
                      ? hours * instance_hour
                      : hours * (vcpus * catalog.value("emr.price.serverless_vcpu_hour_usd") +
                                 memory_gb * catalog.value("emr.price.serverless_gb_hour_usd"));
  return f;
}

void EmrCluster::finish(engine::SimTime end) {
  end_ = end;
  BatchRuns::finish(end);
}

double EmrCluster::instance_hours(engine::SimTime duration) const {
  if (kind_ == Kind::persistent) return instances_ * std::max(min_billed_s_, engine::to_seconds(duration)) / 3600.0;
  return instance_seconds_ / 3600.0;
}

// A persistent cluster is billed idle or busy: capacity. A transient cluster
// exists for a job and Serverless workers run it: usage.
CostParts EmrCluster::cost(engine::SimTime duration) const {
  const double instances = instance_hours(duration) * price_instance_hour_, vcpus = vcpu_hours() * price_vcpu_hour_,
               memory = gb_hours() * price_gb_hour_;
  const double usd = instances + vcpus + memory;
  // EC2 and EMR each bill the instance-hours at their own price.
  const std::initializer_list<CostParts::Line> lines = {
      {"EC2 instance-hours", instance_hours(duration), instance_hours(duration) * price_ec2_hour_},
      {"EMR instance-hours", instance_hours(duration), instance_hours(duration) * price_emr_hour_},
      {"vCPU-hours", vcpu_hours(), vcpus},
      {"GB-hours of memory", gb_hours(), memory}};
  return kind_ == Kind::persistent ? CostParts().capacity(usd, lines) : CostParts().usage(usd, lines);
}

std::vector<std::pair<std::string, double>> EmrCluster::usage() const {
  auto u = run_usage();
  if (kind_ == Kind::serverless) {
    u.emplace_back("vcpu_hours", vcpu_hours());
    u.emplace_back("gb_hours", gb_hours());
  } else {
    u.emplace_back("instance_hours", instance_hours(end_));
  }
  return u;
}

}  // namespace archsim::models

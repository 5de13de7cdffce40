// A Kinesis stream's static figures: its write capacity (provisioned shards,
// or on demand what the previous-peak rule allows over the run's load), the
// propagation delay, and the month's bill by the same KinesisBill the
// simulated stream uses.
#include <algorithm>
#include <cmath>
#include <string>

#include "archsim/models/common/previous_peak.hpp"
#include "archsim/models/common/static_span.hpp"
#include "archsim/models/kinesis/kinesis_stream.hpp"

namespace archsim::models {

namespace {

// The rule the simulated stream follows on demand: from the initial capacity
// (four shards' worth), every scale-up step to twice the peak accepted so
// far, in whole shards, up to the mode's most write throughput.
PreviousPeakRule on_demand_rule(const model::Catalog& catalog, double per_shard) {
  const double shard_records = catalog.value("kinesis.shard.write_records_per_s");
  const double shard_bytes = catalog.value("kinesis.shard.write_bytes_per_s");
  const double initial = std::ceil(std::max(catalog.value("kinesis.on_demand.initial_write_records_per_s") / shard_records,
                                            catalog.value("kinesis.on_demand.initial_write_bytes_per_s") / shard_bytes));
  const double most = std::floor(catalog.value("kinesis.on_demand.max_write_bytes_per_s") / shard_bytes);
  return {.initial = initial * per_shard,
          .multiple = catalog.value("kinesis.on_demand.peak_multiple"),
          .most = most * per_shard,
          .every_s = catalog.value("kinesis.on_demand.scale_up_s"),
          .step = per_shard};
}

// One consumer's share of a shard's reads and its propagation delay, by the
// polling arithmetic the simulated stream follows (KinesisStream::set_consumers).
struct ConsumerShare {
  double bytes_per_s, records_per_s, propagation_s;
};
ConsumerShare read_share(const model::Catalog& catalog, bool efo, std::size_t consumers) {
  const double calls = catalog.value("kinesis.shard.get_records_calls_per_s");
  const double sharing = efo ? 1.0 : static_cast<double>(std::max<std::size_t>(1, consumers));
  const double bytes = catalog.value(efo ? "kinesis.efo.read_bytes_per_s" : "kinesis.shard.read_bytes_per_s");
  return {.bytes_per_s = bytes / sharing,
          .records_per_s = catalog.value("kinesis.get_records.max_records") * calls / sharing,
          .propagation_s = efo ? catalog.value("kinesis.efo.propagation_delay_s") : sharing / calls};
}

std::string minutes(double s) { return model::group_digits(std::round(s / 60)) + " min"; }

}  // namespace

model::StaticFigures KinesisStream::figures(const model::ParamSet& params, const model::Catalog& catalog,
                                            const model::FlowIn& in) {
  const bool on_demand = params.text("mode") == "on_demand", efo = params.text("consumers") == "enhanced";
  const double shard_records = catalog.value("kinesis.shard.write_records_per_s");
  const double shard_bytes = catalog.value("kinesis.shard.write_bytes_per_s");
  const bool by_bytes = in.record_bytes * shard_records > shard_bytes;
  double per_shard = by_bytes ? shard_bytes / in.record_bytes : shard_records;
  std::string per_shard_words =
      by_bytes ? "1 MiB/s (" + model::group_digits(per_shard) + " records/s of this size)"
               : model::group_digits(shard_records) + " records/s";
  // Each consumer reads every record: a shard's read share per consumer binds
  // before its write limit when shared-throughput consumers split its 2 MiB/s.
  const ConsumerShare read = read_share(catalog, efo, in.consumers);
  const double read_per_shard =
      std::min(read.records_per_s, in.record_bytes > 0 ? read.bytes_per_s / in.record_bytes : read.records_per_s);
  if (read_per_shard < per_shard) {
    per_shard = read_per_shard;
    per_shard_words = "2 MiB/s of reads shared by " + model::group_digits(static_cast<double>(in.consumers)) +
                      " consumers (" + model::group_digits(per_shard) + " records/s each of this size)";
  }
  model::StaticFigures f;
  f.unit_capacity = per_shard;
  f.unit_of_key = &KinesisStream::shard_of;
  const RetryPolicy retry = RetryPolicy::of(params);
  // Refused records are retried for a while, then dropped.
  f.queue_records = in.records_per_s * retry.mean_span_s();
  if (on_demand) {
    const PreviousPeakRule rule = on_demand_rule(catalog, per_shard);
    const PreviousPeakWorst worst = walk_previous_peak(rule, load_over_span(in));
    f.capacity = rule.most;
    f.capacity_over_time = worst.allowed_by_interval;
    f.limit = "on demand: " + model::group_digits(rule.multiple) + "x the peak so far every " +
              minutes(rule.every_s) + ", from " + model::group_digits(rule.initial / per_shard) +
              " shards' worth, up to " + model::group_digits(rule.most / per_shard) + " shards x " + per_shard_words;
    f.units = std::max(1.0, std::round(worst.allowed_at_peak / per_shard));
    f.utilization = worst.mean_ratio;
    f.peak_utilization = worst.ratio;
    f.busy_words = model::group_digits(worst.offered) + "/s offered " + minutes(worst.at_s) + " in against " +
                   model::group_digits(worst.allowed) + "/s the on-demand rule allowed then (" +
                   model::group_digits(worst.ratio * 100) + "%)";
  } else {
    const double shards = static_cast<double>(params.integer("shards"));
    f.capacity = shards * per_shard;
    f.limit = model::group_digits(shards) + (shards == 1 ? " shard x " : " shards x ") + per_shard_words;
    f.units = shards;
  }
  f.latency_s = read.propagation_s;
  if (in.records_per_s > f.capacity) f.latency_s = model::kUnbounded;
  f.attempts_per_s = model::attempts_with_retries(in.records_per_s, f.capacity, static_cast<double>(retry.max_retries));
  // A month of what it accepts over the run (each interval's load up to what
  // it takes then), every record read by each consumer.
  const KinesisBill bill(catalog, on_demand, efo);
  const double accepted = per_month(accepted_over_span(load_over_span(in), f.capacity, f.capacity_over_time), in);
  f.monthly_usd = bill.cost({.hours = kHoursPerMonth,
                             .shards = on_demand ? 0 : f.units,
                             .put_units = accepted * bill.put_units(in),
                             .ingest_bytes_billed = accepted * bill.ingest_bytes(in),
                             .read_bytes = accepted * in.record_bytes * static_cast<double>(in.consumers),
                             .consumers = static_cast<double>(in.consumers),
                             .retention_s = engine::to_seconds(params.duration("retention")),
                             .bytes_written = accepted * in.record_bytes})
                      .total();
  return f;
}

}  // namespace archsim::models

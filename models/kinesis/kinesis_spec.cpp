// What archsim knows of a Kinesis data stream besides its behaviour: its
// parameters, the limits it runs into as the Kinesis Data Streams developer
// guide names them (service-sizes-and-limits.html, "Quotas and limits"), the
// levers a designer has on them, why it drops records, and its diagram label.
#include <cmath>
#include <string>

#include "archsim/models/kinesis/kinesis_stream.hpp"

namespace archsim::models {

namespace {

bool on_demand(const model::ParamSet& p) { return p.text("mode") == "on_demand"; }

std::vector<model::ParamChange> more_shards(const model::ParamSet& p, const model::Catalog& catalog,
                                            const model::FlowIn&, double factor) {
  if (on_demand(p)) return {};
  return model::scale_whole(p, "shards", factor, catalog.value("kinesis.account.max_shards"));
}

std::vector<model::ParamChange> to_on_demand(const model::ParamSet& p, const model::Catalog&, const model::FlowIn&,
                                             double) {
  return model::switch_choice(p, "mode", "provisioned", "on_demand");
}

// Provisioned shards for the peak with a quarter to spare, by the per-shard
// write limit in records and in bytes.
std::vector<model::ParamChange> to_provisioned(const model::ParamSet& p, const model::Catalog& catalog,
                                               const model::FlowIn& peak, double factor) {
  if (!on_demand(p)) return {};
  const double by_records = peak.records_per_s / catalog.value("kinesis.shard.write_records_per_s");
  const double by_bytes = peak.bytes_per_s() / catalog.value("kinesis.shard.write_bytes_per_s");
  const double shards = std::min(catalog.value("kinesis.account.max_shards"),
                                 std::max(1.0, std::ceil(1.25 * std::max(1.0, factor) * std::max(by_records, by_bytes))));
  return {{.key = "mode", .text_from = "on_demand", .text_to = "provisioned"},
          {.key = "shards", .from = p.number("shards"), .to = shards}};
}

std::vector<model::ParamChange> to_enhanced(const model::ParamSet& p, const model::Catalog&, const model::FlowIn&,
                                            double) {
  return model::switch_choice(p, "consumers", "shared", "enhanced");
}

std::string label(const model::ParamSet& p) {
  std::string out = on_demand(p) ? "on-demand"
                                 : model::group_digits(p.number("shards")) +
                                       (p.number("shards") == 1 ? " shard" : " shards");
  if (p.text("consumers") == "enhanced") out += ", enhanced fan-out";
  return out;
}

// A consumer reading this stream through an event source mapping has one
// concurrent batch per shard: a provisioned stream offers its shard count. A
// delivery stream reading it has the data stream as its source, not Direct
// PUT, and reads at the stream's own rate. A consumer retrying a failed batch
// does so until its records pass the stream's retention period.
std::optional<model::Offered> offer(const model::ParamSet& p, const std::string& key) {
  if (key == "shards" && !on_demand(p)) return model::Offered{.number = p.number("shards")};
  if (key == "source") return model::Offered{.text = "kinesis_stream"};
  if (key == "stream_retention") return model::Offered{.number = p.number("retention")};
  if (key == "event_source") return model::Offered{.text = "kinesis"};
  return std::nullopt;
}

}  // namespace

model::ModelSpec KinesisStream::spec() {
  using model::ParamType;
  model::ModelSpec s;
  s.service = "kinesis";
  s.summary = "Kinesis Data Streams: shards with write and read limits, hot shards, producer retries, shard-hour cost";
  s.params = {
      {.name = "mode", .type = ParamType::choice, .default_text = "provisioned", .choices = {"provisioned", "on_demand"},
       .help = "provisioned: a fixed number of shards; on_demand: capacity that follows twice the peak write"},
      // The range's top is the catalog's kinesis.account.max_shards, written here so that
      // the loader can report it; the constructor checks the catalog as well.
      {.name = "shards", .type = ParamType::integer, .default_text = "1", .min = 1, .max = 20000,
       .help = "shards of a provisioned stream, up to the account's default quota; ignored on demand"},
      {.name = "max_retries", .type = ParamType::integer, .default_text = "3", .min = 0, .max = 100,
       .help = "producer (SDK) retries of a throttled put before the record is dropped"},
      {.name = "retry_base", .type = ParamType::duration, .default_text = "100ms", .min = 0,
       .help = "base of the producer's exponential backoff with full jitter"},
      {.name = "consumers", .type = ParamType::choice, .default_text = "shared", .choices = {"shared", "enhanced"},
       .help = "how the downstream application reads: shared GetRecords throughput or enhanced fan-out"},
      // The range is the catalog's kinesis.retention.default_s to kinesis.retention.max_s.
      {.name = "retention", .type = ParamType::duration, .default_text = "24h", .min = 86400e9, .max = 31536000e9,
       .help = "how long the stream keeps records (24 hours to 365 days); beyond 24 hours it is billed"},
  };
  s.factory = model::make_component<KinesisStream>;
  s.figures = &KinesisStream::figures;
  s.resources = {
      {.id = "shard_writes",
       .name = "shard write limit (1,000 records/s and 1 MiB/s per shard)",
       .unit = "shard",
       .levers = {"shards", "on_demand"}},
      {.id = "on_demand_writes",
       .name = "on-demand write capacity (twice the previous peak, grown every 15 minutes)",
       .levers = {"provisioned"}},
      {.id = "shard_reads",
       .name = "shard read limit (5 GetRecords calls/s and 2 MiB/s per shard, shared by the consumers)",
       .unit = "shard",
       .levers = {"enhanced_fan_out", "shards"},
       .refusals = "records waited for a later read by at least one consumer"},
      {.id = "retention", .name = "retention period (24 hours by default, up to 365 days)"},
      {.id = "record_size", .name = "record size limit (1 MiB)"},
  };
  s.levers = {
      {.id = "shards", .words = "more shards", .bound = "20,000 shards (the account's default quota)",
       .move = &more_shards},
      {.id = "on_demand", .words = "on-demand capacity", .scales = false, .capacity_mode = true, .move = &to_on_demand},
      {.id = "provisioned", .words = "provisioned shards for the peak x 1.25", .scales = false, .capacity_mode = true,
       .move = &to_provisioned},
      {.id = "enhanced_fan_out", .words = "enhanced fan-out, 2 MiB/s per consumer per shard", .scales = false,
       .move = &to_enhanced},
  };
  s.drops = {
      {.reason = "throttled_after_retries", .resource = "shard_writes"},
      {.reason = "record_too_large", .resource = "record_size"},
      {.reason = "expired", .resource = "retention", .waited_too_long = true},
      {.reason = "expired_behind_read_limit", .resource = "shard_reads"},
  };
  s.label = &label;
  s.copies = {.idempotent = false, .words = "each copy is appended again, so its readers see it twice"};
  s.reader_lag = "iterator age";
  s.offer = &offer;
  s.fault_refusals = {{"capacity_lost",
                       "Kinesis Data Streams synchronously replicates data across three Availability Zones "
                       "(Amazon Kinesis Data Streams FAQ, read 2026-12-06), so losing one takes no shard's "
                       "capacity; drill what runs in the zone instead, such as a Flink consumer's capacity_lost"}};
  return s;
}

}  // namespace archsim::models

// What archsim knows of a Firehose stream besides its behaviour: its
// parameters, the limits it runs into as the Firehose developer guide names
// them (the Direct PUT quota, the record size), the levers a designer has on
// them (a shorter buffer interval or a smaller buffer, a Direct PUT quota
// increase), why it drops records, and its diagram label.
#include <algorithm>
#include <cmath>
#include <string>

#include "archsim/models/firehose/firehose_stream.hpp"

namespace archsim::models {

namespace {
// A shorter interval: fresher objects, more of them.
std::vector<model::ParamChange> shorter_interval(const model::ParamSet& p, const model::Catalog&,
                                                 const model::FlowIn&, double factor) {
  const double now = static_cast<double>(p.duration("buffer_interval"));
  return model::change_number("buffer_interval", now, std::floor(now / factor / 1e9) * 1e9);
}

// A smaller buffer fills sooner: `factor` times the room is a buffer a
// factor smaller, in whole MiB between 1 and 128 MiB (below 1: a larger one,
// fewer and larger objects in S3).
std::vector<model::ParamChange> smaller_buffer(const model::ParamSet& p, const model::Catalog&, const model::FlowIn&,
                                               double factor) {
  constexpr double kMiB = 1048576.0;
  const double now = p.number("buffer_size") / kMiB;
  const double to = factor >= 1 ? std::max(1.0, std::min(now - 1, std::floor(now / factor)))
                                : std::min(128.0, std::max(now + 1, std::ceil(now / factor)));
  if (to == now || to < 1 || to > 128) return {};
  return model::change_number("buffer_size", now * kMiB, to * kMiB);
}

// A service-quota increase: asked for on the throughput, in whole MiB/s; the
// record and request quotas follow it. Only a Direct PUT stream has one.
std::vector<model::ParamChange> raise_direct_put(const model::ParamSet& p, const model::Catalog& catalog,
                                                 const model::FlowIn&, double factor) {
  if (p.text("source") != "direct_put") return {};
  const double now = p.has("direct_put_quota") ? p.number("direct_put_quota")
                                               : catalog.value("firehose.direct_put.bytes_per_s");
  constexpr double kMiB = 1048576.0;
  return model::change_number("direct_put_quota", now, model::scaled_whole(now / kMiB, factor, 1e6) * kMiB);
}
}  // namespace

model::ModelSpec FirehoseStream::spec() {
  using model::ParamType;
  model::ModelSpec s;
  s.service = "firehose";
  s.summary = "Amazon Data Firehose to S3: buffers records by size and interval, one S3 object per flush; the Direct "
              "PUT quota with producer retries";
  // Ranges and defaults are the catalog's firehose.buffer.* entries (a test
  // checks that they agree; the constructor also clamps to the catalog's).
  s.params = {
      {.name = "buffer_size", .type = ParamType::size, .default_text = "5MiB", .min = 1048576, .max = 134217728,
       .help = "flush when the buffered bytes reach this (1 MiB to 128 MiB)"},
      {.name = "buffer_interval", .type = ParamType::duration, .default_text = "300s", .min = 0, .max = 900e9,
       .help = "flush when this long has passed since the buffer's first record (0 to 900 s; 0: no buffering)"},
      {.name = "source", .type = ParamType::choice, .default_text = "direct_put",
       .choices = {"direct_put", "kinesis_stream", "msk"},
       .help = "where its records come from: Direct PUT (producers call PutRecord or PutRecordBatch, bound by the "
               "Direct PUT quota), a Kinesis data stream or an Amazon MSK topic (read at the stream's rate); taken "
               "from a stream or topic flowing into it"},
      {.name = "direct_put_quota", .type = ParamType::bandwidth, .min = 1,
       .help = "Direct PUT throughput quota after a service-quota increase; the records/s and requests/s quotas "
               "scale with it (absent: the Region's default, 5 MiB/s with 500,000 records/s and 2,000 requests/s "
               "in us-east-1, us-west-2 and eu-west-1; 1 MiB/s, 100,000 and 1,000 elsewhere)"},
      {.name = "max_retries", .type = ParamType::integer, .default_text = "3", .min = 0, .max = 100,
       .help = "producer (SDK) retries of a throttled Direct PUT before the record is dropped"},
      {.name = "retry_base", .type = ParamType::duration, .default_text = "100ms", .min = 0,
       .help = "base of the producer's exponential backoff with full jitter"},
  };
  s.factory = model::make_component<FirehoseStream>;
  s.figures = &FirehoseStream::figures;
  s.resources = {{.id = "direct_put",
                  .name = "Direct PUT quota (records, requests and bytes per second per stream)",
                  .levers = {"direct_put_quota"}},
                 {.id = "delivery_buffer",
                  .name = "delivery buffer (buffer_size or buffer_interval, whichever fills first)",
                  .levers = {"buffer_interval", "buffer_size"},
                  .time = {metrics::Spent::buffering}},
                 {.id = "record_size", .name = "record size limit (1,000 KiB)"}};
  s.levers = {{.id = "buffer_interval", .words = "a shorter buffer interval", .bound = "no buffering (0 s)",
               .move = &shorter_interval},
              {.id = "buffer_size", .words = "a smaller buffer size", .bound = "1 MiB, the smallest buffer",
               .move = &smaller_buffer},
              {.id = "direct_put_quota",
               .words = "a Direct PUT quota increase (a service-quota request: records/s and requests/s scale with "
                        "the MiB/s)",
               .bound = "1,000,000 MiB/s",
               .move = &raise_direct_put}};
  s.drops = {{.reason = "record_too_large", .resource = "record_size"},
             {.reason = "throttled_after_retries", .resource = "direct_put"}};
  s.takes = {"source"};
  s.label = [](const model::ParamSet& p) {
    return model::group_digits(p.number("buffer_size") / 1048576.0) + " MiB or " +
           model::group_digits(engine::to_seconds(p.duration("buffer_interval"))) + " s buffer";
  };
  return s;
}

}  // namespace archsim::models

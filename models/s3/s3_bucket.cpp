#include "archsim/models/s3/s3_bucket.hpp"
#include "archsim/models/common/billing.hpp"

#include <algorithm>
#include <cmath>

#include "archsim/models/common/lake_bytes.hpp"
#include "archsim/models/common/record_draws.hpp"
#include "archsim/models/common/static_span.hpp"
#include "archsim/models/firehose/firehose_stream.hpp"  // tiered_monthly_cost

namespace archsim::models {

namespace {
constexpr std::uint32_t kClose = 0;    // the instant's arrivals are complete: PUT the object
constexpr std::uint32_t kRetry = 1;    // backoff after a SlowDown has passed
constexpr std::uint32_t kWritten = 2;  // the PUT has finished
}  // namespace

namespace {
std::vector<model::ParamChange> more_prefixes(const model::ParamSet& p, const model::Catalog&, const model::FlowIn&,
                                              double factor) {
  return model::scale_whole(p, "prefixes", factor, 1e6);
}
}  // namespace

model::ModelSpec S3Bucket::spec() {
  using model::ParamType;
  model::ModelSpec s;
  s.service = "s3";
  s.summary = "an S3 Standard bucket, a sink or a lake: per-prefix PUT limits with SlowDown retries, request and storage cost";
  s.params = {
      {.name = "storage_class", .type = ParamType::choice, .default_text = "standard", .choices = {"standard"},
       .help = "storage class of the objects written (only standard for now)"},
      {.name = "prefixes", .type = ParamType::integer, .default_text = "1", .min = 1, .max = 1e6,
       .help = "partitioned prefixes the objects are spread over, round-robin; each takes 3,500 PUT/s"},
      {.name = "object_size", .type = ParamType::size, .min = 1,
       .help = "when set, an arriving object is written as ceil(bytes / object_size) PUTs; unset: one PUT per "
               "object (a Firehose flush, or one arriving batch)"},
      {.name = "put_latency", .type = ParamType::duration_dist, .default_text = "50ms", .min = 0,
       .help = "time a successful PUT takes (AWS: tens of milliseconds median for small requests)"},
      {.name = "compression", .type = ParamType::choice, .default_text = "none",
       .choices = {"none", "snappy", "gzip", "zstd"},
       .help = "codec of the stored objects: the bucket stores raw bytes / the codec's ratio (a lake's Parquet files)"},
      {.name = "compression_ratio", .type = ParamType::number, .min = 1, .max = 1000,
       .help = "raw bytes per stored byte, measured on your data (absent: the catalog's for the codec)"},
      {.name = "existing", .type = ParamType::size, .default_text = "0B", .min = 0,
       .help = "raw bytes already in the bucket when the run starts (the lake's history), stored and billed too"},
  };
  s.factory = model::make_component<S3Bucket>;
  s.figures = &S3Bucket::figures;
  s.resources = {{.id = "prefix_puts",
                  .name = "per-prefix PUT rate (3,500 PUTs/s per partitioned prefix)",
                  .unit = "prefix",
                  .levers = {"prefixes"}},
                 {.id = "service_throttling",
                  .name = "the service's own throttling (a drill's `throttled` fault: 503 SlowDown on a share of "
                          "PUTs whatever the prefixes take)"}};
  s.levers = {{.id = "prefixes", .words = "more prefixes", .bound = "1,000,000 prefixes", .move = &more_prefixes}};
  s.drops = {{.reason = "slow_down_after_retries", .resource = "prefix_puts"},
             {.reason = "service_slow_down_after_retries", .resource = "service_throttling"}};
  s.faults = {{"throttled", "a share `share` of its PUTs answered 503 SlowDown whatever its prefixes take (a "
                            "regional slow-down); the object is retried whole with backoff, and dropped after the "
                            "SDK's retries"}};
  s.copies = {.idempotent = false,
              .words = "each copy is written again, so the lake holds it twice until a job removes duplicates",
              .transactional = true};
  s.fault_refusals = {{"capacity_lost",
                       "S3 Standard stores objects across at least three Availability Zones and is designed to "
                       "sustain the loss of one (Data protection in Amazon S3, read 2026-12-06), so losing one "
                       "takes no capacity"}};
  s.label = [](const model::ParamSet& p) {
    const double prefixes = p.number("prefixes");
    return model::group_digits(prefixes) + (prefixes == 1 ? " prefix" : " prefixes");
  };
  return s;
}

S3Bucket::S3Bucket(const model::BuildContext& ctx)
    : Component(ctx),
      prefixes_(static_cast<std::uint32_t>(ctx.params.integer("prefixes"))),
      object_size_(ctx.params.has("object_size") ? ctx.params.number("object_size") : 0),
      put_latency_(ctx.params.dist("put_latency")),
      put_price_per_1000_(ctx.catalog.at("s3.price.put_requests_per_1000_usd").value),
      storage_price_(ctx.catalog.at("s3.price.standard_storage_gb_month_usd")),
      faults_(ctx.faults),
      slow_down_(probe_.drop_reason("slow_down_after_retries")),
      service_slow_down_(probe_.drop_reason("service_slow_down_after_retries")),
      compression_ratio_(compression_ratio(ctx.params.text("compression"),
                                           ctx.params.has("compression_ratio")
                                               ? std::optional<double>(ctx.params.number("compression_ratio"))
                                               : std::nullopt,
                                           ctx.catalog)) {
  stored_bytes_ = ctx.params.number("existing") / compression_ratio_;
  const double rate = ctx.catalog.at("s3.prefix.write_requests_per_s").value;
  buckets_.assign(prefixes_, TokenBucket(rate, rate));  // a one-second burst
  prefix_puts_per_s_ = rate;
  probe_.units().resize(prefixes_);
  retried_stage_ = probe_.stage(metrics::Spent::capacity);
  put_stage_ = probe_.stage(metrics::Spent::service);
}

std::uint64_t S3Bucket::new_object() {
  if (!free_.empty()) {
    const std::uint64_t slot = free_.back();
    free_.pop_back();
    return slot;
  }
  objects_.emplace_back();
  return objects_.size() - 1;
}

void S3Bucket::accept(const model::Batch& batch) {
  if (!pending_open_) {
    pending_ = new_object();
    pending_open_ = true;
    schedule_in(0, kClose, pending_);  // runs after everything else arriving at this instant
  }
  Object& o = objects_[pending_];
  o.batches.push_back(batch);
  o.records += batch.count;
  o.bytes += batch.bytes;
  held_records_ += batch.count;
  probe_.set_backlog(now(), static_cast<double>(held_records_));
}

void S3Bucket::handle(const engine::Event& event) {
  switch (event.tag) {
    case kClose: {
      pending_open_ = false;
      Object& o = objects_[event.data];
      o.puts = object_size_ > 0
                   ? std::max<std::uint64_t>(1, static_cast<std::uint64_t>(std::ceil(static_cast<double>(o.bytes) / object_size_)))
                   : 1;
      o.attempt = 0;
      o.prefix = next_prefix_;
      next_prefix_ = static_cast<std::uint32_t>((next_prefix_ + o.puts) % prefixes_);
      try_put(event.data);
      break;
    }
    case kRetry:
      --retrying_;
      try_put(event.data);
      break;
    case kWritten:
      written(event.data);
      break;
    default:
      break;
  }
}

// The object's PUTs go to consecutive prefixes from its own; all are accepted
// together or the attempt gets SlowDown replies for the prefixes short of tokens.
void S3Bucket::try_put(std::uint64_t slot) {
  const engine::SimTime t = now();
  Object& o = objects_[slot];
  const std::uint64_t each = o.puts / prefixes_, extra = o.puts % prefixes_;
  // What each prefix is offered, first tries only, in seconds of its PUT rate.
  if (o.attempt == 0)
    for (std::uint32_t i = 0; i < prefixes_ && i < o.puts; ++i)
      probe_.units().add(t, (o.prefix + i) % prefixes_,
                         static_cast<double>(each + (i < extra ? 1 : 0)) / prefix_puts_per_s_);
  std::uint64_t refused = 0;
  for (std::uint32_t i = 0; i < prefixes_ && i < o.puts; ++i) {
    const double need = static_cast<double>(each + (i < extra ? 1 : 0));
    if (buckets_[(o.prefix + i) % prefixes_].tokens(t) + 1e-9 < need) refused += static_cast<std::uint64_t>(need);
  }
  // A drill's `throttled` fault: each PUT gets 503 SlowDown with its share,
  // whatever its prefix has room for, and the object is tried again whole.
  bool by_service = false;
  if (refused == 0)
    if (const double share = model::refused_share_at(faults_, t); share > 0) {
      refused = binomial(rng_, o.puts, share);
      by_service = refused > 0;
    }
  if (refused == 0) {
    for (std::uint32_t i = 0; i < prefixes_ && i < o.puts; ++i)
      buckets_[(o.prefix + i) % prefixes_].try_take(t, static_cast<double>(each + (i < extra ? 1 : 0)));
    puts_ += o.puts;
    o.accepted = t;
    schedule_in(engine::round_half_away(put_latency_.sample(rng_)), kWritten, slot);
    return;
  }
  probe_.throttled(refused, by_service ? kServiceThrottling : kPrefixPuts);
  if (!by_service)
    for (std::uint32_t i = 0; i < prefixes_ && i < o.puts; ++i)
      probe_.units().throttled((o.prefix + i) % prefixes_, each + (i < extra ? 1 : 0));
  ++o.attempt;
  if (retry_.gives_up(o.attempt)) {
    probe_.dropped(o.records, by_service ? service_slow_down_ : slow_down_, t);
    release(slot);
    return;
  }
  ++retrying_;
  schedule_in(retry_.backoff(o.attempt, rng_), kRetry, slot);
}

void S3Bucket::written(std::uint64_t slot) {
  const engine::SimTime t = now();
  Object& o = objects_[slot];
  for (const model::Batch& b : o.batches) {
    probe_.spent(retried_stage_, o.accepted - b.arrived, b.count, t);
    probe_.spent(put_stage_, t - o.accepted, b.count, t);
    probe_.departed(b, t);
    emit(b);
  }
  ++objects_written_;
  bytes_written_ += o.bytes;
  store(t, static_cast<double>(o.bytes) / compression_ratio_);
  release(slot);
}

void S3Bucket::release(std::uint64_t slot) {
  Object& o = objects_[slot];
  held_records_ -= o.records;
  o.batches.clear();  // keeps its capacity for the next object in this slot
  o.records = o.bytes = 0;
  free_.push_back(slot);
  probe_.set_backlog(now(), static_cast<double>(held_records_));
}

void S3Bucket::store(engine::SimTime t, double bytes) {
  byte_seconds_ += stored_bytes_ * engine::to_seconds(t - stored_since_);
  stored_since_ = t;
  stored_bytes_ += bytes;
}

// Requests: successful PUTs at the price per 1,000. Storage: the bytes held
// on average over the run (objects stay once written), priced per GB-month by
// the monthly tiers, for the run's share of a month.
CostParts S3Bucket::cost(engine::SimTime duration) const {
  const double seconds = engine::to_seconds(duration);
  CostParts bill;
  const auto puts = static_cast<double>(puts_);
  bill.usage({"PUT requests", puts, puts / 1000.0 * put_price_per_1000_});
  if (seconds > 0)
    bill.storage({"GB-months stored", mean_stored_gb(duration) * (seconds / kSecondsPerMonth),
                  tiered_monthly_cost(storage_price_, mean_stored_gb(duration)) * (seconds / kSecondsPerMonth)});
  return bill;
}

model::StaticFigures S3Bucket::figures(const model::ParamSet& params, const model::Catalog& catalog,
                                       const model::FlowIn& in) {
  const double prefixes = static_cast<double>(params.integer("prefixes"));
  const double prefix_rate = catalog.value("s3.prefix.write_requests_per_s");
  const double objects = in.batches_per_s > 0 ? in.batches_per_s : in.records_per_s;
  const double object_bytes = objects > 0 ? in.bytes_per_s() / objects : 0;
  const double puts_per_object =
      params.has("object_size") ? std::max(1.0, std::ceil(object_bytes / params.number("object_size"))) : 1.0;
  const double puts = objects * puts_per_object;
  const double records_per_put = puts > 0 ? in.records_per_s / puts : 1;
  model::StaticFigures f;
  f.capacity = prefixes * prefix_rate * records_per_put;
  f.limit = model::group_digits(prefixes) + " prefix" + (prefixes == 1 ? "" : "es") + " x " +
            model::group_digits(prefix_rate) + " PUTs/s (" + model::group_digits(records_per_put) + " records a PUT)";
  f.latency_s = in.records_per_s > f.capacity ? model::kUnbounded : params.dist("put_latency").mean() / 1e9;
  f.attempts_per_s = model::attempts_with_retries(puts, prefixes * prefix_rate, RetryPolicy{}.max_retries);
  // Objects go to the prefixes round-robin, whatever their keys.
  f.units = prefixes;
  f.unit_capacity = prefix_rate * records_per_put;
  f.queue_records = in.records_per_s * RetryPolicy{}.mean_span_s();
  const double ratio = compression_ratio(params.text("compression"),
                                         params.has("compression_ratio")
                                             ? std::optional<double>(params.number("compression_ratio"))
                                             : std::nullopt,
                                         catalog);
  // Storage as the run bills it: the bytes held on average over the span
  // (what existed, plus what was written so far), priced for a month.
  const model::LoadOverTime load = load_over_span(in);
  double written = 0, byte_seconds = 0;
  for (std::size_t i = 0; i < load.starts_s.size(); ++i) {
    const double length = load.length_s(i), bytes = load.records_per_s[i] * in.record_bytes * length;
    byte_seconds += written * length + bytes * length / 2;
    written += bytes;
  }
  const double mean_gb = (params.number("existing") + byte_seconds / span_seconds(in)) / ratio / kBytesPerGB;
  f.monthly_usd = std::min(puts, prefixes * prefix_rate) * kSecondsPerMonth / 1000.0 *
                      catalog.value("s3.price.put_requests_per_1000_usd") +
                  tiered_monthly_cost(catalog.at("s3.price.standard_storage_gb_month_usd"), mean_gb);
  return f;
}

double S3Bucket::mean_stored_gb(engine::SimTime end) const {
  const double seconds = engine::to_seconds(end);
  if (seconds <= 0) return 0;
  const double byte_seconds = byte_seconds_ + stored_bytes_ * std::max(0.0, engine::to_seconds(end - stored_since_));
  return byte_seconds / seconds / kBytesPerGB;
}

std::vector<std::pair<std::string, double>> S3Bucket::usage() const {
  return {{"objects_written", static_cast<double>(objects_written_)},
          {"put_requests", static_cast<double>(puts_)},
          {"bytes_written", static_cast<double>(bytes_written_)},
          {"bytes_stored", stored_bytes_},
          {"stored_gb_mean", mean_stored_gb(end_)},
          // Storage in the unit S3 bills it: GB-months (GB of 2^30 bytes,
          // a month of 730 hours) held over the run.
          {"stored_gb_months", mean_stored_gb(end_) * engine::to_seconds(end_) / kSecondsPerMonth}};
}

}  // namespace archsim::models

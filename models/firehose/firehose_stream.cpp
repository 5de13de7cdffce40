#include "archsim/models/firehose/firehose_stream.hpp"
#include "archsim/models/common/billing.hpp"
#include "archsim/models/common/record_units.hpp"

#include <algorithm>
#include <cmath>

namespace archsim::models {

double tiered_monthly_cost(const model::CatalogEntry& entry, double quantity) {
  if (entry.tiers.empty()) return quantity * entry.value;
  double cost = 0, below = 0;
  for (const auto& tier : entry.tiers) {
    const bool open = !(tier.up_to > 0) || std::isinf(tier.up_to);
    const double top = open ? quantity : std::min(quantity, tier.up_to);
    if (top > below) cost += (top - below) * tier.price;
    if (open || quantity <= tier.up_to) return cost;
    below = tier.up_to;
  }
  // Usage beyond the last bounded step: priced at the last step's price.
  return cost + (quantity - below) * entry.tiers.back().price;
}

FirehoseStream::FirehoseStream(const model::BuildContext& ctx)
    : Component(ctx),
      buffer_size_(ctx.params.number("buffer_size")),
      buffer_interval_(ctx.params.duration("buffer_interval")),
      record_max_bytes_(ctx.catalog.at("firehose.record.max_bytes").value),
      units_(ctx.catalog.at("firehose.ingest_rounding_bytes").value),
      ingest_price_(ctx.catalog.at("firehose.price.ingest_gb_usd")),
      too_large_(probe_.drop_reason("record_too_large")),
      throttled_reason_(probe_.drop_reason("throttled_after_retries")),
      buffer_stage_(probe_.stage(metrics::Spent::buffering)),
      retried_stage_(probe_.stage(metrics::Spent::capacity)),
      direct_put_(ctx.params.text("source") == "direct_put"),
      quota_(DirectPutLimits::of(ctx.params, ctx.catalog)),
      retry_(RetryPolicy::of(ctx.params)) {
  // Direct PUT: utilization is the largest share of the quota used in a second.
  if (direct_put_) probe_.set_capacity(1);
  // The scenario loader enforced the spec's range; the catalog's limits win if they are tighter.
  buffer_size_ = std::clamp(buffer_size_, ctx.catalog.at("firehose.buffer.min_bytes").value,
                            ctx.catalog.at("firehose.buffer.max_bytes").value);
  const double max_interval_ns = ctx.catalog.at("firehose.buffer.max_interval_s").value * 1e9;
  if (static_cast<double>(buffer_interval_) > max_interval_ns) buffer_interval_ = static_cast<engine::SimTime>(max_interval_ns);
}

void FirehoseStream::accept(const model::Batch& batch) {
  if (batch.count == 0) return;
  const double record_bytes = static_cast<double>(batch.bytes) / static_cast<double>(batch.count);
  if (record_bytes > record_max_bytes_) {
    probe_.dropped(batch.count, too_large_, now());
    return;
  }
  if (direct_put_) return put(batch, 0);
  take_in(batch);
}

// One Direct PUT attempt of `batch` (attempt 0 is the producer's first try):
// the quota takes what fits now; the rest is refused and retried after the
// producer's backoff, or dropped once the retries are spent.
void FirehoseStream::put(const model::Batch& batch, std::uint32_t attempt) {
  const engine::SimTime t = now();
  quota_.roll(t, probe_);
  model::Batch rest = batch;
  const std::uint64_t accepted = quota_.take(batch, t);
  if (accepted > 0) {
    model::Batch taken = engine::take_front(rest, accepted);
    probe_.spent(retried_stage_, t - taken.arrived, taken.count, t);
    taken.arrived = t;  // in the stream from its accepted put: the buffer's wait counts from here
    take_in(taken);
  }
  if (rest.count == 0) return;
  probe_.throttled(rest.count, kDirectPut);
  const std::uint32_t next = attempt + 1;
  if (retry_.gives_up(next)) return probe_.dropped(rest.count, throttled_reason_, t);
  const std::uint64_t slot = retrying_.put(rest);
  if (retry_attempt_.size() <= slot) retry_attempt_.resize(slot + 1);
  retry_attempt_[slot] = next;
  schedule_in(retry_.backoff(next, rng_), kRetry, slot);
  update_backlog();
}

// What it holds: its buffer, and refused records waiting for their retry.
void FirehoseStream::update_backlog() {
  probe_.set_backlog(now(), static_cast<double>(buffered_records_ + retrying_.records()));
}

// Records the stream has taken: billed, then buffered.
void FirehoseStream::take_in(const model::Batch& batch) {
  // Ingestion billing: each record rounded up to the next 5 KB, at least 5 KB;
  // a batch's records by the spread of their source's sizes, not at their mean.
  billed_bytes_ += units_.per_record(batch, network_) * units_.unit_bytes() * static_cast<double>(batch.count);
  raw_bytes_ += static_cast<double>(batch.bytes);

  // A batch that would overfill the buffer is split: the records that fill it
  // are flushed with it, the rest start the next buffer.
  model::Batch rest = batch;
  while (rest.count > 0) {
    const double room = buffer_size_ - buffered_bytes_;
    if (static_cast<double>(rest.bytes) < room || rest.bytes == 0) {
      add(rest);
      break;
    }
    const double per_record = static_cast<double>(rest.bytes) / static_cast<double>(rest.count);
    auto n = static_cast<std::uint64_t>(std::ceil(room / per_record - 1e-9));
    n = std::clamp<std::uint64_t>(n, 1, rest.count);
    add(engine::take_front(rest, n));
    flush(true);
  }
  if (buffer_interval_ == 0 && buffered_records_ > 0) flush(false);
}

void FirehoseStream::add(const model::Batch& part) {
  if (buffered_records_ == 0 && buffer_interval_ > 0) schedule_in(buffer_interval_, kBufferTimer, generation_);
  buffer_.push(part);
  buffered_records_ += part.count;
  buffered_bytes_ += static_cast<double>(part.bytes);
  update_backlog();
}

// Every buffered batch leaves now, keeping its own creation time, so that each
// record's end-to-end latency includes its own wait in the buffer.
void FirehoseStream::flush(bool by_size) {
  const engine::SimTime t = now();
  while (!buffer_.empty()) {
    const model::Batch b = buffer_.pop();
    probe_.departed(b, t);
    probe_.waited(t - b.arrived, b.count, t);
    probe_.spent(buffer_stage_, t - b.arrived, b.count, t);
    emit(b);
  }
  buffered_records_ = 0;
  buffered_bytes_ = 0;
  ++generation_;
  ++flushes_;
  if (by_size) ++size_flushes_;
  update_backlog();
}

void FirehoseStream::handle(const engine::Event& event) {
  if (event.tag == kRetry) {
    const std::uint32_t attempt = retry_attempt_[event.data];
    put(retrying_.take(event.data), attempt);
    return update_backlog();
  }
  if (event.tag == kBufferTimer && event.data == generation_ && buffered_records_ > 0) flush(false);
}

void FirehoseStream::finish(engine::SimTime end) {
  if (direct_put_) quota_.roll(end, probe_);
  Component::finish(end);
}

// Ingested GB over the run, priced by the tiers as if the run's rate lasted a
// month, then scaled back to the run's length.
CostParts FirehoseStream::cost(engine::SimTime duration) const {
  const double seconds = engine::to_seconds(duration);
  if (seconds <= 0) return {};
  const double month_share = seconds / kSecondsPerMonth;
  const double monthly_gb = billed_bytes_ / kBytesPerGB / month_share;
  model::BilledQuantity line{"GB ingested (records rounded up to 5 KiB)", billed_bytes_ / kBytesPerGB,
                             tiered_monthly_cost(ingest_price_, monthly_gb) * month_share};
  line.rounded_to = "5 KiB";
  line.usd_unrounded = tiered_monthly_cost(ingest_price_, raw_bytes_ / kBytesPerGB / month_share) * month_share;
  return CostParts().usage(line);
}

double FirehoseStream::billed_record_bytes(double record_bytes, double rounding_bytes) {
  return units_of_record(record_bytes, rounding_bytes) * rounding_bytes;
}

std::vector<std::pair<std::string, double>> FirehoseStream::usage() const {
  // ingest_bytes_billed is the older spelling of ingest_gib_billed, kept.
  return {{"flushes", static_cast<double>(flushes_)},
          {"size_flushes", static_cast<double>(size_flushes_)},
          {"ingest_gib_billed", billed_bytes_ / kBytesPerGB},
          {"ingest_bytes_billed", billed_bytes_}};
}

}  // namespace archsim::models

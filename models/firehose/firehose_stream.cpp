#include "archsim/models/firehose/firehose_stream.hpp"
#include "archsim/models/common/billing.hpp"
#include "archsim/models/common/record_units.hpp"

#include <algorithm>
#include <cmath>

namespace archsim::models {

namespace {
constexpr std::uint32_t kBufferTimer = 0;
}  // namespace

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

namespace {
// A shorter interval: fresher objects, more of them.
std::vector<model::ParamChange> shorter_interval(const model::ParamSet& p, const model::Catalog&,
                                                 const model::FlowIn&, double factor) {
  const double now = static_cast<double>(p.duration("buffer_interval"));
  return model::change_number("buffer_interval", now, std::floor(now / factor / 1e9) * 1e9);
}
}  // namespace

model::ModelSpec FirehoseStream::spec() {
  using model::ParamType;
  model::ModelSpec s;
  s.service = "firehose";
  s.summary = "Amazon Data Firehose to S3: buffers records by size and interval, one S3 object per flush";
  // Ranges and defaults are the catalog's firehose.buffer.* entries (a test
  // checks that they agree; the constructor also clamps to the catalog's).
  s.params = {
      {.name = "buffer_size", .type = ParamType::size, .default_text = "5MiB", .min = 1048576, .max = 134217728,
       .help = "flush when the buffered bytes reach this (1 MiB to 128 MiB)"},
      {.name = "buffer_interval", .type = ParamType::duration, .default_text = "300s", .min = 0, .max = 900e9,
       .help = "flush when this long has passed since the buffer's first record (0 to 900 s; 0: no buffering)"},
  };
  s.factory = model::make_component<FirehoseStream>;
  s.figures = &FirehoseStream::figures;
  s.resources = {{.id = "delivery_buffer",
                  .name = "delivery buffer (buffer_size or buffer_interval, whichever fills first)",
                  .levers = {"buffer_interval"},
                  .time = {metrics::Spent::buffering}},
                 {.id = "record_size", .name = "record size limit (1,000 KiB)"}};
  s.levers = {{.id = "buffer_interval", .words = "a shorter buffer interval", .bound = "no buffering (0 s)",
               .move = &shorter_interval}};
  s.drops = {{.reason = "record_too_large", .resource = "record_size"}};
  s.label = [](const model::ParamSet& p) {
    return model::group_digits(p.number("buffer_size") / 1048576.0) + " MiB or " +
           model::group_digits(engine::to_seconds(p.duration("buffer_interval"))) + " s buffer";
  };
  return s;
}

FirehoseStream::FirehoseStream(const model::BuildContext& ctx)
    : Component(ctx),
      buffer_size_(ctx.params.number("buffer_size")),
      buffer_interval_(ctx.params.duration("buffer_interval")),
      record_max_bytes_(ctx.catalog.at("firehose.record.max_bytes").value),
      units_(ctx.catalog.at("firehose.ingest_rounding_bytes").value),
      ingest_price_(ctx.catalog.at("firehose.price.ingest_gb_usd")),
      too_large_(probe_.drop_reason("record_too_large")),
      buffer_stage_(probe_.stage(metrics::Spent::buffering)) {
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
  // Ingestion billing: each record rounded up to the next 5 KB, at least 5 KB;
  // a batch's records by the spread of their source's sizes, not at their mean.
  billed_bytes_ += units_.per_record(batch, network_) * units_.unit_bytes() * static_cast<double>(batch.count);

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
  probe_.set_backlog(now(), static_cast<double>(buffered_records_));
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
  probe_.set_backlog(t, 0);
}

void FirehoseStream::handle(const engine::Event& event) {
  if (event.tag == kBufferTimer && event.data == generation_ && buffered_records_ > 0) flush(false);
}

// Ingested GB over the run, priced by the tiers as if the run's rate lasted a
// month, then scaled back to the run's length.
double FirehoseStream::cost_usd(engine::SimTime duration) const {
  const double seconds = engine::to_seconds(duration);
  if (seconds <= 0) return 0;
  const double month_share = seconds / kSecondsPerMonth;
  const double monthly_gb = billed_bytes_ / kBytesPerGB / month_share;
  return tiered_monthly_cost(ingest_price_, monthly_gb) * month_share;
}

double FirehoseStream::billed_record_bytes(double record_bytes, double rounding_bytes) {
  return units_of_record(record_bytes, rounding_bytes) * rounding_bytes;
}

model::StaticFigures FirehoseStream::figures(const model::ParamSet& params, const model::Catalog& catalog,
                                             const model::FlowIn& in) {
  const double size = std::clamp(params.number("buffer_size"), catalog.value("firehose.buffer.min_bytes"),
                                 catalog.value("firehose.buffer.max_bytes"));
  const double interval_s =
      std::min(engine::to_seconds(params.duration("buffer_interval")), catalog.value("firehose.buffer.max_interval_s"));
  const double byte_rate = in.bytes_per_s();
  const double fill_s = byte_rate > 0 ? std::min(interval_s, size / byte_rate) : interval_s;
  model::StaticFigures f;
  f.latency_s = fill_s / 2;
  f.out_batches_per_s = fill_s > 0 ? 1 / fill_s : in.batches_per_s;
  // Each record rounded up to 5 KB by the spread of the sizes, as the run rounds them.
  const double rounding = catalog.value("firehose.ingest_rounding_bytes");
  const double billed = in.records_per_s * units_per_record(in, rounding) * rounding * kSecondsPerMonth;
  f.monthly_usd = tiered_monthly_cost(catalog.at("firehose.price.ingest_gb_usd"), billed / kBytesPerGB);
  return f;
}

std::vector<std::pair<std::string, double>> FirehoseStream::usage() const {
  // ingest_bytes_billed is the older spelling of ingest_gib_billed, kept.
  return {{"flushes", static_cast<double>(flushes_)},
          {"size_flushes", static_cast<double>(size_flushes_)},
          {"ingest_gib_billed", billed_bytes_ / kBytesPerGB},
          {"ingest_bytes_billed", billed_bytes_}};
}

}  // namespace archsim::models

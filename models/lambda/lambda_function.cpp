#include "archsim/models/lambda/lambda_function.hpp"

#include <algorithm>
#include <cmath>
#include <stdexcept>
#include <string>

#include "archsim/models/common/billing.hpp"
#include "archsim/models/common/md5.hpp"
#include "archsim/models/common/static_span.hpp"
#include "archsim/models/kinesis/kinesis_stream.hpp"

namespace archsim::models {

namespace {
constexpr double kBytesPerMiB = 1024.0 * 1024.0;
constexpr double kMbPerGb = 1024.0;  // Lambda's GB-second: memory in MB / 1,024

// Lambda's memory setting in its own MB (MiB): a decimal-MB size (512MB) is
// read as that many Lambda MB; otherwise the size must be whole MiB (512MiB).
double lambda_mb(double bytes, const std::string& who) {
  const double decimal = bytes / 1e6;
  if (std::abs(decimal - std::round(decimal)) < 1e-9) return std::round(decimal);
  const double mib = bytes / kBytesPerMiB;
  if (std::abs(mib - std::round(mib)) < 1e-9) return std::round(mib);
  throw std::invalid_argument(who + ": memory must be a whole number of MB, such as 512MB");
}
}  // namespace

std::uint64_t LambdaFunction::group_of(std::uint64_t key, std::uint64_t shards, std::uint64_t factor) {
  return KinesisStream::shard_of(key, shards) * factor + (factor == 1 ? 0 : subpartition_of(key, factor));
}

std::uint64_t LambdaFunction::subpartition_of(std::uint64_t key, std::uint64_t factor) {
  return md5_number(std::to_string(key)).low % factor;
}

namespace {

// What one invocation of a group takes, first order: the records that reach
// the group together (an arriving batch's part), those a batching window
// gathers, and those arriving while the previous invocation runs (the fixed
// point n = rate x (duration + n x per_record)), up to batch_size.
struct Fill {
  double records = 1, run_s = 0;
};
Fill fill(double group_rate, double arrivals_per_s, double window_s, double d, double per, double batch) {
  if (group_rate <= 0) return {1, d + per};
  const double together = arrivals_per_s > 0 ? std::max(1.0, group_rate / arrivals_per_s) : 1.0;
  const double while_running = group_rate * per < 1 ? group_rate * d / (1 - group_rate * per) : batch;
  const double n = std::clamp(std::max({together, group_rate * window_s, while_running}), 1.0, batch);
  return {n, d + n * per};
}

}  // namespace

// Each of the shards x parallelization_factor groups is a single server
// taking batches (Fill), which run for duration + n x duration_per_record.
// The account limit pools the groups when it is lower. Latency: the fill,
// then an M/M/1 queue of batches per group (or M/M/c over the account's
// slots, whichever is longer). The bill counts invocations interval by
// interval over the run's load, since how full a batch is follows the rate.
// All first order: keys spread evenly over the groups.
model::StaticFigures LambdaFunction::figures(const model::ParamSet& params, const model::Catalog& catalog,
                                             const model::FlowIn& in) {
  const double shards = static_cast<double>(params.integer("shards"));
  const double factor = static_cast<double>(params.integer("parallelization_factor"));
  const double groups = shards * factor;
  const double limit = params.has("concurrency_limit") ? static_cast<double>(params.integer("concurrency_limit"))
                                                       : catalog.value("lambda.account.concurrency");
  const double slots = std::min(groups, limit);
  // A batch holds batch_size records or what fits in the 6 MB payload, whichever is fewer.
  const double fits = in.record_bytes > 0 ? std::floor(catalog.value("lambda.kinesis.max_batch_bytes") / in.record_bytes)
                                          : model::kUnbounded;
  const double batch = std::max(1.0, std::min(static_cast<double>(params.integer("batch_size")), fits));
  const engine::Distribution& duration = params.dist("duration");
  const double d = duration.mean() / 1e9, per = engine::to_seconds(params.duration("duration_per_record"));
  const double window = engine::to_seconds(params.duration("batching_window"));
  // Records arriving one batch each (no batching upstream): arrivals follow the rate.
  const bool per_record = in.batches_per_s >= in.records_per_s * (1 - 1e-9);
  auto arrivals = [&](double rate) { return per_record ? rate / groups : in.batches_per_s; };
  model::StaticFigures f;
  f.capacity = slots * batch / (d + batch * per);
  f.limit = model::group_digits(slots) + " concurrent invocations x " + model::group_digits(batch) + " records / " +
            model::group_digits((d + batch * per) * 1e3) + " ms";
  f.units = groups;
  f.unit_capacity = batch / (d + batch * per);
  if (factor == 1) f.unit_of_key = &KinesisStream::shard_of;
  const double group_rate = in.records_per_s / groups;
  const Fill now = fill(group_rate, arrivals(in.records_per_s), window, d, per, batch);
  const double fill_s = window > 0 && group_rate > 0 ? std::min(window, now.records / group_rate) : 0.0;
  const double invocations = in.records_per_s / now.records;
  f.latency_s = in.records_per_s > f.capacity ? model::kUnbounded
                                              : fill_s + std::max(model::mmc_sojourn(1, invocations / groups, now.run_s),
                                                                  model::mmc_sojourn(slots, invocations, now.run_s));
  // Each invocation's duration is billed rounded up to the millisecond: half
  // a millisecond more on average for a drawn duration, the ceiling of a fixed one.
  const bool fixed = duration.scv() == 0;
  const double memory_mb = lambda_mb(params.number("memory"), "");
  const double price_request = catalog.value("lambda.price.requests_per_million_usd") / 1e6;
  const double price_gb_s = catalog.value("lambda.price.x86_gb_s_usd");
  const model::LoadOverTime load = load_over_span(in);
  double usd = 0;
  for (std::size_t i = 0; i < load.starts_s.size(); ++i) {
    const double rate = std::min(load.records_per_s[i], f.capacity);
    if (rate <= 0) continue;
    const Fill then = fill(rate / groups, arrivals(rate), window, d, per, batch);
    const double billed_s = fixed ? std::ceil(then.run_s * 1e3 - 1e-9) / 1e3 : then.run_s + 0.0005;
    usd += load.length_s(i) * rate / then.records * (price_request + memory_mb / 1024.0 * billed_s * price_gb_s);
  }
  f.monthly_usd = per_month(usd, in);
  return f;
}

double LambdaFunction::billed_gb_seconds(double memory_mb, engine::SimTime duration) {
  const engine::SimTime ms = (duration + engine::kMillisecond - 1) / engine::kMillisecond;  // rounded up
  return memory_mb / kMbPerGb * static_cast<double>(ms) / 1000.0;
}

LambdaFunction::LambdaFunction(const model::BuildContext& ctx)
    : Component(ctx),
      memory_mb_(lambda_mb(ctx.params.number("memory"), ctx.name)),
      duration_(ctx.params.dist("duration")),
      per_record_(ctx.params.duration("duration_per_record")),
      batch_size_(static_cast<std::uint64_t>(ctx.params.integer("batch_size"))),
      max_batch_bytes_(static_cast<std::uint64_t>(ctx.catalog.at("lambda.kinesis.max_batch_bytes").value)),
      window_(ctx.params.duration("batching_window")),
      shards_(static_cast<std::uint64_t>(ctx.params.integer("shards"))),
      factor_(static_cast<std::uint64_t>(ctx.params.integer("parallelization_factor"))),
      limit_(ctx.params.has("concurrency_limit")
                 ? static_cast<std::uint64_t>(ctx.params.integer("concurrency_limit"))
                 : static_cast<std::uint64_t>(ctx.catalog.at("lambda.account.concurrency").value)),
      price_request_(ctx.catalog.at("lambda.price.requests_per_million_usd").value / 1e6),
      price_gb_s_(ctx.catalog.at("lambda.price.x86_gb_s_usd").value) {
  const double max_mb = ctx.catalog.at("lambda.function.max_memory_bytes").value / kBytesPerMiB;
  if (memory_mb_ < 128 || memory_mb_ > max_mb)
    throw std::invalid_argument(name() + ": memory " + std::to_string(static_cast<long long>(memory_mb_)) +
                                " MB is outside 128 to " + std::to_string(static_cast<long long>(max_mb)) +
                                " MB (lambda.function.max_memory_bytes)");
  const auto max_batch = static_cast<std::uint64_t>(ctx.catalog.at("lambda.kinesis.max_batch_size").value);
  if (batch_size_ > max_batch)
    throw std::invalid_argument(name() + ": batch_size exceeds " + std::to_string(max_batch) +
                                " (lambda.kinesis.max_batch_size)");
  const auto max_factor = static_cast<std::uint64_t>(ctx.catalog.at("lambda.kinesis.max_parallelization_factor").value);
  if (factor_ > max_factor)
    throw std::invalid_argument(name() + ": parallelization_factor exceeds " + std::to_string(max_factor) +
                                " (lambda.kinesis.max_parallelization_factor)");
  groups_.resize(shards_ * factor_);
  // Read ahead what a group runs through between two of the stream's reads
  // (a shard's GetRecords calls come every 200 ms), so that the read cadence
  // does not starve it, but no more than one call returns.
  const double run_s = duration_.mean() / 1e9 + static_cast<double>(batch_size_) * engine::to_seconds(per_record_);
  const double read_every_s = 1.0 / ctx.catalog.at("kinesis.shard.get_records_calls_per_s").value;
  const auto per_call = static_cast<std::uint64_t>(ctx.catalog.at("kinesis.get_records.max_records").value);
  const double batches_between_reads = run_s > 0 ? std::ceil(read_every_s / run_s - 1e-9) : 1e9;
  const double ahead = std::min(static_cast<double>(batch_size_) * batches_between_reads,
                                static_cast<double>(std::max(batch_size_, per_call)));
  hold_ = batch_size_ + static_cast<std::uint64_t>(ahead);
  probe_.units().resize(groups_.size());
  // The least time a record takes of its group: a full batch's share of the
  // invocation, plus its own; a record's load on its group, in group-seconds.
  record_load_s_ = duration_.mean() / 1e9 / static_cast<double>(batch_size_) + engine::to_seconds(per_record_);
  filling_stage_ = probe_.stage(metrics::Spent::buffering);
  waiting_stage_ = probe_.stage(metrics::Spent::capacity);
  running_stage_ = probe_.stage(metrics::Spent::service);
  probe_.set_capacity(static_cast<double>(std::min<std::uint64_t>(limit_, shards_ * factor_)));
}

// A batch is split by the stream's shards (the same hash as the stream's, so
// a part the stream already placed stays whole), then by sub-partition.
void LambdaFunction::accept(const model::Batch& batch) {
  if (batch.count == 0) return;
  model::KeyMixes& mixes = network_.key_mixes();
  const model::KeyHash by_shard{&KinesisStream::shard_of, shards_};
  const model::KeyHash by_subpartition{&LambdaFunction::subpartition_of, factor_};
  mixes.split(batch, by_shard, rng_, [&](std::uint64_t shard, const model::Batch& part) {
    if (factor_ == 1) return enqueue(shard, part);
    mixes.split(part, by_subpartition, rng_,
                [&](std::uint64_t sub, const model::Batch& piece) { enqueue(shard * factor_ + sub, piece); });
  });
}

void LambdaFunction::enqueue(std::uint64_t g, const model::Batch& batch) {
  Group& group = groups_[g];
  const bool was_full = group_room(g) == 0;
  probe_.units().add(now(), g, static_cast<double>(batch.count) * record_load_s_);
  probe_.units().queued(now(), g, static_cast<double>(batch.count));
  group.waiting.push_back(batch);
  group.waiting_records += batch.count;
  group.waiting_bytes += batch.bytes;
  waiting_records_ += batch.count;
  probe_.set_backlog(now(), static_cast<double>(waiting_records_));
  recount_full(g, was_full);
  consider(g);
}

// An idle group with waiting records: start it if its batch is ready and a
// slot is free, queue it for a slot if ready, or wait for its window.
void LambdaFunction::consider(std::uint64_t g) {
  Group& group = groups_[g];
  if (group.busy || group.queued || group.waiting.empty()) return;
  const engine::SimTime t = now();
  // A batch is full at batch_size records or at the 6 MB payload, whichever comes first.
  bool ready = window_ == 0 || group.waiting_records >= batch_size_ || group.waiting_bytes >= max_batch_bytes_;
  if (!ready) {
    const engine::SimTime deadline = group.waiting.front().arrived + window_;
    if (t >= deadline) {
      ready = true;
    } else if (!group.timer) {
      group.timer = true;
      schedule_in(deadline - t, kWindow, g);
    }
  }
  if (!ready) return;
  group.ready_at = t;
  if (running_ < limit_) {
    start(g);
  } else {
    // No concurrency left: Lambda throttles the invocation (its Throttles
    // metric), and the event source mapping retries it when a slot frees.
    probe_.throttled(std::min(group.waiting_records, batch_size_), kConcurrency);
    group.queued = true;
    ready_.push(g);
  }
}

void LambdaFunction::start(std::uint64_t g) {
  Group& group = groups_[g];
  const engine::SimTime t = now();
  std::uint64_t want = batch_size_;
  std::uint64_t bytes_left = max_batch_bytes_;
  std::uint64_t taken_bytes = 0;
  group.running.clear();
  while (want > 0 && !group.waiting.empty()) {
    model::Batch& front = group.waiting.front();
    // The invocation takes at most `want` records and what fits in the
    // payload (at least one record); the rest stays at the front.
    const std::uint64_t fit = front.bytes == 0 ? front.count
                                               : static_cast<std::uint64_t>(static_cast<unsigned __int128>(bytes_left) *
                                                                            front.count / front.bytes);
    const std::uint64_t n = std::min({want, front.count, group.running.empty() ? std::max<std::uint64_t>(1, fit) : fit});
    if (n == 0) break;
    model::Batch b;
    if (front.count > n) {
      b = engine::take_front(front, n);
    } else {
      b = front;
      group.waiting.pop_front();
    }
    want -= b.count;
    bytes_left -= std::min(bytes_left, b.bytes);
    taken_bytes += b.bytes;
    probe_.waited(t - b.arrived, b.count, t);
    // Filling the batch (or its window) until the group was ready, then
    // waiting for the shard's batch in flight or a concurrency slot.
    const engine::SimTime filling =
        window_ == 0 ? 0 : std::clamp<engine::SimTime>(std::min(group.ready_at, b.arrived + window_) - b.arrived, 0,
                                                       t - b.arrived);
    probe_.spent(filling_stage_, filling, b.count, t);
    probe_.spent(waiting_stage_, t - b.arrived - filling, b.count, t);
    group.running.push_back(b);
  }
  const std::uint64_t taken = batch_size_ - want;
  group.waiting_records -= taken;
  group.waiting_bytes -= taken_bytes;
  probe_.units().queued(t, g, -static_cast<double>(taken));
  group.running_records = taken;
  waiting_records_ -= taken;
  running_records_ += taken;
  group.busy = true;
  ++running_;
  const engine::SimTime run_for = engine::round_half_away(std::max(0.0, duration_.sample(rng_))) +
                                 per_record_ * static_cast<engine::SimTime>(taken);
  ++invocations_;
  probe_.spent(running_stage_, run_for, taken, t);
  gb_seconds_ += billed_gb_seconds(memory_mb_, run_for);
  probe_.set_busy(t, static_cast<double>(running_));
  probe_.set_backlog(t, static_cast<double>(waiting_records_));
  schedule_in(run_for, kDone, g);
}

void LambdaFunction::finish_invocation(std::uint64_t g) {
  Group& group = groups_[g];
  const engine::SimTime t = now();
  const bool was_full = group_room(g) == 0;
  for (const model::Batch& b : group.running) {
    probe_.departed(b, t);
    emit(b);
  }
  group.running.clear();
  running_records_ -= group.running_records;
  group.running_records = 0;
  group.busy = false;
  --running_;
  recount_full(g, was_full);
  // Groups that waited for a slot go first, in the order they became ready.
  while (running_ < limit_ && !ready_.empty()) {
    const std::uint64_t next = ready_.pop();
    groups_[next].queued = false;
    start(next);
  }
  consider(g);
  probe_.set_busy(t, static_cast<double>(running_));
}

void LambdaFunction::handle(const engine::Event& event) {
  switch (event.tag) {
    case kDone:
      finish_invocation(event.data);
      break;
    case kWindow:
      groups_[event.data].timer = false;
      consider(event.data);
      break;
    default:
      break;
  }
}

std::uint64_t LambdaFunction::group_room(std::uint64_t g) const {
  const Group& group = groups_[g];
  const std::uint64_t held = group.waiting_records + group.running_records;
  return held >= hold_ ? 0 : hold_ - held;
}

void LambdaFunction::recount_full(std::uint64_t g, bool was_full) {
  const bool full = group_room(g) == 0;
  if (full && !was_full) ++full_groups_;
  if (!full && was_full) --full_groups_;
}

bool LambdaFunction::ready() const { return full_groups_ == 0; }

// A shard's records spread over its concurrent batches by key, so the shard
// takes as many as its fullest batch has room for, for each of them. A
// stream whose shard count differs (on demand) is met with the fullest group.
std::uint64_t LambdaFunction::room_for(std::uint64_t shard, std::uint64_t shards) const {
  const bool own = shards == shards_;
  const std::uint64_t first = own ? shard * factor_ : 0;
  const std::uint64_t last = own ? first + factor_ : groups_.size();
  std::uint64_t least = kAnyAmount;
  for (std::uint64_t g = first; g < last; ++g) least = std::min(least, group_room(g));
  return least * factor_;
}

std::uint64_t LambdaFunction::in_flight() const { return waiting_records_ + running_records_; }

CostParts LambdaFunction::cost() const {
  const auto requests = static_cast<double>(invocations_);
  return CostParts()
      .usage({"million requests", requests / 1e6, requests * price_request_})
      .usage({"GB-seconds", gb_seconds_, gb_seconds_ * price_gb_s_});
}

std::vector<std::pair<std::string, double>> LambdaFunction::usage() const {
  return {{"invocations", static_cast<double>(invocations_)}, {"gb_seconds_billed", gb_seconds_}};
}

}  // namespace archsim::models

#include "archsim/models/lambda/lambda_function.hpp"

#include <algorithm>
#include <cmath>
#include <stdexcept>
#include <string>

#include "archsim/models/common/billing.hpp"
#include "archsim/models/common/md5.hpp"
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

// Each of the shards x parallelization_factor groups is a single server
// taking batches: a batch holds what arrived while the group filled it
// (with a batching window, up to the window's worth; without, what arrived
// during one record's invocation), up to batch_size, and runs for duration +
// n x duration_per_record. The account limit pools the groups when it is
// lower. Latency: the fill, then an M/M/1 queue of batches per group (or
// M/M/c over the account's slots, whichever is longer). All first order.
model::StaticFigures LambdaFunction::figures(const model::ParamSet& params, const model::Catalog& catalog,
                                             const model::FlowIn& in) {
  const double groups = static_cast<double>(params.integer("shards") * params.integer("parallelization_factor"));
  const double limit = params.has("concurrency_limit") ? static_cast<double>(params.integer("concurrency_limit"))
                                                       : catalog.value("lambda.account.concurrency");
  const double slots = std::min(groups, limit);
  const double batch = static_cast<double>(params.integer("batch_size"));
  const double d = params.dist("duration").mean() / 1e9, per = engine::to_seconds(params.duration("duration_per_record"));
  const double window = engine::to_seconds(params.duration("batching_window"));
  const double group_rate = in.records_per_s / groups;
  const double n = std::clamp(group_rate * (window > 0 ? window : d + per), 1.0, batch);
  const double run_s = d + n * per;
  model::StaticFigures f;
  f.capacity = slots * batch / (d + batch * per);
  f.limit = model::group_digits(slots) + " concurrent invocations x " + model::group_digits(batch) + " records / " +
            model::group_digits((d + batch * per) * 1e3) + " ms";
  const double fill = window > 0 && group_rate > 0 ? std::min(window, n / group_rate) : 0.0;
  const double invocations = in.records_per_s / n;
  f.latency_s = in.records_per_s > f.capacity ? model::kUnbounded
                                              : fill + std::max(model::mmc_sojourn(1, invocations / groups, run_s),
                                                                model::mmc_sojourn(slots, invocations, run_s));
  const double memory_mb = lambda_mb(params.number("memory"), "");
  f.monthly_usd = invocations * kSecondsPerMonth *
                  (catalog.value("lambda.price.requests_per_million_usd") / 1e6 +
                   billed_gb_seconds(memory_mb, engine::round_half_away(run_s * 1e9)) *
                       catalog.value("lambda.price.x86_gb_s_usd"));
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
  probe_.units().add(now(), g, static_cast<double>(batch.count) * record_load_s_);
  probe_.units().queued(now(), g, static_cast<double>(batch.count));
  group.waiting.push_back(batch);
  group.waiting_records += batch.count;
  waiting_records_ += batch.count;
  probe_.set_backlog(now(), static_cast<double>(waiting_records_));
  consider(g);
}

// An idle group with waiting records: start it if its batch is ready and a
// slot is free, queue it for a slot if ready, or wait for its window.
void LambdaFunction::consider(std::uint64_t g) {
  Group& group = groups_[g];
  if (group.busy || group.queued || group.waiting.empty()) return;
  const engine::SimTime t = now();
  bool ready = window_ == 0 || group.waiting_records >= batch_size_;
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
    group.queued = true;
    ready_.push(g);
  }
}

void LambdaFunction::start(std::uint64_t g) {
  Group& group = groups_[g];
  const engine::SimTime t = now();
  std::uint64_t want = batch_size_;
  group.running.clear();
  while (want > 0 && !group.waiting.empty()) {
    model::Batch& front = group.waiting.front();
    // The invocation takes at most `want` records; the rest stays at the front.
    model::Batch b;
    if (front.count > want) {
      b = engine::take_front(front, want);
    } else {
      b = front;
      group.waiting.pop_front();
    }
    want -= b.count;
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
  for (const model::Batch& b : group.running) {
    probe_.departed(b, t);
    emit(b);
  }
  group.running.clear();
  running_records_ -= group.running_records;
  group.running_records = 0;
  group.busy = false;
  --running_;
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

std::uint64_t LambdaFunction::in_flight() const { return waiting_records_ + running_records_; }

double LambdaFunction::cost_usd(engine::SimTime /*duration*/) const {
  return static_cast<double>(invocations_) * price_request_ + gb_seconds_ * price_gb_s_;
}

std::vector<std::pair<std::string, double>> LambdaFunction::usage() const {
  return {{"invocations", static_cast<double>(invocations_)}, {"gb_seconds_billed", gb_seconds_}};
}

}  // namespace archsim::models

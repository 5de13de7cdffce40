#include "archsim/models/lambda/lambda_function.hpp"
#include "archsim/models/msk/msk_cluster.hpp"

#include <algorithm>
#include <cmath>
#include <stdexcept>
#include <string>

#include "archsim/models/common/md5.hpp"
#include "archsim/models/common/record_draws.hpp"
#include "archsim/models/kinesis/kinesis_stream.hpp"

namespace archsim::models {

namespace {
constexpr double kBytesPerMiB = 1024.0 * 1024.0;
constexpr double kMbPerGb = 1024.0;  // Lambda's GB-second: memory in MB / 1,024

}  // namespace

// A decimal-MB size (512MB) is read as that many Lambda MB; otherwise the
// size must be whole MiB (512MiB).
double LambdaFunction::memory_mb(double bytes, const std::string& who) {
  const double decimal = bytes / 1e6;
  if (std::abs(decimal - std::round(decimal)) < 1e-9) return std::round(decimal);
  const double mib = bytes / kBytesPerMiB;
  if (std::abs(mib - std::round(mib)) < 1e-9) return std::round(mib);
  throw std::invalid_argument(who + ": memory must be a whole number of MB, such as 512MB");
}

engine::SimTime LambdaFunction::batching_window(const model::ParamSet& params, const model::Catalog& catalog) {
  if (params.text("event_source") == "msk" && params.at("batching_window").defaulted)
    return engine::from_seconds(catalog.value("lambda.msk.default_batching_window_s"));
  return params.duration("batching_window");
}

std::uint64_t LambdaFunction::group_of(std::uint64_t key, std::uint64_t shards, std::uint64_t factor) {
  return KinesisStream::shard_of(key, shards) * factor + (factor == 1 ? 0 : subpartition_of(key, factor));
}

std::uint64_t LambdaFunction::subpartition_of(std::uint64_t key, std::uint64_t factor) {
  return md5_number(std::to_string(key)).low % factor;
}

double LambdaFunction::billed_gb_seconds(double memory_mb, engine::SimTime duration) {
  const engine::SimTime ms = (duration + engine::kMillisecond - 1) / engine::kMillisecond;  // rounded up
  return memory_mb / kMbPerGb * static_cast<double>(ms) / 1000.0;
}

LambdaFunction::LambdaFunction(const model::BuildContext& ctx)
    : Component(ctx),
      memory_mb_(memory_mb(ctx.params.number("memory"), ctx.name)),
      duration_(ctx.params.dist("duration")),
      per_record_(ctx.params.duration("duration_per_record")),
      batch_size_(static_cast<std::uint64_t>(ctx.params.integer("batch_size"))),
      max_batch_bytes_(static_cast<std::uint64_t>(ctx.catalog.at("lambda.kinesis.max_batch_bytes").value)),
      window_(batching_window(ctx.params, ctx.catalog)),
      partition_of_(ctx.params.text("event_source") == "msk" ? &MskCluster::partition_of : &KinesisStream::shard_of),
      shards_(static_cast<std::uint64_t>(ctx.params.integer("shards"))),
      factor_(static_cast<std::uint64_t>(ctx.params.integer("parallelization_factor"))),
      reserved_(ctx.params.has("concurrency_limit")),
      limit_(static_cast<std::uint64_t>(ctx.params.integer(reserved_ ? "concurrency_limit" : "account_concurrency"))),
      account_(&network_.shared<AccountConcurrency>("lambda.account_concurrency",
                                                    static_cast<std::uint64_t>(ctx.params.integer("account_concurrency")))),
      price_request_(ctx.catalog.at("lambda.price.requests_per_million_usd").value / 1e6),
      price_gb_s_(ctx.catalog.at("lambda.price.x86_gb_s_usd").value),
      error_rate_(ctx.params.number("error_rate")),
      poison_rate_(ctx.params.number("poison_rate")),
      faults_(ctx.faults),
      bisect_(ctx.params.text("bisect_on_error") == "true"),
      destination_(ctx.params.text("on_failure") != "none"),
      max_retries_(ctx.params.number("max_retry_attempts")),
      max_age_(ctx.params.has("max_record_age") ? ctx.params.duration("max_record_age") : 0),
      retention_(ctx.params.duration("stream_retention")),
      poll_every_(engine::from_seconds(1.0 / ctx.catalog.at("lambda.kinesis.polls_per_s").value)),
      retries_reason_(probe_.drop_reason("discarded_after_retries")),
      age_reason_(probe_.drop_reason("discarded_max_record_age")),
      destination_reason_(probe_.drop_reason("sent_to_destination")),
      expired_reason_(probe_.drop_reason("expired")) {
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
  if (reserved_) account_->reserve(limit_);
  groups_.resize(shards_ * factor_);
  // Each shard's poller started at some point of its one-second cycle before
  // the run: a phase of its own, from its index, so that shards do not poll in step.
  pollers_.resize(shards_);
  for (std::uint64_t s = 0; s < shards_; ++s)
    pollers_[s].idle_since = -static_cast<engine::SimTime>(md5_number(std::to_string(s)).low %
                                                           static_cast<std::uint64_t>(poll_every_));
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
  polling_stage_ = probe_.stage(metrics::Spent::buffering);
  filling_stage_ = probe_.stage(metrics::Spent::buffering);
  waiting_stage_ = probe_.stage(metrics::Spent::capacity);
  running_stage_ = probe_.stage(metrics::Spent::service);
  probe_.set_capacity(static_cast<double>(std::min<std::uint64_t>(limit_, shards_ * factor_)));
}

// A batch is split by the stream's shards or the topic's partitions (the same
// hash as the stream's or Kafka's, so a part already placed stays whole),
// then by sub-partition.
void LambdaFunction::accept(const model::Batch& batch) {
  if (batch.count == 0) return;
  model::KeyMixes& mixes = network_.key_mixes();
  const model::KeyHash by_shard{partition_of_, shards_};
  const model::KeyHash by_subpartition{&LambdaFunction::subpartition_of, factor_};
  mixes.split(batch, by_shard, rng_, [&](std::uint64_t shard, const model::Batch& part) {
    if (factor_ == 1) return enqueue(shard, part);
    mixes.split(part, by_subpartition, rng_,
                [&](std::uint64_t sub, const model::Batch& piece) { enqueue(shard * factor_ + sub, piece); });
  });
}

void LambdaFunction::enqueue(std::uint64_t g, const model::Batch& batch) {
  Group& group = groups_[g];
  Poller& poller = pollers_[g / factor_];
  const engine::SimTime t = now();
  // A shard caught up when its groups last emptied is polled once a second
  // from then, and what reaches it is read at the next poll. One whose groups
  // were full since it last caught up was behind the stream: the poll when
  // it emptied finds what the stream kept unread, and it is read at once.
  if (poller.held == 0) {
    const engine::SimTime since = t - poller.idle_since;
    poller.read_at =
        poller.behind ? t : poller.idle_since + (since + poll_every_ - 1) / poll_every_ * poll_every_;
    if (poller.read_at > t && !poller.timer) {
      poller.timer = true;
      schedule_in(poller.read_at - t, kPoll, g / factor_);
    }
  }
  poller.held += batch.count;
  probe_.units().add(t, g, static_cast<double>(batch.count) * record_load_s_);
  probe_.units().queued(t, g, static_cast<double>(batch.count));
  group.waiting.push_back(batch);
  group.waiting_records += batch.count;
  group.waiting_bytes += batch.bytes;
  waiting_records_ += batch.count;
  held_records_ += batch.count;
  probe_.set_backlog(t, static_cast<double>(waiting_records_));
  refresh_full(g);
  // Taken with room to spare: the stream had no more for it.
  if (!group.full) poller.behind = false;
  consider(g);
}

void LambdaFunction::poll(std::uint64_t shard) {
  Poller& poller = pollers_[shard];
  poller.timer = false;
  if (now() < poller.read_at) {  // a later read was set since this one was
    poller.timer = true;
    schedule_in(poller.read_at - now(), kPoll, shard);
    return;
  }
  for (std::uint64_t g = shard * factor_; g < (shard + 1) * factor_; ++g) consider(g);
}

// An idle group: run again what is left of a failed batch, or start its
// waiting records once the poller has read them and the batch is ready;
// queue for a slot when none is free, or wait for its window. It looks again
// when all it would have run was too old to send.
void LambdaFunction::consider(std::uint64_t g) {
  for (;;) {
    Group& group = groups_[g];
    if (group.busy || group.queued) return;
    const engine::SimTime t = now();
    const Poller& poller = pollers_[g / factor_];
    bool ready = !group.retry.empty();
    if (!ready) {
      if (group.waiting.empty() || t < poller.read_at) return;
      // A batch is full at batch_size records or at the 6 MB payload, whichever comes first.
      ready = window_ == 0 || group.waiting_records >= batch_size_ || group.waiting_bytes >= max_batch_bytes_;
      if (!ready) {
        const engine::SimTime deadline = std::max(group.waiting.front().arrived, poller.read_at) + window_;
        if (t >= deadline) {
          ready = true;
        } else if (!group.timer) {
          group.timer = true;
          schedule_in(deadline - t, kWindow, g);
        }
      }
    }
    if (!ready) return;
    group.ready_at = t;
    if (!slot_free()) {
      // No concurrency left: Lambda throttles the invocation (its Throttles
      // metric), and the event source mapping retries it when a slot frees.
      probe_.throttled(group.retry.empty() ? std::min(group.waiting_records, batch_size_) : group.retry.back().records,
                       kConcurrency);
      group.queued = true;
      if (reserved_) ready_.push(g);
      else account_->wait(this, g);
      return;
    }
    if (start(g)) return;
  }
}

// The invocation takes at most batch_size records and what fits in the
// payload (at least one record), from the front; the rest stays there.
void LambdaFunction::take_waiting(Group& group, std::uint64_t shard, Piece& piece) {
  const engine::SimTime t = now();
  const engine::SimTime read_at = pollers_[shard].read_at;
  std::uint64_t want = batch_size_;
  std::uint64_t bytes_left = max_batch_bytes_;
  while (want > 0 && !group.waiting.empty()) {
    model::Batch& front = group.waiting.front();
    const std::uint64_t fit = front.bytes == 0 ? front.count
                                               : static_cast<std::uint64_t>(static_cast<unsigned __int128>(bytes_left) *
                                                                            front.count / front.bytes);
    const std::uint64_t n = std::min({want, front.count, piece.batches.empty() ? std::max<std::uint64_t>(1, fit) : fit});
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
    group.waiting_records -= b.count;
    group.waiting_bytes -= b.bytes;
    waiting_records_ -= b.count;
    probe_.waited(t - b.arrived, b.count, t);
    // Waiting for the poller's read, then filling the batch (or its window)
    // until the group was ready, then for the shard's batch in flight or a
    // concurrency slot.
    const engine::SimTime read = std::clamp<engine::SimTime>(read_at - b.arrived, 0, t - b.arrived);
    const engine::SimTime filling =
        window_ == 0 ? 0
                     : std::clamp<engine::SimTime>(std::min(group.ready_at, b.arrived + read + window_) - b.arrived - read,
                                                   0, t - b.arrived - read);
    probe_.spent(polling_stage_, read, b.count, t);
    probe_.spent(filling_stage_, filling, b.count, t);
    probe_.spent(waiting_stage_, t - b.arrived - read - filling, b.count, t);
    piece.records += b.count;
    piece.batches.push_back(b);
  }
}

bool LambdaFunction::start(std::uint64_t g) {
  Group& group = groups_[g];
  const engine::SimTime t = now();
  Piece& run = group.running;  // empty: its batches' room is reused
  if (!group.retry.empty()) {
    run = std::move(group.retry.back());
    group.retry.pop_back();
    group.retry_records -= run.records;
  } else {
    run.retries = 0;
    run.attempted = false;
    take_waiting(group, g / factor_, run);
    probe_.units().queued(t, g, -static_cast<double>(run.records));
    run.poison = binomial(rng_, run.records, poison_rate_at(t));
    run.first_start = t;
  }
  discard_old(g, run);
  probe_.set_backlog(t, static_cast<double>(waiting_records_));
  if (run.records == 0) return false;
  if (run.attempted) records_retried_ += run.records;
  run.attempted = true;
  group.busy = true;
  ++running_;
  if (!reserved_) account_->take();
  // A dependency slowed (a `latency` fault) lengthens the whole invocation.
  engine::SimTime run_for = engine::round_half_away(std::max(0.0, duration_.sample(rng_))) +
                           per_record_ * static_cast<engine::SimTime>(run.records);
  if (const double slowdown = model::slowdown_at(faults_, t); slowdown != 1)
    run_for = engine::round_half_away(static_cast<double>(run_for) * slowdown);
  ++invocations_;
  gb_seconds_ += billed_gb_seconds(memory_mb_, run_for);
  // Busy with a batch of n is n / batch_size of a slot's capacity (by the
  // mean duration): a group taking small batches back to back is not full.
  group.share = std::min(1.0, static_cast<double>(run.records) * record_load_s_ /
                                  (duration_.mean() / 1e9 + static_cast<double>(run.records) * engine::to_seconds(per_record_)));
  busy_share_ += group.share;
  probe_.set_busy(t, busy_share_);
  schedule_in(run_for, kDone, g);
  return true;
}

// MaximumRecordAge discards a record older than it instead of sending it;
// by default a failing batch is retried until its records expire from the
// stream (kinesis-on-failure-destination.html). The stream expires what it
// holds itself.
void LambdaFunction::discard_old(std::uint64_t g, Piece& piece) {
  if (max_age_ == 0 && !piece.attempted) return;  // nothing can be too old: the common case, on every start
  const engine::SimTime t = now();
  std::size_t kept = 0;
  for (model::Batch& b : piece.batches) {
    const engine::SimTime age = t - b.created;
    // A record read for the first time is within the retention period; one
    // retried may have passed it since.
    const bool expired = piece.attempted && age > retention_;
    if (!expired && (max_age_ == 0 || age <= max_age_)) {
      piece.batches[kept++] = b;
      continue;
    }
    // The poison among the records dropped goes with them.
    const std::uint64_t poison = marked_in_first(rng_, piece.records, piece.poison, b.count);
    piece.poison -= poison;
    piece.records -= b.count;
    discard(g, b, expired ? expired_reason_ : destination_ ? destination_reason_ : age_reason_);
  }
  piece.batches.resize(kept);
}

// A record fails an attempt by the function's own error rate or a fault's,
// independently; while it is `stopped`, every attempt fails.
double LambdaFunction::error_rate_at(engine::SimTime t) const {
  double ok = 1 - error_rate_;
  for (const model::Fault& f : faults_) {
    if (t < f.start || t >= f.end) continue;
    if (f.kind == "stopped") return 1;
    if (f.kind == "error_rate") ok *= 1 - f.share;
  }
  return 1 - ok;
}

double LambdaFunction::poison_rate_at(engine::SimTime t) const {
  double clean = 1 - poison_rate_;
  for (const model::Fault& f : faults_)
    if (f.kind == "poison" && t >= f.start && t < f.end) clean *= 1 - f.share;
  return 1 - clean;
}

void LambdaFunction::discard(std::uint64_t g, const model::Batch& b, std::size_t reason) {
  probe_.dropped(b.count, reason, now());
  release(g, b.count);
}

void LambdaFunction::finish_invocation(std::uint64_t g) {
  Group& group = groups_[g];
  const engine::SimTime t = now();
  Piece& run = group.running;
  group.busy = false;
  --running_;
  busy_share_ = running_ == 0 ? 0.0 : busy_share_ - group.share;
  // A batch fails when any of its records fails: a poison record always, any
  // other with the chance error_rate.
  const double error_rate = error_rate_at(t);
  const bool failed = run.poison > 0 || error_rate >= 1 ||
                      (error_rate > 0 && rng_.uniform() < 1 - std::pow(1 - error_rate, static_cast<double>(run.records)));
  std::uint64_t sent = 0;
  if (failed) {
    ++failed_invocations_;
    // Its records go again (or are discarded): refused by the function's own errors.
    probe_.throttled(run.records, kFunctionErrors);
    Piece again = std::move(run);
    run.records = run.poison = 0;
    run.batches.clear();
    fail(g, std::move(again));
  } else {
    probe_.spent(running_stage_, t - run.first_start, run.records, t);
    for (const model::Batch& b : run.batches) {
      probe_.departed(b, t);
      emit(b);
    }
    sent = run.records;
    run.records = 0;
    run.batches.clear();
  }
  release(g, sent);
  // Groups that waited for a slot go first, in the order they became ready:
  // this function's own for a reserved slot, any function's for the account's.
  if (reserved_) {
    while (running_ < limit_ && !ready_.empty()) {
      const std::uint64_t next = ready_.pop();
      groups_[next].queued = false;
      consider(next);
    }
  } else {
    account_->give_back();
  }
  consider(g);
  probe_.set_busy(t, busy_share_);
}

// A failed batch is split in two when bisecting (which uses no retry), or
// retried whole until MaximumRetryAttempts, then discarded to the on-failure
// destination when there is one. Its halves run in order, the first first.
void LambdaFunction::fail(std::uint64_t g, Piece piece) {
  Group& group = groups_[g];
  if (bisect_ && piece.records > 1) {
    Piece first, second;
    first.retries = second.retries = piece.retries;
    first.first_start = second.first_start = piece.first_start;
    first.attempted = second.attempted = true;
    std::uint64_t want = (piece.records + 1) / 2;
    for (model::Batch b : piece.batches) {
      if (want > 0) {
        const model::Batch part = engine::take_front(b, std::min(want, b.count));
        want -= part.count;
        first.records += part.count;
        first.batches.push_back(part);
      }
      if (b.count == 0) continue;
      second.records += b.count;
      second.batches.push_back(b);
    }
    first.poison = marked_in_first(rng_, piece.records, piece.poison, first.records);
    second.poison = piece.poison - first.poison;
    group.retry_records += piece.records;
    group.retry.push_back(std::move(second));
    group.retry.push_back(std::move(first));
    return;
  }
  ++piece.retries;
  if (static_cast<double>(piece.retries) > max_retries_) {
    probe_.spent(running_stage_, now() - piece.first_start, piece.records, now());
    for (const model::Batch& b : piece.batches) discard(g, b, destination_ ? destination_reason_ : retries_reason_);
    return;
  }
  group.retry_records += piece.records;
  group.retry.push_back(std::move(piece));
}

// Records that left the group (sent on, discarded, or none): the room it frees, and the
// shard's poller caught up when its groups hold nothing more.
void LambdaFunction::release(std::uint64_t g, std::uint64_t records) {
  held_records_ -= records;
  Poller& poller = pollers_[g / factor_];
  poller.held -= records;
  if (records > 0 && poller.held == 0) poller.idle_since = now();
  refresh_full(g);
}

void LambdaFunction::slot_freed(std::uint64_t g) {
  groups_[g].queued = false;
  consider(g);
  probe_.set_busy(now(), busy_share_);
}

// The utilization's basis once every function has reserved its share: the
// groups, or the slots it may hold, whichever are fewer.
void LambdaFunction::finish(engine::SimTime end) {
  const std::uint64_t slots = reserved_ ? limit_ : account_->unreserved();
  probe_.set_capacity(static_cast<double>(std::min<std::uint64_t>(slots, shards_ * factor_)));
  Component::finish(end);
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
    case kPoll:
      poll(event.data);
      break;
    default:
      break;
  }
}

std::uint64_t LambdaFunction::group_room(std::uint64_t g) const {
  const std::uint64_t held = groups_[g].held();
  return held >= hold_ ? 0 : hold_ - held;
}

void LambdaFunction::refresh_full(std::uint64_t g) {
  Group& group = groups_[g];
  const bool full = group_room(g) == 0;
  if (full == group.full) return;
  group.full = full;
  if (full) pollers_[g / factor_].behind = true;
  if (full) ++full_groups_;
  else --full_groups_;
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

std::uint64_t LambdaFunction::in_flight() const { return held_records_; }

CostParts LambdaFunction::cost() const {
  const auto requests = static_cast<double>(invocations_);
  return CostParts()
      .usage({"million requests", requests / 1e6, requests * price_request_})
      .usage({"GB-seconds", gb_seconds_, gb_seconds_ * price_gb_s_});
}

std::vector<std::pair<std::string, double>> LambdaFunction::usage() const {
  std::vector<std::pair<std::string, double>> out = {{"invocations", static_cast<double>(invocations_)},
                                                     {"gb_seconds_billed", gb_seconds_}};
  if (failed_invocations_ > 0) {
    out.emplace_back("failed_invocations", static_cast<double>(failed_invocations_));
    out.emplace_back("records_retried", static_cast<double>(records_retried_));
  }
  return out;
}

}  // namespace archsim::models

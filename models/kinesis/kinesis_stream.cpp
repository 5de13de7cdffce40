#include "archsim/models/kinesis/kinesis_stream.hpp"
#include "archsim/models/common/billing.hpp"

#include <algorithm>
#include <cmath>
#include <stdexcept>
#include <map>
#include <string>
#include <tuple>

#include "archsim/models/common/gathered.hpp"
#include "archsim/models/common/md5.hpp"
#include "archsim/model/key_mix.hpp"

namespace archsim::models {

namespace {
constexpr engine::SimTime kWindow = engine::kSecond;      // the write limits' own period
}  // namespace

std::uint64_t KinesisStream::shard_of(std::uint64_t key, std::uint64_t shards) {
  return md5_range(md5_number(std::to_string(key)), shards);
}

KinesisStream::KinesisStream(const model::BuildContext& ctx)
    : Component(ctx),
      on_demand_(ctx.params.text("mode") == "on_demand"),
      efo_(ctx.params.text("consumers") == "enhanced"),
      write_records_per_s_(ctx.catalog.at("kinesis.shard.write_records_per_s").value),
      write_bytes_per_s_(ctx.catalog.at("kinesis.shard.write_bytes_per_s").value),
      read_bytes_per_s_(ctx.catalog.at(efo_ ? "kinesis.efo.read_bytes_per_s" : "kinesis.shard.read_bytes_per_s").value),
      max_record_bytes_(ctx.catalog.at("kinesis.record.max_bytes").value),
      efo_propagation_(engine::round_half_away(ctx.catalog.at("kinesis.efo.propagation_delay_s").value *
                                               static_cast<double>(engine::kSecond))),
      window_end_(kWindow),
      bill_(ctx.catalog, on_demand_, efo_),
      put_units_of_(bill_.put_unit_bytes()),
      ingest_units_of_(bill_.ingest_rounding_bytes()),
      throttled_reason_(probe_.drop_reason("throttled_after_retries")),
      too_large_reason_(probe_.drop_reason("record_too_large")),
      expired_reason_(probe_.drop_reason("expired")),
      expired_read_reason_(probe_.drop_reason("expired_behind_read_limit")),
      retried_stage_(probe_.stage(metrics::Spent::capacity)),
      propagation_stage_(probe_.stage(metrics::Spent::service)),
      unread_read_stage_(probe_.stage(metrics::Spent::capacity)),
      unread_held_stage_(probe_.stage(metrics::Spent::held)) {
  // A consumer may call GetRecords on a shard 5 times a second.
  call_every_ = engine::round_half_away(static_cast<double>(engine::kSecond) /
                                        ctx.catalog.at("kinesis.shard.get_records_calls_per_s").value);
  max_records_per_call_ = static_cast<std::uint64_t>(ctx.catalog.at("kinesis.get_records.max_records").value);
  max_bytes_per_call_ = ctx.catalog.at("kinesis.get_records.max_bytes").value;
  retention_ = ctx.params.duration("retention");
  retry_.max_retries = static_cast<std::uint32_t>(ctx.params.integer("max_retries"));
  retry_.base = ctx.params.duration("retry_base");
  std::uint64_t initial = 0;
  if (on_demand_) {
    // A new on-demand stream's write capacity, in shards' worth of both limits.
    const double by_records = ctx.catalog.at("kinesis.on_demand.initial_write_records_per_s").value / write_records_per_s_;
    const double by_bytes = ctx.catalog.at("kinesis.on_demand.initial_write_bytes_per_s").value / write_bytes_per_s_;
    initial = static_cast<std::uint64_t>(std::ceil(std::max(by_records, by_bytes)));
    max_shards_ = static_cast<std::uint64_t>(
        std::floor(ctx.catalog.at("kinesis.on_demand.max_write_bytes_per_s").value / write_bytes_per_s_));
    peak_multiple_ = ctx.catalog.at("kinesis.on_demand.peak_multiple").value;
    scale_every_ = engine::round_half_away(ctx.catalog.at("kinesis.on_demand.scale_up_s").value *
                                           static_cast<double>(engine::kSecond));
    schedule_in(scale_every_, kScale, 0);
  } else {
    max_shards_ = static_cast<std::uint64_t>(ctx.catalog.at("kinesis.account.max_shards").value);
    initial = static_cast<std::uint64_t>(ctx.params.integer("shards"));
    if (initial > max_shards_)
      throw std::invalid_argument(name() + ": shards " + std::to_string(initial) + " exceeds the account quota of " +
                                  std::to_string(max_shards_) + " (kinesis.account.max_shards)");
  }
  resize(initial);
  // Provisioned: utilization is records/s out of shards x 1,000/s. On demand the
  // capacity changes, so the level is already the fraction of the current capacity.
  probe_.set_capacity(on_demand_ ? 1.0 : static_cast<double>(initial) * write_records_per_s_);
}

void KinesisStream::resize(std::uint64_t shards) {
  const engine::SimTime t = now();
  // New shards start with full buckets; existing shards keep theirs and their read queues.
  while (shards_.size() < shards) {
    Shard s;
    s.records = TokenBucket(write_records_per_s_, write_records_per_s_ * engine::to_seconds(kWindow));
    s.bytes = TokenBucket(write_bytes_per_s_, write_bytes_per_s_ * engine::to_seconds(kWindow));
    // A bucket starts at time 0 and full; bring its clock to now.
    s.records.tokens(t);
    s.bytes.tokens(t);
    if (consumers_ > 0) add_read_positions(s);
    shards_.push_back(std::move(s));
  }
  probe_.units().resize(shards_.size());
}

void KinesisStream::accept(const model::Batch& batch) {
  if (batch.count == 0) return;
  const double mean_size = static_cast<double>(batch.bytes) / static_cast<double>(batch.count);
  if (mean_size > max_record_bytes_) {
    probe_.dropped(batch.count, too_large_reason_, now());
    return;
  }
  incoming_.assign(1, Part{batch, 0});
  put(incoming_, 0);
}

// One put of `parts` (attempt 0 is the producer's first try): each part is
// split over the shards its keys hash to; each shard accepts what its buckets
// allow; the rest is throttled and retried, or dropped.
void KinesisStream::put(const std::vector<Part>& parts, std::uint32_t attempt) {
  const engine::SimTime t = now();
  roll_window(t);
  const model::KeyHash hash{&KinesisStream::shard_of, shards_.size()};
  if (consumers_ == 0) set_consumers(consumers());
  const std::uint32_t next = attempt + 1;
  const bool gives_up = retry_.gives_up(next);
  GroupFiller accepted_parts(propagating_), refused_parts(retrying_);
  const std::size_t binding = write_limit_binding(t);
  const auto copies = static_cast<std::uint64_t>(consumers_);
  for (const Part& in : parts) {
    if (attempt > 0 && in.bucket < shards_.size())
      probe_.units().queued(t, in.bucket, -static_cast<double>(in.batch.count));
    // Units per record by the put's own records (its parts share its sizes),
    // worked out once per put rather than once per shard.
    const double put_units = put_units_of_.per_record(in.batch, network_);
    const double ingest_units = ingest_units_of_.per_record(in.batch, network_);
    network_.key_mixes().split(in.batch, hash, rng_, [&](std::uint64_t shard, const model::Batch& part) {
      Shard& s = shards_[shard];
      const double mean_size = static_cast<double>(part.bytes) / static_cast<double>(part.count);
      // What the producers offer each shard, first tries only, in shard-seconds of its write limit.
      if (attempt == 0)
        probe_.units().add(t, shard, std::max(static_cast<double>(part.count) / write_records_per_s_,
                                              static_cast<double>(part.bytes) / write_bytes_per_s_));
      double fit = std::floor(s.records.tokens(t) + 1e-9);
      // The same tolerance as TokenBucket::try_take, so that what fits is then taken.
      if (mean_size > 0) fit = std::min(fit, std::floor((s.bytes.tokens(t) + 1e-9) / mean_size));
      const std::uint64_t accepted = std::min<std::uint64_t>(part.count, static_cast<std::uint64_t>(std::max(0.0, fit)));
      model::Batch rest = part;  // what the shard refuses
      if (accepted > 0) {
        model::Batch taken = engine::take_front(rest, accepted);
        s.records.try_take(t, static_cast<double>(accepted));
        s.bytes.try_take(t, static_cast<double>(taken.bytes));
        // Time spent in the producer's retries, once per consumer copy as the stream's own latency is.
        probe_.spent(retried_stage_, t - taken.arrived, taken.count * copies, t);
        taken.arrived = t;  // the record's arrival in the stream: iterator age counts from here
        bill_accepted(taken, put_units, ingest_units);
        accepted_parts.add(taken, shard);
      }
      if (rest.count > 0) {
        refuse(rest, shard, gives_up, refused_parts, probe_, throttled_reason_, t, binding);
        // The shard's own queue: puts it refused, waiting for the producer's retry.
        if (!gives_up) probe_.units().queued(t, shard, static_cast<double>(rest.count));
      }
    });
  }
  if (!accepted_parts.empty()) schedule_in(propagation_, kPropagated, accepted_parts.group());
  if (!refused_parts.empty()) {
    const std::uint64_t group = refused_parts.group();
    if (retry_attempt_.size() <= group) retry_attempt_.resize(group + 1);
    retry_attempt_[group] = next;
    schedule_in(retry_.backoff(next, rng_), kRetry, group);
  }
  if (attempt > 0 || !refused_parts.empty()) update_backlog();
}

// Each record is rounded up to whole units: a batch's records by the spread
// of their source's sizes, not at their mean size (`put_units` and
// `ingest_units` per record, BatchUnits).
void KinesisStream::bill_accepted(const model::Batch& taken, double put_units, double ingest_units) {
  window_records_ += taken.count;
  window_bytes_ += taken.bytes;
  bytes_written_ += static_cast<double>(taken.bytes);
  const auto count = static_cast<double>(taken.count);
  put_units_ += count * put_units;
  ingest_bytes_billed_ += count * ingest_units * ingest_units_of_.unit_bytes();
}

void KinesisStream::handle(const engine::Event& event) {
  switch (event.tag) {
    case kRetry: {
      const std::uint32_t attempt = retry_attempt_[event.data];
      retrying_.take(event.data, incoming_);
      put(incoming_, attempt);
      break;
    }
    case kPropagated:
      propagating_.take(event.data, incoming_);
      readable(incoming_);
      break;
    case kPoll:
      poll_pending_ = false;
      poll();
      break;
    case kScale: {
      roll_window(now());
      const double by_records = peak_multiple_ * peak_rate_ / write_records_per_s_;
      const double by_bytes = peak_multiple_ * peak_bytes_rate_ / write_bytes_per_s_;
      const auto wanted = static_cast<std::uint64_t>(std::ceil(std::max(by_records, by_bytes)));
      const std::uint64_t target = std::min(max_shards_, wanted);
      if (target > shards_.size()) resize(target);
      schedule_in(scale_every_, kScale, 0);
      break;
    }
    default:
      break;
  }
}

// The parts of one put become readable together, and each consumer gets its
// own copy (the copies beyond the first are created here). While a consumer
// keeps up (it is ready and has nothing unread on the shard) it reads its
// copy at once, as far as its share of the shard's read throughput allows,
// and whole parts go to it as one batch (their parent mix: exact when every
// shard took its whole part; when some part was throttled, the batch is
// tagged with the whole batch's key mix, which slightly overstates the
// throttled keys). The rest waits, unread, for the consumer's next poll.
void KinesisStream::readable(const std::vector<Part>& parts) {
  const engine::SimTime t = now();
  if (consumers_ > 1)
    for (const Part& part : parts) probe_.created(part.batch.count * (consumers_ - 1));
  // By part: the most of its records that waited for a later read by any one consumer.
  std::vector<std::uint64_t>& waited = read_waits_;
  waited.assign(parts.size(), 0);
  for (std::size_t c = 0; c < consumers_; ++c) {
    // Asked only when its read share would serve it now: while the read
    // limit holds it, a consumer busy with its last read is not pushing back.
    // A consumer the read limit held at its last poll is not asked for the
    // records behind: they wait for its next poll whatever it says.
    const bool servable = std::any_of(parts.begin(), parts.end(), [&](const Part& part) {
      Shard& s = shards_[part.bucket];
      return s.read[c].fits(part.batch, t) > 0 && (s.unread[c].empty() || !read_limited_[c]);
    });
    if (servable) note_readiness(c, consumer_ready(c), t);
    Gathered read;
    std::size_t read_parts = 0;
    std::uint32_t mix = 0;
    for (std::size_t i = 0; i < parts.size(); ++i) {
      const Part& part = parts[i];
      Shard& s = shards_[part.bucket];
      AgedBacklog& unread = s.unread[c];
      model::Batch rest = part.batch;
      if (unread.empty()) {
        const std::uint64_t room = consumer_room(c, part.bucket, shards_.size());
        const std::uint64_t fit = std::min(room, s.read[c].fits(rest, t));
        if (fit >= rest.count && room == kAnyAmount) {
          s.read[c].take(rest, t);
          read.add(rest);
          mix = rest.mix;
          ++read_parts;
          continue;
        }
        // A consumer with room on this shard for only so many records takes
        // them now, so that what it holds is known before the next part.
        if (fit > 0) {
          const model::Batch taken = engine::take_front(rest, std::min(fit, rest.count));
          s.read[c].take(taken, t);
          deliver(c, taken, t);
        }
        if (rest.count == 0) continue;
        // What the consumer would take but its share of the read limit does not allow.
        if (room > fit) waited[i] = std::max(waited[i], std::min(room, rest.count));
      } else if (!behind_[c]) {
        // Queued behind records the read limit holds.
        waited[i] = std::max(waited[i], rest.count);
      }
      unread.push(rest, t);
      unread_ += rest.count;
      unread_of_[c] += rest.count;
    }
    if (read_parts > 0) deliver(c, read.batch(read_parts == 1 ? mix : network_.key_mixes().parent(mix)), t);
  }
  std::uint64_t read_limited = 0;
  for (const std::uint64_t n : waited) read_limited += n;
  if (read_limited > 0) probe_.throttled(read_limited, kShardReads);
  if (unread_ > 0) {
    update_backlog();
    schedule_poll();
  }
}

// How many of a batch's records a consumer's read share on a shard serves
// now. A call returns up to 10,000 records and 10 MiB whenever the share is
// not in debt; AWS then throttles the calls after a large one until the
// share has caught up ("if a call returns 10 MiB, calls made within the next
// 5 seconds throw ProvisionedThroughputExceededException").
std::uint64_t KinesisStream::ReadShare::fits(const model::Batch& batch, engine::SimTime t) {
  refill(t);
  if (bytes <= 0 || records <= 0) return 0;
  double n = call_records;
  if (batch.bytes > 0)
    n = std::min(n, std::max(1.0, std::floor(call_bytes * static_cast<double>(batch.count) / static_cast<double>(batch.bytes))));
  return std::min(batch.count, static_cast<std::uint64_t>(n));
}

void KinesisStream::ReadShare::take(const model::Batch& batch, engine::SimTime t) {
  refill(t);
  bytes -= static_cast<double>(batch.bytes);
  records -= static_cast<double>(batch.count);
}

void KinesisStream::ReadShare::refill(engine::SimTime t) {
  if (t <= at) return;
  const double s = engine::to_seconds(t - at);
  bytes = std::min(bytes_banked, bytes + s * bytes_per_s);
  records = std::min(records_banked, records + s * records_per_s);
  at = t;
}

// The consumers are known once the network is wired: each has its own read
// position in every shard. Shared-throughput consumers split a shard's
// GetRecords calls (5/s) and its 2 MiB/s between them, so each polls every
// consumers x 200 ms and reads at most 2 MiB/s / consumers; that polling
// interval is the propagation delay (AWS: about 200 ms with one consumer,
// about 1 s with five). Enhanced fan-out consumers each get their own 2 MiB/s
// per shard, pushed after a short delay.
void KinesisStream::set_consumers(std::size_t consumers) {
  consumers_ = std::max<std::size_t>(1, consumers);
  const auto sharing = static_cast<engine::SimTime>(efo_ ? 1 : consumers_);
  poll_every_ = call_every_ * sharing;
  propagation_ = efo_ ? efo_propagation_ : poll_every_;
  read_share_per_s_ = read_bytes_per_s_ / static_cast<double>(sharing);
  // A call returns at most 10,000 records, and each consumer calls every poll interval.
  read_records_per_s_ = static_cast<double>(max_records_per_call_) / engine::to_seconds(poll_every_);
  for (Shard& s : shards_) add_read_positions(s);
  for (std::size_t c = 0; c < consumers; ++c)
    if (const std::string name = consumer_name(c); !name.empty()) probe_.readers().add(name);
  unread_of_.assign(consumers_, 0);
  refusing_.assign(consumers_, false);
  behind_.assign(consumers_, false);
  read_limited_.assign(consumers_, false);
  last_refused_.assign(consumers_, -1);
}

// A shard's read position for every consumer: its unread records and its
// share of the read limit, which holds a second's worth as the write limit does.
void KinesisStream::add_read_positions(Shard& s) const {
  const std::size_t n = std::max<std::size_t>(1, consumers_);
  s.unread.resize(n);
  while (s.read.size() < n) {
    // It holds one call's worth: a consumer's calls come every poll interval.
    const double poll_s = engine::to_seconds(poll_every_);
    ReadShare share{.bytes_per_s = read_share_per_s_, .records_per_s = read_records_per_s_,
                    .bytes_banked = read_share_per_s_ * poll_s, .records_banked = read_records_per_s_ * poll_s,
                    .call_bytes = max_bytes_per_call_, .call_records = static_cast<double>(max_records_per_call_)};
    share.bytes = share.bytes_banked;
    share.records = share.records_banked;
    share.at = now();
    s.read.push_back(share);
  }
}

void KinesisStream::deliver(std::size_t consumer, const model::Batch& batch, engine::SimTime t) {
  read_bytes_ += static_cast<double>(batch.bytes);
  const engine::SimTime unread_for = t - batch.arrived - propagation_;
  probe_.waited(unread_for, batch.count, t);
  probe_.spent(propagation_stage_, t - batch.arrived - std::max<engine::SimTime>(0, unread_for), batch.count, t);
  // Unread because the consumer would not take it (back-pressure), or only
  // because of the read limits: one stage, whose time goes to one or the other.
  const bool held = batch.arrived <= last_refused_[consumer];
  probe_.spent(held ? unread_held_stage_ : unread_read_stage_, unread_for, batch.count, t);
  probe_.spent(held ? unread_read_stage_ : unread_held_stage_, 0, batch.count, t);
  probe_.departed(batch, t);
  probe_.readers().read(consumer, t - batch.arrived, batch.count, t);
  emit_to(consumer, batch);
}

void KinesisStream::schedule_poll() {
  if (poll_pending_) return;
  poll_pending_ = true;
  schedule_in(poll_every_, kPoll, 0);
}

// A poll, by each ready consumer, of every shard it has unread records on:
// each call returns what one GetRecords call may (10,000 records, and the
// shard's read rate over a call interval), oldest first. Records older than
// the retention period are gone: dropped as `expired`. What one poll reads
// leaves as one batch per source, at its records' mean creation and arrival
// times (so latency percentiles during a catch-up are smoothed over a poll).
void KinesisStream::poll() {
  const engine::SimTime t = now();
  for (std::size_t c = 0; c < consumers_; ++c) {
    // Lost to the retention period: the consumer's fault when it pushed back,
    // else the read limit's.
    const std::size_t why = behind_[c] ? expired_reason_ : expired_read_reason_;
    for (std::size_t shard = 0; shard < shards_.size(); ++shard) {
      AgedBacklog& unread = shards_[shard].unread[c];
      for (model::Batch gone; (gone = unread.take_arrived_by(t - retention_)).count > 0;) {
        unread_ -= gone.count;
        unread_of_[c] -= gone.count;
        probe_.dropped(gone.count, why, t);
      }
    }
    bool servable = false;
    for (Shard& s : shards_) servable = servable || (!s.unread[c].empty() && s.read[c].fits(s.unread[c].front(), t) > 0);
    if (servable) note_readiness(c, consumer_ready(c), t);
    bool limited = false;  // some shard's read share ran out before the records or the consumer's room
    // One batch per source and key mix, at its records' mean times. Records of
    // a batch without a key mix keep their own key: gathered only with the same key.
    std::map<std::tuple<std::uint32_t, std::uint32_t, std::uint64_t>, Gathered> reads;
    for (std::size_t shard = 0; shard < shards_.size(); ++shard) {
      AgedBacklog& unread = shards_[shard].unread[c];
      if (unread.empty()) continue;
      // A consumer that is not ready has no room; one reading each shard on
      // its own (an event source mapping) may have room on some shards only.
      const std::uint64_t room = consumer_room(c, shard, shards_.size());
      if (room == 0) continue;
      ReadShare& share = shards_[shard].read[c];
      if (share.fits(unread.front(), t) == 0) {
        limited = true;
        continue;
      }
      // One call: up to 10,000 records and 10 MiB, and what the consumer has room for.
      const bool room_binds = static_cast<double>(room) <= share.call_records;
      std::uint64_t records_left = std::min(room, static_cast<std::uint64_t>(share.call_records));
      double bytes_left = share.call_bytes;
      while (!unread.empty() && records_left > 0) {
        const model::Batch& front = unread.front();
        const double mean_size = static_cast<double>(front.bytes) / static_cast<double>(front.count);
        const auto by_bytes = mean_size > 0 ? static_cast<std::uint64_t>(std::max(0.0, bytes_left) / mean_size) : front.count;
        const std::uint64_t n = std::min({front.count, records_left, by_bytes});
        if (n == 0) break;
        const model::Batch chunk = unread.take_front(n);
        unread_ -= chunk.count;
        unread_of_[c] -= chunk.count;
        records_left -= chunk.count;
        bytes_left -= static_cast<double>(chunk.bytes);
        share.take(chunk, t);
        const std::uint32_t mix = network_.key_mixes().parent(chunk.mix);
        reads[{chunk.origin, mix, mix == 0 ? chunk.key : 0}].add(chunk);
      }
      if (!unread.empty() && !(records_left == 0 && room_binds)) limited = true;  // the call's own limit
    }
    read_limited_[c] = limited;
    note_oldest_unread(c, t);
    for (const auto& [key, gathered] : reads) deliver(c, gathered.batch(std::get<1>(key)), t);
    if (unread_of_[c] == 0) behind_[c] = false;
  }
  update_backlog();
  if (unread_ > 0) schedule_poll();
}

// How far behind the consumer is while it reads nothing: its oldest unread record's age.
void KinesisStream::note_oldest_unread(std::size_t consumer, engine::SimTime t) {
  if (unread_of_[consumer] == 0) return;
  engine::SimTime oldest = t;
  for (Shard& s : shards_)
    if (!s.unread[consumer].empty()) oldest = std::min(oldest, s.unread[consumer].oldest_arrival());
  probe_.readers().behind(consumer, t - oldest, t);
}

// Closes every one-second window that ended by time t: the window's accepted
// rate becomes the busy level from its end.
void KinesisStream::roll_window(engine::SimTime t) {
  if (t < window_end_) return;
  const double rate = static_cast<double>(window_records_) / engine::to_seconds(kWindow);
  const double bytes_rate = static_cast<double>(window_bytes_) / engine::to_seconds(kWindow);
  // A window counts as a peak only up to the capacity then: new shards start
  // with a full second in their buckets, a burst the stream never sustained.
  const double shards = static_cast<double>(shards_.size());
  peak_rate_ = std::max(peak_rate_, std::min(rate, shards * write_records_per_s_));
  last_window_rate_ = rate;
  peak_bytes_rate_ = std::max(peak_bytes_rate_, std::min(bytes_rate, shards * write_bytes_per_s_));
  probe_.set_busy(window_end_, busy_fraction(rate, bytes_rate) * (on_demand_ ? 1.0 : shards * write_records_per_s_));
  if (t >= window_end_ + kWindow) probe_.set_busy(window_end_ + kWindow, 0);
  window_end_ = (t / kWindow + 1) * kWindow;
  window_records_ = 0;
  window_bytes_ = 0;
}

// Of the capacity that binds first at this window's rates: the write limit
// in records or bytes, or one consumer's share of the read limit (each
// consumer reads every record).
double KinesisStream::busy_fraction(double records_per_s, double bytes_per_s) const {
  const double shards = static_cast<double>(shards_.size());
  double busy = std::max(records_per_s / write_records_per_s_, bytes_per_s / write_bytes_per_s_);
  if (read_share_per_s_ > 0)
    busy = std::max({busy, bytes_per_s / read_share_per_s_, records_per_s / read_records_per_s_});
  return busy / shards;
}

void KinesisStream::update_backlog() {
  const engine::SimTime t = now();
  probe_.set_backlog(t, static_cast<double>(retrying_.records() + unread_));
  std::uint64_t held = 0;
  for (std::size_t c = 0; c < unread_of_.size(); ++c)
    if (refusing_[c] || behind_[c]) held += unread_of_[c];
  probe_.set_held(t, static_cast<double>(held));
}

void KinesisStream::note_readiness(std::size_t consumer, bool ready, engine::SimTime t) {
  refusing_[consumer] = !ready;
  if (!ready) last_refused_[consumer] = t;
  if (!ready && unread_of_[consumer] > 0) behind_[consumer] = true;
  if (unread_of_[consumer] == 0) behind_[consumer] = false;
}

// On demand, a refusal while the stream takes nearly all its current
// capacity is the capacity's (it grows only every 15 minutes); otherwise, as
// in provisioned mode, it is one shard's write limit.
std::size_t KinesisStream::write_limit_binding(engine::SimTime t) const {
  if (!on_demand_) return kShardWrites;
  const double elapsed = engine::to_seconds(t - (window_end_ - kWindow));
  const double rate = std::max(last_window_rate_, elapsed > 0 ? static_cast<double>(window_records_) / elapsed : 0.0);
  return rate >= 0.9 * static_cast<double>(shards_.size()) * write_records_per_s_ ? kOnDemandWrites : kShardWrites;
}

std::uint64_t KinesisStream::in_flight() const { return retrying_.records() + propagating_.records() + unread_; }

void KinesisStream::finish(engine::SimTime end) {
  roll_window(end);
  Component::finish(end);
}

CostParts KinesisStream::cost(engine::SimTime duration) const {
  return bill_.cost({.hours = engine::to_seconds(duration) / 3600.0,
                     .shards = static_cast<double>(shards_.size()),
                     .put_units = put_units_,
                     .ingest_bytes_billed = ingest_bytes_billed_,
                     .read_bytes = read_bytes_,
                     .consumers = static_cast<double>(std::max<std::size_t>(1, consumers_)),
                     .retention_s = engine::to_seconds(retention_),
                     .bytes_written = bytes_written_});
}

KinesisBill::KinesisBill(const model::Catalog& catalog, bool on_demand, bool efo)
    : on_demand_(on_demand),
      efo_(efo),
      put_unit_bytes_(catalog.at("kinesis.put_payload_unit.bytes").value),
      ingest_rounding_bytes_(catalog.at("kinesis.on_demand.ingest_rounding_bytes").value),
      default_retention_s_(catalog.at("kinesis.retention.default_s").value),
      extended_max_s_(catalog.at("kinesis.retention.extended_max_s").value),
      price_extended_shard_hour_(catalog.at("kinesis.price.extended_retention_shard_hour_usd").value),
      price_on_demand_extended_gb_month_(catalog.at("kinesis.price.on_demand_extended_retention_gb_month_usd").value),
      price_long_term_gb_month_(catalog.at("kinesis.price.long_term_retention_gb_month_usd").value),
      price_shard_hour_(catalog.at("kinesis.price.shard_hour_usd").value),
      price_put_units_per_million_(catalog.at("kinesis.price.put_payload_units_per_million_usd").value),
      price_stream_hour_(catalog.at("kinesis.price.on_demand_stream_hour_usd").value),
      price_ingest_gb_(catalog.at("kinesis.price.on_demand_ingest_gb_usd").value),
      price_read_gb_(catalog.at(efo ? "kinesis.price.on_demand_efo_read_gb_usd" : "kinesis.price.on_demand_read_gb_usd").value),
      price_efo_shard_hour_(catalog.at("kinesis.price.efo_consumer_shard_hour_usd").value),
      price_efo_gb_(catalog.at("kinesis.price.efo_retrieval_gb_usd").value) {}

double KinesisBill::put_units(const model::FlowIn& in) const { return units_per_record(in, put_unit_bytes_); }

double KinesisBill::ingest_bytes(const model::FlowIn& in) const {
  return units_per_record(in, ingest_rounding_bytes_) * ingest_rounding_bytes_;
}

// The hours of shards, consumers' registrations and on-demand streams are
// billed whatever the load: capacity. Payload units and GB are usage.
CostParts KinesisBill::cost(const KinesisUsage& u) const {
  const double gb_read = u.read_bytes / kBytesPerGB;
  CostParts bill;
  retention(u, bill);
  if (on_demand_) {
    const double gb_in = u.ingest_bytes_billed / kBytesPerGB;
    return bill.capacity({"stream-hours", u.hours, price_stream_hour_ * u.hours})
        .usage({"GB ingested (records rounded up to 1 KiB)", gb_in, price_ingest_gb_ * u.ingest_bytes_billed / kBytesPerGB})
        .usage({efo_ ? "GB retrieved by enhanced fan-out" : "GB retrieved", gb_read, price_read_gb_ * gb_read});
  }
  bill.capacity({"shard-hours", u.shards * u.hours, price_shard_hour_ * u.shards * u.hours})
      .usage({"million PUT payload units (25 KiB)", u.put_units / 1e6, price_put_units_per_million_ * u.put_units / 1e6});
  // Enhanced fan-out is billed per consumer-shard-hour: each consumer registers on every shard.
  if (efo_)
    bill.capacity({"consumer-shard-hours", u.consumers * u.shards * u.hours,
                   price_efo_shard_hour_ * u.consumers * u.shards * u.hours})
        .usage({"GB retrieved by enhanced fan-out", gb_read, price_efo_gb_ * gb_read});
  return bill;
}

// Retention beyond the first 24 hours. Provisioned streams pay per shard-hour
// up to 7 days, on-demand streams per GB-month of the data kept beyond 24
// hours; beyond 7 days both pay long-term retention per GB-month. A steady
// stream keeps (bytes written per second) x (seconds kept) in each tier: the
// storage is billed as a month of that level, whatever the run's length.
void KinesisBill::retention(const KinesisUsage& u, CostParts& bill) const {
  if (u.retention_s <= default_retention_s_ || u.hours <= 0) return;
  const double bytes_per_s = u.bytes_written / (u.hours * 3600.0);
  const double months = u.hours / kHoursPerMonth;
  const auto gb_months_between = [&](double from_s, double to_s) {
    return std::max(0.0, std::min(u.retention_s, to_s) - from_s) * bytes_per_s / kBytesPerGB * months;
  };
  if (on_demand_) {
    const double extended = gb_months_between(default_retention_s_, extended_max_s_);
    bill.storage({"GB-months of extended retention", extended, price_on_demand_extended_gb_month_ * extended});
  } else {
    bill.capacity({"shard-hours of extended retention", u.shards * u.hours,
                   price_extended_shard_hour_ * u.shards * u.hours});
  }
  const double long_term = gb_months_between(extended_max_s_, u.retention_s);
  bill.storage({"GB-months of long-term retention", long_term, price_long_term_gb_month_ * long_term});
}

std::vector<std::pair<std::string, double>> KinesisStream::usage() const {
  // Each quantity in the unit AWS bills it; the older spellings after them
  // are kept for the scripts that read them (docs/scenario-format.md).
  return {{"put_payload_units_25kib", put_units_},
          {"ingest_gib_billed", ingest_bytes_billed_ / kBytesPerGB},
          {"read_gib", read_bytes_ / kBytesPerGB},
          {"put_payload_units", put_units_},
          {"ingest_bytes_rounded_to_1kib", ingest_bytes_billed_},
          {"read_bytes", read_bytes_}};
}

}  // namespace archsim::models

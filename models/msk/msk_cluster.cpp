#include "archsim/models/msk/msk_cluster.hpp"

#include <algorithm>
#include <cmath>
#include <map>
#include <string>
#include <tuple>

#include "archsim/model/key_mix.hpp"
#include "archsim/models/common/billing.hpp"
#include "archsim/models/common/gathered.hpp"
#include "archsim/models/common/murmur2.hpp"

namespace archsim::models {

namespace {
constexpr engine::SimTime kWindow = engine::kSecond;
// How soon a consumer group that pushed back asks its partitions again: a
// Kafka consumer polls in a loop, and a paused one resumes on its next poll.
constexpr engine::SimTime kPollEvery = 100 * engine::kMillisecond;
// Parts of one put committed within the same millisecond become readable
// together, at the last; a put's parts make at most kCommitGroups + 1 groups.
constexpr engine::SimTime kCommitGrain = engine::kMillisecond;
constexpr engine::SimTime kCommitGroups = 8;
}  // namespace

std::uint64_t MskCluster::partition_of(std::uint64_t key, std::uint64_t partitions) {
  return murmur2_partition(std::to_string(key), partitions);
}

MskCluster::MskCluster(const model::BuildContext& ctx)
    : Component(ctx),
      lanes_(ctx.params, ctx.catalog),
      bill_(ctx.params, ctx.catalog),
      max_record_bytes_(ctx.catalog.value("kafka.broker.message_max_bytes")),
      delivery_timeout_(ctx.params.duration("delivery_timeout")),
      linger_(ctx.params.duration("linger")),
      retention_(ctx.params.duration("retention")),
      retention_bytes_(ctx.params.number("retention_bytes")),
      buffer_bytes_(ctx.catalog.value("kafka.producer.buffer_memory_bytes")),
      acks_(ctx.params.text("acks")),
      partitions_(static_cast<std::uint64_t>(ctx.params.integer("partitions"))),
      zones_(static_cast<std::uint64_t>(ctx.params.integer("zones"))),
      faults_(ctx.faults),
      poll_every_(kPollEvery),
      window_end_(kWindow),
      timeout_reason_(probe_.drop_reason("delivery_timeout")),
      too_large_reason_(probe_.drop_reason("record_too_large")),
      expired_reason_(probe_.drop_reason("expired")),
      expired_size_reason_(probe_.drop_reason("expired_by_size")),
      lingering_stage_(probe_.stage(metrics::Spent::buffering)),
      queued_stage_(probe_.stage(metrics::Spent::capacity)),
      written_stage_(probe_.stage(metrics::Spent::service)),
      unread_stage_(probe_.stage(metrics::Spent::held)) {
  if (retention_bytes_ > 0) {
    log_.resize(partitions_);
    log_bytes_.assign(partitions_, 0.0);
  }
  deleted_to_.assign(partitions_, -1);
  probe_.units().resize(partitions_);
  for (std::size_t i = 0; i < faults_.size(); ++i) {
    if (faults_[i].kind != "capacity_lost") continue;
    schedule_in(faults_[i].start, kBrokersLost, i);
    schedule_in(faults_[i].end, kBrokersBack, i);
  }
  // Utilization is the busiest lane's share of its time, window by window.
  probe_.set_capacity(1.0);
}

void MskCluster::accept(const model::Batch& batch) {
  if (batch.count == 0) return;
  const engine::SimTime t = now();
  roll_window(t);
  if (static_cast<double>(batch.bytes) / static_cast<double>(batch.count) > max_record_bytes_) {
    probe_.dropped(batch.count, too_large_reason_, t);
    return;
  }
  if (consumers_ == 0) set_consumers(consumers());
  const model::KeyHash hash{&MskCluster::partition_of, partitions_};
  writing_.clear();
  network_.key_mixes().split(batch, hash, rng_, [&](std::uint64_t p, const model::Batch& part) {
    const auto bytes = static_cast<double>(part.bytes);
    probe_.units().add(t, p, bytes / partition_rate_);
    const MskLanes::Done would = lanes_.take(p, bytes, part.count, t, /*keep=*/false);
    const engine::SimTime acknowledged = linger_ + (acks_ == "all" ? would.committed : would.leader);
    // The producer gives up a record whose acknowledgement would come after its delivery timeout.
    if (acknowledged - t > delivery_timeout_) {
      probe_.dropped(part.count, timeout_reason_, t);
      return;
    }
    const MskLanes::Done done = lanes_.take(p, bytes, part.count, t, /*keep=*/true);
    bytes_in_ += bytes;
    if (acks_ != "0") {
      ack_wait_s_ += engine::to_seconds(acknowledged - t) * static_cast<double>(part.count);
      acked_records_ += static_cast<double>(part.count);
    }
    if (lanes_.serverless() && done.committed - t > done.own) probe_.throttled(part.count, kWriteThroughput);
    if (retention_bytes_ > 0) note_written(p, bytes, t);
    writing_.push_back({linger_ + done.committed, Part{part, p}});
  });
  schedule_commits(t);
  update_backlog();
}

// The parts of one put become readable in a few groups, each at the last
// commit of its parts: groups of a millisecond, or of an eighth of the spread
// of the put's commits where its partitions' brokers are far apart (a busy
// broker's parts an hour behind an idle one's), so that a put costs a few
// events and its readers a few batches, not one per partition.
void MskCluster::schedule_commits(engine::SimTime t) {
  if (writing_.empty()) return;
  engine::SimTime first = writing_.front().at, last = first;
  for (const Writing& w : writing_) first = std::min(first, w.at), last = std::max(last, w.at);
  const engine::SimTime width = std::max(kCommitGrain, (last - first) / kCommitGroups + 1);
  std::stable_sort(writing_.begin(), writing_.end(), [](const Writing& a, const Writing& b) { return a.at < b.at; });
  std::size_t i = 0;
  while (i < writing_.size()) {
    const engine::SimTime bucket = (writing_[i].at - first) / width;
    GroupFiller group(committing_);
    engine::SimTime at = writing_[i].at;
    for (; i < writing_.size() && (writing_[i].at - first) / width == bucket; ++i) {
      group.add(writing_[i].part.batch, writing_[i].part.bucket);
      at = writing_[i].at;
    }
    schedule_in(at - t, kCommitted, group.group());
  }
}

// retention.bytes: the partition's log past it loses its oldest records,
// whole seconds of them at a time (Kafka deletes whole segments).
void MskCluster::note_written(std::uint64_t p, double bytes, engine::SimTime t) {
  Fifo<LogChunk>& log = log_[p];
  const engine::SimTime second = t / engine::kSecond;
  if (!log.empty() && log.back().at / engine::kSecond == second) {
    log.back().bytes += bytes;
  } else {
    log.push({t, bytes});
  }
  log_bytes_[p] += bytes;
  while (!log.empty() && (log_bytes_[p] > retention_bytes_ || log.front().at <= t - retention_)) {
    // Deleted for size: every record that arrived in the chunk's second.
    if (log_bytes_[p] > retention_bytes_)
      deleted_to_[p] = std::max(deleted_to_[p], (log.front().at / engine::kSecond + 1) * engine::kSecond - 1);
    log_bytes_[p] -= log.front().bytes;
    log.pop();
  }
}

void MskCluster::handle(const engine::Event& event) {
  switch (event.tag) {
    case kCommitted:
      committing_.take(event.data, incoming_);
      committed(incoming_);
      break;
    case kPoll:
      poll_pending_ = false;
      poll();
      break;
    case kBrokersLost:
      for (const std::uint64_t b : lanes_.struck_by(faults_[event.data].share, zones_))
        lanes_.lose(b, faults_[event.data].end);
      break;
    case kBrokersBack:
      for (const std::uint64_t b : lanes_.struck_by(faults_[event.data].share, zones_)) lanes_.restore(b);
      break;
    default:
      break;
  }
}

// Each consumer group gets its own copy of what was committed (the copies
// beyond the first are created here). A group with nothing unread in a
// partition reads at once what it has room for; the rest waits in the log
// for its next poll.
void MskCluster::committed(const std::vector<Part>& parts) {
  const engine::SimTime t = now();
  // The time in the lanes, once per group's copy as the topic's own latency is:
  // the slowest lane's own transfer of the part, and the wait for its turn.
  const auto copies = static_cast<std::uint64_t>(consumers_);
  for (const Part& part : parts) {
    if (consumers_ > 1) probe_.created(part.batch.count * (consumers_ - 1));
    const double record_bytes = static_cast<double>(part.batch.bytes) / static_cast<double>(part.batch.count);
    const engine::SimTime own = std::min(
        t - part.batch.arrived,
        engine::round_half_away(record_bytes / partition_rate_ * static_cast<double>(engine::kSecond)));
    const engine::SimTime lingered = std::min(linger_, t - part.batch.arrived - own);
    probe_.spent(lingering_stage_, lingered, part.batch.count * copies, t);
    probe_.spent(queued_stage_, t - part.batch.arrived - own - lingered, part.batch.count * copies, t);
    probe_.spent(written_stage_, own, part.batch.count * copies, t);
  }
  for (std::size_t c = 0; c < consumers_; ++c) {
    Gathered read;
    std::size_t read_parts = 0;
    std::uint32_t mix = 0;
    for (const Part& part : parts) {
      AgedBacklog& unread = unread_[c][part.bucket];
      model::Batch rest = part.batch;
      if (unread.empty()) {
        const std::uint64_t room = consumer_room(c, part.bucket, partitions_);
        if (room == kAnyAmount || room >= rest.count) {
          read.add(rest);
          mix = rest.mix;
          ++read_parts;
          continue;
        }
        if (room > 0) {
          const model::Batch taken = engine::take_front(rest, room);
          note_unread(0, taken.count, t);
          deliver(c, taken, t);
        } else if (!consumer_ready(c)) {
          behind_[c] = true;  // it pushed back: what it leaves unread is its own
        }
      }
      if (unread.empty()) waiting_in_[c].push_back(part.bucket);
      unread.push(rest, t);
      unread_total_ += rest.count;
      unread_of_[c] += rest.count;
    }
    if (read_parts > 0) {
      const model::Batch b = read.batch(read_parts == 1 ? mix : network_.key_mixes().parent(mix));
      note_unread(0, b.count, t);
      deliver(c, b, t);
    }
  }
  update_backlog();
  if (unread_total_ > 0) schedule_poll();
}

void MskCluster::set_consumers(std::size_t consumers) {
  consumers_ = std::max<std::size_t>(1, consumers);
  lanes_.set_groups(consumers);
  partition_rate_ = lanes_.partition_capacity_bytes_per_s();
  unread_.assign(consumers_, std::vector<AgedBacklog>(partitions_));
  waiting_in_.assign(consumers_, {});
  unread_of_.assign(consumers_, 0);
  behind_.assign(consumers_, false);
  for (std::size_t c = 0; c < consumers; ++c)
    if (const std::string name = consumer_name(c); !name.empty()) probe_.readers().add(name);
}

// Time committed records spent unread in the log, waiting for their group.
void MskCluster::note_unread(engine::SimTime unread_for, std::uint64_t count, engine::SimTime t) {
  probe_.waited(unread_for, count, t);
  probe_.spent(unread_stage_, unread_for, count, t);
}

void MskCluster::deliver(std::size_t consumer, const model::Batch& batch, engine::SimTime t) {
  bytes_out_ += static_cast<double>(batch.bytes);
  probe_.departed(batch, t);
  probe_.readers().read(consumer, t - batch.arrived, batch.count, t);
  emit_to(consumer, batch);
}

void MskCluster::schedule_poll() {
  if (poll_pending_) return;
  poll_pending_ = true;
  schedule_in(poll_every_, kPoll, 0);
}

// Each group reads, from every partition it has records unread in, what it
// has room for, oldest first; what retention deleted first is lost to it.
void MskCluster::poll() {
  const engine::SimTime t = now();
  for (std::size_t c = 0; c < consumers_; ++c) {
    // The partitions it has records unread in, in their order.
    std::vector<std::uint64_t>& waiting = waiting_in_[c];
    std::sort(waiting.begin(), waiting.end());
    expire(c, t);
    std::map<std::tuple<std::uint32_t, std::uint32_t, std::uint64_t>, Gathered> reads;
    for (const std::uint64_t p : waiting) {
      AgedBacklog& unread = unread_[c][p];
      if (unread.empty()) continue;
      std::uint64_t room = consumer_room(c, p, partitions_);
      if (room == 0 && !consumer_ready(c)) behind_[c] = true;
      while (!unread.empty() && room > 0) {
        const engine::SimTime since = unread.front_since();
        const model::Batch chunk = unread.take_front(std::min(room, unread.front().count));
        if (room != kAnyAmount) room -= chunk.count;
        unread_total_ -= chunk.count;
        unread_of_[c] -= chunk.count;
        note_unread(t - since, chunk.count, t);
        const std::uint32_t mix = network_.key_mixes().parent(chunk.mix);
        reads[{chunk.origin, mix, mix == 0 ? chunk.key : 0}].add(chunk);
      }
    }
    note_oldest_unread(c, t);
    std::erase_if(waiting, [&](std::uint64_t p) { return unread_[c][p].empty(); });
    for (const auto& [key, gathered] : reads) deliver(c, gathered.batch(std::get<1>(key)), t);
    if (unread_of_[c] == 0) behind_[c] = false;
  }
  update_backlog();
  if (unread_total_ > 0) schedule_poll();
}

// Records the group had not read when retention deleted them: past
// retention.ms by their age, past retention.bytes by their partition's size.
void MskCluster::expire(std::size_t consumer, engine::SimTime t) {
  for (const std::uint64_t p : waiting_in_[consumer]) {
    AgedBacklog& unread = unread_[consumer][p];
    const auto lose = [&](engine::SimTime cut, std::size_t reason) {
      for (model::Batch gone; (gone = unread.take_arrived_by(cut)).count > 0;) {
        unread_total_ -= gone.count;
        unread_of_[consumer] -= gone.count;
        probe_.dropped(gone.count, reason, t);
      }
    };
    lose(t - retention_, expired_reason_);
    if (deleted_to_[p] >= 0) lose(deleted_to_[p], expired_size_reason_);
  }
}

void MskCluster::note_oldest_unread(std::size_t consumer, engine::SimTime t) {
  if (unread_of_[consumer] == 0) return;
  engine::SimTime oldest = t;
  for (const std::uint64_t p : waiting_in_[consumer])
    if (AgedBacklog& unread = unread_[consumer][p]; !unread.empty()) oldest = std::min(oldest, unread.oldest_arrival());
  probe_.readers().behind(consumer, t - oldest, t);
}

bool MskCluster::ready() const { return lanes_.most_waiting_bytes(now()) < buffer_bytes_; }

void MskCluster::update_backlog() {
  const engine::SimTime t = now();
  probe_.set_backlog(t, static_cast<double>(committing_.records() + unread_total_));
  std::uint64_t held = 0;
  for (std::size_t c = 0; c < unread_of_.size(); ++c)
    if (behind_[c]) held += unread_of_[c];
  probe_.set_held(t, static_cast<double>(held));
}

// Closes every one-second window that ended by time t: the busiest lane's
// share of the window becomes the busy level from its end.
void MskCluster::roll_window(engine::SimTime t) {
  if (t < window_end_) return;
  probe_.set_busy(window_end_, lanes_.take_busiest_work() / engine::to_seconds(kWindow));
  if (t >= window_end_ + kWindow) probe_.set_busy(window_end_ + kWindow, 0);
  window_end_ = (t / kWindow + 1) * kWindow;
}

std::uint64_t MskCluster::in_flight() const { return committing_.records() + unread_total_; }

void MskCluster::finish(engine::SimTime end) {
  roll_window(end);
  Component::finish(end);
}

CostParts MskCluster::cost(engine::SimTime duration) const {
  return bill_.cost({.hours = engine::to_seconds(duration) / 3600.0, .bytes_in = bytes_in_, .bytes_out = bytes_out_});
}

std::vector<std::pair<std::string, double>> MskCluster::usage() const {
  return {{"gib_in", bytes_in_ / kBytesPerGB},
          {"gib_out", bytes_out_ / kBytesPerGB},
          {"acknowledgement_wait_s_mean", acked_records_ > 0 ? ack_wait_s_ / acked_records_ : 0.0}};
}

}  // namespace archsim::models

// A Managed Flink application whose job fails (a `stopped` fault): AWS
// restarts the job from its latest completed checkpoint, so the records it
// processed after that checkpoint are read and processed again, and what they
// produced is produced again (at-least-once downstream unless the sink is
// transactional or its writes idempotent). While the job is down it reads
// nothing: its stream upstream holds the records and its consumers' iterator
// age grows. Managed Service for Apache Flink developer guide,
// "Implement fault tolerance" (how-fault.html) and "Checkpoints"; Apache
// Flink, "Task Failure Recovery" (restart strategies, restore from the last
// checkpoint); both as of 2026-12.
#include "archsim/models/flink/flink_application.hpp"

namespace archsim::models {

namespace {
// Records without a key mix are kept one entry per key up to this many a
// subtask, so that a restart replays them on their own keys; beyond it they
// join the last entry of their source (a replay of many single records is
// then placed as one key on the same subtask).
constexpr std::size_t kKeptKeys = 1024;
}  // namespace

void FlinkApplication::note_processed(Subtask& s, const model::Batch& done) {
  for (Processed& p : s.since_checkpoint)
    if (p.origin == done.origin && p.mix == done.mix && (done.mix != 0 || p.key == done.key)) {
      p.records.add(done);
      return;
    }
  if (done.mix == 0 && s.since_checkpoint.size() >= kKeptKeys) {
    for (auto it = s.since_checkpoint.rbegin(); it != s.since_checkpoint.rend(); ++it)
      if (it->origin == done.origin && it->mix == 0) return it->records.add(done);
  }
  Processed p{.origin = done.origin, .mix = done.mix, .key = done.key};
  p.records.add(done);
  s.since_checkpoint.push_back(p);
}

// The job is down: no batch starts and nothing is read (ready() is false);
// batches already in service finish, and count among what the restart replays.
void FlinkApplication::fail(std::uint64_t /*fault*/) {
  down_ = true;
  if (exactly_once_) abort_uncommitted();
  update_levels();
}

// Restarted from the latest checkpoint: what each subtask processed since it
// is queued again on that subtask, created anew (the records are read again
// from the stream), and processed before it reads on.
void FlinkApplication::recover(std::uint64_t fault) {
  down_ = false;
  // What the batches in service when it failed produced belongs to the
  // aborted attempt too: the replay produces it again.
  if (exactly_once_) abort_uncommitted();
  const engine::SimTime t = now();
  for (std::uint64_t i = 0; i < subtasks_.size(); ++i) {
    Subtask& s = subtasks_[i];
    for (const Processed& p : s.since_checkpoint) {
      model::Batch again = p.records.batch(p.mix);
      again.key = p.key;
      probe_.created(again.count);
      outcomes_[fault].replayed += again.count;
      probe_.units().queued(t, i, static_cast<double>(again.count));
      s.queue.push(again);
      s.queued += again.count;
      s.queued_bytes += again.bytes;
      queued_ += again.count;
    }
    // Replayed, they are again records after the checkpoint restored.
    s.since_checkpoint.clear();
  }
  start_idle();
  update_levels();
}

}  // namespace archsim::models

// Groups of batch parts held together while one timed event refers to them:
// the parts of a put that several shards refused, waiting for one retry; the
// parts several shards accepted, waiting for one propagation delay. One event
// per group, not per part, keeps a split batch cheap. Freed groups keep their
// storage for reuse.
#pragma once
#include <cstdint>
#include <vector>

#include "archsim/engine/batch.hpp"
#include "archsim/metrics/component_probe.hpp"

namespace archsim::models {

struct Part {
  engine::Batch batch;
  std::uint64_t bucket = 0;  // the shard or partition it belongs to
  // A unit of a second keying it was refused at (a table index's partition),
  // which its retry meets again; kNoUnit: none.
  static constexpr std::uint64_t kNoUnit = ~std::uint64_t{0};
  std::uint64_t pinned = kNoUnit;
};

class PartGroups {
 public:
  // A new, empty group.
  std::uint64_t open() {
    ++occupied_;
    if (!free_.empty()) {
      const std::uint64_t slot = free_.back();
      free_.pop_back();
      return slot;
    }
    groups_.emplace_back();
    return groups_.size() - 1;
  }
  void add(std::uint64_t slot, const engine::Batch& batch, std::uint64_t bucket, std::uint64_t pinned = Part::kNoUnit) {
    groups_[slot].push_back({batch, bucket, pinned});
    records_ += batch.count;
  }
  // Moves the group's parts into `out` (replacing its contents) and frees the slot.
  void take(std::uint64_t slot, std::vector<Part>& out) {
    out.clear();
    out.swap(groups_[slot]);
    for (const Part& p : out) records_ -= p.batch.count;
    free_.push_back(slot);
    --occupied_;
  }
  std::uint64_t records() const { return records_; }
  std::size_t occupied() const { return occupied_; }

 private:
  std::vector<std::vector<Part>> groups_;
  std::vector<std::uint64_t> free_;
  std::uint64_t records_ = 0;
  std::size_t occupied_ = 0;
};

// Fills one new group of a PartGroups, opened with its first part, so that
// one event can then refer to it.
class GroupFiller {
 public:
  static constexpr std::uint64_t kNone = ~std::uint64_t{0};
  explicit GroupFiller(PartGroups& groups) : groups_(groups) {}
  void add(const engine::Batch& batch, std::uint64_t bucket, std::uint64_t pinned = Part::kNoUnit) {
    if (group_ == kNone) group_ = groups_.open();
    groups_.add(group_, batch, bucket, pinned);
  }
  bool empty() const { return group_ == kNone; }
  std::uint64_t group() const { return group_; }

 private:
  PartGroups& groups_;
  std::uint64_t group_ = kNone;
};

// A part its shard or partition refused now: counted as throttled (against
// the model's `resource` and the unit `bucket`), then held for the next
// retry, or dropped with `reason` once the retries are spent.
inline void refuse(const engine::Batch& part, std::uint64_t bucket, bool retries_spent, GroupFiller& retry,
                   metrics::ComponentProbe& probe, std::size_t reason, engine::SimTime t, std::size_t resource = 0,
                   std::uint64_t pinned = Part::kNoUnit) {
  probe.throttled(part.count, resource);
  if (bucket < probe.units().units()) probe.units().throttled(bucket, part.count);
  if (retries_spent) return probe.dropped(part.count, reason, t);
  retry.add(part, bucket, pinned);
}

}  // namespace archsim::models

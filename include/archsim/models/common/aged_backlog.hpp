// A backlog held as counts in age groups, oldest first: what a stream's
// consumer has not read yet.
//
// A batch pushed behind a group of the same source and key mix joins that
// group when it is held within the group's width of the group's first batch;
// the group's times are then its records' mean times (creation, arrival and
// holding), as Gathered makes them. The width is 1/kGroupsPerAge of how long
// the oldest group has been held, so a backlog of age A fed every d holds
// about kGroupsPerAge x (1 + ln(A / (kGroupsPerAge x d))) groups per source
// and mix however long it grows (a day fed every second: about 525), and a
// record's times move by at most 1/(2 kGroupsPerAge) of the backlog's age.
// Counts and bytes stay exact. Single records (no key mix) keep their own
// sizes and times: they never join.
#pragma once
#include <algorithm>
#include <cstdint>
#include <climits>

#include "archsim/engine/batch.hpp"
#include "archsim/models/common/fifo.hpp"

namespace archsim::models {

class AgedBacklog {
 public:
  static constexpr engine::SimTime kGroupsPerAge = 64;

  struct Group {
    engine::Batch batch;
    engine::SimTime since = 0;  // when its records were held (their mean)
    // The first and last arrival among its records, which are taken as
    // spread evenly between them: the oldest record's age, and what of the
    // group a cut-off by arrival takes.
    engine::SimTime first = 0, last = 0;
  };

  bool empty() const { return groups_.empty(); }
  std::size_t size() const { return groups_.size(); }

  // Holds `batch` from `now` on.
  void push(const engine::Batch& batch, engine::SimTime now) {
    if (!groups_.empty() && joins_back(batch, now)) {
      Group& g = back();
      const std::uint64_t n = g.batch.count + batch.count;
      g.batch.created = mean(g.batch.created, g.batch.count, batch.created, batch.count, n);
      g.batch.arrived = mean(g.batch.arrived, g.batch.count, batch.arrived, batch.count, n);
      g.since = mean(g.since, g.batch.count, now, batch.count, n);
      g.batch.count = n;
      g.batch.bytes += batch.bytes;
      g.first = std::min(g.first, batch.arrived);
      g.last = std::max(g.last, batch.arrived);
      return;
    }
    groups_.push({batch, now, batch.arrived, batch.arrived});
    back_first_ = now;
  }
  // The oldest group (precondition: !empty() for all four).
  const engine::Batch& front() { return groups_.front().batch; }
  // The arrival of the oldest record.
  engine::SimTime oldest_arrival() { return groups_.front().first; }
  // When the oldest group's records were held (their mean).
  engine::SimTime front_since() { return groups_.front().since; }
  Group pop() { return groups_.pop(); }
  // Takes the oldest `n` records (n <= front().count) at their group's mean times.
  engine::Batch take_front(std::uint64_t n) {
    Group& g = groups_.front();
    if (n == g.batch.count) return groups_.pop().batch;
    g.first += static_cast<engine::SimTime>(static_cast<double>(g.last - g.first) * static_cast<double>(n) /
                                            static_cast<double>(g.batch.count));
    return engine::take_front(g.batch, n);
  }
  // Takes the records that arrived at or before `cut`, none when the oldest
  // arrived after it: a whole group whose last arrival is at or before it,
  // else its evenly spread share up to `cut`.
  engine::Batch take_arrived_by(engine::SimTime cut) {
    if (groups_.empty() || groups_.front().first > cut) return engine::Batch{.count = 0};
    const Group& g = groups_.front();
    if (g.last <= cut) return groups_.pop().batch;
    const double share = static_cast<double>(cut - g.first + 1) / static_cast<double>(g.last - g.first + 1);
    const auto n = std::min(g.batch.count - 1, static_cast<std::uint64_t>(share * static_cast<double>(g.batch.count)));
    if (n == 0) return engine::Batch{.count = 0};
    return take_front(n);
  }

  // (a na + b nb + n/2) / n rounded down, n = na + nb, for times a, b >= 0:
  // as a + ((b - a) nb + n/2) / n, in 64 bits when that product fits (the
  // times of one group are close; a 128-bit division is a library call).
  static engine::SimTime mean(engine::SimTime a, std::uint64_t na, engine::SimTime b, std::uint64_t nb,
                              std::uint64_t n) {
    std::int64_t moved = 0;
    if (n <= static_cast<std::uint64_t>(INT64_MAX) &&
        !__builtin_mul_overflow(b - a, static_cast<std::int64_t>(nb), &moved) &&
        !__builtin_add_overflow(moved, static_cast<std::int64_t>(n / 2), &moved)) {
      const auto d = static_cast<std::int64_t>(n);
      // Rounded down, also when the mean lies below a.
      return a + moved / d - (moved % d < 0 ? 1 : 0);
    }
    const __int128 sum = static_cast<__int128>(a) * na + static_cast<__int128>(b) * nb;
    return static_cast<engine::SimTime>((sum + static_cast<__int128>(n / 2)) / n);
  }

 private:
  bool joins_back(const engine::Batch& b, engine::SimTime now) {
    const engine::Batch& last = back().batch;
    if (b.mix == 0 || last.origin != b.origin || last.mix != b.mix) return false;
    const engine::SimTime age = now - groups_.front().since;
    return now - back_first_ <= age / kGroupsPerAge;
  }
  Group& back() { return groups_.back(); }

  Fifo<Group> groups_;
  engine::SimTime back_first_ = 0;  // when the back group's first batch was held
};

}  // namespace archsim::models

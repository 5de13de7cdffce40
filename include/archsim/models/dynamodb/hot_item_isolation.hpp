// Where a table's items live, and adaptive capacity's isolation of the items
// that draw the most traffic on partitions of their own (developer guide
// burst-adaptive-capacity.html, "Isolate frequently accessed items").
//
// Keys hash onto the hashed partitions; an isolated item's key is carved out
// of its hashed partition to a partition that holds it alone. A partition
// that its own ceiling throttled in every second of `isolation_delay_s`
// (catalog, an assumption: AWS does not say how soon) is split: its hottest
// items, hottest first, each move to a partition of their own while what
// stays is over the ceiling, an item moving only if it alone asks at least
// `isolated_item_min_share` of a partition's ceiling (lighter items are not
// "frequently accessed", and moving one barely relieves the partition) and
// the partition holds other traffic besides it. A partition holding one
// item is never split: that item is capped at the partition's ceiling.
//
// The items a partition holds are read from the key mixes of the requests
// it was offered while it throttled (first tries, in write units of its
// ceiling): each mix's most frequent keys by their probabilities, and keys
// of single-key batches as they come.
#pragma once
#include <cstdint>
#include <unordered_map>
#include <utility>
#include <vector>

#include "archsim/engine/batch.hpp"
#include "archsim/engine/rng.hpp"
#include "archsim/model/catalog.hpp"
#include "archsim/model/key_mix.hpp"

namespace archsim::models {

class HotItemIsolation {
 public:
  HotItemIsolation() = default;
  HotItemIsolation(const model::Catalog& catalog, model::KeyHash::Function hash, double ceiling_units);

  // Partitions in all: hashed and isolated, each a unit index below this.
  std::size_t units() const { return units_.size(); }
  std::size_t hashed() const { return hashed_.size(); }
  std::size_t isolated() const { return isolated_.size(); }
  // Adds hashed partitions up to `count` as new units; keys rehash over all of them.
  void grow_hashed(std::size_t count, model::KeyMixes& mixes);

  // Calls part(unit, sub) for the records of `batch` on each partition.
  template <class Part>
  void split(model::KeyMixes& mixes, const engine::Batch& batch, engine::Rng& rng, Part&& part) {
    mixes.split(batch, {hash_, hashed_.size()}, rng, [&](std::uint64_t bucket, const engine::Batch& on_bucket) {
      const Carve& c = carves_[bucket];
      if (c.carve == 0) return part(hashed_[bucket], on_bucket);
      mixes.split_out(on_bucket, c.carve, rng, [&](std::uint64_t i, const engine::Batch& sub) {
        part(i < c.units.size() ? c.units[i] : hashed_[bucket], sub);
      });
    });
  }

  // A first try offered to `unit`, `units_each` of its ceiling a record.
  void offered(std::uint64_t unit, const engine::Batch& part, double units_each) {
    Unit& u = units_[unit];
    if (u.streak == 0 || u.one_item) return;  // only a partition that throttles is watched
    const double load = static_cast<double>(part.count) * units_each;
    u.load += load;
    (part.mix == 0 ? u.keys : u.mixes).add(part.mix == 0 ? part.key : part.mix, load);
  }
  // `unit`'s own ceiling refused a request in the current second.
  void throttled(std::uint64_t unit) { units_[unit].throttled = true; }
  // Closes a second (`then_idle`: the next ones had no requests): partitions
  // hot for the delay are split. Returns how many items were isolated.
  std::size_t close_second(bool then_idle, model::KeyMixes& mixes);

 private:
  // Load by mix or key, in the order first seen. A partition under a stream
  // meets a mix per shard (hundreds), so the entries are found by a map.
  struct Tally {
    std::vector<std::pair<std::uint64_t, double>> entries;
    std::unordered_map<std::uint64_t, std::size_t> at;
    void add(std::uint64_t id, double load) {
      const auto [it, added] = at.try_emplace(id, entries.size());
      if (added) entries.emplace_back(id, load);
      else entries[it->second].second += load;
    }
  };
  struct Unit {
    bool throttled = false;  // in the current second
    bool one_item = false;   // an isolated item's own partition
    std::uint32_t streak = 0;  // seconds in a row it throttled
    double load = 0;           // ceiling units offered since the streak began (its first second excepted)
    Tally mixes, keys;         // the same, by mix and by single key
  };
  struct Carve {
    std::uint32_t carve = 0;           // 0: nothing carved from this hashed partition
    std::vector<std::uint64_t> units;  // each carved key's partition
  };
  std::vector<std::uint64_t> hottest_items(const Unit& u, double seconds, model::KeyMixes& mixes) const;
  void regroup(model::KeyMixes& mixes);

  model::KeyHash::Function hash_ = nullptr;
  double ceiling_units_ = 0, delay_s_ = 0, min_share_ = 0;
  std::vector<Unit> units_;
  std::vector<std::uint64_t> hashed_;                            // unit of each hashed partition
  std::vector<std::pair<std::uint64_t, std::uint64_t>> isolated_;  // key, its unit
  std::vector<Carve> carves_;                                    // by hashed partition
};

}  // namespace archsim::models

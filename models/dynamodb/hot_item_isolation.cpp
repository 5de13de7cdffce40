#include "archsim/models/dynamodb/hot_item_isolation.hpp"

#include <algorithm>

namespace archsim::models {

namespace {
// A mix's keys past its most frequent few each carry less than the
// smallest share an isolated item needs, in any mix worth splitting.
constexpr std::size_t kKeysOfAMix = 16;
}  // namespace

HotItemIsolation::HotItemIsolation(const model::Catalog& catalog, model::KeyHash::Function hash, double ceiling_units)
    : hash_(hash),
      ceiling_units_(ceiling_units),
      delay_s_(catalog.at("dynamodb.adaptive.isolation_delay_s").value),
      min_share_(catalog.at("dynamodb.adaptive.isolated_item_min_share").value) {}

void HotItemIsolation::grow_hashed(std::size_t count, model::KeyMixes& mixes) {
  if (count <= hashed_.size()) return;
  while (hashed_.size() < count) {
    hashed_.push_back(units_.size());
    units_.emplace_back();
  }
  regroup(mixes);
}

// Each hashed partition carves out the isolated keys that hash to it.
void HotItemIsolation::regroup(model::KeyMixes& mixes) {
  carves_.assign(hashed_.size(), Carve{});
  std::vector<std::vector<std::uint64_t>> keys(hashed_.size());
  for (const auto& [key, unit] : isolated_) {
    const std::uint64_t b = hash_(key, hashed_.size());
    keys[b].push_back(key);
    carves_[b].units.push_back(unit);
  }
  for (std::size_t b = 0; b < keys.size(); ++b)
    if (!keys[b].empty()) carves_[b].carve = mixes.carve(std::move(keys[b]));
}

std::size_t HotItemIsolation::close_second(bool then_idle, model::KeyMixes& mixes) {
  std::size_t moved = 0;
  const std::size_t before = units_.size();
  for (std::size_t i = 0; i < before; ++i) {
    Unit& u = units_[i];
    u.streak = u.throttled ? u.streak + 1 : 0;
    u.throttled = false;
    if (u.streak >= delay_s_ && u.streak > 1 && !u.one_item) {
      for (const std::uint64_t key : hottest_items(u, u.streak - 1.0, mixes)) {
        isolated_.emplace_back(key, units_.size());
        Unit own;
        own.one_item = true;
        units_.push_back(std::move(own));  // u is not used past here
        ++moved;
      }
      units_[i].streak = 0;
    }
    Unit& w = units_[i];
    // Reset only what holds something: most partitions never throttle, and
    // a fresh Unit (its tallies' maps) each second for each is most of the cost.
    const bool clean = w.streak == 0 && w.load == 0 && w.mixes.entries.empty() && w.keys.entries.empty();
    if ((w.streak == 0 || then_idle) && !clean) w = Unit{.one_item = w.one_item};
  }
  if (moved > 0) regroup(mixes);
  return moved;
}

// The items to move off a partition offered `u.load` over `seconds`: hottest
// first while what stays is over the ceiling, each asking at least the
// smallest share, none that is all the partition holds.
std::vector<std::uint64_t> HotItemIsolation::hottest_items(const Unit& u, double seconds,
                                                           model::KeyMixes& mixes) const {
  Tally tally;  // key, units/s
  for (const auto& [mix, load] : u.mixes.entries)
    for (const auto& [key, p] : mixes.hottest(static_cast<std::uint32_t>(mix), kKeysOfAMix))
      tally.add(key, p * load / seconds);
  for (const auto& [key, load] : u.keys.entries) tally.add(key, load / seconds);
  std::vector<std::pair<std::uint64_t, double>>& items = tally.entries;
  std::sort(items.begin(), items.end(), [](const auto& a, const auto& b) {
    return a.second != b.second ? a.second > b.second : a.first < b.first;
  });
  std::vector<std::uint64_t> out;
  double stays = u.load / seconds;
  for (const auto& [key, per_s] : items) {
    if (stays <= ceiling_units_ || per_s < min_share_ * ceiling_units_) break;
    if (stays - per_s <= 1e-9 * stays) break;  // the partition holds it alone already
    out.push_back(key);
    stays -= per_s;
  }
  return out;
}

}  // namespace archsim::models

// Key mixes for the static view: the same splits and distinct-key counts the
// simulated models make, over a whole rate instead of batch by batch.
#include "archsim/analysis/key_load.hpp"

#include <algorithm>
#include <map>
#include <tuple>

#include "archsim/engine/rng.hpp"

namespace archsim::analysis {

namespace {
struct Cache {
  model::KeyMixes mixes;
  std::map<std::tuple<std::uint64_t, bool, double>, std::uint32_t> spaces;
};
Cache& cache() {
  thread_local Cache c;
  return c;
}
}  // namespace

model::KeyMixes& static_mixes() { return cache().mixes; }

std::uint32_t static_mix_of(const model::KeySpace& space) {
  Cache& c = cache();
  const auto key = std::make_tuple(space.count, space.zipf, space.zipf ? space.s : 0.0);
  const auto it = c.spaces.find(key);
  if (it != c.spaces.end()) return it->second;
  return c.spaces[key] = c.mixes.add_space(space);
}

std::vector<UnitPart> unit_parts(model::KeyMixes& mixes, std::uint32_t mix, model::KeyHash::Function hash,
                                 std::uint64_t units) {
  std::vector<UnitPart> out;
  if (units == 0) return out;
  if (!hash) {
    for (std::uint64_t u = 0; u < units; ++u) out.push_back({u, 1.0 / static_cast<double>(units), mix});
    return out;
  }
  // A batch of 2^50 records splits in proportion to the weights to 1e-15,
  // and names each part's mix: the keys of `mix` that hash to that unit.
  engine::Batch whole;
  whole.count = std::uint64_t{1} << 50;
  whole.mix = mix;
  engine::Rng rng = engine::Rng::stream(0, "static");
  mixes.split(whole, {hash, units}, rng, [&](std::uint64_t unit, const engine::Batch& part) {
    out.push_back({unit, static_cast<double>(part.count) / static_cast<double>(whole.count), part.mix});
  });
  return out;
}

double window_output(model::KeyMixes& mixes, const std::vector<UnitPart>& parts, double records_per_s,
                     double window_s) {
  if (records_per_s <= 0 || window_s <= 0) return 0;
  double keys = 0;
  for (const UnitPart& p : parts) keys += mixes.expected_distinct(p.mix, records_per_s * window_s * p.weight);
  return keys / window_s;
}

HotUnit hottest_unit(model::KeyMixes& mixes, const std::vector<KeyedShare>& shares, model::KeyHash::Function hash,
                     std::uint64_t units) {
  HotUnit hot;
  if (units == 0) return hot;
  std::vector<double> load(units, 0.0);
  double even = 0;
  for (const KeyedShare& s : shares) {
    if (!hash || s.mix == 0) {
      even += s.share;
      continue;
    }
    const std::vector<double> w = mixes.bucket_weights(s.mix, {hash, units});
    for (std::size_t u = 0; u < w.size() && u < units; ++u) load[u] += s.share * w[u];
  }
  for (std::uint64_t u = 0; u < units; ++u) {
    const double share = load[u] + even / static_cast<double>(units);
    if (share > hot.share) hot = {u, share};
  }
  return hot;
}

HotKey hottest_key(const model::KeyMixes& mixes, const std::vector<KeyedShare>& shares) {
  HotKey hot;
  for (const KeyedShare& s : shares) {
    if (s.mix == 0) continue;
    for (const auto& [key, probability] : mixes.hottest(s.mix, 1))
      if (probability * s.share > hot.share) hot = {s.source, key, probability * s.share};
  }
  return hot;
}

}  // namespace archsim::analysis

#include "archsim/model/key_mix.hpp"

#include <algorithm>
#include <cmath>

#include "archsim/engine/rng.hpp"

namespace archsim::model {

namespace {

// sum of k^-s for k = a..n (a <= n), by Euler-Maclaurin: the integral, the
// endpoint halves and the first derivative term. From a = 4,097 on, the
// error is below 1e-15 of the sum.
double zipf_sum(double a, double n, double s) {
  const double integral = std::abs(s - 1) < 1e-12 ? std::log(n / a) : (std::pow(n, 1 - s) - std::pow(a, 1 - s)) / (1 - s);
  return integral + (std::pow(a, -s) + std::pow(n, -s)) / 2 + s / 12 * (std::pow(a, -s - 1) - std::pow(n, -s - 1));
}

// Marks a carve among the cached partitions (its bucket count is the carve's id).
std::uint64_t carved_out(std::uint64_t, std::uint64_t) { return 0; }

}  // namespace

const KeyMixes::Partition* KeyMixes::made(std::uint32_t mix, KeyHash::Function function, std::uint64_t buckets) const {
  for (const Made& m : mixes_[mix].made)
    if (m.function == function && m.buckets == buckets) return &partitions_[m.partition];
  return nullptr;
}

const KeyMixes::Partition& KeyMixes::keep(std::uint32_t mix, KeyHash::Function function, std::uint64_t buckets,
                                          Partition p) {
  partitions_.push_back(std::move(p));
  mixes_[mix].made.push_back({function, buckets, partitions_.size() - 1});
  return partitions_.back();
}

KeyMixes::KeyMixes() : mixes_(1), carves_(1) {}

std::uint32_t KeyMixes::add_space(const KeySpace& space) {
  Mix mix;
  const std::uint64_t head = std::min(space.count, kHeadKeys);
  mix.head.reserve(head);
  double total = 0;
  const std::uint64_t n = std::max<std::uint64_t>(1, space.suffixes);
  mix.head.reserve(head * n);
  // A suffixed key k is k x n + j for each suffix j, each an n-th of k's weight.
  for (std::uint64_t k = 0; k < head; ++k) {
    const double w = space.zipf ? std::pow(static_cast<double>(k + 1), -space.s) : 1.0;
    for (std::uint64_t j = 0; j < n; ++j) mix.head.emplace_back(k * n + j, w / static_cast<double>(n));
    total += w;
  }
  if (space.count > head) {
    mix.tail_keys = static_cast<double>(space.count - head) * static_cast<double>(n);
    mix.tail_weight = space.zipf ? zipf_sum(static_cast<double>(head + 1), static_cast<double>(space.count), space.s)
                                 : mix.tail_keys;
    total += mix.tail_weight;
  }
  for (auto& entry : mix.head) entry.second /= total;
  mix.tail_weight /= total;
  return push(std::move(mix), 0);
}

// Adds a mix; parent 0 makes it its own parent.
std::uint32_t KeyMixes::push(Mix mix, std::uint32_t parent) {
  const auto id = static_cast<std::uint32_t>(mixes_.size());
  mix.parent = parent == 0 ? id : parent;
  mixes_.push_back(std::move(mix));
  return id;
}

const KeyMixes::Constraint* KeyMixes::constraint_on(const Mix& mix, const KeyHash& hash) {
  for (const Constraint& c : mix.constraints)
    if (c.function == hash.bucket_of && c.buckets == hash.buckets) return &c;
  return nullptr;
}

std::vector<double> KeyMixes::weights(const Mix& mix, const KeyHash& hash, std::vector<std::uint64_t>& head_buckets) const {
  std::vector<double> w(hash.buckets, 0.0);
  head_buckets.clear();
  head_buckets.reserve(mix.head.size());
  for (const auto& [key, p] : mix.head) {
    const std::uint64_t b = hash.bucket_of(key, hash.buckets);
    head_buckets.push_back(b);
    w[b] += p;
  }
  if (mix.tail_weight > 0) {
    if (const Constraint* same = constraint_on(mix, hash)) {
      w[same->bucket] += mix.tail_weight;
    } else {
      const double each = mix.tail_weight / static_cast<double>(hash.buckets);
      for (double& x : w) x += each;
    }
  }
  return w;
}

const KeyMixes::Partition& KeyMixes::partition(std::uint32_t mix_id, const KeyHash& hash) {
  if (const Partition* found = made(mix_id, hash.bucket_of, hash.buckets)) return *found;
  // Keys already known to hash to one bucket of this hash (a retried part, a
  // part read back from its shard) all go there again: the part keeps its mix,
  // so that parts of the same keys stay alike and can be gathered.
  if (const Constraint* same = constraint_on(mixes_[mix_id], hash)) {
    Partition whole;
    whole.buckets.push_back({same->bucket, 1.0, mix_id});
    return keep(mix_id, hash.bucket_of, hash.buckets, std::move(whole));
  }

  std::vector<std::uint64_t> head_buckets;
  const std::vector<double> w = weights(mixes_[mix_id], hash, head_buckets);
  double total = 0;
  for (double x : w) total += x;
  Partition p;
  double running = 0;
  for (std::uint64_t b = 0; b < hash.buckets; ++b) {
    if (w[b] <= 0) continue;
    running += w[b];
    // Each child: the parent's keys that hash to b, renormalized.
    Mix child;
    const Mix& parent = mixes_[mix_id];
    for (std::size_t i = 0; i < parent.head.size(); ++i)
      if (head_buckets[i] == b) child.head.emplace_back(parent.head[i].first, parent.head[i].second / w[b]);
    // The tail, not known to this hash, spreads evenly over its buckets.
    if (parent.tail_weight > 0) {
      const double share = 1.0 / static_cast<double>(hash.buckets);
      child.tail_weight = parent.tail_weight * share / w[b];
      child.tail_keys = parent.tail_keys * share;
    }
    child.constraints = parent.constraints;
    child.constraints.push_back({hash.bucket_of, hash.buckets, b});
    const std::uint32_t child_id = push(std::move(child), mix_id);
    p.buckets.push_back({b, running / total, child_id});
  }
  if (!p.buckets.empty()) p.buckets.back().cumulative = 1.0;
  return keep(mix_id, hash.bucket_of, hash.buckets, std::move(p));
}

std::uint32_t KeyMixes::carve(std::vector<std::uint64_t> keys) {
  carves_.push_back(std::move(keys));
  return static_cast<std::uint32_t>(carves_.size() - 1);
}

// The parts of a carve take the parent's parent: parts served together after
// a split and a carve of one of its parts add up to the split's mix again.
const KeyMixes::Partition& KeyMixes::carved(std::uint32_t mix_id, std::uint32_t carve) {
  if (const Partition* found = made(mix_id, &carved_out, carve)) return *found;
  const std::vector<std::uint64_t>& keys = carves_.at(carve);
  std::vector<double> w(keys.size() + 1, 0.0);
  std::vector<std::uint64_t> where;
  where.reserve(mixes_[mix_id].head.size());
  for (const auto& [k, p] : mixes_[mix_id].head) {
    const auto at = static_cast<std::uint64_t>(std::find(keys.begin(), keys.end(), k) - keys.begin());
    where.push_back(at);
    w[at] += p;
  }
  w.back() += mixes_[mix_id].tail_weight;
  Partition p;
  double running = 0, total = 0;
  for (double x : w) total += x;
  for (std::uint64_t b = 0; b < w.size(); ++b) {
    if (w[b] <= 0) continue;
    running += w[b];
    const Mix& parent = mixes_[mix_id];
    std::uint32_t child_id = mix_id;  // nothing carved out: the rest is the mix itself
    if (w[b] < total) {
      Mix child;
      for (std::size_t i = 0; i < parent.head.size(); ++i)
        if (where[i] == b) child.head.emplace_back(parent.head[i].first, parent.head[i].second / w[b]);
      if (b == keys.size()) {
        child.tail_weight = parent.tail_weight / w[b];
        child.tail_keys = parent.tail_keys;
      }
      child.constraints = parent.constraints;
      child_id = push(std::move(child), parent.parent);
    }
    p.buckets.push_back({b, running / total, child_id});
  }
  if (!p.buckets.empty()) p.buckets.back().cumulative = 1.0;
  return keep(mix_id, &carved_out, carve, std::move(p));
}

std::vector<double> KeyMixes::bucket_weights(std::uint32_t mix, const KeyHash& hash) {
  std::vector<double> w(hash.buckets, 0.0);
  double before = 0;
  for (const Bucket& b : partition(mix, hash).buckets) {
    w[b.bucket] = b.cumulative - before;
    before = b.cumulative;
  }
  return w;
}

double KeyMixes::expected_distinct(std::uint32_t mix_id, double n) {
  constexpr double kStepsPerDoubling = 32;
  if (n <= 1) return std::max(0.0, n);  // one record is one key
  const double x = std::log2(n) * kStepsPerDoubling;
  const auto k = static_cast<std::size_t>(x);
  std::vector<double>& grid = mixes_[mix_id].distinct_at;
  while (grid.size() < k + 2)
    grid.push_back(expected_distinct_exact(mix_id, std::exp2(static_cast<double>(grid.size()) / kStepsPerDoubling)));
  const double f = x - static_cast<double>(k);
  return grid[k] + f * (grid[k + 1] - grid[k]);
}

double KeyMixes::expected_distinct_exact(std::uint32_t mix_id, double n) const {
  const Mix& mix = mixes_[mix_id];
  // P(a key of probability p appears among n draws) = 1 - (1 - p)^n.
  const auto seen = [n](double p) { return p >= 1 ? 1.0 : -std::expm1(n * std::log1p(-p)); };
  double distinct = 0;
  for (const auto& entry : mix.head) distinct += seen(entry.second);
  if (mix.tail_keys > 0) distinct += mix.tail_keys * seen(mix.tail_weight / mix.tail_keys);
  return distinct;
}

std::uint32_t KeyMixes::each_key_once(std::uint32_t mix_id) {
  if (mixes_[mix_id].each_once != 0) return mixes_[mix_id].each_once;
  Mix once;
  const Mix& mix = mixes_[mix_id];
  const double keys = static_cast<double>(mix.head.size()) + mix.tail_keys;
  for (const auto& entry : mix.head) once.head.emplace_back(entry.first, 1.0 / keys);
  once.tail_keys = mix.tail_keys;
  once.tail_weight = mix.tail_keys / keys;
  once.constraints = mix.constraints;
  const std::uint32_t id = push(std::move(once), 0);
  mixes_[id].each_once = id;
  mixes_[mix_id].each_once = id;
  return id;
}

std::vector<std::pair<std::uint64_t, double>> KeyMixes::hottest(std::uint32_t mix, std::size_t n) const {
  std::vector<std::pair<std::uint64_t, double>> head = mixes_[mix].head;
  std::stable_sort(head.begin(), head.end(), [](const auto& a, const auto& b) { return a.second > b.second; });
  if (head.size() > n) head.resize(n);
  return head;
}

}  // namespace archsim::model

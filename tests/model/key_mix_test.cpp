#include <doctest/doctest.h>

#include <cmath>
#include <vector>

#include "archsim/engine/rng.hpp"
#include "archsim/model/key_mix.hpp"
#include "archsim/models/dynamodb/dynamodb_table.hpp"
#include "archsim/models/kinesis/kinesis_stream.hpp"

using namespace archsim;
using model::KeyHash;
using model::KeyMixes;
using model::KeySpace;

namespace {
std::uint64_t modulo(std::uint64_t key, std::uint64_t buckets) { return key % buckets; }
std::uint64_t by_mix64(std::uint64_t key, std::uint64_t buckets) { return engine::mix64(key) % buckets; }

// Each bucket's probability, by hashing every key of the space (the truth the
// head-and-tail mix approximates).
std::vector<double> brute_force(const KeySpace& space, const KeyHash& hash) {
  std::vector<double> w(hash.buckets, 0.0);
  double total = 0;
  for (std::uint64_t k = 0; k < space.count; ++k) {
    const double p = space.zipf ? std::pow(static_cast<double>(k + 1), -space.s) : 1.0;
    w[hash.bucket_of(k, hash.buckets)] += p;
    total += p;
  }
  for (double& x : w) x /= total;
  return w;
}

engine::Batch batch_of(std::uint32_t mix, std::uint64_t count, std::uint64_t bytes) {
  engine::Batch b;
  b.mix = mix;
  b.count = count;
  b.bytes = bytes;
  return b;
}
}  // namespace

TEST_CASE("key mix: a small key space is exact, key by key") {
  KeyMixes mixes;
  const KeySpace space{.count = 10, .zipf = false};
  const std::uint32_t m = mixes.add_space(space);
  const KeyHash shards{&models::KinesisStream::shard_of, 4};
  const auto w = mixes.bucket_weights(m, shards);
  const auto truth = brute_force(space, shards);
  for (std::size_t i = 0; i < 4; ++i) CHECK(w[i] == doctest::Approx(truth[i]).epsilon(1e-12));
}

TEST_CASE("key mix: zipf over 5 million keys keeps its hot keys and its total") {
  KeyMixes mixes;
  const KeySpace space{.count = 5'000'000, .zipf = true, .s = 1.1};
  const std::uint32_t m = mixes.add_space(space);
  const KeyHash buckets{&by_mix64, 64};
  const auto w = mixes.bucket_weights(m, buckets);
  const auto truth = brute_force(space, buckets);
  double sum = 0;
  for (std::size_t i = 0; i < w.size(); ++i) {
    sum += w[i];
    // The head is exact; the tail (26% of the mass here) is spread evenly
    // instead of by each tail key's hash: within 0.5% of each bucket's weight.
    CHECK(w[i] == doctest::Approx(truth[i]).epsilon(0.005));
  }
  CHECK(sum == doctest::Approx(1.0).epsilon(1e-12));
  // The hottest bucket holds key 0, which alone carries 1 / H(5M, 1.1) = 11.8% of records.
  const std::size_t hot = by_mix64(0, 64);
  CHECK(w[hot] > 0.118);
}

TEST_CASE("key mix: uniform keys beyond the head spread like their hashes") {
  KeyMixes mixes;
  const KeySpace space{.count = 1'000'000, .zipf = false};
  const std::uint32_t m = mixes.add_space(space);
  const KeyHash shards{&models::KinesisStream::shard_of, 8};
  const auto w = mixes.bucket_weights(m, shards);
  const auto truth = brute_force(space, shards);
  for (std::size_t i = 0; i < 8; ++i) CHECK(w[i] == doctest::Approx(truth[i]).epsilon(0.005));
}

TEST_CASE("key mix: a split conserves records and bytes and gives each bucket its share to within one record") {
  KeyMixes mixes;
  const std::uint32_t m = mixes.add_space({.count = 100000, .zipf = true, .s = 0.9});
  const KeyHash buckets{&by_mix64, 16};
  const auto w = mixes.bucket_weights(m, buckets);
  auto rng = engine::Rng::stream(7, "split");
  std::vector<double> got(16, 0.0);
  for (std::uint64_t n : {1ull, 7ull, 1000ull, 123457ull}) {
    std::uint64_t records = 0, bytes = 0;
    mixes.split(batch_of(m, n, n * 300 + 11), buckets, rng, [&](std::uint64_t b, const engine::Batch& part) {
      records += part.count;
      bytes += part.bytes;
      CHECK(part.mix != m);
      if (n > 1) CHECK(std::abs(static_cast<double>(part.count) - static_cast<double>(n) * w[b]) < 1.0 + 1e-9);
    });
    CHECK(records == n);
    CHECK(bytes == n * 300 + 11);
  }
  // Single records land on bucket b with probability w[b].
  const int draws = 200000;
  for (int i = 0; i < draws; ++i)
    mixes.split(batch_of(m, 1, 1), buckets, rng, [&](std::uint64_t b, const engine::Batch&) { got[b] += 1; });
  for (std::size_t b = 0; b < 16; ++b) {
    const double sd = std::sqrt(draws * w[b] * (1 - w[b]));
    CHECK(std::abs(got[b] - draws * w[b]) < 5 * sd);
  }
}

TEST_CASE("key mix: a part split again by the same hash stays whole, by another hash it spreads") {
  KeyMixes mixes;
  const std::uint32_t m = mixes.add_space({.count = 2'000'000, .zipf = true, .s = 1.0});
  const KeyHash shards{&models::KinesisStream::shard_of, 8};
  const KeyHash partitions{&models::DynamoDbTable::partition_of, 5};
  auto rng = engine::Rng::stream(1, "resplit");
  std::vector<engine::Batch> parts;
  std::vector<std::uint64_t> at;
  mixes.split(batch_of(m, 80000, 80000), shards, rng, [&](std::uint64_t b, const engine::Batch& p) {
    parts.push_back(p);
    at.push_back(b);
  });
  REQUIRE(parts.size() == 8);
  for (std::size_t i = 0; i < parts.size(); ++i) {
    CHECK(mixes.parent(parts[i].mix) == m);
    int pieces = 0;
    mixes.split(parts[i], shards, rng, [&](std::uint64_t b, const engine::Batch& p) {
      ++pieces;
      CHECK(b == at[i]);
      CHECK(p.count == parts[i].count);
      // The same keys: the same mix, so that a retried part and a new one of
      // the same source gather (and no new mix is made per retry).
      CHECK(p.mix == parts[i].mix);
    });
    CHECK(pieces == 1);
    // Another hash: the shard's keys spread over all partitions, and the
    // shares over partitions of all shards' parts add up to the whole mix's.
    int spread = 0;
    mixes.split(parts[i], partitions, rng, [&](std::uint64_t, const engine::Batch&) { ++spread; });
    CHECK(spread == 5);
  }
  const auto whole = mixes.bucket_weights(m, partitions);
  std::vector<double> sum(5, 0.0);
  const auto by_shard = mixes.bucket_weights(m, shards);
  for (std::size_t i = 0; i < parts.size(); ++i) {
    const auto w = mixes.bucket_weights(parts[i].mix, partitions);
    for (std::size_t p = 0; p < 5; ++p) sum[p] += by_shard[at[i]] * w[p];
  }
  for (std::size_t p = 0; p < 5; ++p) CHECK(sum[p] == doctest::Approx(whole[p]).epsilon(1e-9));
}

TEST_CASE("key mix: expected distinct keys match the occupancy formula and a count by sampling") {
  KeyMixes mixes;
  // Uniform over K keys: K (1 - (1 - 1/K)^n), the classical occupancy mean.
  const std::uint32_t u = mixes.add_space({.count = 1'000'000, .zipf = false});
  for (double n : {10.0, 1e5, 1e6, 5e6}) {
    CHECK(mixes.expected_distinct_exact(u, n) == doctest::Approx(1e6 * (1 - std::pow(1 - 1e-6, n))).epsilon(1e-9));
    // The interpolated value, as documented: within 1e-4.
    CHECK(mixes.expected_distinct(u, n) == doctest::Approx(1e6 * (1 - std::pow(1 - 1e-6, n))).epsilon(1e-4));
  }
  for (double n = 1; n < 1e7; n *= 1.37)
    CHECK(mixes.expected_distinct(u, n) == doctest::Approx(mixes.expected_distinct_exact(u, n)).epsilon(1e-4));
  // Zipf over 1,000 keys (all exact): compare with sampling.
  const std::uint32_t z = mixes.add_space({.count = 1000, .zipf = true, .s = 1.2});
  engine::ZipfSampler sampler(1000, 1.2);
  auto rng = engine::Rng::stream(3, "distinct");
  double mean = 0;
  const int trials = 400;
  for (int t = 0; t < trials; ++t) {
    std::vector<bool> seen(1000, false);
    int d = 0;
    for (int i = 0; i < 500; ++i) {
      const auto k = sampler.sample(rng) - 1;
      if (!seen[k]) ++d, seen[k] = true;
    }
    mean += d;
  }
  mean /= trials;
  CHECK(mixes.expected_distinct(z, 500) == doctest::Approx(mean).epsilon(0.01));
  // Each key once: every key equally likely, whatever the skew was.
  const std::uint32_t once = mixes.each_key_once(z);
  const auto w = mixes.bucket_weights(once, {&modulo, 10});
  for (double x : w) CHECK(x == doctest::Approx(0.1).epsilon(1e-12));
  CHECK(mixes.each_key_once(z) == once);
}

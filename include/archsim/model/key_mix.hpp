// The partition keys of a batch of many records, without a key per record.
//
// A warehouse-scale source sends thousands of records per event; each record
// has its own key, and keyed services (stream shards, table partitions, keyed
// operators) place records by hashing their keys. A batch therefore carries a
// key mix: the distribution its records' keys are drawn from. A mix is
//   - a head: its most frequent keys, each with its exact probability, and
//   - a tail: the remaining probability, spread evenly over `tail_keys` keys.
// A keyed service splits a batch over its buckets with the mix's weight per
// bucket: the head's keys are hashed exactly, so a hot key lands on its real
// shard; the tail, millions of keys each too rare to matter alone, spreads
// evenly (the law of large numbers over a uniform hash). Each part carries the
// child mix "keys of the parent that hash to this bucket", so a later service
// with another hash splits it again; a later split by the same hash and
// bucket count sends the whole part, tail included, to the same bucket.
//
// Splitting is systematic: with one uniform draw u per batch, bucket i gets
// floor(n C_i + u) - floor(n C_{i-1} + u) records (C: cumulative weights).
// Every bucket gets its expected share n w_i up to one record, the parts add
// up to n exactly, and a batch of one record lands in bucket i with
// probability w_i. The multinomial noise of which keys a batch happens to
// carry, beyond that rounding, is not modelled.
#pragma once
#include <algorithm>
#include <cstdint>
#include <deque>
#include <utility>
#include <vector>

#include "archsim/engine/batch.hpp"
#include "archsim/engine/rng.hpp"
#include "archsim/model/params.hpp"

namespace archsim::model {

// A hash of partition keys onto `buckets` buckets. Two hashes are the same if
// they have the same function and bucket count.
struct KeyHash {
  using Function = std::uint64_t (*)(std::uint64_t key, std::uint64_t buckets);
  Function bucket_of;
  std::uint64_t buckets;
};

class KeyMixes {
 public:
  // The most frequent keys of a key space kept exactly. Past this, a key of a
  // zipf space over millions carries a tiny share (zipf s = 1.1 over 5 M keys:
  // key 4,096 carries 0.01%).
  static constexpr std::uint64_t kHeadKeys = 4096;

  KeyMixes();
  // A mix for the records of a key space (sources with `batch`).
  std::uint32_t add_space(const KeySpace& space);

  // Splits `batch` over the hash's buckets and calls part(bucket, sub-batch)
  // for each non-empty part, in bucket order, drawing the systematic offset
  // from `rng`. A batch without a mix (mix 0: every record has `batch.key`)
  // is one part and draws nothing.
  template <class Part>
  void split(const engine::Batch& batch, const KeyHash& hash, engine::Rng& rng, Part&& part) {
    if (batch.mix == 0) return part(hash.bucket_of(batch.key, hash.buckets), batch);
    deal(partition(batch.mix, hash), batch, rng, part);
  }

  // Some keys, each taken out of whatever bucket holds it to a bucket of its
  // own (a table partition that holds one item): `carve` names the keys once;
  // split_out then calls part(i, sub) for the records of keys[i] and
  // part(keys.size(), sub) for the rest, in that order, non-empty parts
  // only, drawing as split does. A key of a mix's tail, too rare to carve,
  // stays in the rest.
  std::uint32_t carve(std::vector<std::uint64_t> keys);
  template <class Part>
  void split_out(const engine::Batch& batch, std::uint32_t carve, engine::Rng& rng, Part&& part) {
    const std::vector<std::uint64_t>& keys = carves_.at(carve);
    if (batch.mix == 0) {
      const auto at = std::find(keys.begin(), keys.end(), batch.key);
      return part(static_cast<std::uint64_t>(at - keys.begin()), batch);
    }
    deal(carved(batch.mix, carve), batch, rng, part);
  }

  // The mix `mix` was split from (itself for a key space's own mix): what the
  // parts of one split add up to again.
  std::uint32_t parent(std::uint32_t mix) const { return mixes_[mix].parent; }

  // Expected distinct keys among n records drawn from `mix`: exact at n =
  // 2^(k/32), interpolated linearly in log n between (relative error below
  // 1e-4), so that a call costs O(1) after the first ones.
  double expected_distinct(std::uint32_t mix, double n);
  // The same, summed key by key (the reference for the interpolation).
  double expected_distinct_exact(std::uint32_t mix, double n) const;
  // A mix over the same keys as `mix`, each equally likely: what remains of a
  // mix after aggregation emits each key once.
  std::uint32_t each_key_once(std::uint32_t mix);

  // The weight of each bucket for `mix` (tests and reports).
  std::vector<double> bucket_weights(std::uint32_t mix, const KeyHash& hash);
  // The most frequent keys of `mix` with their probabilities, most frequent
  // first (a key space's own mix: key 0 is its hottest), at most `n`.
  std::vector<std::pair<std::uint64_t, double>> hottest(std::uint32_t mix, std::size_t n) const;
  std::size_t size() const { return mixes_.size(); }

 private:
  struct Constraint {
    KeyHash::Function function;
    std::uint64_t buckets, bucket;
  };
  // A split of a mix already made: by which hash (or carve), and where it is kept.
  struct Made {
    KeyHash::Function function;
    std::uint64_t buckets;  // a carve's id for a carve
    std::size_t partition;  // index in partitions_
  };
  struct Mix {
    std::vector<std::pair<std::uint64_t, double>> head;  // key, probability
    double tail_weight = 0;
    double tail_keys = 0;
    std::vector<Constraint> constraints;  // hashes this mix's keys are known to satisfy
    std::uint32_t each_once = 0;          // cached each_key_once, 0: not made yet
    std::uint32_t parent = 0;             // the mix this one was split from, or itself
    std::vector<double> distinct_at;      // expected distinct keys at n = 2^(k/32), k = 0, 1, ...
    // The splits made of this mix, looked up per batch: a mix meets few
    // hashes (its stream's, a job's, a table's), so a short list beats a map.
    std::vector<Made> made;
  };
  struct Bucket {
    std::uint64_t bucket;
    double cumulative;  // weight of buckets up to and including this one; the last is 1
    std::uint32_t child;
  };
  struct Partition {
    std::vector<Bucket> buckets;  // non-empty buckets only, in order
  };
  const Partition& partition(std::uint32_t mix, const KeyHash& hash);
  const Partition& carved(std::uint32_t mix, std::uint32_t carve);
  // Splits systematically: one uniform draw u, bucket i gets floor(n C_i + u) - floor(n C_(i-1) + u).
  template <class Part>
  void deal(const Partition& p, const engine::Batch& batch, engine::Rng& rng, Part& part) {
    if (p.buckets.size() == 1) return part(p.buckets.front().bucket, with_mix(batch, p.buckets.front().child));
    const double u = rng.uniform();
    engine::Batch rest = batch;
    const auto n = static_cast<double>(batch.count);
    std::uint64_t before = 0;  // floor(n * 0 + u)
    for (const Bucket& b : p.buckets) {
      const auto upto = static_cast<std::uint64_t>(n * b.cumulative + u);
      const std::uint64_t take = std::min(upto - before, rest.count);
      before = upto;
      if (take == 0) continue;
      engine::Batch sub = engine::take_front(rest, take);
      sub.mix = b.child;
      part(b.bucket, sub);
    }
  }
  // The constraint of `mix` by `hash`, if its keys are known to hash to one bucket of it.
  static const Constraint* constraint_on(const Mix& mix, const KeyHash& hash);
  static engine::Batch with_mix(engine::Batch batch, std::uint32_t mix) {
    batch.mix = mix;
    return batch;
  }
  std::uint32_t push(Mix mix, std::uint32_t parent);
  // The split of `mix` by (function, buckets) made before, or null.
  const Partition* made(std::uint32_t mix, KeyHash::Function function, std::uint64_t buckets) const;
  const Partition& keep(std::uint32_t mix, KeyHash::Function function, std::uint64_t buckets, Partition p);
  std::vector<double> weights(const Mix& mix, const KeyHash& hash, std::vector<std::uint64_t>& head_buckets) const;

  std::vector<Mix> mixes_;  // [0] is unused: mix 0 means "one key per batch"
  // Every split made, by Made::partition; a deque, since a split may be made
  // while another is being dealt.
  std::deque<Partition> partitions_;
  std::vector<std::vector<std::uint64_t>> carves_;  // [0] is unused
};

}  // namespace archsim::model

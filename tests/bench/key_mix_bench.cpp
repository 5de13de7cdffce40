// What splitting a batch by its key mix costs: the operation every keyed
// service runs on every warehouse-scale batch (decision 0004). A 1-second
// batch of 300,000 records of zipf s = 0.6 over 5 million items, split over
// the shards of a stream and then one shard's part over a table's partitions.
#include <benchmark/benchmark.h>

#include <cstdint>

#include "archsim/engine/rng.hpp"
#include "archsim/model/key_mix.hpp"
#include "archsim/models/dynamodb/dynamodb_table.hpp"
#include "archsim/models/kinesis/kinesis_stream.hpp"

namespace {

using namespace archsim;

engine::Batch peak_second(std::uint32_t mix) {
  engine::Batch b;
  b.count = 300000;
  b.bytes = 300000ull * 400;
  b.mix = mix;
  return b;
}

// A whole batch over N shards: one visit per shard (the tail reaches all).
void BM_SplitOverShards(benchmark::State& state) {
  model::KeyMixes mixes;
  const std::uint32_t mix = mixes.add_space({.count = 5'000'000, .zipf = true, .s = 0.6});
  const model::KeyHash shards{&models::KinesisStream::shard_of, static_cast<std::uint64_t>(state.range(0))};
  auto rng = engine::Rng::stream(1, "bench");
  const engine::Batch batch = peak_second(mix);
  std::uint64_t records = 0;
  for (auto _ : state) {
    mixes.split(batch, shards, rng, [&](std::uint64_t, const engine::Batch& part) { records += part.count; });
  }
  benchmark::DoNotOptimize(records);
  state.SetItemsProcessed(state.iterations() * state.range(0));  // items: buckets visited
}
BENCHMARK(BM_SplitOverShards)->Arg(16)->Arg(450)->Arg(4096);

// A stream's part split again by a table's partitions (a child mix).
void BM_ResplitOverPartitions(benchmark::State& state) {
  model::KeyMixes mixes;
  const std::uint32_t mix = mixes.add_space({.count = 5'000'000, .zipf = true, .s = 0.6});
  const model::KeyHash shards{&models::KinesisStream::shard_of, 450};
  const model::KeyHash partitions{&models::DynamoDbTable::partition_of, static_cast<std::uint64_t>(state.range(0))};
  auto rng = engine::Rng::stream(1, "bench");
  engine::Batch part;
  mixes.split(peak_second(mix), shards, rng, [&](std::uint64_t b, const engine::Batch& p) {
    if (b == 0) part = p;
  });
  std::uint64_t records = 0;
  for (auto _ : state) {
    mixes.split(part, partitions, rng, [&](std::uint64_t, const engine::Batch& p) { records += p.count; });
  }
  benchmark::DoNotOptimize(records);
  state.SetItemsProcessed(state.iterations() * state.range(0));
}
BENCHMARK(BM_ResplitOverPartitions)->Arg(304);

}  // namespace

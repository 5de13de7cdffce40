// Kafka's default partitioner: a keyed record goes to partition
// toPositive(murmur2(key bytes)) % partitions (apache/kafka,
// clients/.../producer/internals/BuiltInPartitioner.java, partitionForKey;
// the hash is Utils.murmur2, MurmurHash2 with Kafka's seed 0x9747b28c).
#pragma once
#include <cstdint>
#include <string_view>

namespace archsim::models {

// Utils.murmur2 as Kafka computes it, on 32-bit two's complement integers.
inline std::int32_t murmur2(std::string_view data) {
  const auto length = static_cast<std::uint32_t>(data.size());
  constexpr std::uint32_t m = 0x5bd1e995;
  constexpr int r = 24;
  std::uint32_t h = 0x9747b28cu ^ length;
  const auto byte = [&](std::uint32_t i) { return static_cast<std::uint32_t>(static_cast<unsigned char>(data[i])); };
  const std::uint32_t whole = length / 4;
  for (std::uint32_t i = 0; i < whole; ++i) {
    const std::uint32_t i4 = i * 4;
    std::uint32_t k = byte(i4) | (byte(i4 + 1) << 8) | (byte(i4 + 2) << 16) | (byte(i4 + 3) << 24);
    k *= m;
    k ^= k >> r;
    k *= m;
    h *= m;
    h ^= k;
  }
  const std::uint32_t tail = length & ~3u;
  switch (length % 4) {
    case 3:
      h ^= byte(tail + 2) << 16;
      [[fallthrough]];
    case 2:
      h ^= byte(tail + 1) << 8;
      [[fallthrough]];
    case 1:
      h ^= byte(tail);
      h *= m;
      break;
    default:
      break;
  }
  h ^= h >> 13;
  h *= m;
  h ^= h >> 15;
  return static_cast<std::int32_t>(h);
}

// Utils.toPositive(murmur2(key)) % partitions.
inline std::uint64_t murmur2_partition(std::string_view key, std::uint64_t partitions) {
  const auto positive = static_cast<std::uint32_t>(murmur2(key)) & 0x7fffffffu;
  return partitions == 0 ? 0 : positive % partitions;
}

}  // namespace archsim::models

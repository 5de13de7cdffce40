// Flink's key groups: where a key's records run, before and after a rescale.
// A key's group is fixed by the max parallelism, which a job restored from a
// snapshot keeps; only the groups' subtasks move when the parallelism does
// (Apache Flink's KeyGroupRangeAssignment).
#pragma once
#include <cstdint>

namespace archsim::models::flink {

// Flink's default max parallelism (number of key groups) for a parallelism:
// min(max(roundUpToPowerOfTwo(p + p / 2), 128), 32768).
std::uint64_t default_max_parallelism(std::uint64_t parallelism);
// The key group of a key: hash(key) mod max parallelism. The hash is a 64-bit
// mix of the key, not Flink's murmur hash of its hashCode().
std::uint64_t key_group(std::uint64_t key, std::uint64_t max_parallelism);
// The subtask, out of `parallelism`, that runs key group g: g x parallelism /
// max parallelism (computeOperatorIndexForKeyGroup).
inline std::uint64_t subtask_of_group(std::uint64_t group, std::uint64_t parallelism, std::uint64_t max_parallelism) {
  return group * parallelism / max_parallelism;
}
// A key's subtask out of `parallelism` when the key groups are fixed at
// `max_parallelism`.
std::uint64_t subtask_of_key(std::uint64_t key, std::uint64_t parallelism, std::uint64_t max_parallelism);

// The placement of keys on `parallelism` subtasks as a plain function of
// (key, parallelism), for the key mixes' split and the analysis's hottest
// unit: one function per max parallelism Flink's default rule can give (a
// power of two from 128 to 32768), so a rescaled job keeps its key groups.
using SubtaskFn = std::uint64_t (*)(std::uint64_t key, std::uint64_t parallelism);
SubtaskFn subtask_fn(std::uint64_t max_parallelism);

}  // namespace archsim::models::flink

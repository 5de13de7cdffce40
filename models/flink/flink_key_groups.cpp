// Key groups as Apache Flink's KeyGroupRangeAssignment computes them, with
// the max parallelism a plain function's template argument so that a job's
// placement of keys survives as a (key, parallelism) function after a rescale.
#include "archsim/models/flink/flink_key_groups.hpp"

#include <algorithm>
#include <array>
#include <stdexcept>
#include <string>
#include <utility>

#include "archsim/engine/rng.hpp"

namespace archsim::models::flink {

namespace {

constexpr std::uint64_t kLeastGroups = 128, kMostGroups = 32768;

template <std::uint64_t MaxParallelism>
std::uint64_t subtask_in(std::uint64_t key, std::uint64_t parallelism) {
  return subtask_of_group(key_group(key, MaxParallelism), parallelism, MaxParallelism);
}

// 128, 256, ..., 32768: the powers of two the default rule gives.
template <std::size_t... Shift>
constexpr std::array<SubtaskFn, sizeof...(Shift)> table(std::index_sequence<Shift...>) {
  return {&subtask_in<kLeastGroups << Shift>...};
}
constexpr auto kByShift = table(std::make_index_sequence<9>{});

}  // namespace

std::uint64_t default_max_parallelism(std::uint64_t parallelism) {
  const std::uint64_t target = parallelism + parallelism / 2;
  std::uint64_t pow2 = 1;
  while (pow2 < target) pow2 <<= 1;
  return std::min(std::max(pow2, kLeastGroups), kMostGroups);
}

std::uint64_t key_group(std::uint64_t key, std::uint64_t max_parallelism) { return engine::mix64(key) % max_parallelism; }

std::uint64_t subtask_of_key(std::uint64_t key, std::uint64_t parallelism, std::uint64_t max_parallelism) {
  return subtask_of_group(key_group(key, max_parallelism), parallelism, max_parallelism);
}

SubtaskFn subtask_fn(std::uint64_t max_parallelism) {
  for (std::size_t shift = 0; shift < kByShift.size(); ++shift)
    if (kLeastGroups << shift == max_parallelism) return kByShift[shift];
  throw std::invalid_argument("no key-group placement for max parallelism " + std::to_string(max_parallelism) +
                              " (a power of two from 128 to 32768)");
}

}  // namespace archsim::models::flink

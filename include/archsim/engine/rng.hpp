// Random number streams. Each component draws from its own stream, derived from
// the run's seed and the component's name, so adding or renaming one component
// leaves every other component's random numbers unchanged (ns-3's AssignStreams
// idea). The generator is xoshiro256** seeded through splitmix64; distributions
// are written here rather than taken from <random>, whose distributions differ
// between standard libraries.
#pragma once
#include <cstdint>
#include <string_view>

namespace archsim::engine {

inline std::uint64_t splitmix64(std::uint64_t& state) {
  std::uint64_t z = (state += 0x9e3779b97f4a7c15ULL);
  z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
  z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
  return z ^ (z >> 31);
}

// The splitmix64 finalizer: spreads consecutive integers (keys) over all 64
// bits, so that `mix64(key) % n` places keys evenly.
inline std::uint64_t mix64(std::uint64_t x) {
  x ^= x >> 30;
  x *= 0xbf58476d1ce4e5b9ULL;
  x ^= x >> 27;
  x *= 0x94d049bb133111ebULL;
  return x ^ (x >> 31);
}

// FNV-1a: a stable hash of a name, the same on every platform and build.
inline std::uint64_t fnv1a64(std::string_view text) {
  std::uint64_t h = 0xcbf29ce484222325ULL;
  for (unsigned char c : text) {
    h ^= c;
    h *= 0x100000001b3ULL;
  }
  return h;
}

class Rng {
 public:
  explicit Rng(std::uint64_t seed = 1) {
    std::uint64_t sm = seed;
    for (auto& word : s_) word = splitmix64(sm);
  }

  // The stream of the component called `name` in a run seeded with `seed`.
  static Rng stream(std::uint64_t seed, std::string_view name) {
    std::uint64_t mix = seed;
    std::uint64_t a = splitmix64(mix);
    return Rng(a ^ fnv1a64(name));
  }

  std::uint64_t next() {
    const std::uint64_t result = rotl(s_[1] * 5, 7) * 9;
    const std::uint64_t t = s_[1] << 17;
    s_[2] ^= s_[0];
    s_[3] ^= s_[1];
    s_[1] ^= s_[2];
    s_[0] ^= s_[3];
    s_[2] ^= t;
    s_[3] = rotl(s_[3], 45);
    return result;
  }

  // Uniform on [0, 1) with 53 random bits.
  double uniform() { return static_cast<double>(next() >> 11) * 0x1.0p-53; }

  // Uniform integer on [0, n), by Lemire's multiply-shift (bias below 2^-64 * n).
  std::uint64_t below(std::uint64_t n) {
    return static_cast<std::uint64_t>((static_cast<unsigned __int128>(next()) * n) >> 64);
  }

 private:
  static std::uint64_t rotl(std::uint64_t x, int k) { return (x << k) | (x >> (64 - k)); }
  std::uint64_t s_[4];
};

}  // namespace archsim::engine

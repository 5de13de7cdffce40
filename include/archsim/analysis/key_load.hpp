// What the static view reads from the sources' key mixes
// (model/key_mix.hpp): how an aggregation's output shrinks to the distinct
// keys of a window, and which unit (shard, partition, subtask) and which key
// carry most of a component's records.
#pragma once
#include <cstddef>
#include <cstdint>
#include <vector>

#include "archsim/model/key_mix.hpp"
#include "archsim/model/params.hpp"

namespace archsim::analysis {

// The key mixes of this thread's static views. A key space's mix, and the
// mixes splitting and aggregation make of it with their distinct-key
// tables, are built once and kept: explaining a design again (the tradeoffs
// explain it once per lever and step) does not count its keys again. Thread
// local, since the what-if runs explain designs on many threads at once.
model::KeyMixes& static_mixes();
// The mix of a key space in static_mixes(), the same for the same space.
std::uint32_t static_mix_of(const model::KeySpace& space);

// A mix's part on one unit: its weight and the mix of the keys there.
struct UnitPart {
  std::uint64_t unit = 0;
  double weight = 0;
  std::uint32_t mix = 0;
};
// How `mix` divides over the hash's units (even over `units` when the hash
// is null, each part the whole mix).
std::vector<UnitPart> unit_parts(model::KeyMixes& mixes, std::uint32_t mix, model::KeyHash::Function hash,
                                 std::uint64_t units);

// Records/s a windowed aggregation emits for `records_per_s` of a mix split
// as `parts`: each unit emits, each window, the expected distinct keys among
// the records it got in it, as the simulated one counts them.
double window_output(model::KeyMixes& mixes, const std::vector<UnitPart>& parts, double records_per_s,
                     double window_s);

// One source's share of a component's records and the mix they arrive with.
struct KeyedShare {
  std::size_t source = 0;
  double share = 0;
  std::uint32_t mix = 0;
};
struct HotUnit {
  std::uint64_t unit = 0;
  double share = 0;  // of the component's records
};
// The unit the most records land on, the sources' mixes weighted by their
// shares (a null hash: records spread evenly, 1 / units each).
HotUnit hottest_unit(model::KeyMixes& mixes, const std::vector<KeyedShare>& shares, model::KeyHash::Function hash,
                     std::uint64_t units);
struct HotKey {
  std::size_t source = 0;
  std::uint64_t key = 0;
  double share = 0;  // of the component's records
};
// The single most frequent key among the component's records.
HotKey hottest_key(const model::KeyMixes& mixes, const std::vector<KeyedShare>& shares);

}  // namespace archsim::analysis

// What a global secondary index lets through of its table's writes, for the
// static figures: its WCU, or on demand what its own previous-peak rule
// allows, and its hottest partition's 1,000 write units/s, where the index's
// own keys put the most entries (a hot index key binds though the table's
// keys are even), each entry the projected part of an item in whole write
// units. Past that ceiling only the hottest partition's excess is refused:
// the index takes the ceiling plus the share of the peak its other
// partitions hold.
#pragma once
#include <string>
#include <vector>

#include "archsim/model/catalog.hpp"
#include "archsim/models/dynamodb/global_secondary_index.hpp"
#include "archsim/models/dynamodb/table_load.hpp"

namespace archsim::models {

struct IndexLimit {
  double writes_per_s = 0;              // table writes/s it takes at most
  std::vector<double> by_interval;      // on demand: in each interval of the load (empty: writes_per_s all along)
  double worst_ratio = 0;               // the highest offered writes / what it takes then
  double units_per_write = 1;           // write units one entry takes
  double partitions = 1, hottest_share = 1;
  std::string words;                    // what sets it
};

// `item_size` >= 0: every write stores that many bytes.
IndexLimit index_limit(const GsiConfig& index, const TableLoad& load, const model::Catalog& catalog, double item_size);

}  // namespace archsim::models

// The grid of a parameter sweep: what `--vary KEY=VALUES` means, the points it
// spans over one or more designs, and how the points split into independent
// shards. Values stay text in the scenario file's own syntax (`1000/s`, `64`,
// `on_demand`), because each point is loaded through the same overrides as
// `--set`; a numeric parameter also keeps each value's number, for knees,
// interpolated crossings and the chart's x axis.
#pragma once
#include <cstddef>
#include <optional>
#include <string>
#include <vector>

#include "archsim/scenario/diagnostics.hpp"

namespace archsim::whatif {

// More values than this in one parameter is taken for a typo in a step.
inline constexpr std::size_t kMaxSweepValues = 10000;
// More points than this (designs x values x values) would run for days.
inline constexpr std::size_t kMaxSweepPoints = 100000;

enum class ValuesKind { kList, kLinear, kGeometric };
const char* values_kind_name(ValuesKind kind);  // "list", "linear", "geometric"

struct SweepValue {
  std::string text;  // as passed to the scenario: "16", "100/s", "on_demand"
  double x = 0;      // the number in `text` (numeric parameters only)
  int col = 0;       // where it is written in KEY=VALUES (a range's values: where the range starts)
};

struct SweepParameter {
  std::string key;     // dotted path, as for --set
  std::string values_text;  // VALUES as written
  ValuesKind kind = ValuesKind::kList;
  bool numeric = false;  // every value is a number in `unit`
  std::string unit;      // the suffix every value shares ("/s", "ms", "" for plain numbers)
  std::vector<SweepValue> values;
  int values_col = 0;  // where VALUES starts in KEY=VALUES
};

// Parses the `index`-th --vary (counted from 1). Problems are reported at
// `--vary:INDEX:COL` with what would be valid.
std::optional<SweepParameter> parse_vary(const std::string& argument, int index, scenario::Diagnostics& diags);

// One point of the grid: a design and one value of each parameter.
struct GridPoint {
  std::size_t index = 0;
  std::size_t design = 0;
  std::vector<std::size_t> values;  // per parameter, an index into its values
};

struct SweepGrid {
  std::vector<std::string> designs;  // scenario files
  std::vector<SweepParameter> parameters;  // one or two

  std::size_t size() const;
  // Points are numbered designs outermost, then the first parameter, then the second.
  GridPoint point(std::size_t index) const;
  // The point's values as overrides: "KEY=VALUE", one per parameter.
  std::vector<std::string> assignments(const GridPoint& point) const;
};

// Checks the parameters together (one or two, different keys, none also
// given with --set, a grid of at most kMaxSweepPoints); `vary_count` is how
// many --vary there were, `sets` the --set assignments.
void check_grid(const SweepGrid& grid, std::size_t vary_count, const std::vector<std::string>& sets,
                scenario::Diagnostics& diags);

// Part K of N (1 <= K <= N) of a sweep run as a job array.
struct Shard {
  std::size_t k = 1, n = 1;
};
// "K/N", or the reason it is not one.
std::optional<Shard> parse_shard(const std::string& text, std::string& error);
// The points of a grid of `size` that shard K/N runs: those with index % N == K - 1.
std::vector<std::size_t> shard_points(std::size_t size, const Shard& shard);

}  // namespace archsim::whatif

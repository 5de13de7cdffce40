// A source whose load repeats over a cycle (a diurnal day, a business week)
// that the simulated time covers only in part: the month a run or explain
// projects its bill to is extrapolated from that part, at the load it had
// there. Found by the analysis (analysis/partial_cycles.hpp), worded by the report.
#pragma once
#include <string>

namespace archsim::run {

struct PartialCycle {
  std::string source;
  double span_s = 0;   // the simulated time the month is projected from
  double cycle_s = 0;  // the period the source's load repeats with
  // The source's mean load over the span against its mean over whole cycles:
  // 0.31 means the month is projected from a third of the usual load.
  double load_factor = 1;
};

}  // namespace archsim::run

#include "archsim/models/common/cost_parts.hpp"

#include <algorithm>

namespace archsim::models {

// A line of nothing (no extended retention, no index) says nothing the
// report should print; one unit added twice (a table's WCU and its
// indexes') is one line of the bill. A line with a decimal-size note keeps
// its own figures.
std::vector<CostParts::Line> CostParts::lines() const {
  std::vector<Line> out;
  for (const Line& line : lines_) {
    if (!(line.amount > 0)) continue;
    const auto same = std::find_if(out.begin(), out.end(), [&](const Line& o) {
      return o.unit == line.unit && o.decimal_input.empty() && line.decimal_input.empty();
    });
    if (same == out.end()) {
      out.push_back(line);
      continue;
    }
    same->amount += line.amount;
    same->usd += line.usd;
  }
  return out;
}

}  // namespace archsim::models

// A bill in the parts Component::CostShape names, so that a model's cost_usd
// and cost_shape read one computation and cannot disagree; and in the lines
// its price list bills, so that its billing lines (Component::billed) read
// that computation too and sum to its cost.
#pragma once

#include <initializer_list>
#include <string>
#include <vector>

#include "archsim/model/billed.hpp"
#include "archsim/model/component.hpp"

namespace archsim::models {

// A model adds its bill's lines, each to its part: capacity (billed whatever
// the load: shards, provisioned units, KPUs, a cluster kept up), storage (per
// GB-month) or usage (requests, GB ingested, job runs), each with the
// quantity it counts in the unit AWS bills it. total() sums the amounts in
// the order they were added, so a bill written as parts comes to exactly the
// figure its lines summed to before it had parts.
class CostParts {
 public:
  using Line = model::BilledQuantity;

  // One line: its usd is what the part adds.
  CostParts& capacity(const Line& line) { return add(&capacity_, line.usd, {line}); }
  CostParts& storage(const Line& line) { return add(&storage_, line.usd, {line}); }
  // Usage is what the total holds beyond the other two parts, as in CostShape.
  CostParts& usage(const Line& line) { return add(nullptr, line.usd, {line}); }
  // `usd` as the bill has always summed it, made of `lines` whose usd add up
  // to it within rounding (WCU-hours and RCU-hours priced as one sum).
  CostParts& capacity(double usd, std::initializer_list<Line> lines) { return add(&capacity_, usd, lines); }
  CostParts& usage(double usd, std::initializer_list<Line> lines) { return add(nullptr, usd, lines); }

  double total() const { return total_; }
  model::Component::CostShape shape() const { return {capacity_, storage_}; }
  // The lines with anything billed, those of one unit merged, in the order
  // their units first came.
  std::vector<Line> lines() const;

 private:
  CostParts& add(double* part, double usd, std::initializer_list<Line> lines) {
    if (part) *part += usd;
    total_ += usd;
    lines_.insert(lines_.end(), lines);
    return *this;
  }
  double capacity_ = 0, storage_ = 0, total_ = 0;
  std::vector<Line> lines_;
};

}  // namespace archsim::models

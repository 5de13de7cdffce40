// A bill in the parts Component::CostShape names, so that a model's cost_usd
// and cost_shape read one computation and cannot disagree.
#pragma once

#include "archsim/model/component.hpp"

namespace archsim::models {

// A model adds its bill's lines, each to its part: capacity (billed whatever
// the load: shards, provisioned units, KPUs, a cluster kept up), storage (per
// GB-month) or usage (requests, GB ingested, job runs). total() sums the lines
// in the order they were added, so a bill written as parts comes to exactly
// the figure its lines summed to.
class CostParts {
 public:
  CostParts& capacity(double usd) { return add(capacity_, usd); }
  CostParts& storage(double usd) { return add(storage_, usd); }
  // Usage is what the total holds beyond the other two parts, as in CostShape.
  CostParts& usage(double usd) {
    total_ += usd;
    return *this;
  }

  double total() const { return total_; }
  model::Component::CostShape shape() const { return {capacity_, storage_}; }

 private:
  CostParts& add(double& part, double usd) {
    part += usd;
    total_ += usd;
    return *this;
  }
  double capacity_ = 0, storage_ = 0, total_ = 0;
};

}  // namespace archsim::models

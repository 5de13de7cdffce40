// Shared by the tests of the billing lines (Component::billed): a
// component's lines sum to its cost, and none is of nothing.
#pragma once
#include <doctest/doctest.h>

#include "archsim/run/result.hpp"

namespace archsim::testing {

inline void check_billed_lines(const run::ComponentResult& c) {
  CAPTURE(c.name);
  double sum = 0;
  for (const auto& q : c.billed) {
    CAPTURE(q.unit);
    CHECK(q.amount > 0);
    CHECK(q.usd >= 0);
    sum += q.usd;
  }
  CHECK(sum == doctest::Approx(c.cost_usd).epsilon(1e-6));
  // A component that costs anything says what.
  if (c.cost_usd > 0) CHECK_FALSE(c.billed.empty());
}

}  // namespace archsim::testing

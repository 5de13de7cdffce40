// The numbers a person reads: durations in the unit that suits them, below 0
// too (a chart's axis goes there when an interval reaches below 0).
#include <doctest/doctest.h>

#include "archsim/report/human.hpp"

using namespace archsim;

TEST_CASE("seconds: each duration in the unit that suits it, negative ones as their opposite with a minus") {
  CHECK(report::seconds(0) == "0 s");
  CHECK(report::seconds(0.0123) == "12.3 ms");
  CHECK(report::seconds(1.5) == "1.50 s");
  CHECK(report::seconds(300) == "5.00 min");
  // Not "-1000000000.00 ns": every negative number is below 1e-6.
  CHECK(report::seconds(-1) == "-1.00 s");
  CHECK(report::seconds(-0.1) == "-100 ms");
  CHECK(report::seconds(-300) == "-5.00 min");
}

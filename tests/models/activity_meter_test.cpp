// Capacity billed while it works, per second with a minimum per period of
// activity (Redshift Serverless: "billed for each second, with a 60-second
// minimum"; concurrency scaling clusters the same): a second is never billed
// twice, so activity never bills more than the wall clock.
#include <doctest/doctest.h>

#include "archsim/models/common/activity_meter.hpp"

using archsim::engine::from_seconds;
using archsim::models::ActivityMeter;

TEST_CASE("activity meter: a short period bills the minimum, a long one its seconds rounded up") {
  ActivityMeter m(60);
  m.begin(from_seconds(0), 8);
  CHECK(m.end(from_seconds(5)) == doctest::Approx(60 * 8));
  m.begin(from_seconds(1000), 8);
  CHECK(m.end(from_seconds(1090.2)) == doctest::Approx(91 * 8));
  CHECK(m.billed() == doctest::Approx((60 + 91) * 8));
}

TEST_CASE("activity meter: a period inside the last one's minimum pays only the seconds beyond it") {
  ActivityMeter m(60);
  // Queries of 1 s every 10 s for an hour: busy in bursts, billed as the
  // minute after the first, then 10 s per query: 60 + 359 x 10 = 3,650 s,
  // the hour and the last minimum's tail, never 360 minutes.
  for (int i = 0; i < 360; ++i) {
    m.begin(from_seconds(10.0 * i), 8);
    m.end(from_seconds(10.0 * i + 1));
  }
  CHECK(m.billed() == doctest::Approx((60 + 359 * 10) * 8));
  CHECK(m.used() == doctest::Approx(360 * 8));
}

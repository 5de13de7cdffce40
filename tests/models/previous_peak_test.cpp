// The on-demand previous-peak rule walked over a load, against hand
// arithmetic: a Kinesis-like capacity that grows every 15 minutes in whole
// shards, and a DynamoDB-like one that counts a peak once it is 30 minutes old.
#include <doctest/doctest.h>

#include "archsim/models/common/previous_peak.hpp"

using namespace archsim;

namespace {
// Minute intervals: `base` records/s, `spike` from minute `from` to minute `to`.
model::LoadOverTime minutes(int total, double base, double spike, int from, int to) {
  model::LoadOverTime load;
  for (int m = 0; m < total; ++m) {
    load.starts_s.push_back(60.0 * m);
    load.records_per_s.push_back(m >= from && m < to ? spike : base);
  }
  load.end_s = 60.0 * total;
  return load;
}
}  // namespace

TEST_CASE("on demand: a stream grows every 15 minutes to twice its peak so far, in whole shards") {
  // 3,000/s, four times that from minute 20 to 35. It starts at 4,000/s; at
  // 15 min it grows to twice 3,000 (6 shards); at 20 min it is offered twice
  // that; at 30 min, twice the 6,000 it accepted (12 shards) holds the spike.
  const models::PreviousPeakRule rule{.initial = 4000, .multiple = 2, .most = 1e9, .every_s = 900, .step = 1000};
  const auto worst = models::walk_previous_peak(rule, minutes(60, 3000, 12000, 20, 35));
  CHECK(worst.ratio == doctest::Approx(2));
  CHECK(worst.at_s == doctest::Approx(1200));
  CHECK(worst.allowed == doctest::Approx(6000));
  REQUIRE(worst.allowed_by_interval.size() == 60);
  CHECK(worst.allowed_by_interval[10] == doctest::Approx(4000));
  CHECK(worst.allowed_by_interval[16] == doctest::Approx(6000));
  CHECK(worst.allowed_by_interval[31] == doctest::Approx(12000));
  // Busy: 3/4 for 15 min, 1/2 for 5, 1 for 10, then under 1.
  CHECK(worst.mean_ratio > 0.5);
  CHECK(worst.mean_ratio < 1);
}

TEST_CASE("on demand: a table serves twice a peak only once that peak is 30 minutes old") {
  // 2,500/s, 10,000/s from minute 40 to 60. A new table serves 4,000/s (as
  // if its peak were 2,000/s); by minute 40 the 2,500/s of minute 0 to 10
  // have matured: 5,000/s, so the spike is offered twice that. The 5,000/s
  // it accepts from minute 40 count from minute 71: it then serves 10,000/s.
  const models::PreviousPeakRule rule{.initial = 4000, .multiple = 2, .most = 40000, .matures_s = 1800};
  const auto worst = models::walk_previous_peak(rule, minutes(90, 2500, 10000, 40, 60));
  CHECK(worst.ratio == doctest::Approx(2));
  CHECK(worst.at_s == doctest::Approx(2400));
  REQUIRE(worst.allowed_by_interval.size() == 90);
  CHECK(worst.allowed_by_interval[20] == doctest::Approx(4000));
  CHECK(worst.allowed_by_interval[45] == doctest::Approx(5000));
  CHECK(worst.allowed_by_interval[75] == doctest::Approx(10000));
}

// The numbers a person reads: durations in the unit that suits them, below 0
// too (a chart's axis goes there when an interval reaches below 0), and clock
// times that may fall on the day before or after, and rates too small for a
// second said per hour or day.
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

TEST_CASE("clock_time: a time after one midnight, to the second, said from that day") {
  CHECK(report::clock_time(6 * 3600) == "06:00");
  CHECK(report::clock_time(6 * 3600 + 601.07) == "06:10:01");
  CHECK(report::clock_time(0) == "00:00");
  CHECK(report::clock_time(86400 + 1800) == "00:30 the next day");
  CHECK(report::clock_time(-3600) == "23:00 the day before");
  CHECK(report::clock_time(3 * 86400 + 60) == "00:01 +3 d");
  CHECK(report::clock_time(-2 * 86400) == "00:00 -2 d");
  CHECK(report::clock_time(86399.6) == "00:00 the next day");  // rounded to the second first
}

TEST_CASE("rate: per second, and per hour or per day where a second would read 0.00") {
  CHECK(report::rate(4500) == "4,500/s");
  CHECK(report::rate(0.25) == "0.25/s");
  CHECK(report::rate(0) == "0.00/s");
  // 23 queries in two hours: 11.5 an hour, not 0.00/s.
  CHECK(report::rate(23.0 / 7200) == "11.5/h");
  // One a week: 0.14 a day.
  CHECK(report::rate(1.0 / (7 * 86400)) == "0.14/day");
}

// Business hours and repeating spikes: the shapes query workloads take (busy
// 9 to 5 on weekdays; a peak at every month's end), against their definitions.
#include <doctest/doctest.h>

#include "archsim/model/profile.hpp"
#include "support/simulate.hpp"

using namespace archsim;
using engine::kDay;
using engine::kHour;

TEST_CASE("profile: business hours, 9 to 5 on five weekdays at a tenth outside, has mean 1 over the week") {
  const auto p = model::Profile::business_hours(9 * kHour, 17 * kHour, 5, 0.1);
  // Open 40 of 168 hours: the open factor h solves h (40 + 0.1 x 128) / 168 = 1.
  const double h = 168.0 / (40 + 0.1 * 128);
  CHECK(p.factor_at(10 * kHour) == doctest::Approx(h));                // Monday 10:00
  CHECK(p.factor_at(8 * kHour) == doctest::Approx(0.1 * h));           // Monday 08:00
  CHECK(p.factor_at(17 * kHour) == doctest::Approx(0.1 * h));          // Monday 17:00, closed
  CHECK(p.factor_at(5 * kDay + 12 * kHour) == doctest::Approx(0.1 * h));  // Saturday noon
  CHECK(p.factor_at(7 * kDay + 10 * kHour) == doctest::Approx(h));     // the next Monday
  CHECK(p.max_factor() == doctest::Approx(h));
  // The mean over a week, hour by hour (the profile changes only on the hour).
  double sum = 0;
  for (int hour = 0; hour < 168; ++hour) sum += p.factor_at(hour * kHour + kHour / 2);
  CHECK(sum / 168 == doctest::Approx(1.0).epsilon(1e-12));
  // Changes come at the opening and closing times, then at the next week's.
  CHECK(p.next_change_after(0) == 9 * kHour);
  CHECK(p.next_change_after(9 * kHour) == 17 * kHour);
  CHECK(p.next_change_after(4 * kDay + 17 * kHour) == 7 * kDay);
}

TEST_CASE("profile: a spike every 30 days is a month-end peak") {
  const auto p = model::Profile::spike(27 * kDay, 3 * kDay, 4, 30 * kDay);
  CHECK(p.factor_at(26 * kDay) == 1);
  CHECK(p.factor_at(28 * kDay) == 4);
  CHECK(p.factor_at(30 * kDay + kHour) == 1);
  CHECK(p.factor_at(57 * kDay + kHour) == 4);
  CHECK(p.next_change_after(28 * kDay) == 30 * kDay);
  CHECK(p.next_change_after(31 * kDay) == 57 * kDay);
}

TEST_CASE("profile: a source in business hours makes its mean rate over a week, most of it in the open hours") {
  const auto r = testing::simulate_text(
      "name: office\nduration: 7d\nmetrics_interval: 1h\nworkload:\n  q: { rate: 100/h, arrivals: deterministic, "
      "profile: { kind: business_hours } }\ncomponents:\n  out: { service: sink }\nflows: [q -> out]\n");
  const auto& out = testing::component(r, "out");
  CHECK(static_cast<double>(out.records_in) == doctest::Approx(100.0 * 168).epsilon(1e-3));
  // Monday 10:00-11:00 against Monday 03:00-04:00: ten to one.
  const auto& per_s = out.series.records_in_per_s;
  REQUIRE(per_s.size() >= 11);
  CHECK(per_s[10] / per_s[3] == doctest::Approx(10).epsilon(0.02));
}

TEST_CASE("profile: an overlay multiplies the profile over its window only, and its edges are changes") {
  using engine::kHour;
  using engine::kMinute;
  const auto base = model::Profile::diurnal(3, 14 * kHour);
  const auto p = base.with_overlay(14 * kHour, 14 * kHour + 30 * kMinute, 2.5);
  CHECK(p.has_overlays());
  CHECK_FALSE(base.has_overlays());
  // Inside: 2.5 times the diurnal factor; outside and at its end: the diurnal factor.
  CHECK(p.factor_at(14 * kHour) == doctest::Approx(2.5 * base.factor_at(14 * kHour)));
  CHECK(p.factor_at(14 * kHour + 29 * kMinute) == doctest::Approx(2.5 * base.factor_at(14 * kHour + 29 * kMinute)));
  CHECK(p.factor_at(14 * kHour + 30 * kMinute) == doctest::Approx(base.factor_at(14 * kHour + 30 * kMinute)));
  CHECK(p.factor_at(13 * kHour) == doctest::Approx(base.factor_at(13 * kHour)));
  // The bound thinning draws against covers the overlay at the peak.
  CHECK(p.max_factor() == doctest::Approx(3 * 2.5));
  // A continuous profile changes nowhere by steps; the overlay's edges are changes.
  CHECK(base.next_change_after(0) == engine::kForever);
  CHECK(p.next_change_after(0) == 14 * kHour);
  CHECK(p.next_change_after(14 * kHour) == 14 * kHour + 30 * kMinute);
  CHECK(p.next_change_after(15 * kHour) == engine::kForever);
  // On a stepped profile both kinds of change are found.
  const auto steps = model::Profile::steps({{kHour, 2}, {3 * kHour, 1}}).with_overlay(2 * kHour, 4 * kHour, 0.5);
  CHECK(steps.next_change_after(0) == kHour);
  CHECK(steps.next_change_after(kHour) == 2 * kHour);
  CHECK(steps.next_change_after(2 * kHour) == 3 * kHour);
  CHECK(steps.next_change_after(3 * kHour) == 4 * kHour);
  CHECK(steps.factor_at(2 * kHour) == doctest::Approx(1.0));
  CHECK(steps.factor_at(3 * kHour) == doctest::Approx(0.5));
}

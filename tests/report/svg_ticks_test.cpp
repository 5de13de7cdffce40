// Chart axes a projector audience reads at a glance: ticks at round numbers
// of one unit (10 min, not 8.33 min; $5,000, not $5,000.00), and the y axis's
// title clear of its tick labels.
#include <doctest/doctest.h>

#include <regex>
#include <set>

#include "archsim/report/human.hpp"
#include "archsim/report/svg_chart.hpp"

namespace svg = archsim::report::svg;

namespace {
// The text of every <text> element of a drawing.
std::set<std::string> texts(const std::string& drawn) {
  std::set<std::string> out;
  const std::regex text("<text[^>]*>([^<]*)</text>");
  for (auto it = std::sregex_iterator(drawn.begin(), drawn.end(), text); it != std::sregex_iterator(); ++it)
    out.insert((*it)[1]);
  return out;
}
}  // namespace

TEST_CASE("svg ticks: a round number as an axis writes it") {
  CHECK(svg::round_number(0.1 * 3) == "0.3");
  CHECK(svg::round_number(2.5) == "2.5");
  CHECK(svg::round_number(0) == "0");
  CHECK(svg::round_number(1000) == "1,000");
  CHECK(svg::round_number(5000) == "5,000");
  CHECK(svg::round_number(20000) == "20k");
  CHECK(svg::round_number(1.5e6) == "1.5M");
}

TEST_CASE("svg ticks: time in the one unit the axis reaches, money in whole dollars") {
  CHECK(svg::seconds_ticks(0.5, false).suffix == " ms");
  CHECK(svg::seconds_ticks(300, false).suffix == " s");
  CHECK(svg::seconds_ticks(1000, false).suffix == " min");
  CHECK(svg::seconds_ticks(3 * 3600, false).suffix == " h");
  CHECK(svg::seconds_ticks(5 * 86400, false).suffix == " d");
  CHECK(svg::seconds_ticks(1000, true).suffix == " s");  // powers of ten stay round in seconds

  // Up to 1,000 s: by seconds' own nice steps the ticks were 200 s apart, "3.33 min" and "16.7 min";
  // in minutes they are 0, 5, 10, 15 and 20 min.
  svg::BarChart latency{.title = "latency", .categories = {"a", "b"}, .series = {"p99"},
                        .values = {{1000}, {300}}, .format = archsim::report::seconds,
                        .ticks = svg::seconds_ticks, .width = 640};
  const auto shown = texts(svg::bar_chart(latency));
  for (const std::string tick : {"0 min", "5 min", "10 min", "15 min", "20 min"})
    CHECK_MESSAGE(shown.count(tick) == 1, tick);
  CHECK(shown.count("16.7 min") == 1);  // the bar's own label keeps its value
  CHECK(shown.count("3.33 min") == 0);

  svg::BarChart cost{.title = "cost", .categories = {"a"}, .series = {"usd"}, .values = {{4774.5}},
                     .format = archsim::report::usd, .ticks = svg::usd_ticks, .width = 640};
  const auto dollars = texts(svg::bar_chart(cost));
  for (const std::string tick : {"$0", "$1,000", "$2,000", "$5,000"}) CHECK_MESSAGE(dollars.count(tick) == 1, tick);
  CHECK(dollars.count("$5,000.00") == 0);
  CHECK(dollars.count("$4,774.50") == 1);

  // Without a unit the chart formats each tick as before.
  svg::BarChart plain = cost;
  plain.ticks = nullptr;
  CHECK(texts(svg::bar_chart(plain)).count("$5,000.00") == 1);
}

TEST_CASE("svg ticks: the y axis's title sits clear of its longest tick label") {
  // Labels of 9 characters at 8.5 pixels each, then 8 pixels to the axis: the plot starts
  // 32 + 76.5 + 8 in, so the labels begin at 32, right of the rotated title (at 14, 15 pixels tall).
  svg::LineChart c{.title = "t", .x_label = "hours", .y_label = "queries per second", .x_step = 1,
                   .y_format = [](double v) { return std::string("$") + archsim::report::count(
                                                          static_cast<std::uint64_t>(v)); },
                   .lines = {{"in", {0, 5e6, 1e7}, 0, false}}};
  const auto f = svg::line_frame(c);
  CHECK(f.left == doctest::Approx(32 + 8.5 * 11 + 8));  // "$10,000,000" is the longest
  const double label_start = f.left - 8 - 8.5 * 11;
  CHECK(label_start >= 14 + 15 / 2.0);
  // Short labels keep the usual margin.
  svg::LineChart short_labels{.title = "t", .x_step = 1, .lines = {{"in", {0, 10, 20}, 0, false}}};
  CHECK(svg::line_frame(short_labels).left == 78);
  // A y axis in minutes: round ticks there too.
  svg::LineChart lag{.title = "lag", .x_step = 1, .y_ticks = svg::seconds_ticks, .lines = {{"lag", {0, 400, 900}, 0, false}}};
  const auto shown = texts(svg::line_chart(lag));
  CHECK(shown.count("15 min") == 1);
  CHECK(shown.count("0 min") == 1);
}

// The HTML report and its charts: user text escaped everywhere, the charts'
// axes and coordinates, empty data drawn as a note rather than a broken chart.
#include <doctest/doctest.h>

#include <cmath>
#include <limits>

#include "archsim/report/reports.hpp"
#include "archsim/report/svg_chart.hpp"
#include "archsim/report/table.hpp"
#include "support/drill_pipeline.hpp"
#include "support/run_command.hpp"
#include "support/simulate.hpp"

using namespace archsim;
namespace svg = report::svg;

namespace {

bool has(const std::string& text, const std::string& part) { return text.find(part) != std::string::npos; }

std::size_t occurrences(const std::string& text, const std::string& part) {
  std::size_t n = 0;
  for (auto at = text.find(part); at != std::string::npos; at = text.find(part, at + 1)) ++n;
  return n;
}

const std::string kHostile = "<script>alert('x')</script> & \"quoted\" <b>bold</b>";

run::RunResult hostile() {
  run::RunResult r;
  r.file = "plans/<draft>.yaml";
  r.name = kHostile;
  r.description = "desc " + kHostile;
  r.duration_s = 4 * 3600;
  r.accounting = {.generated = 1000, .delivered = 990, .dropped = 10};
  for (const std::string name : {"in<g>est", "st'ore"}) {
    run::ComponentResult c;
    c.name = name;
    c.service = "server";
    c.records_in = 1000;
    c.capacity = 1;
    c.utilization_peak = 0.9;
    c.cost_usd = 1.5;
    c.series.interval_s = 3600;
    c.series.records_in_per_s = {1, 2, 3, 4};
    c.series.records_out_per_s = {1, 2, 3, 3};
    c.series.backlog = {0, 0, 5, 9};
    r.components.push_back(c);
  }
  r.paths.push_back({.from = "ev<en>ts", .to = "st'ore", .records = 990, .latency = {.p50 = 1, .p90 = 2, .p99 = 3}});
  r.requirements.push_back({.name = "latency_p99", .target_text = "1s<script>", .target = 1, .actual = 3});
  r.bottlenecks.push_back({.component = "in<g>est", .service = "server", .resource = "binds " + kHostile,
                           .kind = "loses_records", .when_s = 9000});
  return r;
}

// The width of the bar whose tooltip starts `title` in `figure`, and the
// tooltip's dollar figure; width -1 if there is no such bar.
struct Bar {
  double width = -1;
  std::string usd;
};

Bar bar(const std::string& figure, const std::string& title) {
  const auto at = figure.find("<title>" + title);
  if (at == std::string::npos) return {};
  const auto rect = figure.rfind("<rect ", at);
  const auto width = figure.find(" width=\"", rect);
  const auto value = at + 7 + title.size();
  return {std::stod(figure.substr(width + 8)), figure.substr(value, figure.find("</title>", value) - value)};
}

}  // namespace

TEST_CASE("html: escaping turns the five markup characters into references") {
  CHECK(report::html_escape("a & b < c > d \"e\" 'f'") == "a &amp; b &lt; c &gt; d &quot;e&quot; &#39;f&#39;");
  CHECK(report::html_escape("plain 1,234/s") == "plain 1,234/s");
  CHECK(report::html_escape("") == "");
}

TEST_CASE("html: user text is escaped in every part of the report") {
  const std::string html = report::to_html(hostile(), "<?xml version=\"1.0\"?>\n<svg id=\"g\"></svg>\n");
  CHECK(html.rfind("<!DOCTYPE html>", 0) == 0);
  CHECK_FALSE(has(html, "<script"));
  CHECK_FALSE(has(html, "<b>"));
  CHECK_FALSE(has(html, "<g>"));
  CHECK_FALSE(has(html, "'x'"));
  CHECK(has(html, "<h1>&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; &quot;quoted&quot; &lt;b&gt;bold&lt;/b&gt;</h1>"));
  CHECK(has(html, "desc &lt;script&gt;"));
  CHECK(has(html, "in&lt;g&gt;est"));
  CHECK(has(html, "st&#39;ore"));
  CHECK(has(html, "ev&lt;en&gt;ts -&gt; st&#39;ore"));
  CHECK(has(html, "1s&lt;script&gt;"));
  CHECK(has(html, "plans/&lt;draft&gt;.yaml"));
  // The diagram goes in from its <svg element on; no XML declaration inside HTML.
  CHECK(has(html, "<svg id=\"g\"></svg>"));
  CHECK_FALSE(has(html, "<?xml"));
  // No script and nothing fetched: the page opens offline.
  CHECK_FALSE(has(html, "src="));
  CHECK_FALSE(has(html, "href="));
  CHECK(has(html, "binds at 02:30"));
}

TEST_CASE("html: without Graphviz's drawing the page says how to get the diagram") {
  const std::string html = report::to_html(hostile(), "");
  CHECK(has(html, "graphviz"));
  CHECK(has(html, "class=\"throughput\""));
}

TEST_CASE("html: the default scenario's cost chart stacks capacity, storage and usage") {
  // realtime-inventory: 450 provisioned shards, a Flink application of KPUs
  // and a table of provisioned WCU and RCU are capacity; Firehose is all
  // usage; the S3 lake is storage and PUTs.
  const auto r =
      testing::simulate_text(testing::slurp(std::string(ARCHSIM_SOURCE_DIR) + "/scenarios/realtime-inventory.yaml"));
  const std::string html = report::to_html(r, "");
  const auto from = html.find("<figure class=\"cost\">");
  REQUIRE(from != std::string::npos);
  const std::string figure = html.substr(from, html.find("</figure>", from) - from);
  for (const std::string provisioned : {"inventory_stream", "stock_aggregator", "stock_table"}) {
    CAPTURE(provisioned);
    CHECK(bar(figure, provisioned + ": capacity ").width > 0);
  }
  // 450 shards x $0.015 a shard-hour x 730 h.
  CHECK(bar(figure, "inventory_stream: capacity ").usd == "$4,927.50");
  CHECK(bar(figure, "archive: capacity ").width == 0);
  CHECK(bar(figure, "archive: requests and usage ").width > 0);
  CHECK(bar(figure, "lake: capacity ").width == 0);
  CHECK(bar(figure, "lake: storage ").width > 0);
}

TEST_CASE("svg chart: axes step by 1, 2 or 5 times a power of ten and hold the data") {
  const auto a = svg::nice_axis(0, 87);
  CHECK(a.min == 0);
  CHECK(a.max == doctest::Approx(100));
  CHECK(a.step == doctest::Approx(20));
  CHECK(a.ticks().size() == 6);
  const auto b = svg::nice_axis(0.0012, 0.0093);
  CHECK(b.step == doctest::Approx(0.002));
  CHECK(b.min == doctest::Approx(0));
  CHECK(b.max == doctest::Approx(0.01));
  const auto flat = svg::nice_axis(3, 3);  // a flat range widens
  CHECK(flat.min <= 3);
  CHECK(flat.max > 3);
  const auto zero = svg::nice_axis(0, 0);
  CHECK(zero.min == 0);
  CHECK(zero.max == doctest::Approx(1));
  CHECK(svg::compact(1234) == "1.23k");
  CHECK(svg::compact(4.5e6) == "4.5M");
  CHECK(svg::compact(0) == "0");
}

TEST_CASE("svg chart: a point lies where the frame puts it, worked out by hand") {
  svg::LineChart c{.title = "t", .x_label = "hours", .y_label = "records/s", .x_step = 1,
                   .lines = {{"in", {0, 10, 20}, 0, false}}};
  const auto f = svg::line_frame(c);
  // 640 x 300 picture: the plot starts 78 in and 40 down, is 542 wide and 202 high;
  // x runs 0..3 (three intervals), y 0..20 in steps of 5.
  CHECK(f.left == 78);
  CHECK(f.width == 542);
  CHECK(f.height == 202);
  CHECK(f.x1 == 3);
  CHECK(f.y1 == 20);
  // The middle value: x = 78 + 1.5/3 * 542 = 349, y = 40 + 202 - 10/20 * 202 = 141.
  CHECK(f.x(1.5) == doctest::Approx(349));
  CHECK(f.y(10) == doctest::Approx(141));
  const std::string drawn = svg::line_chart(c);
  CHECK(has(drawn, "points=\"168.3,242.0 349.0,141.0 529.7,40.0\""));
  CHECK(occurrences(drawn, "<polyline") == 1);
}

TEST_CASE("svg chart: gaps, empty series and empty bars are drawn without failing") {
  const double nan = std::numeric_limits<double>::quiet_NaN();
  svg::LineChart gap{.title = "gap", .lines = {{"in", {1, nan, 3, 4}, 0, false}}};
  CHECK(occurrences(svg::line_chart(gap), "<polyline") == 2);
  svg::LineChart empty{.title = "empty", .lines = {{"in", {}, 0, false}}};
  const std::string e = svg::line_chart(empty);
  CHECK(has(e, "<svg"));
  CHECK(has(e, "no data"));
  CHECK(has(e, "</svg>"));
  CHECK_FALSE(has(e, "<polyline"));
  svg::BarChart none{.title = "none", .series = {"a"}};
  CHECK(has(svg::bar_chart(none), "no data"));
}

TEST_CASE("svg chart: bars start at zero and end at their value, stacks add up") {
  svg::BarChart c{.title = "cost", .x_label = "usd", .categories = {"a", "b"}, .series = {"x", "y"},
                  .values = {{1, 3}, {2, 2}}, .stacked = true, .width = 640};
  const std::string drawn = svg::bar_chart(c);
  CHECK(occurrences(drawn, "class=\"bar\"") == 4);
  CHECK(has(drawn, ">4</text>"));  // each stack's total at its end
  svg::BarChart grouped = c;
  grouped.stacked = false;
  CHECK(occurrences(svg::bar_chart(grouped), "class=\"bar\"") == 4);
}

TEST_CASE("svg chart: on a log scale each power of ten takes the same width") {
  svg::BarChart c{.title = "latency", .categories = {"a", "b", "c"}, .series = {"p50"},
                  .values = {{10}, {100}, {1}}, .log_scale = true, .width = 640};
  // Names one letter long: the plot starts at 16 + 8.2 = 24.2 and is 640 - 24.2 - 90 = 525.8 wide, from 1 to
  // 100; the first row starts 14 + 7 down.
  const std::string drawn = svg::bar_chart(c);
  CHECK(has(drawn, "x=\"24.2\" y=\"21.0\" width=\"262.9\""));  // 10: halfway
  CHECK(has(drawn, "width=\"525.8\""));                          // 100: the whole width
  CHECK(has(drawn, "width=\"0.0\""));                            // 1: where the axis starts
}

TEST_CASE("html: a drill's faults are shaded on every chart over time, and listed with what they did") {
  const auto r = archsim::testing::simulate_text(archsim::testing::kDrillPipeline + R"(faults:
  - { target: job, kind: stopped, after: 10m, for: 5m }
  - { target: events, kind: spike, factor: 3, after: 40m, for: 2m }
)");
  const std::string html = report::to_html(r, "");
  // Two components, each with a throughput and a backlog chart, each with both faults shaded.
  std::size_t shaded = 0;
  for (auto at = html.find("class=\"interval\""); at != std::string::npos; at = html.find("class=\"interval\"", at + 1))
    ++shaded;
  CHECK(shaded == 2 * 2 * 2);
  CHECK(html.find("<section id=\"faults\">") != std::string::npos);
  CHECK(html.find("&#39;job&#39; stopped from 00:10 to 00:15") != std::string::npos);
  CHECK(html.find("&#39;events&#39; at 3x its load from 00:40 to 00:42") != std::string::npos);
}

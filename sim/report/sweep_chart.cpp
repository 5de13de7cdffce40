// A sweep drawn: each metric against the first parameter, one line per
// design or second value, every point's 95% interval as a whisker, the knees
// and crossings marked. A geometric range is drawn on a log scale, so its
// points are evenly spaced as they were chosen.
#include <cmath>

#include "archsim/report/human.hpp"
#include "archsim/report/svg_chart.hpp"
#include "archsim/report/sweep_reports.hpp"
#include "sweep_text.hpp"

namespace archsim::report {

namespace {

constexpr double kChartHeight = 320;
constexpr std::size_t kMostTicks = 10;

svg::Format y_format(whatif::Unit unit) {
  switch (unit) {
    case whatif::Unit::kUsd: return [](double v) { return std::string(1, '$').append(svg::compact(v)); };
    case whatif::Unit::kSeconds: return seconds;
    case whatif::Unit::kRate: return [](double v) { return svg::compact(v) + "/s"; };
    case whatif::Unit::kFraction: return percent;
    case whatif::Unit::kClock: return clock_time;
    case whatif::Unit::kCount: break;
  }
  return svg::compact;
}

// Where each value of the first parameter is drawn: its number, or its place in the list.
double x_of(const whatif::SweepParameter& p, std::size_t value) {
  return p.numeric ? p.values[value].x : static_cast<double>(value);
}

svg::LineChart chart_of(const whatif::SweepResult& r, const std::string& metric) {
  const auto& first = r.definition.grid.parameters.at(0);
  const std::string label = sweep_text::metric_label(r, metric);
  svg::LineChart c;
  c.log_x = first.kind == whatif::ValuesKind::kGeometric;
  c.title = label + " against " + first.key;
  c.x_label = first.key + (c.log_x ? " (log scale)" : "");
  c.y_label = label;
  c.y_format = y_format(sweep_text::metric_unit(r, metric));
  // Money and time tick at round numbers of one unit: $5,000, 10 min.
  if (sweep_text::metric_unit(r, metric) == whatif::Unit::kUsd) c.y_ticks = svg::usd_ticks;
  if (sweep_text::metric_unit(r, metric) == whatif::Unit::kSeconds) c.y_ticks = svg::seconds_ticks;
  c.height = kChartHeight;
  const auto& order = r.lines.front().values;
  const std::size_t every = (order.size() + kMostTicks - 1) / kMostTicks;
  for (std::size_t i = 0; i < order.size(); ++i) {
    c.x_values.push_back(x_of(first, order[i]));
    if (i % every == 0) {
      c.x_ticks.push_back(x_of(first, order[i]));
      c.x_tick_labels.push_back(first.values[order[i]].text);
    }
  }
  for (std::size_t l = 0; l < r.lines.size(); ++l) {
    svg::Line line{r.line_name(l), {}, static_cast<int>(l), false};
    for (const auto point : r.lines[l].points) {
      const auto* f = r.at(point).find(metric);
      line.values.push_back(f ? f->interval.mean : NAN);
      line.low.push_back(f ? f->interval.low() : NAN);
      line.high.push_back(f ? f->interval.high() : NAN);
    }
    c.lines.push_back(std::move(line));
  }
  int row = 0;
  for (const auto& k : r.knees) {
    if (!k.point) continue;
    const auto value = r.definition.grid.point(*k.point).values.at(0);
    c.markers.push_back({x_of(first, value),
                         "knee " + first.values[value].text + (r.lines.size() > 1 ? ", " + r.line_name(k.line) : ""),
                         row++ % 4});
  }
  if (first.numeric)
    for (const auto& x : r.crossings) {
      if (x.metric_a != metric && x.metric_b != metric) continue;
      c.markers.push_back({x.x, "cross " + sweep_text::x_text(first, x.x), row++ % 4, x.low, x.high});
    }
  return c;
}

}  // namespace

std::string to_svg(const whatif::SweepResult& r) {
  std::vector<std::string> charts;
  std::vector<double> heights;
  if (r.complete() && !r.lines.empty())
    for (const auto& m : r.definition.metrics) {
      const auto c = chart_of(r, m);
      charts.push_back(svg::line_chart(c));
      heights.push_back(c.height);
    }
  return svg::stack("archsim sweep: " + sweep_text::summary(r), charts, heights, 640);
}

}  // namespace archsim::report

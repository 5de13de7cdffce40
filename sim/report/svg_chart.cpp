#include "archsim/report/svg_chart.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <sstream>
#include <utility>

#include "archsim/report/table.hpp"

namespace archsim::report::svg {

namespace {

constexpr const char* kPalette[] = {"#0a5fa8", "#c4420a", "#127a52", "#8a5a00", "#a3286f", "#3a3a3a"};
constexpr double kFont = 15;

// A coordinate with one decimal, which is finer than a pixel.
std::string px(double v) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.1f", v);
  return buf;
}

std::string text(double x, double y, const std::string& s, const char* anchor = "start", const char* extra = "") {
  return "<text x=\"" + px(x) + "\" y=\"" + px(y) + "\" text-anchor=\"" + anchor + "\"" + extra + ">" + html_escape(s) +
         "</text>\n";
}

std::string open_svg(double width, double height, const std::string& title) {
  return "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"chart\" viewBox=\"0 0 " + px(width) + " " + px(height) +
         "\" role=\"img\" font-size=\"" + px(kFont) + "\" font-family=\"sans-serif\">\n<title>" + html_escape(title) +
         "</title>\n";
}

std::string no_data(double width, double height) {
  return text(width / 2, height / 2, "no data", "middle", " class=\"empty\" fill=\"#555\"");
}

// Legend entries left to right along the top: a swatch and the name.
std::string legend(const std::vector<std::pair<std::string, int>>& entries, double left, double y) {
  std::string out;
  double x = left;
  for (const auto& [name, index] : entries) {
    out += "<rect x=\"" + px(x) + "\" y=\"" + px(y - 11) + "\" width=\"14\" height=\"14\" fill=\"" +
           colour(index) + "\"/>\n";
    out += text(x + 19, y + 1, name);
    x += 19 + 8.5 * static_cast<double>(name.size()) + 22;
  }
  return out;
}

bool finite_any(const std::vector<double>& v) {
  return std::any_of(v.begin(), v.end(), [](double d) { return std::isfinite(d); });
}

}  // namespace

const char* colour(int index) {
  constexpr int n = sizeof kPalette / sizeof kPalette[0];
  return kPalette[((index % n) + n) % n];
}

std::string compact(double v) {
  const double a = std::abs(v);
  char buf[32];
  const char* suffix = "";
  double shown = v;
  if (a >= 1e9) {
    shown = v / 1e9;
    suffix = "G";
  } else if (a >= 1e6) {
    shown = v / 1e6;
    suffix = "M";
  } else if (a >= 1e3) {
    shown = v / 1e3;
    suffix = "k";
  }
  std::snprintf(buf, sizeof buf, "%.3g%s", shown, suffix);
  return buf;
}

std::string round_number(double v) {
  const double a = std::abs(v);
  if (a >= 1e4) return compact(v);
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.10g", v);
  std::string digits = buf;
  if (a < 1000) return digits;
  const bool negative = v < 0;
  if (negative) digits.erase(0, 1);
  const auto point = digits.find('.');
  const std::size_t whole = point == std::string::npos ? digits.size() : point;
  digits.insert(whole - 3, ",");
  return (negative ? "-" : "") + digits;
}

TickUnit seconds_ticks(double axis_max, bool powers_of_ten) {
  if (axis_max < 1) return {1e-3, "", " ms"};
  if (powers_of_ten || axis_max < 600) return {1, "", " s"};
  if (axis_max < 2 * 3600) return {60, "", " min"};
  if (axis_max < 2 * 86400) return {3600, "", " h"};
  return {86400, "", " d"};
}

TickUnit usd_ticks(double, bool) { return {1, "$", ""}; }

std::vector<double> Axis::ticks() const {
  std::vector<double> out;
  const auto n = static_cast<long>(std::llround((max - min) / step));
  for (long i = 0; i <= n; ++i) {
    const double t = min + static_cast<double>(i) * step;
    out.push_back(std::abs(t) < step * 1e-9 ? 0.0 : t);
  }
  return out;
}

Axis nice_axis(double lo, double hi, int ticks) {
  if (!std::isfinite(lo) || !std::isfinite(hi)) lo = 0, hi = 1;
  if (hi < lo) std::swap(lo, hi);
  if (hi - lo <= 0) {
    const double pad = lo == 0 ? 1 : std::abs(lo) * 0.5;
    hi = lo + pad;
    if (lo < 0) lo -= pad;
  }
  const double rough = (hi - lo) / std::max(1, ticks);
  const double power = std::pow(10.0, std::floor(std::log10(rough)));
  const double fraction = rough / power;
  const double nice = fraction <= 1 ? 1 : fraction <= 2 ? 2 : fraction <= 5 ? 5 : 10;
  Axis a;
  a.step = nice * power;
  a.min = std::floor(lo / a.step + 1e-9) * a.step;
  a.max = std::ceil(hi / a.step - 1e-9) * a.step;
  if (a.max <= a.min) a.max = a.min + a.step;
  return a;
}

namespace {
// Where x lies along the axis: its logarithm on a log scale.
double along(const LineChart& c, double x) { return c.log_x ? std::log10(x) : x; }

// The values' lowest and highest (0 included), and the most values of a line.
struct DataRange {
  double lo = 0, hi = 0;
  std::size_t n = 0;
};
DataRange data_range(const LineChart& c) {
  DataRange d;
  for (const auto& l : c.lines) {
    d.n = std::max(d.n, l.values.size());
    for (const auto* values : {&l.values, &l.low, &l.high})
      for (double v : *values)
        if (std::isfinite(v)) d.hi = std::max(d.hi, v), d.lo = std::min(d.lo, v);
  }
  return d;
}

// The y axis's unit: the chart's own for the extent of its nice axis, or the values' own.
TickUnit y_unit(const LineChart& c, const DataRange& d) {
  if (!c.y_ticks) return {};
  const Axis base = nice_axis(d.lo, d.hi);
  return c.y_ticks(std::max(std::abs(base.min), std::abs(base.max)), false);
}

struct Tick {
  double at;  // in the values' own unit
  std::string label;
};
// The y ticks from y0 to y1, at round numbers of the axis's unit.
std::vector<Tick> y_ticks(const LineChart& c, const TickUnit& unit, double y0, double y1) {
  const Axis a{y0 / unit.size, y1 / unit.size, nice_axis(y0 / unit.size, y1 / unit.size).step};
  std::vector<Tick> out;
  for (double t : a.ticks())
    out.push_back({t * unit.size, c.y_ticks ? unit.prefix + round_number(t) + unit.suffix : c.y_format(t * unit.size)});
  return out;
}

// Room for the rotated y title at the left edge, then the longest tick label.
constexpr double kCharPx = 8.5, kTitleRoomPx = 32, kTickGapPx = 8;
double room_for(const std::vector<Tick>& ticks) {
  std::size_t longest = 0;
  for (const auto& t : ticks) longest = std::max(longest, t.label.size());
  return kTitleRoomPx + kCharPx * static_cast<double>(longest) + kTickGapPx;
}
}  // namespace

Frame line_frame(const LineChart& c) {
  const DataRange d = data_range(c);
  const TickUnit unit = y_unit(c, d);
  const Axis y = nice_axis(d.lo / unit.size, d.hi / unit.size);
  const std::size_t n = d.n;
  const double x_end = c.x_max > 0 ? c.x_max : static_cast<double>(std::max<std::size_t>(n, 1)) * c.x_step;
  Frame f;
  f.y0 = y.min * unit.size;
  f.y1 = y.max * unit.size;
  f.left = std::max(78.0, room_for(y_ticks(c, unit, f.y0, f.y1)));
  f.top = 40;
  f.width = c.width - f.left - 20;
  f.height = c.height - f.top - 58;
  f.x0 = 0;
  f.x1 = x_end;
  if (!c.x_values.empty()) {
    // A little room either side, so the first and last points and their markers show.
    const auto [a, b] = std::minmax_element(c.x_values.begin(), c.x_values.end());
    const double from = along(c, *a), to = along(c, *b);
    const double pad = to > from ? (to - from) * 0.04 : 0.5;
    f.x0 = from - pad;
    f.x1 = to + pad;
  }
  return f;
}

std::string line_chart(const LineChart& c) {
  std::string out = open_svg(c.width, c.height, c.title);
  const bool any = std::any_of(c.lines.begin(), c.lines.end(), [](const Line& l) { return finite_any(l.values); });
  if (!any) return out + no_data(c.width, c.height) + "</svg>\n";
  const Frame f = line_frame(c);
  const std::vector<Tick> ticks_y = y_ticks(c, y_unit(c, data_range(c)), f.y0, f.y1);
  // The x axis ends where the run does; its ticks are the nice ones within,
  // unless the chart names its own.
  const double x_step = nice_axis(0, f.x1, 8).step;
  const Axis x{0, std::floor(f.x1 / x_step + 1e-9) * x_step, x_step};
  const std::vector<double> x_ticks = c.x_ticks.empty() ? x.ticks() : c.x_ticks;
  auto xpos = [&](double v) { return f.x(c.x_values.empty() ? v : along(c, v)); };
  // Grid and tick labels.
  for (const auto& [t, label] : ticks_y) {
    out += "<line x1=\"" + px(f.left) + "\" x2=\"" + px(f.left + f.width) + "\" y1=\"" + px(f.y(t)) + "\" y2=\"" +
           px(f.y(t)) + "\" stroke=\"#ccc\"/>\n";
    out += text(f.left - kTickGapPx, f.y(t) + 5, label, "end");
  }
  for (std::size_t i = 0; i < x_ticks.size(); ++i) {
    const double t = xpos(x_ticks[i]);
    out += "<line x1=\"" + px(t) + "\" x2=\"" + px(t) + "\" y1=\"" + px(f.top + f.height) + "\" y2=\"" +
           px(f.top + f.height + 6) + "\" stroke=\"#222\"/>\n";
    out += text(t, f.top + f.height + 22, i < c.x_tick_labels.size() ? c.x_tick_labels[i] : compact(x_ticks[i]),
                "middle");
  }
  out += "<rect x=\"" + px(f.left) + "\" y=\"" + px(f.top) + "\" width=\"" + px(f.width) + "\" height=\"" +
         px(f.height) + "\" fill=\"none\" stroke=\"#222\"/>\n";
  out += text(f.left + f.width / 2, c.height - 8, c.x_label, "middle");
  out += text(14, f.top + f.height / 2, c.y_label, "middle",
              (" transform=\"rotate(-90 14 " + px(f.top + f.height / 2) + ")\"").c_str());
  // Markers under the lines, their labels over them.
  std::string labels;
  for (const auto& m : c.markers) {
    const double mx = xpos(m.x);
    if (!(mx >= f.left - 1e-9 && mx <= f.left + f.width + 1e-9)) continue;
    if (m.from < m.to) {
      const double a = std::clamp(xpos(m.from), f.left, f.left + f.width);
      const double b = std::clamp(xpos(m.to), f.left, f.left + f.width);
      out += "<rect class=\"interval\" x=\"" + px(a) + "\" y=\"" + px(f.top) + "\" width=\"" + px(b - a) +
             "\" height=\"" + px(f.height) + "\" fill=\"#c00\" fill-opacity=\"0.12\"/>\n";
    }
    out += "<line class=\"marker\" x1=\"" + px(mx) + "\" x2=\"" + px(mx) + "\" y1=\"" + px(f.top) +
           "\" y2=\"" + px(f.top + f.height) + "\" stroke=\"#c00\" stroke-width=\"2\" stroke-dasharray=\"6 4\"/>\n";
    const bool right_half = mx > f.left + f.width / 2;
    labels += text(mx + (right_half ? -6 : 6), f.top + 18 + 18 * m.row, m.label, right_half ? "end" : "start",
                " fill=\"#c00\" font-weight=\"bold\" stroke=\"#fff\" stroke-width=\"5\" paint-order=\"stroke\"");
  }
  // One polyline per unbroken run of finite values.
  for (const auto& l : c.lines) {
    std::string points;
    auto flush = [&] {
      if (!points.empty())
        out += "<polyline fill=\"none\" stroke=\"" + std::string(colour(l.colour)) + "\" stroke-width=\"2.5\"" +
               (l.dashed ? " stroke-dasharray=\"8 5\"" : "") + " points=\"" + points + "\"/>\n";
      points.clear();
    };
    for (std::size_t i = 0; i < l.values.size(); ++i) {
      const double v = l.values[i];
      if (!std::isfinite(v)) {
        flush();
        continue;
      }
      const double xv = c.x_values.empty() ? f.x((static_cast<double>(i) + 0.5) * c.x_step) : xpos(c.x_values.at(i));
      if (!points.empty()) points += ' ';
      points += px(xv) + "," + px(f.y(v));
      // A swept parameter's values are the only places measured: each gets a dot.
      if (!c.x_values.empty())
        out += "<circle cx=\"" + px(xv) + "\" cy=\"" + px(f.y(v)) + "\" r=\"3.5\" fill=\"" + colour(l.colour) + "\"/>\n";
      if (i < l.low.size() && i < l.high.size() && std::isfinite(l.low[i]) && std::isfinite(l.high[i]) &&
          l.low[i] < l.high[i])
        out += "<line class=\"interval\" x1=\"" + px(xv) + "\" x2=\"" + px(xv) + "\" y1=\"" + px(f.y(l.low[i])) +
               "\" y2=\"" + px(f.y(l.high[i])) + "\" stroke=\"" + colour(l.colour) + "\" stroke-width=\"1.5\"/>\n";
    }
    flush();
  }
  out += labels;
  std::vector<std::pair<std::string, int>> entries;
  for (const auto& l : c.lines) entries.emplace_back(l.name, l.colour);
  return out + legend(entries, f.left, f.top - 14) + "</svg>\n";
}

std::string stack(const std::string& title, const std::vector<std::string>& charts,
                  const std::vector<double>& heights, double width) {
  double total = 0;
  for (double h : heights) total += h;
  std::string out = open_svg(width, total, title);
  double y = 0;
  for (std::size_t i = 0; i < charts.size() && i < heights.size(); ++i) {
    // A chart is an <svg> of its own: placed here at its size, it keeps its coordinates.
    std::string chart = charts[i];
    chart.insert(4, " x=\"0\" y=\"" + px(y) + "\" width=\"" + px(width) + "\" height=\"" + px(heights[i]) + "\"");
    out += chart;
    y += heights[i];
  }
  return out + "</svg>\n";
}

std::string bar_chart(const BarChart& c) {
  const std::size_t rows = c.categories.size();
  const std::size_t per_row = c.stacked ? 1 : std::max<std::size_t>(c.series.size(), 1);
  const double bar = 22, gap = 14;
  const double row_height = static_cast<double>(per_row) * bar + gap;
  std::size_t longest = 0;
  for (const auto& name : c.categories) longest = std::max(longest, name.size());
  Frame f;
  f.left = std::min(c.width * 0.4, 16 + 8.2 * static_cast<double>(longest));
  f.top = c.series.size() > 1 ? 40 : 14;
  // Room right of the longest bar for its label.
  std::size_t widest_label = 0;
  for (const auto& row : c.values) {
    double sum = 0;
    for (double v : row)
      if (std::isfinite(v)) {
        sum += std::max(0.0, v);
        if (!c.stacked) widest_label = std::max(widest_label, c.format(v).size());
      }
    if (c.stacked) widest_label = std::max(widest_label, c.format(sum).size());
  }
  f.width = c.width - f.left - std::max(90.0, 16 + kCharPx * static_cast<double>(widest_label));
  f.height = std::max(1.0, static_cast<double>(rows) * row_height);
  const double height = f.top + f.height + 58;
  std::string out = open_svg(c.width, height, c.title);
  double hi = c.floor_max;
  bool any = false;
  for (const auto& row : c.values) {
    double sum = 0;
    for (double v : row)
      if (std::isfinite(v)) {
        any = true;
        sum += std::max(0.0, v);
        hi = std::max(hi, v);
      }
    if (c.stacked) hi = std::max(hi, sum);
  }
  if (!any || rows == 0) return out + no_data(c.width, height) + "</svg>\n";
  // On a log scale the axis runs from the power of ten at or below the
  // smallest positive value to the one at or above the largest; a bar starts
  // at its left end. `pos` is where a value lies along the axis.
  double lo_positive = hi;
  for (const auto& row : c.values)
    for (double v : row)
      if (std::isfinite(v) && v > 0) lo_positive = std::min(lo_positive, v);
  const bool log = c.log_scale && lo_positive > 0;
  std::vector<Tick> ticks;
  const auto in_unit = [&](double t, const TickUnit& unit) {
    return c.ticks ? unit.prefix + round_number(t / unit.size) + unit.suffix : c.format(t);
  };
  if (log) {
    f.x0 = std::floor(std::log10(lo_positive) + 1e-9);
    f.x1 = std::max(f.x0 + 1, std::ceil(std::log10(hi) - 1e-9));
    const double every = std::ceil((f.x1 - f.x0) / 8);
    for (double e = f.x0; e <= f.x1 + 1e-9; e += every) {
      const double t = std::pow(10.0, e);
      ticks.push_back({t, in_unit(t, c.ticks ? c.ticks(t, true) : TickUnit{})});
    }
  } else {
    const TickUnit unit = c.ticks ? c.ticks(nice_axis(0, hi).max, false) : TickUnit{};
    const Axis x = nice_axis(0, hi / unit.size);
    f.x0 = 0;
    f.x1 = x.max * unit.size;
    for (double t : x.ticks()) ticks.push_back({t * unit.size, in_unit(t * unit.size, unit)});
  }
  auto pos = [&](double v) { return log ? f.x(std::log10(std::max(v, std::pow(10.0, f.x0)))) : f.x(v); };
  for (const auto& [t, label] : ticks) {
    out += "<line x1=\"" + px(pos(t)) + "\" x2=\"" + px(pos(t)) + "\" y1=\"" + px(f.top) + "\" y2=\"" +
           px(f.top + f.height + 6) + "\" stroke=\"#ccc\"/>\n";
    out += text(pos(t), f.top + f.height + 22, label, "middle");
  }
  out += text(f.left + f.width / 2, height - 8, c.x_label, "middle");
  if (c.series.size() > 1) {
    std::vector<std::pair<std::string, int>> entries;
    for (std::size_t s = 0; s < c.series.size(); ++s) entries.emplace_back(c.series[s], static_cast<int>(s));
    out += legend(entries, f.left, f.top - 14);
  }
  for (std::size_t r = 0; r < rows; ++r) {
    const double row_top = f.top + static_cast<double>(r) * row_height + gap / 2;
    out += text(f.left - 8, row_top + static_cast<double>(per_row) * bar / 2 + 5, c.categories[r], "end");
    const auto& vals = r < c.values.size() ? c.values[r] : std::vector<double>{};
    double at = 0, total = 0;
    for (std::size_t s = 0; s < vals.size(); ++s) {
      const double v = std::isfinite(vals[s]) ? std::max(0.0, vals[s]) : 0;
      const double top = c.stacked ? row_top : row_top + static_cast<double>(s) * bar;
      const double start = c.stacked ? at : 0;
      out += "<rect class=\"bar\" x=\"" + px(pos(start)) + "\" y=\"" + px(top) + "\" width=\"" +
             px(pos(start + v) - pos(start)) + "\" height=\"" + px(bar - 2) + "\" fill=\"" +
             colour(static_cast<int>(s)) + "\"><title>" + html_escape(c.categories[r]) +
             (s < c.series.size() ? ": " + html_escape(c.series[s]) : std::string()) + " " + html_escape(c.format(v)) +
             "</title></rect>\n";
      if (!c.stacked) out += text(pos(v) + 6, top + bar / 2 + 4, c.format(v));
      at += v;
      total += v;
    }
    if (c.stacked) out += text(pos(total) + 6, row_top + bar / 2 + 4, c.format(total));
  }
  out += "<line x1=\"" + px(f.left) + "\" x2=\"" + px(f.left) + "\" y1=\"" + px(f.top) + "\" y2=\"" +
         px(f.top + f.height) + "\" stroke=\"#222\"/>\n";
  return out + "</svg>\n";
}

}  // namespace archsim::report::svg

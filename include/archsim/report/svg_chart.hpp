// Small charts drawn as SVG text, for the HTML report: lines over time and
// horizontal bars (grouped or stacked). They need no script and no external
// resource; the same data gives the same bytes. Text given to a chart (titles,
// names, labels) is escaped for HTML and SVG.
#pragma once
#include <functional>
#include <string>
#include <vector>

namespace archsim::report::svg {

// A value as a tick or bar label, e.g. report::percent.
using Format = std::function<std::string(double)>;

// Tick labels in one unit for the whole axis, with the ticks at round numbers
// of it: minutes when the axis reaches ten minutes, whole dollars.
struct TickUnit {
  double size = 1;  // one unit in the values' own (60: minutes of seconds)
  std::string prefix, suffix;
};
// The unit for an axis that reaches `axis_max`; a log axis (ticks at powers of
// ten of the values) needs one that keeps them round.
using TickUnits = std::function<TickUnit(double axis_max, bool powers_of_ten)>;
TickUnit seconds_ticks(double axis_max, bool powers_of_ten);
TickUnit usd_ticks(double axis_max, bool powers_of_ten);
// A round number as an axis writes it: 0.25, 2.5, 10, 1,000, 20k, 1.5M.
std::string round_number(double v);
// Compact numbers for axes: 950, 1.2k, 35k, 4.5M.
std::string compact(double v);

// An axis from `min` to `max` in steps of 1, 2 or 5 times a power of ten,
// holding [lo, hi] with about `ticks` steps. A flat or empty range widens to
// show something.
struct Axis {
  double min = 0, max = 1, step = 1;
  std::vector<double> ticks() const;
};
Axis nice_axis(double lo, double hi, int ticks = 5);

// The plotting area inside the picture and the data ranges it shows.
struct Frame {
  double left = 0, top = 0, width = 1, height = 1;
  double x0 = 0, x1 = 1, y0 = 0, y1 = 1;
  double x(double v) const { return left + (v - x0) / (x1 - x0) * width; }
  double y(double v) const { return top + height - (v - y0) / (y1 - y0) * height; }
};

struct Line {
  std::string name;
  std::vector<double> values;  // one per step; non-finite values leave a gap
  int colour = 0;              // index into the palette
  bool dashed = false;
  std::vector<double> low, high;  // when given, each value's interval, drawn as a whisker
};

// A vertical line at x (a moment worth pointing at), with a label.
struct Marker {
  double x = 0;
  std::string label;
  int row = 0;                // labels of markers close together go on different rows
  double from = 0, to = 0;    // when from < to, this range of x is shaded (an interval)
};

struct LineChart {
  std::string title, x_label, y_label;
  double x_step = 1;  // x of values[i] is (i + 0.5) * x_step: the middle of its interval
  double x_max = 0;   // the x axis ends here (0: after the last value)
  Format y_format = compact;
  TickUnits y_ticks;  // when given, the y ticks are round numbers of its unit (y_format is not used)
  std::vector<Line> lines;
  std::vector<Marker> markers;
  double width = 640, height = 300;
  // Lines over a swept parameter instead of time: values[i] is at
  // x_values[i], on a log scale when log_x, with ticks at x_ticks.
  std::vector<double> x_values;
  bool log_x = false;
  std::vector<double> x_ticks;
  std::vector<std::string> x_tick_labels;  // one per tick (empty: compact numbers)
};

// Where the line chart puts its plot for these data (the same as it draws).
Frame line_frame(const LineChart& chart);
std::string line_chart(const LineChart& chart);

// Charts one above the other in one picture, each `width` wide at its own height.
std::string stack(const std::string& title, const std::vector<std::string>& charts,
                  const std::vector<double>& heights, double width);

struct BarChart {
  std::string title, x_label;
  std::vector<std::string> categories;  // one row of bars each, top to bottom
  std::vector<std::string> series;      // the bars in a row (grouped) or its segments (stacked)
  std::vector<std::vector<double>> values;  // [category][series]
  bool stacked = false;
  Format format = compact;  // ticks and the label at each bar's (or stack's) end
  TickUnits ticks;          // when given, the ticks are round numbers of its unit
  double floor_max = 0;     // the axis reaches at least this (e.g. 1 for 100%)
  bool log_scale = false;   // powers of ten equally spaced (values far apart)
  double width = 1280;
};

std::string bar_chart(const BarChart& chart);

// The palette: strong colours that differ for most kinds of colour blindness.
const char* colour(int index);

}  // namespace archsim::report::svg

// The run as one self-contained HTML page, for a browser or a projector: the
// same sentences and tables as the text report (sections.hpp), the pipeline
// diagram with the binding bottleneck highlighted, and charts drawn as inline
// SVG. No script, no external resource; every piece of text is escaped.
#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <sstream>
#include <utility>

#include "archsim/models/common/billing.hpp"
#include "archsim/report/stream_choice_text.hpp"
#include "archsim/report/human.hpp"
#include "archsim/report/reports.hpp"
#include "archsim/report/svg_chart.hpp"
#include "html_style.hpp"
#include "archsim/report/findings.hpp"
#include "sections.hpp"

namespace archsim::report {

namespace {

std::string esc(const std::string& s) { return html_escape(s); }

// A time axis that reads naturally: hours for a run of two hours or more,
// minutes for a shorter one.
struct TimeUnit {
  double seconds;
  const char* label;
};
TimeUnit time_unit(double duration_s) {
  return duration_s >= 7200 ? TimeUnit{3600, "hours since the start"} : TimeUnit{60, "minutes since the start"};
}

std::string seconds_label(double v) { return seconds(v); }
std::string percent_label(double v) { return percent(v); }
std::string usd_label(double v) { return usd(v); }

void verdict(std::ostream& out, const run::RunResult& r) {
  const auto failed = std::count_if(r.requirements.begin(), r.requirements.end(), [](const auto& q) { return !q.pass; });
  const bool ok = failed == 0 && r.accounting.dropped == 0;
  out << "<section class=\"verdict" << (ok ? " ok" : "") << "\" id=\"verdict\">\n";
  if (!r.requirements.empty())
    out << "<p class=\"headline\">" << (failed ? std::to_string(failed) + " of " : "All ") << r.requirements.size()
        << " requirement" << (r.requirements.size() == 1 ? "" : "s") << (failed ? " fail" : " hold") << ".</p>\n";
  out << "<ul class=\"verdict-lines\">\n";
  for (const auto& line : verdict_lines(r)) out << "<li>" << esc(line) << "</li>\n";
  out << "</ul>\n";
  if (!r.bottlenecks.empty()) {
    const auto& b = r.bottlenecks.front();
    out << "<p><strong>What binds first:</strong> " << esc(finding_sentence(b)) << "</p>\n";
    const std::string fix = fix_sentence(b);
    if (!fix.empty()) out << "<p><span class=\"try\">Try:</span> " << esc(fix) << "</p>\n";
  } else {
    out << "<p>No resource binds in this run.</p>\n";
  }
  out << "</section>\n";
}

// Per component: records in, out and dropped per second, and the backlog,
// over the run, with the moment its bottleneck binds marked and a drill's
// faults shaded.
void over_time(std::ostream& out, const run::RunResult& r) {
  const TimeUnit unit = time_unit(r.duration_s);
  out << "<section id=\"over-time\">\n<h2>Throughput and backlog over time</h2>\n";
  for (const auto& c : r.components) {
    std::vector<svg::Marker> markers;
    for (std::size_t i = 0; i < r.bottlenecks.size(); ++i)
      if (r.bottlenecks[i].component == c.name && r.bottlenecks[i].when_s > 0) {
        markers.push_back({r.bottlenecks[i].when_s / unit.seconds,
                           (&r.bottlenecks[i] == binding(r) ? "binds at " : "at its limit at ") +
                               time_of_day(r.bottlenecks[i].when_s)});
        break;
      }
    // A drill's faults, shaded over their windows on every chart over time.
    for (const auto& f : r.faults)
      markers.push_back({.x = f.start_s / unit.seconds,
                         .label = fault_label(f),
                         .row = static_cast<int>(markers.size()),
                         .from = f.start_s / unit.seconds,
                         .to = f.end_s / unit.seconds});
    auto chart = [&](const std::string& what, const char* y_label, std::vector<svg::Line> lines) {
      return svg::LineChart{.title = c.name + ": " + what,
                            .x_label = unit.label,
                            .y_label = y_label,
                            .x_step = c.series.interval_s / unit.seconds,
                            .x_max = r.duration_s / unit.seconds,
                            .y_format = svg::compact,
                            .lines = std::move(lines),
                            .markers = markers};
    };
    // A query engine's axes count queries, as its model does.
    const std::string items = c.queries ? "queries" : "records";
    svg::LineChart flow = chart(items + " per second", (items + " per second").c_str(),
                                {{"in", c.series.records_in_per_s, 0, false},
                                 {"out", c.series.records_out_per_s, 2, true}});
    if (c.dropped > 0) flow.lines.push_back({"dropped", c.series.dropped_per_s, 1, false});
    const svg::LineChart backlog =
        chart("backlog", (items + " waiting").c_str(), {{"backlog", c.series.backlog, 4, false}});
    out << "<h3>" << esc(c.name) << " <small>" << esc(c.service) << "</small></h3>\n<div class=\"pair\">\n"
        << "<figure class=\"throughput\">" << svg::line_chart(flow) << "</figure>\n"
        << "<figure class=\"backlog\">" << svg::line_chart(backlog) << "</figure>\n</div>\n";
    if (!c.series.size.empty()) {
      const std::string units = c.series.size_unit + "s";
      out << "<figure class=\"size\">"
          << svg::line_chart(chart(units + " in use", units.c_str(), {{units, c.series.size, 3, false}})) << "</figure>\n";
    }
  }
  out << "</section>\n";
}

void utilization(std::ostream& out, const run::RunResult& r) {
  svg::BarChart chart{.title = "Utilization per component",
                      .x_label = "share of the binding capacity",
                      .series = {"peak", "mean"},
                      .format = percent_label,
                      .floor_max = 1};
  for (const auto& c : r.components)
    if (c.capacity > 0) {
      chart.categories.push_back(c.name);
      chart.values.push_back({c.utilization_peak, c.utilization_mean});
    }
  out << "<section id=\"utilization\">\n<h2>Utilization per component</h2>\n"
      << "<p class=\"note\">Components without a bounded capacity (unbounded services) are left out.</p>\n"
      << "<figure class=\"utilization\">" << svg::bar_chart(chart) << "</figure>\n</section>\n";
}

void latency(std::ostream& out, const run::RunResult& r) {
  svg::BarChart chart{.title = "End-to-end latency per path",
                      .x_label = "latency, created at the source to delivered at the sink",
                      .series = {"p50", "p90", "p99"},
                      .format = seconds_label,
                      .ticks = svg::seconds_ticks};
  double lowest = 0, highest = 0;
  for (const auto& p : r.paths) {
    chart.categories.push_back(p.from + " -> " + p.to);
    chart.values.push_back({p.latency.p50, p.latency.p90, p.latency.p99});
    for (double v : chart.values.back())
      if (v > 0) lowest = lowest > 0 ? std::min(lowest, v) : v, highest = std::max(highest, v);
  }
  // Paths a hundred times apart (seconds against an hour) share a log scale,
  // so the fast ones do not vanish.
  if (lowest > 0 && highest / lowest >= 100) {
    chart.log_scale = true;
    chart.x_label += " (log scale)";
  }
  out << "<section id=\"latency\">\n<h2>Latency percentiles per path</h2>\n"
      << "<figure class=\"latency\">" << svg::bar_chart(chart) << "</figure>\n"
      << "<h3>" << esc(sections::kPathsTitle) << "</h3>\n<p class=\"note\">" << esc(sections::sentence(sections::kPathsNote))
      << "</p>\n<div class=\"scroll\">" << sections::paths(r).html() << "</div>\n";
  if (sections::has_readers(r))
    out << "<h3>" << esc(sections::kReadersTitle) << "</h3>\n<p class=\"note\">" << esc(sections::sentence(sections::kReadersNote))
        << "</p>\n<div class=\"scroll\">" << sections::readers(r).html() << "</div>\n";
  out << "</section>\n";
}

void cost(std::ostream& out, const run::RunResult& r) {
  const double months = r.duration_s / models::kSecondsPerMonth;
  svg::BarChart chart{.title = "Cost per month by component",
                      .x_label = "US dollars a month at this load",
                      .series = {"capacity", "storage", "requests and usage"},
                      .stacked = true,
                      .format = usd_label,
                      .ticks = svg::usd_ticks};
  for (const auto& c : r.components) {
    chart.categories.push_back(c.name);
    const double capacity = c.cost_capacity_usd / months, storage = c.cost_storage_usd / months;
    chart.values.push_back({capacity, storage, std::max(0.0, c.cost_usd / months - capacity - storage)});
  }
  out << "<section id=\"cost\">\n<h2>Cost</h2>\n<p>" << esc(sections::cost_line(r)) << "</p>\n";
  for (const auto& p : r.partial_cycles) out << "<p class=\"note\">" << esc(sections::partial_cycle_sentence(p)) << "</p>\n";
  out
      << "<figure class=\"cost\">" << svg::bar_chart(chart) << "</figure>\n";
  if (const auto billed = sections::billed_lines(r); !billed.empty()) {
    out << "<p>" << esc(sections::kBilledTitle) << ":</p>\n<ul>\n";
    for (const auto& line : billed) out << "<li>" << esc(line) << "</li>\n";
    out << "</ul>\n";
  }
  out << "</section>\n";
}

// Graphviz's SVG from its <svg element on: the XML declaration and doctype
// do not belong inside an HTML page.
std::string inline_svg(const std::string& svg) {
  const auto at = svg.find("<svg");
  return at == std::string::npos ? std::string() : svg.substr(at);
}

// Graphviz sizes its drawing in points; a small pipeline would fill the page
// if scaled to its width, so the figure is as wide as the drawing at the
// page's scale (a point is 1.6 CSS pixels at 20px type), and no wider.
std::string diagram_width(const std::string& svg) {
  const auto open_end = svg.find('>');
  const auto at = svg.find(" width=\"");
  if (at == std::string::npos || at > open_end) return {};
  const double points = std::atof(svg.c_str() + at + 8);
  if (!(points > 0)) return {};
  return " style=\"max-width: " + std::to_string(static_cast<long>(std::lround(points * 1.6))) + "px\"";
}

// The story at the top: the prompt, what to look at, and each question with
// its answer folded away until a click (predict, then reveal; no script).
void story(std::ostringstream& out, const scenario::Story& s) {
  if (s.empty()) return;
  out << "<section id=\"story\" class=\"story\">\n<h2>Story</h2>\n";
  if (!s.prompt.empty()) out << "<p>" << esc(s.prompt) << "</p>\n";
  if (!s.look_at.empty()) {
    out << "<p><b>Look at</b></p>\n<ul>\n";
    for (const auto& l : s.look_at) out << "<li>" << esc(l) << "</li>\n";
    out << "</ul>\n";
  }
  if (!s.questions.empty()) {
    out << "<p><b>Questions: predict, then reveal</b></p>\n<ol>\n";
    for (const auto& q : s.questions) {
      out << "<li>" << esc(q.ask);
      if (!q.answer.empty())
        out << "<details><summary>Reveal the answer</summary><p>" << esc(q.answer) << "</p></details>";
      out << "</li>\n";
    }
    out << "</ol>\n";
  }
  out << "</section>\n";
}

}  // namespace

std::string to_html(const run::RunResult& r, const std::string& diagram_svg) {
  using namespace sections;
  std::ostringstream out;
  out << "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
      << "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
      << "<title>" << esc(r.name) << " · archsim</title>\n<style>" << kStyle << "</style>\n</head>\n<body>\n<main>\n";
  out << "<header>\n<h1>" << esc(r.name) << "</h1>\n";
  if (!r.description.empty()) out << "<p class=\"description\">" << esc(r.description) << "</p>\n";
  out << "<p class=\"run\">" << esc(run_line(r)) << "</p>\n</header>\n";
  story(out, r.story);

  verdict(out, r);

  out << "<section id=\"records\">\n<h2>Records</h2>\n<p>" << esc(records_line(r)) << "<br>\n"
      << esc(throughput_line(r)) << "</p>\n</section>\n";
  if (!r.faults.empty()) {
    out << "<section id=\"faults\">\n<h2>" << esc(kFaultsTitle) << "</h2>\n<p class=\"note\">" << esc(sentence(kFaultsNote))
        << "</p>\n<ul>\n";
    for (const auto& f : r.faults) out << "<li>" << esc(fault_sentence(f)) << "</li>\n";
    out << "</ul>\n</section>\n";
  }

  out << "<section id=\"diagram\">\n<h2>Pipeline</h2>\n";
  const std::string diagram = inline_svg(diagram_svg);
  if (diagram.empty()) {
    out << "<p class=\"note\">The diagram is drawn by Graphviz's <code>dot</code>, which was not found; install the "
           "Debian package graphviz to see it here.</p>\n";
  } else {
    out << "<figure class=\"diagram\"" << diagram_width(diagram) << ">\n" << diagram << "</figure>\n";
    if (const run::Bottleneck* b = binding(r))
      out << "<p class=\"note\">Drawn in red: " << esc(b->component) << ", the bottleneck that binds first.</p>\n";
  }
  out << "</section>\n";

  if (!r.bottlenecks.empty()) {
    out << "<section id=\"bottlenecks\">\n<h2>" << esc(kBottlenecksTitle) << "</h2>\n<ol class=\"bottlenecks\">\n";
    for (std::size_t i = 0; i < r.bottlenecks.size(); ++i) {
      const auto& b = r.bottlenecks[i];
      out << "<li" << (i == 0 ? " class=\"binding\"" : "") << ">" << esc(finding_sentence(b));
      const std::string fix = fix_sentence(b);
      if (!fix.empty()) out << "<br><span class=\"try\">Try:</span> " << esc(fix);
      out << "</li>\n";
    }
    out << "</ol>\n</section>\n";
  }
  if (!r.requirements.empty()) {
    out << "<section id=\"requirements\">\n<h2>Requirements</h2>\n<ul class=\"requirements\">\n";
    for (const auto& q : r.requirements)
      out << "<li><span class=\"badge " << (q.pass ? "pass\">PASS" : "fail\">FAIL") << "</span>" << esc(requirement(q))
          << "</li>\n";
    out << "</ul>\n</section>\n";
  }
  if (!r.requirements_without_faults.empty()) {
    out << "<section id=\"requirements-without-faults\">\n<h2>" << esc(kWithoutFaultsTitle)
        << "</h2>\n<ul class=\"requirements\">\n";
    for (const auto& q : r.requirements_without_faults)
      out << "<li><span class=\"badge " << (q.pass ? "pass\">PASS" : "fail\">FAIL") << "</span>" << esc(requirement(q))
          << "</li>\n";
    out << "</ul>\n</section>\n";
  }

  over_time(out, r);
  utilization(out, r);
  latency(out, r);
  if (!r.time_by_path.empty())
    out << "<section id=\"time\">\n<h2>" << esc(kTimeTitle) << "</h2>\n<p class=\"note\">" << esc(sentence(kTimeNote))
        << "</p>\n<div class=\"scroll\">" << time_by_path(r).html() << "</div>\n</section>\n";

  out << "<section id=\"components\">\n<h2>" << esc(kComponentsTitle) << "</h2>\n<p class=\"note\">"
      << esc(sentence(kComponentsNote)) << "</p>\n<div class=\"scroll\">" << components(r).html()
      << "</div>\n</section>\n";

  if (!r.tradeoffs.empty()) {
    out << "<section id=\"tradeoffs\">\n<h2>" << esc(kTradeoffsTitle) << "</h2>\n<ul>\n";
    for (const auto& t : r.tradeoffs) out << "<li>" << esc(tradeoff_sentence(t)) << "</li>\n";
    out << "</ul>\n";
    if (const auto left_out = tradeoffs_left_out_sentence(r); !left_out.empty())
      out << "<p class=\"note\">" << esc(left_out) << "</p>\n";
    out << "</section>\n";
  }

  for (const auto& q : r.query_engines) {
    const auto p = sections::query_engines(q);
    out << "<section class=\"query-engines\">\n<h2>Redshift or Athena</h2>\n<p>" << esc(p.lead) << "</p>\n<ul>\n";
    for (const auto& item : p.items) out << "<li>" << esc(item) << "</li>\n";
    out << "</ul>\n</section>\n";
  }
  out << stream_choices_html(r.stream_choices);
  cost(out, r);
  out << "</main>\n</body>\n</html>\n";
  return out.str();
}

}  // namespace archsim::report

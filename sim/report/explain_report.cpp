#include "archsim/report/explain_report.hpp"

#include <cmath>
#include <sstream>
#include <vector>

#include "archsim/model/static_figures.hpp"
#include "archsim/report/findings.hpp"
#include "archsim/report/human.hpp"
#include "archsim/report/json_writer.hpp"
#include "archsim/report/reports.hpp"
#include "archsim/report/table.hpp"
#include "archsim/report/text_width.hpp"
#include "html_style.hpp"
#include "sections.hpp"

namespace archsim::report {

namespace {
std::string finite_or(double v, const std::string& text, const std::string& otherwise) {
  return std::isfinite(v) ? text : otherwise;
}
std::string joined(const std::vector<std::string>& names, const std::string& sep) {
  std::string out;
  for (const auto& n : names) out += (out.empty() ? "" : sep) + n;
  return out;
}
std::string whole(double x) { return model::group_digits(std::round(x)); }
// A share to three significant figures: a hot key's 0.0834%.
std::string share(double fraction) { return model::group_digits(fraction * 100) + "%"; }

// What sets a component's busy share beyond its even load: the hottest unit
// and key, the model's own reading, what it drops, and what only a
// simulation can tell.
std::vector<std::string> details(const analysis::StaticComponent& c) {
  std::vector<std::string> lines;
  const std::string unit = c.unit.empty() ? "unit" : c.unit;
  std::ostringstream o;
  const auto line = [&] {
    lines.push_back(o.str());
    o.str("");
  };
  if (c.units > 1 && c.hottest_share > 0) {
    o << "hottest " << unit << ": " << c.hottest_unit << " of " << whole(c.units) << ", " << share(c.hottest_share)
      << " of its records (" << share(1 / c.units) << " if even); one takes " << rate(c.unit_capacity)
      << ", so it runs at " << percent(c.peak * c.hottest_share / c.unit_capacity) << " at the peak";
    line();
  }
  // A key is worth naming when it asks a tenth of a unit at the peak.
  if (c.hottest_key && c.hottest_key->peak_per_s >= 0.1 * c.hottest_key->unit_capacity) {
    const auto& k = *c.hottest_key;
    o << "hottest key: " << k.key << " of " << k.source << ", " << share(k.share) << " of its records, "
      << rate(k.peak_per_s) << " at the peak";
    if (k.unit) o << ", on " << unit << " " << *k.unit;
    o << "; one " << unit << " takes " << rate(k.unit_capacity)
      << (k.beyond_unit ? ": this key alone is more than one takes" : "");
    line();
  }
  if (!c.busy_words.empty()) lines.push_back("peak: " + c.busy_words);
  if (c.dropped_per_s > 0) lines.push_back("past its capacity it drops about " + rate(c.dropped_per_s) + " over the run");
  for (const auto& n : c.notes) {
    o << "not known without simulating: " << n.figure << ": " << n.reason;
    line();
  }
  return lines;
}

// "stock_table (dynamodb): offered 1,000/s, peak ...; $12.00/month".
std::string component_line(const analysis::StaticComponent& c) {
  std::ostringstream o;
  o << c.name << " (" << c.service << "): offered " << rate(c.offered) << ", peak " << rate(c.peak) << "; capacity "
    << finite_or(c.capacity, rate(c.capacity), "unbounded");
  if (!c.limit.empty()) o << " (" << c.limit << ")";
  if (std::isfinite(c.capacity))
    o << "; utilization " << percent(c.utilization) << " mean, " << percent(c.peak_utilization) << " peak";
  o << "; latency " << finite_or(c.latency_s, seconds(c.latency_s), "unbounded") << " mean, "
    << finite_or(c.peak_latency_s, seconds(c.peak_latency_s), "unbounded") << " peak; " << usd(c.monthly_usd)
    << "/month";
  return o.str();
}

// What the design carries at most, what binds it, and the max-flow beside it.
std::vector<std::string> ceiling_lines(const analysis::StaticExplanation& e) {
  const auto& ceil = e.ceiling;
  if (!std::isfinite(ceil.scale)) return {"ceiling: no component in the design has a bounded capacity"};
  std::ostringstream o;
  o << "ceiling: the design carries up to " << std::round(ceil.scale * 100) / 100 << "x today's peak ("
    << rate(ceil.scale * e.peak_input) << " of input); the binding resource is " << joined(ceil.binding, ", ");
  for (const auto& c : e.components) {
    if (ceil.binding.empty() || c.name != ceil.binding.front()) continue;
    if (!c.busy_words.empty()) {
      o << ": " << c.busy_words;
    } else if (c.units >= 1 && c.hottest_share * c.units > 1.01) {
      o << ": its hottest " << (c.unit.empty() ? "unit" : c.unit) << " (" << share(c.hottest_share) << " of its records) at "
        << rate(c.unit_capacity);
    } else if (!c.limit.empty()) {
      o << ": " << c.limit;
    }
  }
  std::string flow = "max-flow with free routing: " + finite_or(ceil.max_flow, rate(ceil.max_flow), "unbounded");
  flow += ", min cut at ";
  flow += ceil.min_cut.empty() ? std::string("-") : joined(ceil.min_cut, ", ");
  if (ceil.fixed_routing) flow += " (the design's shares and copies are fixed: the ceiling above is the one it has)";
  return {o.str(), flow};
}

// A path's route, shortened to its ends unless the whole is wanted.
std::string route(const analysis::StaticPath& p, bool whole_route) { return elided_chain(p.vertices, " -> ", whole_route); }
std::string path_mean(const analysis::StaticPath& p) { return finite_or(p.latency_s, seconds(p.latency_s), "unbounded"); }
std::string path_peak(const analysis::StaticPath& p) {
  return finite_or(p.peak_latency_s, seconds(p.peak_latency_s), "unbounded");
}

const char* kTitleNote = "static: the load over the run and each model's first-order figures, no simulation";
const char* kPathsHeading = "latency by path (first order, sum of the components' means)";
const char* kCostHeading = "monthly cost at this load (the span's bill as a month, as a run projects it)";
const char* kFaultsHeading =
    "faults (first order: what a fault leaves waiting and how fast it drains; a run adds what a restart replays and "
    "what retries do)";
// Each path's route (shortened to its ends), mean and peak latency, for Markdown and HTML.
Table paths_table(const analysis::StaticExplanation& e) {
  Table t({"path", "mean", "peak"}, {1, 2});
  for (const auto& p : e.paths) t.row({route(p, false), path_mean(p), path_peak(p)});
  return t;
}

std::string input_line(const analysis::StaticExplanation& e) {
  return "input: " + rate(e.input) + " mean, " + rate(e.peak_input) + " at the peak";
}

}  // namespace

std::string overload_refusal(const analysis::StaticComponent& c, double limit) {
  std::ostringstream o;
  const bool by_unit = c.units > 1 && c.hottest_share > 0 && c.unit_capacity > 0;
  o << c.service << " '" << c.name << "' would be offered " << model::group_digits(c.peak_utilization) << "x what "
    << (by_unit ? "its hottest " + (c.unit.empty() ? std::string("unit") : c.unit) + " takes" : std::string("it takes"))
    << " at the peak (";
  if (by_unit) o << rate(c.peak * c.hottest_share) << " against " << rate(c.unit_capacity) << " one takes";
  else if (std::isfinite(c.capacity) && c.capacity > 0) o << rate(c.peak) << " against " << rate(c.capacity);
  else o << (c.busy_words.empty() ? "as its model reads its load" : c.busy_words);
  if (!c.limit.empty()) o << ": " << c.limit;
  o << "), so a run would only show it overwhelmed (a queue growing without end, or nearly everything refused), "
       "at great cost in time and memory; archsim refuses designs beyond "
    << model::group_digits(limit) << "x. Size it with 'archsim explain', or give --allow-overload to simulate it anyway";
  return o.str();
}

namespace {
// "'job' stopped from 00:30 to 00:40: about 600,000 records wait at 'job'
// (1,000/s for 10.0 min); it takes 2,000/s and 1,000/s arrive after, so it
// catches up at 1,000/s, in about 10.0 min".
std::string recovery_line(const analysis::StaticRecovery& r) {
  std::string out = fault_label(r.target, r.kind, r.factor, r.share) + " from " + clock_time(r.start_s) + " to " +
                    clock_time(r.end_s);
  if (r.component.empty())
    return out + ": not worked out before a run, since what it costs depends on what the run simulates (retries, "
                 "error handling, a batch run's timing)";
  const std::string at = "'" + r.component + "'";
  const bool slowed = r.capacity_during > 0 && r.capacity_during < r.capacity;
  if (r.backlog <= 0)
    return out + ": " + at + " takes the " + rate(r.arriving) + " arriving (up to " +
           finite_or(slowed ? r.capacity_during : r.capacity, rate(slowed ? r.capacity_during : r.capacity), "unbounded") +
           (slowed ? " while slowed" : "") +
           "): nothing waits";
  out += ": about " + count(static_cast<std::uint64_t>(r.backlog)) + " records wait at " + at + " (" +
         rate(r.arriving) + " arriving for " + seconds(r.end_s - r.start_s);
  out += slowed ? ", of which it takes " + rate(r.capacity_during) + " while slowed)" : ")";
  if (!std::isfinite(r.drain_s))
    return out + "; it takes " + rate(r.capacity) + " and " + rate(r.after) + " arrive after: it cannot catch up";
  return out + "; it takes " + rate(r.capacity) + " and " + rate(r.after) + " arrive after, so it catches up at " +
         rate(r.catch_up) + ", in about " + seconds(r.drain_s);
}
}  // namespace

std::string to_text(const analysis::StaticExplanation& e, const TextOptions& options) {
  std::ostringstream o;
  o << e.scenario << " (" << kTitleNote << ")\n\n";
  o << input_line(e) << "\n\n";
  for (const auto& c : e.components) {
    o << component_line(c) << "\n";
    for (const auto& line : details(c)) o << "  " << line << "\n";
  }
  o << "\n";
  for (const auto& line : ceiling_lines(e)) o << line << "\n";
  o << "\n" << kPathsHeading << ":\n";
  for (const auto& p : e.paths)
    o << "  " << route(p, options.width == 0) << ": " << path_mean(p) << " mean, " << path_peak(p) << " peak\n";
  o << "\n" << kCostHeading << ": " << usd(e.monthly_usd) << "\n";
  for (const auto& p : e.partial_cycles) o << "  " << sections::partial_cycle_sentence(p) << "\n";
  if (!e.recoveries.empty()) {
    o << "\n" << kFaultsHeading << ":\n";
    for (const auto& r : e.recoveries) o << "  " << recovery_line(r) << "\n";
  }
  return fit_width(o.str(), options.width);
}

std::string to_markdown(const analysis::StaticExplanation& e) {
  std::ostringstream o;
  o << "# " << markdown_escape(e.scenario) << "\n\n" << markdown_escape(sections::sentence(kTitleNote)) << "\n\n";
  o << markdown_escape(sections::sentence(input_line(e))) << "\n\n## Components\n";
  for (const auto& c : e.components) {
    o << "\n" << markdown_escape(component_line(c)) << "\n";
    const auto lines = details(c);
    if (!lines.empty()) o << "\n";
    for (const auto& line : lines) o << "- " << markdown_escape(line) << "\n";
  }
  o << "\n## Ceiling\n\n";
  for (const auto& line : ceiling_lines(e)) o << "- " << markdown_escape(line) << "\n";
  o << "\n## Latency by path\n\n" << markdown_escape(sections::sentence(kPathsHeading)) << "\n\n" << paths_table(e).markdown();
  o << "\n## Cost\n\n" << markdown_escape(sections::sentence(std::string(kCostHeading) + ": " + usd(e.monthly_usd))) << "\n";
  for (const auto& p : e.partial_cycles) o << "\n" << markdown_escape(sections::partial_cycle_sentence(p)) << "\n";
  if (!e.recoveries.empty()) {
    o << "\n## Faults\n\n" << markdown_escape(sections::sentence(kFaultsHeading)) << "\n\n";
    for (const auto& r : e.recoveries) o << "- " << markdown_escape(recovery_line(r)) << "\n";
  }
  return o.str();
}

std::string to_html(const analysis::StaticExplanation& e) {
  const auto esc = [](const std::string& s) { return html_escape(s); };
  std::ostringstream o;
  o << "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
       "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>"
    << esc(e.scenario) << " · archsim explain</title>\n<style>" << kStyle << "</style>\n</head>\n<body>\n<main>\n";
  o << "<h1>" << esc(e.scenario) << "</h1>\n<p class=\"run\">" << esc(sections::sentence(kTitleNote)) << "</p>\n";
  o << "<p>" << esc(sections::sentence(input_line(e))) << "</p>\n<section id=\"components\">\n<h2>Components</h2>\n";
  for (const auto& c : e.components) {
    o << "<h3>" << esc(c.name) << " <small>" << esc(c.service) << "</small></h3>\n<p>" << esc(sections::sentence(component_line(c)))
      << "</p>\n";
    const auto lines = details(c);
    if (lines.empty()) continue;
    o << "<ul>\n";
    for (const auto& line : lines) o << "<li>" << esc(line) << "</li>\n";
    o << "</ul>\n";
  }
  o << "</section>\n<section id=\"ceiling\">\n<h2>Ceiling</h2>\n<ul>\n";
  for (const auto& line : ceiling_lines(e)) o << "<li>" << esc(line) << "</li>\n";
  o << "</ul>\n</section>\n<section id=\"paths\">\n<h2>Latency by path</h2>\n<p class=\"note\">"
    << esc(sections::sentence(kPathsHeading)) << "</p>\n<div class=\"scroll\">" << paths_table(e).html() << "</div>\n</section>\n";
  o << "<section id=\"cost\">\n<h2>Cost</h2>\n<p>" << esc(sections::sentence(std::string(kCostHeading) + ": " + usd(e.monthly_usd)))
    << "</p>\n";
  for (const auto& p : e.partial_cycles) o << "<p>" << esc(sections::partial_cycle_sentence(p)) << "</p>\n";
  o << "</section>\n";
  if (!e.recoveries.empty()) {
    o << "<section id=\"faults\">\n<h2>Faults</h2>\n<p class=\"note\">" << esc(sections::sentence(kFaultsHeading))
      << "</p>\n<ul>\n";
    for (const auto& r : e.recoveries) o << "<li>" << esc(recovery_line(r)) << "</li>\n";
    o << "</ul>\n</section>\n";
  }
  o << "</main>\n</body>\n</html>\n";
  return o.str();
}

std::string to_json(const analysis::StaticExplanation& e) {
  JsonWriter w;
  w.begin_object();
  w.value("scenario", e.scenario);
  w.value("input_records_per_s", e.input);
  w.value("peak_input_records_per_s", e.peak_input);
  w.begin_array("components");
  for (const auto& c : e.components) {
    w.begin_object();
    w.value("name", c.name).value("service", c.service);
    w.value("offered_records_per_s", c.offered).value("peak_records_per_s", c.peak);
    w.value("record_bytes", c.record_bytes);
    w.value("capacity_records_per_s", c.capacity).value("limit", c.limit);
    w.value("utilization", c.utilization).value("peak_utilization", c.peak_utilization);
    w.value("latency_s", c.latency_s).value("peak_latency_s", c.peak_latency_s);
    w.value("peak_attempts_per_s", c.peak_attempts_per_s);
    w.value("monthly_cost_usd", c.monthly_usd);
    w.value("busy_words", c.busy_words);
    w.value("headroom", c.headroom);
    w.value("dropped_per_s", c.dropped_per_s);
    w.begin_object("units");
    w.value("unit", c.unit).value("count", c.units).value("unit_capacity_records_per_s", c.unit_capacity);
    w.value("hottest", c.hottest_unit).value("hottest_share", c.hottest_share);
    w.end_object();
    if (c.hottest_key) {
      const auto& k = *c.hottest_key;
      w.begin_object("hottest_key");
      w.value("source", k.source).value("key", k.key).value("share", k.share);
      w.value("peak_records_per_s", k.peak_per_s);
      if (k.unit) w.value("unit", *k.unit);
      w.value("unit_capacity_records_per_s", k.unit_capacity).value("beyond_unit", k.beyond_unit);
      w.end_object();
    }
    w.begin_array("not_known_without_simulating");
    for (const auto& n : c.notes) {
      w.begin_object();
      w.value("figure", n.figure).value("reason", n.reason);
      w.end_object();
    }
    w.end_array();
    w.end_object();
  }
  w.end_array();
  w.begin_array("recoveries");
  for (const auto& r : e.recoveries) {
    w.begin_object().value("target", r.target).value("kind", r.kind).value("start_s", r.start_s).value("end_s", r.end_s);
    w.value("component", r.component).value("arriving_records_per_s", r.arriving);
    w.value("capacity_records_per_s", r.capacity).value("capacity_during_records_per_s", r.capacity_during);
    w.value("backlog_records", r.backlog);
    w.value("after_records_per_s", r.after).value("catch_up_records_per_s", r.catch_up).value("drain_s", r.drain_s);
    w.end_object();
  }
  w.end_array();
  w.begin_object("ceiling");
  w.value("peak_multiple", e.ceiling.scale);
  w.value("input_records_per_s", e.ceiling.scale * e.peak_input);
  w.begin_array("binding");
  for (const auto& b : e.ceiling.binding) w.value("", b);
  w.end_array();
  w.value("max_flow_records_per_s", e.ceiling.max_flow);
  w.begin_array("min_cut");
  for (const auto& b : e.ceiling.min_cut) w.value("", b);
  w.end_array();
  w.value("fixed_routing", e.ceiling.fixed_routing);
  w.end_object();
  w.begin_array("paths");
  for (const auto& p : e.paths) {
    w.begin_object();
    w.begin_array("vertices");
    for (const auto& v : p.vertices) w.value("", v);
    w.end_array();
    w.value("latency_s", p.latency_s).value("peak_latency_s", p.peak_latency_s);
    w.end_object();
  }
  w.end_array();
  w.value("monthly_cost_usd", e.monthly_usd);
  sections::partial_cycles_json(w, e.partial_cycles);
  w.end_object();
  return w.str();
}

}  // namespace archsim::report

// `archsim grade` in text, Markdown, HTML and JSON.
#include "archsim/report/grade_reports.hpp"

#include "archsim/report/json_writer.hpp"
#include "archsim/report/table.hpp"
#include "archsim/version.hpp"
#include "grade_view.hpp"
#include "html_style.hpp"
#include "json_run.hpp"

namespace archsim::report {

namespace {

Table rubric_table(const whatif::Grade& g) {
  Table t({"dimension", "points", "weight"}, {1, 2});
  for (const auto& d : g.dimensions) {
    char pts[32], weight[16];
    std::snprintf(pts, sizeof pts, "%.1f", d.weight * d.score);
    std::snprintf(weight, sizeof weight, "%.0f", d.weight);
    t.row({dimension_title(d.id), d.applies ? pts : "-", d.applies ? weight : "n/a"});
  }
  char total[32];
  std::snprintf(total, sizeof total, "%.0f", g.total);
  t.row({"total (of the dimensions that apply, out of 100)", total, "100"});
  return t;
}

Table estimates_table(const GradeView& v) {
  Table t({"estimate", "yours", "simulated", "within", "the gap"}, {1, 2});
  for (const auto& e : v.estimates) t.row({e.label, e.yours, e.simulated, e.within ? "yes" : "no", e.gap});
  return t;
}

const char* kNoEstimates =
    "No estimates: write your napkin numbers under 'estimates:' in the scenario (or --estimates FILE) before "
    "running, and the grade sets each beside the simulated one (docs/challenges.md#estimates).";

}  // namespace

std::string to_text(const whatif::Grade& g) {
  const GradeView v = grade_view(g);
  std::string out = v.headline + "\n  " + v.run_line + " · archsim " + kVersion + "\n";
  if (v.rubric) out += "\nRubric\n" + rubric_table(g).str();
  for (const auto& s : v.sections) {
    out += "\n" + s.title + (s.points.empty() ? "" : " (" + s.points + ")") + "\n";
    for (const auto& line : s.lines) out += "  " + line + "\n";
  }
  if (!v.follow_ups.empty()) out += "\nFollow-ups (each simulated on this design as it is)\n";
  for (const auto& f : v.follow_ups) {
    out += "  " + f.ask + "\n";
    for (const auto& line : f.lines) out += "     " + line + "\n";
  }
  out += "\nEstimates\n";
  out += v.estimates.empty() ? std::string("  ") + kNoEstimates + "\n" : estimates_table(v).str();
  return out;
}

std::string to_markdown(const whatif::Grade& g) {
  const GradeView v = grade_view(g);
  std::string out = "# " + markdown_escape(v.headline) + "\n\n" + markdown_escape(v.run_line) + " · archsim " +
                    kVersion + "\n";
  if (v.rubric) out += "\n## Rubric\n\n" + rubric_table(g).markdown();
  for (const auto& s : v.sections) {
    out += "\n### " + markdown_escape(s.title) + (s.points.empty() ? "" : " (" + s.points + ")") + "\n\n";
    for (const auto& line : s.lines)
      out += (line.rfind("  ", 0) == 0 ? "  - " + markdown_escape(line.substr(2)) : "- " + markdown_escape(line)) + "\n";
  }
  if (!v.follow_ups.empty()) out += "\n## Follow-ups\n\n";
  for (const auto& f : v.follow_ups) {
    out += "- " + markdown_escape(f.ask) + "\n";
    for (const auto& line : f.lines) out += "  - " + markdown_escape(line) + "\n";
  }
  out += "\n## Estimates\n\n";
  out += v.estimates.empty() ? markdown_escape(kNoEstimates) + "\n" : estimates_table(v).markdown();
  return out;
}

std::string to_html(const whatif::Grade& g) {
  const GradeView v = grade_view(g);
  std::string out = "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>" + html_escape(v.headline) +
                    "</title><style>" + kStyle + "</style></head><body><main>\n<h1>" + html_escape(v.headline) +
                    "</h1>\n<p class=\"run\">" + html_escape(v.run_line) + " · archsim " + kVersion +
                    "</p>\n" + (v.rubric ? "<h2>Rubric</h2>\n" + rubric_table(g).html() : std::string());
  for (const auto& s : v.sections) {
    out += "<h3>" + html_escape(s.title) + " <small>" + html_escape(s.points) + "</small></h3>\n<ul>";
    for (const auto& line : s.lines) out += "<li>" + html_escape(line) + "</li>";
    out += "</ul>\n";
  }
  if (!v.follow_ups.empty()) out += "<h2>Follow-ups</h2>\n<ol class=\"bottlenecks\">";
  for (const auto& f : v.follow_ups) {
    out += "<li>" + html_escape(f.ask.substr(f.ask.find(' ') + 1)) + "<ul>";
    for (const auto& line : f.lines) out += "<li>" + html_escape(line) + "</li>";
    out += "</ul></li>";
  }
  if (!v.follow_ups.empty()) out += "</ol>\n";
  out += "<h2>Estimates</h2>\n";
  out += v.estimates.empty() ? "<p>" + html_escape(kNoEstimates) + "</p>\n" : "<div class=\"scroll\">" + estimates_table(v).html() + "</div>\n";
  return out + "</main></body></html>\n";
}

std::string to_json(const whatif::Grade& g) {
  JsonWriter w;
  w.begin_object();
  w.value("archsim_version", kVersion).value("challenge", g.challenge).value("title", g.title).value("file", g.file);
  w.value("seed", static_cast<std::uint64_t>(g.seed));
  w.value("simulations", static_cast<std::uint64_t>(g.simulations));
  if (!g.challenge.empty()) {
    w.value("total", g.total);
    w.begin_array("rubric");
    for (const auto& d : g.dimensions)
      w.begin_object().value("id", d.id).value("weight", d.weight).value("applies", d.applies).value("score", d.score).end_object();
    w.end_array();
  }
  w.begin_array("requirements");
  for (const auto& q : g.requirements) {
    w.begin_object().value("name", q.result.name);
    write_requirement_scope(w, q.result);
    w.value("target", q.result.target).value("actual", q.result.actual).value("pass", q.result.pass);
    w.value("dimension", q.freshness ? "freshness" : "requirements");
    w.value("seeds", static_cast<std::uint64_t>(q.seeds)).value("passed", static_cast<std::uint64_t>(q.passed));
    w.end_object();
  }
  w.end_array();
  w.begin_object("cost").value("monthly_usd", g.design.cost_monthly_usd).value("reference_monthly_usd", g.reference_monthly_usd);
  w.value("reference_holds", g.reference_holds).end_object();
  w.begin_object("headroom").value("component", g.busiest).value("resource", g.busiest_resource);
  w.value("peak_utilization", g.busiest_utilization).value("deadline_window", g.busiest_is_deadline).end_object();
  w.begin_object("simplicity").value("components", static_cast<std::uint64_t>(g.components));
  w.value("settings", static_cast<std::uint64_t>(g.settings));
  w.value("reference_components", static_cast<std::uint64_t>(g.reference_components));
  w.value("reference_settings", static_cast<std::uint64_t>(g.reference_settings)).end_object();
  w.begin_array("follow_ups");
  for (const auto& f : g.follow_ups) {
    w.begin_object().value("ask", f.follow_up.ask).value("simulated", f.simulated);
    if (!f.simulated) w.value("not_simulated", f.not_simulated);
    w.value("holds", f.holds).value("monthly_usd", f.monthly_usd);
    w.begin_array("failing");
    for (const auto& q : f.failing) w.value("", whatif::requirement_title(q));
    w.end_array();
    if (f.binds) w.value("binds_first", f.binds->component).value("binds_resource", f.binds->resource_id);
    if (f.drill)
      w.begin_object("drill").value("recovered", f.recovered).value("lost", f.lost).value("holds_outside", f.holds_outside)
          .value("score", f.score).end_object();
    w.end_object();
  }
  w.end_array();
  w.begin_array("estimates");
  for (const auto& e : g.estimates) {
    w.begin_object().value("estimate", estimate_label(e.estimate)).value("value", e.estimate.value);
    w.value("simulated", e.simulated);
    if (e.simulated) {
      if (e.estimate.kind == scenario::EstimateKind::kBindsFirst) w.value("actual", e.actual_text);
      else w.value("actual", e.actual);
      w.value("tolerance", estimate_tolerance(e)).value("within", e.within);
      if (!e.gap.empty()) w.value("gap", e.gap).value("gap_component", e.gap_component).value("gap_value", e.gap_value);
    }
    w.value("words", estimate_gap(e));
    w.end_object();
  }
  w.end_array();
  w.end_object();
  return w.str();
}

}  // namespace archsim::report

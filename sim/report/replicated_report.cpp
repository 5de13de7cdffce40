// A run replicated over several seeds: the first replication's report as it
// is, then every key figure across the replications with its 95% confidence
// interval, a flag on those too wide to trust, and the requirements judged on
// their intervals rather than on one run.
#include <cmath>
#include <sstream>

#include "archsim/report/human.hpp"
#include "archsim/report/json_writer.hpp"
#include "archsim/report/whatif_reports.hpp"
#include "archsim/report/text_width.hpp"
#include "json_run.hpp"
#include "sections.hpp"

namespace archsim::report {

std::string format_figure(whatif::Unit unit, double value) {
  switch (unit) {
    case whatif::Unit::kRate: return rate(value);
    case whatif::Unit::kSeconds: return seconds(value);
    case whatif::Unit::kUsd: return usd(value);
    case whatif::Unit::kFraction: return percent(value);
    case whatif::Unit::kClock: return clock_time(value);
    case whatif::Unit::kCount: break;
  }
  if (std::abs(value) >= 100 || value == std::round(value)) {
    std::string out = value < 0 ? "-" : "";
    out += count(static_cast<std::uint64_t>(std::llround(std::abs(value))));
    return out;
  }
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.1f", value);
  return buf;
}

std::string format_interval(whatif::Unit unit, const whatif::Interval& i) {
  if (i.count() < 2) return format_figure(unit, i.mean);
  return format_figure(unit, i.mean) + " ± " + format_figure(whatif::difference_unit(unit), i.half_width);
}

std::string requirement_target(const run::RequirementResult& q) {
  return whatif::requirement_title(q) + (q.at_most ? " <= " : " >= ") + q.target_text;
}

const char* verdict_class(whatif::Verdict v) {
  switch (v) {
    case whatif::Verdict::kPass: return "pass";
    case whatif::Verdict::kFail: return "fail";
    case whatif::Verdict::kUncertain: break;
  }
  return "uncertain";
}

namespace {

const char* kReplicationsTitle = "Across the replications (mean ± 95% confidence interval, Student t)";

std::string seeds_line(const whatif::Replicated& r) {
  std::ostringstream out;
  out << r.count() << " independent replications with seeds " << r.seeds.front() << " to " << r.seeds.back()
      << " (archsim run --seed " << r.seeds.back() << " repeats the last); the report above is the first's";
  return out.str();
}

// Why a figure's interval is too wide, and what would narrow it.
std::string wide_note(const whatif::ReplicatedFigure& f) {
  const auto needed = whatif::replications_for(f.interval, whatif::kTrustedRelativeHalfWidth);
  std::ostringstream out;
  out << "too wide to trust: ±" << percent(f.interval.relative_half_width()) << " of the mean; ";
  if (needed > 0)
    out << "about " << count(needed) << " replications, or a run "
        << count(static_cast<std::uint64_t>(whatif::run_length_for(f.interval, whatif::kTrustedRelativeHalfWidth)))
        << " times longer, would bring it within ±" << percent(whatif::kTrustedRelativeHalfWidth);
  else
    out << "run longer (--duration) or add replications (--replications)";
  return out.str();
}

bool informative(const whatif::ReplicatedFigure& f) { return !f.interval.all_zero(); }

Table figures_table(const whatif::Replicated& r) {
  Table t({"figure", "mean ± 95%", "lowest", "highest", "note"}, {1, 2, 3});
  for (const auto& f : r.figures) {
    if (!informative(f) || f.figure.id.rfind("requirements.", 0) == 0) continue;
    double lo = f.interval.values.front(), hi = lo;
    for (double v : f.interval.values) lo = std::min(lo, v), hi = std::max(hi, v);
    std::string note = f.wide() ? wide_note(f) : !f.figure.averaged ? "an extreme: its interval is rough" : "";
    t.row({f.figure.label, format_interval(f.figure.unit, f.interval), format_figure(f.figure.unit, lo),
           format_figure(f.figure.unit, hi), note});
  }
  return t;
}

std::string requirement_line(const whatif::ReplicatedRequirement& q) {
  const auto& first = q.first;
  std::ostringstream out;
  out << requirement_target(first) << "  (measured " << format_interval(whatif::requirement_unit(first.name), q.actual)
      << "; met in "
      << q.passed << " of " << q.actual.count() << " replications)";
  if (q.verdict == whatif::Verdict::kUncertain) out << "; the target lies inside the interval: more replications or a longer run decide it";
  if (q.verdict == whatif::Verdict::kFail && !first.cause.empty()) out << "; bound by " << first.cause;
  return out.str();
}

std::size_t wide_count(const whatif::Replicated& r) {
  std::size_t n = 0;
  for (const auto& f : r.figures)
    if (informative(f) && f.wide()) ++n;
  return n;
}

// "2 figures are too wide to trust ...", or nothing when none is.
std::string wide_line(const whatif::Replicated& r) {
  const auto wide = wide_count(r);
  if (wide == 0) return {};
  return std::to_string(wide) + (wide == 1 ? " figure is" : " figures are") +
         " too wide to trust (±10% of the mean or more): quote them with their interval, or run longer";
}

// Figures some replications have and others do not (a path no record took
// in one of them): left out of the table, said here.
std::string missing_line(const whatif::Replicated& r) {
  if (r.partial.empty()) return {};
  std::string out = "Left out, measured in only some replications: ";
  for (std::size_t i = 0; i < r.partial.size(); ++i)
    out += (i ? "; " : "") + r.partial[i].label + " (" + std::to_string(r.partial[i].measured) + " of " +
           std::to_string(r.count()) + ")";
  return out;
}

}  // namespace

std::string to_text(const whatif::Replicated& r, const TextOptions& options) {
  std::ostringstream out;
  out << to_text(r.first, options);
  out << "\n" << kReplicationsTitle << "\n  " << seeds_line(r) << "\n";
  out << figures_table(r).str("  ", {}, options.width) << "\n";
  for (const auto& line : {wide_line(r), missing_line(r)})
    if (!line.empty()) out << "  " << line << "\n";
  out << "\n";
  if (!r.requirements.empty()) {
    out << "Requirements across the replications\n";
    for (const auto& q : r.requirements) out << "  " << whatif::verdict_name(q.verdict) << " " << requirement_line(q) << "\n";
  }
  return fit_width(out.str(), options.width);
}

std::string to_markdown(const whatif::Replicated& r) {
  std::ostringstream out;
  out << to_markdown(r.first);
  out << "\n## " << markdown_escape(kReplicationsTitle) << "\n\n" << markdown_escape(seeds_line(r)) << "\n\n";
  out << figures_table(r).markdown();
  for (const auto& line : {wide_line(r), missing_line(r)})
    if (!line.empty()) out << "\n" << markdown_escape(line) << "\n";
  if (!r.requirements.empty()) {
    out << "\n### Requirements across the replications\n\n";
    for (const auto& q : r.requirements)
      out << "- **" << whatif::verdict_name(q.verdict) << "** " << markdown_escape(requirement_line(q)) << "\n";
  }
  return out.str();
}

std::string to_html(const whatif::Replicated& r, const std::string& diagram_svg) {
  std::string page = to_html(r.first, diagram_svg);
  std::ostringstream section;
  section << "<section id=\"replications\">\n<h2>" << html_escape(kReplicationsTitle) << "</h2>\n<p class=\"note\">"
          << html_escape(seeds_line(r)) << "</p>\n<div class=\"scroll\">" << figures_table(r).html() << "</div>\n";
  if (!r.requirements.empty()) {
    section << "<ul class=\"requirements\">\n";
    for (const auto& q : r.requirements)
      section << "<li><span class=\"badge " << verdict_class(q.verdict) << "\">"
              << whatif::verdict_name(q.verdict) << "</span>" << html_escape(requirement_line(q)) << "</li>\n";
    section << "</ul>\n";
  }
  section << "</section>\n";
  const auto at = page.rfind("</main>");
  page.insert(at, section.str());
  return page;
}

void write_replicated_requirements(JsonWriter& w, const whatif::Replicated& r) {
  w.begin_array("requirements");
  for (const auto& q : r.requirements) {
    w.begin_object().value("name", q.first.name);
    write_requirement_scope(w, q.first);
    w.value("target", q.first.target)
        .value("mean", q.actual.mean)
        .value("low", q.actual.low())
        .value("high", q.actual.high())
        .value("passed", static_cast<std::uint64_t>(q.passed))
        .value("verdict", whatif::verdict_name(q.verdict))
        .end_object();
  }
  w.end_array();
}

std::string to_json(const whatif::Replicated& r) {
  JsonWriter w;
  w.begin_object();
  write_run_members(w, r.first);
  w.begin_object("replications").value("count", static_cast<std::uint64_t>(r.count())).value("confidence", 0.95);
  w.begin_array("seeds");
  for (auto seed : r.seeds) w.value("", seed);
  w.end_array();
  w.begin_object("figures");
  for (const auto& f : r.figures)
    w.begin_object(f.figure.id)
        .value("mean", f.interval.mean)
        .value("half_width", f.interval.half_width)
        .value("low", f.interval.low())
        .value("high", f.interval.high())
        .value("wide", f.wide())
        .numbers("values", f.interval.values)
        .end_object();
  w.end_object();
  write_replicated_requirements(w, r);
  w.end_object();
  w.end_object();
  return w.str();
}

}  // namespace archsim::report

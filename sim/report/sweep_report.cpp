// A sweep for a person (text, Markdown) and for a spreadsheet (CSV).
#include <algorithm>
#include <cmath>
#include <cstdio>
#include <set>
#include <sstream>

#include "archsim/report/json_writer.hpp"
#include "archsim/report/sweep_reports.hpp"
#include "archsim/report/text_width.hpp"
#include "archsim/report/whatif_reports.hpp"
#include "sweep_text.hpp"

namespace archsim::report {

namespace sweep_text {

namespace {

constexpr std::pair<whatif::Unit, const char*> kUnitNames[] = {{whatif::Unit::kCount, "count"},
                                                               {whatif::Unit::kRate, "rate"},
                                                               {whatif::Unit::kSeconds, "seconds"},
                                                               {whatif::Unit::kUsd, "usd"},
                                                               {whatif::Unit::kFraction, "fraction"},
                                                               {whatif::Unit::kClock, "clock"}};

const whatif::ReplicatedFigure* first_with(const whatif::SweepResult& r, const std::string& id) {
  for (const auto& p : r.points)
    if (const auto* f = p.find(id)) return f;
  return nullptr;
}

const std::string& value_of(const whatif::SweepResult& r, std::size_t point) {
  const auto& first = r.definition.grid.parameters.at(0);
  return first.values.at(r.definition.grid.point(point).values.at(0)).text;
}

// "PASS", or what is not met: "FAIL latency_p99, UNCERTAIN max_dropped".
std::string verdicts(const whatif::SweepPoint& p) {
  if (p.requirements.empty()) return "-";
  if (p.all_met()) return "PASS";
  std::string out;
  for (const auto& q : p.requirements)
    if (q.verdict != whatif::Verdict::kPass)
      out += (out.empty() ? "" : ", ") + std::string(whatif::verdict_name(q.verdict)) + " " +
             whatif::requirement_title(q.first);
  return out;
}

// Each metric at a point: "cost per month $12.00 ± $0.40, ...".
std::string figures_at(const whatif::SweepResult& r, const whatif::SweepPoint& p) {
  std::string out;
  for (const auto& m : r.definition.metrics)
    if (const auto* f = p.find(m))
      out += (out.empty() ? "" : ", ") + m + " " + format_interval(f->figure.unit, f->interval);
  return out;
}

std::string values_listed(const whatif::SweepResult& r, const std::vector<std::size_t>& points) {
  std::string out;
  for (auto p : points) out += (out.empty() ? "" : ", ") + value_of(r, p);
  return out;
}

std::string knee_sentence(const whatif::SweepResult& r, const whatif::Knee& k) {
  const auto& first = r.definition.grid.parameters.at(0);
  const std::string smallest = first.numeric ? "smallest" : "first";
  const std::string line = r.line_name(k.line) + ": ";
  std::string out;
  switch (k.kind) {
    case whatif::Knee::Kind::kNoRequirements:
      return line + "the scenario states no requirements, so there is no knee";
    case whatif::Knee::Kind::kNone: {
      const auto& last = r.lines.at(k.line).points.back();
      out = line + "no " + first.key + " swept meets every requirement; at " + value_of(r, last) + ": " +
            verdicts(r.at(last));
      break;
    }
    case whatif::Knee::Kind::kAtFirst:
      out = line + "every requirement is met from the first value swept, " + value_of(r, *k.point) + " (" +
            figures_at(r, r.at(*k.point)) + "); the range may start too high";
      break;
    case whatif::Knee::Kind::kFound:
      out = line + "the " + smallest + " " + first.key + " that meets every requirement is " + value_of(r, *k.point) +
            " (" + figures_at(r, r.at(*k.point)) + ")";
      break;
  }
  if (!k.uncertain.empty())
    out += "; uncertain at " + values_listed(r, k.uncertain) + " (more replications or a longer run decide)";
  if (k.fails_again)
    out += "; a requirement is missed again at " + value_of(r, *k.fails_again) + ", so more is not always enough";
  return out;
}

std::string range_text(const whatif::SweepParameter& p, const whatif::Crossing& c) {
  if (c.low == c.high) return "no spread across the replications";
  const std::string low = c.low_bounded ? x_text(p, c.low) : "at or below " + x_text(p, c.low) + " (the first value swept)";
  const std::string high =
      c.high_bounded ? x_text(p, c.high) : "at or beyond " + x_text(p, c.high) + " (the last value swept)";
  return "95% interval " + low + " to " + high;
}

std::string quoted(const std::string& s) {
  std::string out = "'";
  out += s;
  out += "'";
  return out;
}

std::string crossing_sentence(const whatif::SweepResult& r, const whatif::Crossing& c) {
  const auto& first = r.definition.grid.parameters.at(0);
  const std::string where = " cross at " + first.key + " = " + x_text(first, c.x) + " (" + range_text(first, c) +
                            (c.paired ? "" : "; the designs ran on different seeds, so the interval is Welch's: --seed pairs them") +
                            "); below it ";
  if (c.metric_a == c.metric_b) {
    const std::string a = r.line_name(c.line_a), b = r.line_name(c.line_b);
    return metric_label(r, c.metric_a) + ": " + a + " and " + b + where + (c.a_lower_before ? a : b) +
           " is lower, above it " + (c.a_lower_before ? b : a);
  }
  // Two figures of one design: quoted, since a label has a comma in it.
  const std::string a = quoted(metric_label(r, c.metric_a)), b = quoted(metric_label(r, c.metric_b));
  std::string out = r.line_name(c.line_a);
  out += ": " + a + " and " + b + where;
  out += c.a_lower_before ? a : b;
  out += " is lower, above it ";
  out += c.a_lower_before ? b : a;
  return out;
}

std::string plural(std::size_t n, const char* word) {
  return std::to_string(n) + " " + word + (n == 1 ? "" : "s");
}

}  // namespace

const char* unit_name(whatif::Unit unit) {
  for (const auto& [u, name] : kUnitNames)
    if (u == unit) return name;
  return "count";
}

std::optional<whatif::Unit> unit_from_name(const std::string& name) {
  for (const auto& [u, n] : kUnitNames)
    if (name == n) return u;
  return std::nullopt;
}

std::string metric_label(const whatif::SweepResult& r, const std::string& id) {
  const auto* f = first_with(r, id);
  return f ? f->figure.label : id;
}

whatif::Unit metric_unit(const whatif::SweepResult& r, const std::string& id) {
  const auto* f = first_with(r, id);
  return f ? f->figure.unit : whatif::Unit::kCount;
}

std::string x_text(const whatif::SweepParameter& p, double x) {
  char buf[40];
  std::snprintf(buf, sizeof buf, "%.4g", x);
  return buf + p.unit;
}

std::string summary(const whatif::SweepResult& r) {
  const auto& d = r.definition;
  std::ostringstream out;
  for (std::size_t i = 0; i < d.grid.parameters.size(); ++i) {
    const auto& p = d.grid.parameters[i];
    out << (i ? " and " : "") << p.key << " over " << p.values_text << " (" << plural(p.values.size(), "value") << ")";
  }
  const std::size_t n = d.replications;
  out << ", " << plural(d.grid.designs.size(), "design") << ", " << plural(n, "replication") << " of each point ("
      << plural(d.grid.size() * n, "run") << ")";
  std::set<std::uint64_t> starts;
  for (const auto& p : r.points)
    if (!p.seeds.empty()) starts.insert(p.seeds.front());
  if (starts.size() == 1)
    out << " on seeds " << *starts.begin() << " to " << *starts.begin() + n - 1;
  else if (starts.size() > 1)
    out << " on each design's seeds";
  return out.str();
}

Table points_table(const whatif::SweepResult& r) {
  const auto& grid = r.definition.grid;
  const bool designs = grid.designs.size() > 1;
  std::vector<std::string> header;
  std::set<std::size_t> right;
  for (const auto& p : grid.parameters) {
    if (p.numeric) right.insert(header.size());
    header.push_back(p.key);
  }
  if (designs) header.push_back("design");
  for (const auto& m : r.definition.metrics) {
    right.insert(header.size());
    header.push_back(m);
  }
  header.push_back("requirements");
  Table t(header, right);
  t.keys(grid.parameters.size() + (designs ? 1 : 0));
  for (const auto& p : r.points) {
    const whatif::GridPoint g = grid.point(p.index);
    std::vector<std::string> row;
    for (std::size_t i = 0; i < g.values.size(); ++i) row.push_back(grid.parameters[i].values[g.values[i]].text);
    if (designs) row.push_back(grid.designs[g.design]);
    for (const auto& m : r.definition.metrics) {
      const auto* f = p.find(m);
      row.push_back(f ? format_interval(f->figure.unit, f->interval) : "-");
    }
    row.push_back(verdicts(p));
    t.row(row);
  }
  return t;
}

std::string knees_title(const whatif::SweepResult& r) {
  const auto& first = r.definition.grid.parameters.at(0);
  return std::string("Knees (the ") + (first.numeric ? "smallest" : "first") + " " + first.key +
         " that meets every requirement, each judged on its 95% interval)";
}

std::vector<std::string> knee_sentences(const whatif::SweepResult& r) {
  const bool none = std::all_of(r.knees.begin(), r.knees.end(),
                                [](const whatif::Knee& k) { return k.kind == whatif::Knee::Kind::kNoRequirements; });
  if (none) return {"none: the scenarios state no requirements"};
  std::vector<std::string> out;
  for (const auto& k : r.knees) out.push_back(knee_sentence(r, k));
  return out;
}

std::vector<std::string> crossing_sentences(const whatif::SweepResult& r) {
  std::vector<std::string> out;
  for (const auto& c : r.crossings) out.push_back(crossing_sentence(r, c));
  if (out.empty())
    out.push_back(r.definition.grid.parameters.at(0).numeric
                      ? "none: no two lines change order over the values swept"
                      : "none computed: crossings are interpolated, and " + r.definition.grid.parameters[0].key +
                            " is not numeric");
  return out;
}

}  // namespace sweep_text

namespace {

std::string csv_field(const std::string& s) {
  if (s.find_first_of(",\"\r\n") == std::string::npos) return s;
  std::string out = "\"";
  for (char c : s) out += c == '"' ? std::string("\"\"") : std::string(1, c);
  return out + "\"";
}

std::string csv_number(double v) { return std::isfinite(v) ? JsonWriter::number(v) : std::string(); }

void csv_row(std::ostringstream& out, const std::vector<std::string>& cells) {
  for (std::size_t i = 0; i < cells.size(); ++i) out << (i ? "," : "") << csv_field(cells[i]);
  out << "\r\n";
}

}  // namespace

std::string to_text(const whatif::SweepResult& r, std::size_t width) {
  std::ostringstream out;
  out << "Sweep of " << sweep_text::summary(r) << "\n";
  for (std::size_t i = 0; i < r.definition.grid.designs.size(); ++i)
    out << "  design " << r.definition.grid.designs[i] << ": " << (i < r.design_names.size() ? r.design_names[i] : "")
        << "\n";
  out << "\n" << sweep_text::points_table(r).str("  ", {}, width) << "\n";
  if (!r.complete()) {
    out << "Knees and crossings: computed when the parts are merged (archsim sweep-merge)\n";
    return fit_width(out.str(), width);
  }
  out << sweep_text::knees_title(r) << "\n";
  for (const auto& s : sweep_text::knee_sentences(r)) out << "  " << s << "\n";
  out << "\n" << sweep_text::kCrossingsTitle << "\n";
  for (const auto& s : sweep_text::crossing_sentences(r)) out << "  " << s << "\n";
  return fit_width(out.str(), width);
}

std::string to_markdown(const whatif::SweepResult& r) {
  std::ostringstream out;
  out << "## Sweep\n\n" << markdown_escape("Sweep of " + sweep_text::summary(r)) << "\n\n";
  for (std::size_t i = 0; i < r.definition.grid.designs.size(); ++i)
    out << "- design " << markdown_escape(r.definition.grid.designs[i]) << ": "
        << markdown_escape(i < r.design_names.size() ? r.design_names[i] : "") << "\n";
  out << "\n" << sweep_text::points_table(r).markdown();
  if (!r.complete()) return out.str();
  out << "\n### " << markdown_escape(sweep_text::knees_title(r)) << "\n\n";
  for (const auto& s : sweep_text::knee_sentences(r)) out << "- " << markdown_escape(s) << "\n";
  out << "\n### " << markdown_escape(sweep_text::kCrossingsTitle) << "\n\n";
  for (const auto& s : sweep_text::crossing_sentences(r)) out << "- " << markdown_escape(s) << "\n";
  return out.str();
}

std::string to_csv(const whatif::SweepResult& r) {
  const auto& grid = r.definition.grid;
  std::ostringstream out;
  std::vector<std::string> header;
  for (const auto& p : grid.parameters) header.push_back(p.key);
  header.push_back("design");
  for (const auto& m : r.definition.metrics)
    for (const char* part : {".mean", ".low", ".high"}) header.push_back(m + part);
  header.push_back("all_requirements_met");
  csv_row(out, header);
  for (const auto& p : r.points) {
    const whatif::GridPoint g = grid.point(p.index);
    std::vector<std::string> row;
    for (std::size_t i = 0; i < g.values.size(); ++i) row.push_back(grid.parameters[i].values[g.values[i]].text);
    row.push_back(grid.designs[g.design]);
    for (const auto& m : r.definition.metrics) {
      const auto* f = p.find(m);
      row.push_back(f ? csv_number(f->interval.mean) : "");
      row.push_back(f ? csv_number(f->interval.low()) : "");
      row.push_back(f ? csv_number(f->interval.high()) : "");
    }
    row.push_back(p.all_met() ? "true" : "false");
    csv_row(out, row);
  }
  return out.str();
}

}  // namespace archsim::report

// Designs side by side, in every format from one set of rows: the figures
// with their intervals and standing, the bottleneck, the requirements, and
// the differences from the first design said in words.
#include <set>
#include <sstream>

#include "archsim/report/stream_choice_text.hpp"
#include "archsim/report/findings.hpp"
#include "archsim/report/human.hpp"
#include "archsim/report/json_writer.hpp"
#include "archsim/report/svg_chart.hpp"
#include "archsim/report/table.hpp"
#include "archsim/report/whatif_reports.hpp"
#include "archsim/report/text_width.hpp"
#include "html_style.hpp"
#include "json_run.hpp"

namespace archsim::report {

namespace {

using whatif::Comparison;
using whatif::ComparedRow;
using whatif::Standing;

// A, B, ... Z, then A1, B1, ...
std::string letter(std::size_t d) {
  std::string out(1, static_cast<char>('A' + d % 26));
  if (d >= 26) out += std::to_string(d / 26);
  return out;
}

// "realtime-inventory" for "scenarios/realtime-inventory.yaml": short enough
// for a chart's row label, where the scenario's name would be cut.
std::string file_stem(const std::string& path) {
  const auto slash = path.find_last_of('/');
  std::string name = slash == std::string::npos ? path : path.substr(slash + 1);
  const auto dot = name.find_last_of('.');
  return dot == std::string::npos || dot == 0 ? name : name.substr(0, dot);
}

bool starts_with(const std::string& s, const std::string& prefix) { return s.rfind(prefix, 0) == 0; }
bool ends_with(const std::string& s, const std::string& suffix) {
  return s.size() >= suffix.size() && s.compare(s.size() - suffix.size(), suffix.size(), suffix) == 0;
}

// The rows a person reads; the JSON has them all. Left out: extremes,
// per-component latencies and mean utilizations (the paths and peaks say
// more), and requirements (their verdicts have rows of their own).
bool in_summary(const ComparedRow& row) {
  if (starts_with(row.id, "requirements.") || ends_with(row.id, ".max")) return false;
  if (starts_with(row.id, "components.") &&
      (row.id.find(".latency_s.") != std::string::npos || ends_with(row.id, ".utilization.mean")))
    return false;
  if (starts_with(row.id, "paths.") && ends_with(row.id, ".mean")) return false;
  return true;
}

const char* mark(Standing s) {
  switch (s) {
    case Standing::kBetter: return " *";
    case Standing::kTied: return " =";
    default: return "";
  }
}

std::string seeds_text(const Comparison& c) {
  const auto n = c.designs.front().count();
  std::ostringstream out;
  out << n << " replication" << (n == 1 ? "" : "s") << " each; ";
  if (c.common_random_numbers)
    out << "seeds " << c.seed << " to " << c.seed + n - 1
        << " in every design (common random numbers: a source of the same name draws the same arrivals in each)";
  else {
    out << "each design its own seeds (independent: differences include the dice):";
    for (std::size_t d = 0; d < c.designs.size(); ++d)
      out << (d ? ", " : " ") << letter(d) << " " << c.designs[d].seeds.front() << " to " << c.designs[d].seeds.back();
  }
  return out.str();
}

std::string bottleneck_of(const whatif::Replicated& d) {
  const run::Bottleneck* b = binding(d.first);
  if (!b) return "none binds";
  return b->service + " '" + b->component + "', " + b->resource;
}

// A requirement by its figure id, which holds its scope.
const whatif::ReplicatedRequirement* requirement_of(const whatif::Replicated& d, const std::string& id) {
  for (const auto& q : d.requirements)
    if (whatif::requirement_figure_id(q.first) == id) return &q;
  return nullptr;
}

std::string verdict_of(const whatif::Replicated& d, const std::string& id) {
  const auto* q = requirement_of(d, id);
  return q ? std::string(whatif::verdict_name(q->verdict)) + " " +
                 format_interval(whatif::requirement_unit(q->first.name), q->actual)
           : "-";
}

// Every design's requirements, each once in first-seen order, by figure id,
// with how it reads ("latency_p99 at stock_table <= 5s").
std::vector<std::pair<std::string, std::string>> requirement_targets(const Comparison& c) {
  std::vector<std::pair<std::string, std::string>> out;
  for (const auto& d : c.designs)
    for (const auto& q : d.requirements) {
      const std::string id = whatif::requirement_figure_id(q.first);
      bool seen = false;
      for (const auto& [known, target] : out) seen = seen || known == id;
      if (!seen) out.emplace_back(id, requirement_target(q.first));
    }
  return out;
}

// The side-by-side table: a cell is "mean ± half-width" and its mark.
Table side_by_side(const Comparison& c, bool marks) {
  std::vector<std::string> header{"figure"};
  std::set<std::size_t> right;
  for (std::size_t d = 0; d < c.designs.size(); ++d) header.push_back(letter(d)), right.insert(d + 1);
  Table t(header, right);
  for (const auto& row : c.rows) {
    if (!in_summary(row)) continue;
    std::vector<std::string> cells{row.label};
    for (std::size_t d = 0; d < row.values.size(); ++d)
      cells.push_back(format_interval(row.unit, row.values[d]) + (marks ? mark(row.standing[d]) : ""));
    t.row(cells);
  }
  for (const auto& [id, target] : requirement_targets(c)) {
    std::vector<std::string> verdicts{"requirement " + target};
    for (const auto& d : c.designs) verdicts.push_back(verdict_of(d, id));
    t.row(verdicts);
  }
  return t;
}

// "cost per month: B is $1,234.00 lower (± $12.00)", or a tie said as one.
std::string difference_sentence(const ComparedRow& row, std::size_t d) {
  const auto& diff = row.versus_first[d];
  std::ostringstream out;
  out << row.label << ": ";
  const bool clear = diff.mean != 0 && !diff.contains(0) && !whatif::negligible(diff, row.values[0]);
  const whatif::Unit unit = whatif::difference_unit(row.unit);
  const std::string size = format_figure(unit, std::abs(diff.mean));
  const std::string spread = diff.count() > 1 ? " (± " + format_figure(unit, diff.half_width) + ")" : "";
  if (diff.mean == 0) {
    out << "the same in every replication";
  } else if (!clear) {
    out << "no clear difference: " << letter(d) << " is " << size << (diff.mean > 0 ? " higher" : " lower") << spread
        << (diff.contains(0) ? ", within the interval" : ", under 0.1%");
  } else {
    const bool better = row.better == whatif::Better::kNeither
                            ? false
                            : (row.better == whatif::Better::kLower) == (diff.mean < 0);
    out << letter(d) << " is " << size << (diff.mean > 0 ? " higher" : " lower") << spread;
    if (row.better != whatif::Better::kNeither) out << (better ? ", better" : ", worse");
  }
  return out.str();
}

std::vector<std::string> differences(const Comparison& c, std::size_t d) {
  std::vector<std::string> out;
  for (const auto& row : c.rows)
    if (in_summary(row) && !starts_with(row.id, "components.") && row.better != whatif::Better::kNeither)
      out.push_back(difference_sentence(row, d));
  return out;
}

const char* kLegend =
    "* better; = tied for the better (the difference is within its 95% interval, or under 0.1%); figures that are 0 "
    "in every run are left out";

const char* kBottleneckTitle = "What binds first (the first replication's bottleneck)";

std::string differences_title(const Comparison& c, std::size_t d) {
  return letter(d) + " against A (" + (c.common_random_numbers ? "paired by seed" : "Welch") +
         "; mean difference ± 95% interval)";
}

}  // namespace

std::string to_text(const Comparison& c, const TextOptions& options) {
  std::ostringstream out;
  out << "Comparing " << c.designs.size() << " designs: " << seeds_text(c) << "\n";
  for (std::size_t d = 0; d < c.designs.size(); ++d)
    out << "  " << letter(d) << "  " << c.designs[d].first.name << "  (" << c.designs[d].first.file << ")\n";
  for (const auto& w : c.warnings) out << "  warning: " << w << "\n";
  out << "\n" << side_by_side(c, true).str("  ", {}, options.width) << "  " << kLegend << "\n";
  out << "\n" << kBottleneckTitle << "\n";
  for (std::size_t d = 0; d < c.designs.size(); ++d) out << "  " << letter(d) << "  " << bottleneck_of(c.designs[d]) << "\n";
  for (std::size_t d = 1; d < c.designs.size(); ++d) {
    out << "\n" << differences_title(c, d) << "\n";
    for (const auto& line : differences(c, d)) out << "  - " << line << "\n";
  }
  out << stream_choices_text(c.stream_choices);
  return fit_width(out.str(), options.width);
}

std::string to_markdown(const Comparison& c) {
  std::ostringstream out;
  out << "# Comparing " << c.designs.size() << " designs\n\n" << markdown_escape(seeds_text(c)) << "\n\n";
  for (std::size_t d = 0; d < c.designs.size(); ++d)
    out << "- **" << letter(d) << "**: " << markdown_escape(c.designs[d].first.name) << " ("
        << markdown_escape(c.designs[d].first.file) << ")\n";
  for (const auto& w : c.warnings) out << "\n> **Warning:** " << markdown_escape(w) << "\n";
  out << "\n" << side_by_side(c, true).markdown() << "\n" << markdown_escape(kLegend) << "\n";
  out << "\n## " << kBottleneckTitle << "\n\n";
  for (std::size_t d = 0; d < c.designs.size(); ++d)
    out << "- **" << letter(d) << "**: " << markdown_escape(bottleneck_of(c.designs[d])) << "\n";
  for (std::size_t d = 1; d < c.designs.size(); ++d) {
    out << "\n## " << markdown_escape(differences_title(c, d)) << "\n\n";
    for (const auto& line : differences(c, d)) out << "- " << markdown_escape(line) << "\n";
  }
  out << stream_choices_markdown(c.stream_choices);
  return out.str();
}

std::string to_json(const Comparison& c) {
  JsonWriter w;
  w.begin_object();
  w.value("common_random_numbers", c.common_random_numbers).value("seed", c.seed);
  w.value("replications", static_cast<std::uint64_t>(c.designs.front().count()));
  w.begin_array("designs");
  for (std::size_t d = 0; d < c.designs.size(); ++d) {
    const auto& r = c.designs[d];
    w.begin_object().value("label", letter(d)).value("name", r.first.name).value("file", r.first.file);
    w.begin_array("seeds");
    for (auto seed : r.seeds) w.value("", seed);
    w.end_array();
    w.value("bottleneck", r.first.bottlenecks.empty() ? std::string() : r.first.bottlenecks.front().component);
    w.value("bottleneck_resource", r.first.bottlenecks.empty() ? std::string() : r.first.bottlenecks.front().resource);
    write_replicated_requirements(w, r);
    w.end_object();
  }
  w.end_array();
  auto standing = [](Standing s) {
    switch (s) {
      case Standing::kBetter: return "better";
      case Standing::kTied: return "tied";
      case Standing::kWorse: return "worse";
      case Standing::kUnranked: break;
    }
    return "unranked";
  };
  w.begin_array("rows");
  for (const auto& row : c.rows) {
    w.begin_object().value("id", row.id).value("label", row.label);
    w.begin_array("designs");
    for (std::size_t d = 0; d < row.values.size(); ++d) {
      w.begin_object()
          .value("mean", row.values[d].mean)
          .value("half_width", row.values[d].half_width)
          .value("standing", standing(row.standing[d]))
          .numbers("values", row.values[d].values);
      if (d > 0)
        w.begin_object("minus_first")
            .value("mean", row.versus_first[d].mean)
            .value("half_width", row.versus_first[d].half_width)
            .end_object();
      w.end_object();
    }
    w.end_array();
    w.end_object();
  }
  w.end_array();
  w.begin_array("warnings");
  for (const auto& warning : c.warnings) w.value("", warning);
  w.end_array();
  stream_choices_json(w, c.stream_choices);
  w.end_object();
  return w.str();
}

std::string to_html(const Comparison& c) {
  std::ostringstream out;
  out << "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
      << "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
      << "<title>Comparing " << c.designs.size() << " designs · archsim</title>\n<style>" << kStyle
      << "td.better { background: #e3f4e8; font-weight: bold; } td.tied { background: #f0f0f0; }\n"
      << "</style>\n</head>\n<body>\n<main>\n<h1>Comparing " << c.designs.size() << " designs</h1>\n<p class=\"run\">"
      << html_escape(seeds_text(c)) << "</p>\n<ul>\n";
  for (std::size_t d = 0; d < c.designs.size(); ++d)
    out << "<li><strong>" << letter(d) << "</strong>: " << html_escape(c.designs[d].first.name) << " <small>("
        << html_escape(c.designs[d].first.file) << ")</small></li>\n";
  out << "</ul>\n";
  for (const auto& w : c.warnings) out << "<p class=\"verdict\">" << html_escape(w) << "</p>\n";
  // The table with the better and tied cells shaded (Table::html escapes
  // but cannot shade a cell).
  out << "<section id=\"side-by-side\">\n<h2>Side by side</h2>\n<div class=\"scroll\"><table>\n<tr><th>figure</th>";
  for (std::size_t d = 0; d < c.designs.size(); ++d) out << "<th class=\"num\">" << letter(d) << "</th>";
  out << "</tr>\n";
  for (const auto& row : c.rows) {
    if (!in_summary(row)) continue;
    out << "<tr><td>" << html_escape(row.label) << "</td>";
    for (std::size_t d = 0; d < row.values.size(); ++d) {
      const char* shade = row.standing[d] == Standing::kBetter ? " better" : row.standing[d] == Standing::kTied ? " tied" : "";
      out << "<td class=\"num" << shade << "\">" << html_escape(format_interval(row.unit, row.values[d]) + mark(row.standing[d]))
          << "</td>";
    }
    out << "</tr>\n";
  }
  out << "</table></div>\n";
  out << "<p class=\"note\">" << html_escape(kLegend) << "</p>\n";
  out << "<h3>" << kBottleneckTitle << "</h3>\n<ul>\n";
  for (std::size_t d = 0; d < c.designs.size(); ++d)
    out << "<li><strong>" << letter(d) << "</strong>: " << html_escape(bottleneck_of(c.designs[d])) << "</li>\n";
  out << "</ul>\n";
  const auto requirements = requirement_targets(c);
  if (!requirements.empty()) {
    out << "<h3>Requirements</h3>\n<ul class=\"requirements\">\n";
    for (const auto& [id, target] : requirements)
      for (std::size_t d = 0; d < c.designs.size(); ++d) {
        const std::string verdict = verdict_of(c.designs[d], id);
        const auto* q = requirement_of(c.designs[d], id);
        out << "<li><span class=\"badge " << (q ? verdict_class(q->verdict) : "none") << "\">" << letter(d)
            << "</span>" << html_escape(target + ": " + verdict) << "</li>\n";
      }
    out << "</ul>\n";
  }
  out << "</section>\n";
  // Cost and freshness as bars, a bar per design.
  auto bars = [&](const std::string& id, const std::string& title, svg::Format format, svg::TickUnits ticks) {
    for (const auto& row : c.rows) {
      if (row.id != id) continue;
      svg::BarChart chart{
          .title = title, .x_label = row.label, .series = {"mean"}, .format = format, .ticks = ticks};
      for (std::size_t d = 0; d < row.values.size(); ++d) {
        chart.categories.push_back(letter(d) + ": " + file_stem(c.designs[d].first.file));
        chart.values.push_back({row.values[d].mean});
      }
      out << "<figure class=\"compare\">" << svg::bar_chart(chart) << "</figure>\n";
    }
  };
  out << "<section id=\"charts\">\n<h2>Cost and freshness</h2>\n";
  bars("cost.monthly_usd", "Cost per month", [](double v) { return usd(v); }, svg::usd_ticks);
  bars("latency_s.worst_p99", "p99 latency of the slowest path", [](double v) { return seconds(v); },
       svg::seconds_ticks);
  out << "</section>\n";
  for (std::size_t d = 1; d < c.designs.size(); ++d) {
    out << "<section>\n<h2>" << html_escape(differences_title(c, d)) << "</h2>\n<ul>\n";
    for (const auto& line : differences(c, d)) out << "<li>" << html_escape(line) << "</li>\n";
    out << "</ul>\n</section>\n";
  }
  out << stream_choices_html(c.stream_choices);
  out << "</main>\n</body>\n</html>\n";
  return out.str();
}

}  // namespace archsim::report

// The catalog table: one row per entry (more when it cites several documents
// or has price tiers), then a count per status, so that a reader sees at once
// which numbers rest on AWS's own documents and which do not.
#include "archsim/report/catalog_report.hpp"

#include "archsim/report/table.hpp"
#include "archsim/report/text_width.hpp"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <map>
#include <sstream>
#include <vector>

namespace archsim::report {

namespace {

// The shortest decimal that reads back as the same double, in fixed notation
// (0.0000166667, not 1.66667e-05: prices are compared with price lists), with
// thousands separated in the whole part.
std::string number(double v) {
  if (std::isinf(v)) return v > 0 ? "unbounded" : "-unbounded";
  char buffer[400];
  const auto [end, ec] = std::to_chars(buffer, buffer + sizeof buffer, v, std::chars_format::fixed);
  std::string text = ec == std::errc() ? std::string(buffer, end) : std::to_string(v);
  const std::size_t sign = text[0] == '-' ? 1 : 0;
  std::size_t point = text.find('.');
  if (point == std::string::npos) point = text.size();
  for (std::size_t i = point; i > sign + 3; i -= 3) text.insert(i - 3, 1, ',');
  return text;
}

std::string cite(const model::CatalogSource& s) { return s.document + " (" + s.date + ")"; }

// The widest line of a text.
std::size_t display_width_of(const std::string& text) {
  std::size_t most = 0, start = 0;
  while (start < text.size()) {
    const std::size_t end = std::min(text.find('\n', start), text.size());
    most = std::max(most, display_width(text.substr(start, end - start)));
    start = end + 1;
  }
  return most;
}

// Narrower than the table: each entry on a line of its own, its documents
// and price steps indented under it.
std::string entry_blocks(const model::Catalog& catalog) {
  std::string out;
  for (const auto& e : catalog.entries()) {
    out += "  " + e.id + " = " + number(e.value) + (e.unit.empty() ? "" : " " + e.unit) + "  [" +
           model::to_string(e.status) + "]\n";
    double below = 0;
    for (const auto& t : e.tiers) {
      out += std::isinf(t.up_to) ? "      above " + number(below) : "      up to " + number(t.up_to);
      out += " " + e.tier_unit + ": " + number(t.price) + " " + e.unit + "\n";
      below = t.up_to;
    }
    if (e.sources.empty()) out += "      (no source)\n";
    for (const auto& source : e.sources) out += "      " + cite(source) + "\n";
  }
  return out;
}

}  // namespace

std::string format_catalog(const model::Catalog& catalog, std::size_t columns) {
  Table rows({"id", "value", "unit", "status", "source (date)"}, {1});
  std::map<std::string, int> by_status;
  for (const auto& e : catalog.entries()) {
    ++by_status[model::to_string(e.status)];
    const std::string first = e.sources.empty() ? "(none)" : cite(e.sources[0]);
    rows.row({e.id, number(e.value), e.unit, model::to_string(e.status), first});
    for (std::size_t i = 1; i < e.sources.size(); ++i) rows.row({"", "", "", "", cite(e.sources[i])});
    double below = 0;  // the previous step's bound, for an open last step
    for (const auto& t : e.tiers) {
      std::string step = std::isinf(t.up_to) ? "    above " + number(below) : "    up to " + number(t.up_to);
      rows.row({step.append(" ").append(e.tier_unit), number(t.price), e.unit, "", ""});
      below = t.up_to;
    }
  }
  std::string table = rows.str();
  if (columns > 0 && display_width_of(table) > columns) table = entry_blocks(catalog);
  std::ostringstream out;
  out << "AWS limits and prices" << (catalog.region().empty() ? "" : " for " + catalog.region()) << ": "
      << catalog.size() << " entries; prices are on-demand list prices in USD\n\n"
      << table << "\n  status:";
  const char* separator = " ";
  for (const auto& name : model::catalog_status_names()) {
    out << separator << by_status[name] << " " << name;
    separator = ", ";
  }
  out << "\n  ok: an AWS document or price-list fixture; third_party: third-party only; unconfirmed: no source "
         "states it; changed: sources of different dates disagree, the newest is used\n";
  return out.str();
}

}  // namespace archsim::report

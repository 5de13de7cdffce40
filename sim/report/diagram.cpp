// `archsim diagram`: the scenario as a Graphviz graph. Sources are ellipses
// (record sources) or hexagons (query sources); components are rounded boxes
// with their name, service and the figure that sizes them; a flow that is a
// share of its origin's records is labelled with it, a copy is drawn plainly.
#include "archsim/report/diagram.hpp"

#include <cmath>
#include <cstdio>
#include <sstream>

#include "archsim/report/human.hpp"

namespace archsim::report {

namespace {

std::string quoted(const std::string& text) {
  std::string out(1, '"');
  out.append(dot_escape(text)).push_back('"');
  return out;
}

std::string whole(double v) {
  if (v == std::floor(v) && std::abs(v) < 1e15) return count(static_cast<std::uint64_t>(std::llround(std::abs(v))));
  char buf[32];
  std::snprintf(buf, sizeof buf, "%g", v);
  return buf;
}

// The figure that sizes a component, as its model labels it.
std::string sizing(const scenario::ComponentDecl& c) {
  return c.model && c.model->label ? c.model->label(c.params) : std::string();
}

// Arrivals per second, per hour or per day, whichever reads as a whole number.
std::string arrivals(double per_s) {
  if (per_s >= 1) return rate(per_s);
  if (per_s * 3600 >= 10) return count(static_cast<std::uint64_t>(std::llround(per_s * 3600))) + "/h";
  return whole(std::round(per_s * 86400 * 100) / 100) + "/day";
}

std::string source_label(const scenario::SourceDecl& s) {
  std::string what = scenario::sends_queries(s) ? "queries" : "records";
  if (s.params.has("rate")) {
    what += ", " + arrivals(s.params.number("rate"));
    if (s.params.has("producers") && s.params.number("producers") != 1)
      what += " x " + whole(s.params.number("producers"));
  }
  return s.name + "\n" + what;
}

std::string emphasis(const DiagramOptions& options, const std::string& name) {
  return options.highlight.count(name) ? ", color=\"#c0392b\", fontcolor=\"#c0392b\", penwidth=2.5" : "";
}

}  // namespace

std::string dot_escape(const std::string& text) {
  std::string out;
  out.reserve(text.size());
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    switch (c) {
      case '"': out += "\\\""; break;
      case '\\': out += "\\\\"; break;
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '\n': out += "\\n"; break;
      case '\r':
        if (i + 1 < text.size() && text[i + 1] == '\n') break;
        out += "\\n";
        break;
      default:
        out += static_cast<unsigned char>(c) < 0x20 || c == 0x7f ? ' ' : c;
    }
  }
  return out;
}

std::string to_dot(const scenario::Scenario& s, const DiagramOptions& options) {
  std::ostringstream out;
  out << "digraph archsim {\n";
  out << "  graph [rankdir=LR, labelloc=t, fontname=\"Helvetica\", label=" << quoted(s.name);
  std::string description = s.description;
  while (!description.empty() && (description.back() == '\n' || description.back() == ' ')) description.pop_back();
  if (!description.empty()) out << ", tooltip=" << quoted(description);
  out << "];\n";
  out << "  node [fontname=\"Helvetica\", fontsize=11];\n";
  out << "  edge [fontname=\"Helvetica\", fontsize=10];\n";
  for (const auto& src : s.sources)
    out << "  " << quoted(src.name) << " [shape=" << (scenario::sends_queries(src) ? "hexagon" : "ellipse")
        << ", label=" << quoted(source_label(src)) << emphasis(options, src.name) << "];\n";
  for (const auto& c : s.components) {
    std::string label = c.name + "\n" + c.service;
    if (const std::string size = sizing(c); !size.empty()) label += "\n" + size;
    out << "  " << quoted(c.name) << " [shape=box, style=rounded, label=" << quoted(label)
        << emphasis(options, c.name) << "];\n";
  }
  for (const auto& f : s.flows) {
    out << "  " << quoted(f.from) << " -> " << quoted(f.to);
    if (f.share) out << " [label=" << quoted(percent(*f.share)) << "]";
    out << ";\n";
  }
  out << "}\n";
  return out.str();
}

}  // namespace archsim::report

#include "archsim/analysis/moves.hpp"

#include <cmath>
#include <cstdio>

#include "archsim/analysis/static_explain.hpp"
#include "archsim/scenario/catalog_loader.hpp"
#include "archsim/scenario/offers.hpp"
#include "param_edit.hpp"

namespace archsim::analysis {

namespace {

const char* kind_of(model::ParamType t) {
  switch (t) {
    case model::ParamType::integer: return "integer";
    case model::ParamType::duration: return "duration";
    case model::ParamType::size: return "size";
    case model::ParamType::bandwidth: return "bandwidth";
    case model::ParamType::rate: return "rate";
    case model::ParamType::choice: return "choice";
    case model::ParamType::schedule: return "schedule";
    default: return "number";
  }
}

const model::ParamSpec* param_spec(const model::ModelSpec& spec, const std::string& key) {
  const std::string top = key.substr(0, key.find('.'));
  for (const auto& p : spec.params)
    if (p.name == top) return &p;
  return nullptr;
}

void apply(model::ParamSet& params, const run::ParamMove& m, const std::string& key) {
  const auto dot = key.find('.');
  if (dot != std::string::npos) {
    const std::string outer = key.substr(0, dot);
    model::ParamValue v = params.at(outer);
    auto inner = std::make_shared<model::ParamSet>(*v.fields);
    apply(*inner, m, key.substr(dot + 1));
    v.fields = std::move(inner);
    v.defaulted = false;
    params.set(outer, v);
  } else if (!m.text_to.empty()) {
    set_text(params, key, m.text_to);
  } else if (m.kind == "schedule") {
    model::ParamValue v = params.at(key);
    v.schedule.period = static_cast<engine::SimTime>(m.to);
    v.schedule.offset %= v.schedule.period;
    v.defaulted = false;
    params.set(key, v);
  } else {
    set_number(params, key, m.to);
  }
}

}  // namespace

std::vector<run::ParamMove> moves_of(const std::string& owner, const model::ModelSpec& spec,
                                     const std::vector<model::ParamChange>& changes, const std::string& section) {
  std::vector<run::ParamMove> out;
  for (const auto& c : changes) {
    const model::ParamSpec* ps = param_spec(spec, c.key);
    // A nested key (scan.format, gsis.NAME.wcu) is a choice where it moves text, else a number.
    const char* nested = c.text_to.empty() ? "number" : "choice";
    out.push_back({owner, c.key, ps && c.key.find('.') == std::string::npos ? kind_of(ps->type) : nested, section,
                   c.from, c.to, c.text_from, c.text_to});
  }
  return out;
}

namespace {
// A duration in the largest unit that keeps it whole ("30m", "1500ms").
std::string duration_value(double ns) {
  const std::pair<double, const char*> units[] = {{3600e9, "h"}, {60e9, "m"}, {1e9, "s"}, {1e6, "ms"}, {1e3, "us"}};
  char buf[64];
  for (const auto& [size, unit] : units)
    if (ns >= size && std::fmod(ns, size) == 0) {
      std::snprintf(buf, sizeof buf, "%.15g%s", ns / size, unit);
      return buf;
    }
  std::snprintf(buf, sizeof buf, "%.15gns", ns);
  return buf;
}
}  // namespace

std::vector<std::string> set_values(const std::vector<run::ParamMove>& moves) {
  std::vector<std::string> out;
  for (const run::ParamMove& m : moves) {
    std::string value;
    char buf[64];
    if (!m.text_to.empty()) {
      value = m.text_to;
    } else if (m.kind == "duration") {
      value = duration_value(m.to);
    } else if (m.kind == "schedule") {
      value = "every " + duration_value(m.to);
    } else if (m.kind == "size") {
      std::snprintf(buf, sizeof buf, "%.0fB", m.to);
      value = buf;
    } else if (m.kind == "bandwidth") {
      const bool whole_mib = m.to >= 1048576.0 && std::fmod(m.to, 1048576.0) == 0;
      std::snprintf(buf, sizeof buf, whole_mib ? "%.15gMiB/s" : "%.0fB/s", whole_mib ? m.to / 1048576.0 : m.to);
      value = buf;
    } else {
      std::snprintf(buf, sizeof buf, "%.15g", m.to);
      value = buf;
    }
    out.push_back(m.section + "." + m.component + "." + m.key + "=" + value);
  }
  return out;
}

bool same_moves(const std::vector<run::ParamMove>& a, const std::vector<run::ParamMove>& b) {
  if (a.size() != b.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i)
    if (a[i].key != b[i].key || a[i].to != b[i].to || a[i].text_to != b[i].text_to) return false;
  return true;
}

scenario::Scenario with_moves(const scenario::Scenario& s, const std::vector<run::ParamMove>& moves) {
  scenario::Scenario out = s;
  for (const auto& m : moves) {
    for (auto& c : out.components)
      if (c.name == m.component) apply(c.params, m, m.key);
    for (auto& src : out.sources)
      if (src.name == m.component) apply(src.params, m, m.key);
  }
  scenario::take_offers(out);
  return out;
}

scenario::Scenario scaled(const scenario::Scenario& s, double factor) {
  scenario::Scenario out = s;
  for (auto& src : out.sources) set_number(src.params, "rate", src.params.number("rate") * factor);
  return out;
}

const StaticComponent* figures_of(const StaticExplanation& e, const std::string& name) {
  for (const auto& c : e.components)
    if (c.name == name) return &c;
  return nullptr;
}

void peak_load(const StaticComponent& c, PeakLoad& out) {
  out.in.records_per_s = c.peak, out.in.record_bytes = c.record_bytes;
  for (const auto& r : c.reads) {
    out.shapes.push_back(std::make_shared<const model::ReadShape>(r.shape));
    out.in.reads.push_back({.shape = out.shapes.back().get(), .share = r.share, .by_interval = r.by_interval,
                            .record_bytes = r.record_bytes, .size = r.size});
  }
}

void peak_load(const scenario::Scenario& s, const std::string& component, PeakLoad& out) {
  try {
    for (const auto& c : explain_statically(s, scenario::builtin_catalog()).components)
      if (c.name == component) peak_load(c, out);
  } catch (const std::exception&) {
  }
}

}  // namespace archsim::analysis

#include "sized_design.hpp"

#include <algorithm>
#include <cmath>
#include <sstream>
#include <tuple>

#include "archsim/analysis/moves.hpp"
#include "archsim/scenario/catalog_loader.hpp"
#include "archsim/scenario/loader.hpp"

namespace archsim::whatif {

std::vector<LeverRef> levers_of(const scenario::Scenario& s) {
  std::vector<LeverRef> out;
  for (std::size_t i = 0; i < s.components.size(); ++i) {
    const auto& c = s.components[i];
    if (!c.model) continue;
    for (const auto& lever : c.model->levers)
      if (lever.move) out.push_back({i, &lever, c.name + "." + lever.id});
  }
  return out;
}

std::optional<scenario::Scenario> Design::load(std::string& why) const {
  const scenario::Scenario& base = *base_->scenario;
  if (base.file.empty()) {  // a scenario made in memory: its moves applied and checked here
    scenario::Scenario s = analysis::with_moves(base, moves_);
    for (const auto& c : s.components)
      if (why = refused(c); !why.empty()) return std::nullopt;
    return s;
  }
  if (moves_.empty()) return base;
  std::vector<std::string> sets = base_->overrides;
  for (auto& v : analysis::set_values(moves_)) sets.push_back(std::move(v));
  auto loaded = scenario::load_scenario(base.file, sets, base_->faults);
  if (loaded.ok()) return std::move(*loaded.scenario);
  const auto problems = loaded.diagnostics.sorted();
  why = problems.empty() ? "the scenario does not load with these values" : problems.front().message;
  return std::nullopt;
}

scenario::Scenario Design::scenario() const {
  std::string why;
  if (auto s = load(why)) return std::move(*s);
  return analysis::with_moves(*base_->scenario, moves_);
}

std::string Design::key() const {
  std::ostringstream out;
  out.precision(17);
  for (const auto& m : moves_) out << m.component << '|' << m.key << '|' << m.to << '|' << m.text_to << ';';
  return out.str();
}

Design Design::with(std::size_t component, const std::vector<model::ParamChange>& changes) const {
  Design out = *this;
  const auto& c = base_->scenario->components[component];
  for (const auto& change : changes) {
    auto at = std::find_if(out.moves_.begin(), out.moves_.end(),
                           [&](const run::ParamMove& m) { return m.component == c.name && m.key == change.key; });
    if (at == out.moves_.end()) {
      for (auto& m : analysis::moves_of(c.name, *c.model, {change})) out.moves_.push_back(m);
      continue;
    }
    at->to = change.to, at->text_to = change.text_to;
    if (at->to == at->from && at->text_to == at->text_from) out.moves_.erase(at);
  }
  std::sort(out.moves_.begin(), out.moves_.end(), [](const run::ParamMove& a, const run::ParamMove& b) {
    return std::tie(a.component, a.key) < std::tie(b.component, b.key);
  });
  return out;
}

Design Design::without(const std::string& component) const {
  Design out = *this;
  std::erase_if(out.moves_, [&](const run::ParamMove& m) { return m.component == component; });
  return out;
}

std::vector<model::ParamChange> turn(const LeverRef& lever, const scenario::Scenario& at,
                                     const analysis::StaticExplanation& figures, double factor) {
  if (factor == 1 && lever.lever->scales) return {};
  const auto& c = at.components[lever.component];
  analysis::PeakLoad peak;
  if (const auto* f = analysis::figures_of(figures, c.name)) analysis::peak_load(*f, peak);
  return lever.lever->move(c.params, scenario::builtin_catalog(), peak.in, factor);
}

bool same_changes(const std::vector<model::ParamChange>& a, const std::vector<model::ParamChange>& b) {
  if (a.size() != b.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i)
    if (a[i].key != b[i].key || a[i].to != b[i].to || a[i].text_to != b[i].text_to) return false;
  return true;
}

std::string refused(const scenario::ComponentDecl& c) {
  if (!c.model) return "";
  for (const auto& spec : c.model->params) {
    using T = model::ParamType;
    const bool numeric = spec.type == T::integer || spec.type == T::number || spec.type == T::fraction ||
                         spec.type == T::duration || spec.type == T::size || spec.type == T::rate ||
                         spec.type == T::bandwidth || spec.type == T::capacity;
    if (!numeric || !c.params.has(spec.name)) continue;
    const double v = c.params.number(spec.name);
    if (!std::isfinite(v)) continue;  // a capacity's `unlimited`
    const bool low = spec.min_exclusive ? v <= spec.min : v < spec.min;
    if (low || v > spec.max) return "'" + spec.name + "' out of its range";
  }
  if (!c.model->check) return "";
  const auto problems = c.model->check(c.params, scenario::builtin_catalog(), c.service + " component '" + c.name + "'");
  return problems.empty() ? "" : problems.front().message;
}

std::string label_of(const scenario::ComponentDecl& c) {
  if (c.model && c.model->label) {
    std::string label = c.model->label(c.params);
    if (!label.empty()) return label;
  }
  return c.service;
}

}  // namespace archsim::whatif

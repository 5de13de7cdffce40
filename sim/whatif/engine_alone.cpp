#include "engine_alone.hpp"

#include <algorithm>

namespace archsim::whatif {

std::optional<scenario::Scenario> without_engines(const scenario::Scenario& s, const std::vector<std::string>& dropped) {
  auto gone = [&](const std::string& name) { return std::find(dropped.begin(), dropped.end(), name) != dropped.end(); };
  for (const auto& f : s.flows)
    if (gone(f.from) || (gone(f.to) && f.share)) return std::nullopt;  // sends on, or takes a share of a split
  scenario::Scenario out = s;
  out.file.clear();
  std::erase_if(out.components, [&](const scenario::ComponentDecl& c) { return gone(c.name); });
  std::erase_if(out.flows, [&](const scenario::FlowDecl& f) { return gone(f.to); });
  std::erase_if(out.faults, [&](const scenario::FaultDecl& f) { return gone(f.target); });
  std::erase_if(out.estimates, [&](const scenario::Estimate& e) { return gone(e.component) || gone(e.scope); });
  for (auto& r : out.requirements)
    std::erase_if(r.paths, [&](const std::string& path) {
      const auto arrow = path.rfind(" -> ");
      return arrow != std::string::npos && gone(path.substr(arrow + 4));
    });
  // A target on a dropped engine, or on paths that all end at one, is no target of the design left.
  std::erase_if(out.requirements, [&](const scenario::Requirement& r) {
    return gone(r.scope) || (!r.scope.empty() && r.name != "completes_by" && r.paths.empty());
  });
  return out;
}

}  // namespace archsim::whatif

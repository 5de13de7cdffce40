// The scenario's pipeline as a Graphviz graph (DOT), drawn left to right:
// sources, components with their service and size, flows with their shares.
// Like the reports it only formats: the same scenario gives the same bytes.
#pragma once
#include <set>
#include <string>

#include "archsim/scenario/scenario.hpp"

namespace archsim::report {

struct DiagramOptions {
  // Components (or sources) drawn emphasised, e.g. a run's bottleneck.
  std::set<std::string> highlight;
};

std::string to_dot(const scenario::Scenario& scenario, const DiagramOptions& options = {});

// `text` as the inside of a double-quoted DOT string that Graphviz shows as
// written: quotes and backslashes escaped, line breaks as \n, control
// characters as spaces, and &, < and > as character entities (Graphviz reads
// entities in labels).
std::string dot_escape(const std::string& text);

}  // namespace archsim::report

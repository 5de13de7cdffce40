// A design with one query engine alone answering its queries: the other
// engines that answer the same query sources dropped, with the flows into
// them, the requirements scoped to them and the faults that strike them, so
// that Redshift against Athena is two designs, each sized on its own.
#pragma once
#include <optional>
#include <string>
#include <vector>

#include "archsim/scenario/scenario.hpp"

namespace archsim::whatif {

// `s` with the components named in `dropped` taken out; nothing when one
// of them sends anything on (the design would lose more than an engine).
// The result is made in memory (no file): a sizer's candidates of it are
// its moves applied and checked, not its file loaded again.
std::optional<scenario::Scenario> without_engines(const scenario::Scenario& s, const std::vector<std::string>& dropped);

}  // namespace archsim::whatif

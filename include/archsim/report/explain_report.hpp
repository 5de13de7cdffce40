// `archsim explain` as text and as JSON (docs/scenario-format.md).
#pragma once
#include <string>

#include "archsim/analysis/static_explain.hpp"

namespace archsim::report {

std::string to_text(const analysis::StaticExplanation& e);
std::string to_json(const analysis::StaticExplanation& e);

// Why a component offered more than `limit` times what it takes at the peak
// is refused before a run: explain's arithmetic, and what to do instead.
std::string overload_refusal(const analysis::StaticComponent& c, double limit);

}  // namespace archsim::report

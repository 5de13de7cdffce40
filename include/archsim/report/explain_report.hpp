// `archsim explain` as text and as JSON (docs/scenario-format.md).
#pragma once
#include <string>

#include "archsim/analysis/static_explain.hpp"

namespace archsim::report {

std::string to_text(const analysis::StaticExplanation& e);
std::string to_json(const analysis::StaticExplanation& e);

}  // namespace archsim::report

// Report formats of a run result. Reports format; they compute nothing new.
#pragma once
#include <string>

#include "archsim/run/result.hpp"

namespace archsim::report {

// The JSON result contract (docs/scenario-format.md), SI units throughout.
std::string to_json(const run::RunResult& result);
// A readable summary for a terminal.
std::string to_text(const run::RunResult& result);

}  // namespace archsim::report

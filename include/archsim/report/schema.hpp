// A JSON Schema (draft-07) of the scenario format, written from the loader's
// top-level keys and every model's parameter specs, so that an editor's YAML
// language server completes keys, shows each one's help and flags a
// misspelt key or an unknown choice as the user types (`archsim schema`).
// It checks shapes and names; the loader still checks units, ranges and
// the graph, with FILE:LINE:COL.
#pragma once
#include <string>

namespace archsim::report {

std::string scenario_schema();

}  // namespace archsim::report

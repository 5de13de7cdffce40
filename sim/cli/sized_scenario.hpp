// The scenario file with the sizer's values written in: each changed value
// replaced where it stands, with a comment saying what it was; a value the
// file left to its default added under its component, with the default in
// the comment. Everything else (comments, order, layout) as it was.
#pragma once
#include <optional>
#include <string>
#include <vector>

#include "archsim/run/result.hpp"

namespace archsim::cli {

// Nothing when the file cannot be read back as YAML.
std::optional<std::string> sized_scenario(const std::string& file, const std::vector<run::ParamMove>& moves);

}  // namespace archsim::cli

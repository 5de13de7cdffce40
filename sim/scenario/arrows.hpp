// "a -> b -> c" as written in a flow or a requirement's scope: the names
// between the arrows, each with the column it starts at, so that a message
// about one name points at that name.
#pragma once
#include <string>
#include <utility>
#include <vector>

#include "archsim/scenario/yaml_tree.hpp"

namespace archsim::scenario {

// The names of a scalar `item`, trimmed; an empty one where two arrows meet
// or an arrow ends the text. One name when there is no arrow.
std::vector<std::pair<std::string, SourceLoc>> split_arrows(const YamlNode& item);

}  // namespace archsim::scenario

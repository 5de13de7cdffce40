// Splitting "a -> b -> c" into located names, for flows and requirement scopes.
#include "arrows.hpp"

namespace archsim::scenario {

std::vector<std::pair<std::string, SourceLoc>> split_arrows(const YamlNode& item) {
  const std::string& text = item.scalar;
  std::vector<std::pair<std::string, SourceLoc>> names;
  std::size_t start = 0;
  const int base_col = item.loc.col + (item.quoted ? 1 : 0);
  for (;;) {
    const auto arrow = text.find("->", start);
    const std::string raw = text.substr(start, arrow == std::string::npos ? std::string::npos : arrow - start);
    const auto b = raw.find_first_not_of(" \t");
    const std::string name = b == std::string::npos ? "" : raw.substr(b, raw.find_last_not_of(" \t") - b + 1);
    SourceLoc at = item.loc;
    at.col = base_col + static_cast<int>(start + (b == std::string::npos ? 0 : b));
    names.emplace_back(name, at);
    if (arrow == std::string::npos) break;
    start = arrow + 2;
  }
  return names;
}

}  // namespace archsim::scenario

#include "sized_scenario.hpp"

#include <algorithm>
#include <fstream>
#include <map>
#include <sstream>

#include "archsim/report/findings.hpp"
#include "archsim/scenario/yaml_tree.hpp"

namespace archsim::cli {

namespace {

// The value as a scenario writes it (as --set takes it).
std::string written(const run::ParamMove& m, bool before) {
  run::ParamMove v = m;
  if (before) v.to = m.from, v.text_to = m.text_from;
  const std::string set = report::set_values({v}).front();
  return set.substr(set.find('=') + 1);
}

// Where the scalar starting at `col` (0-based) ends on its line.
std::size_t scalar_end(const std::string& line, std::size_t col) {
  if (col < line.size() && (line[col] == '"' || line[col] == '\'')) {
    const std::size_t close = line.find(line[col], col + 1);
    return close == std::string::npos ? line.size() : close + 1;
  }
  std::size_t end = col;
  while (end < line.size() && line[end] != ',' && line[end] != '}' && line[end] != ']' &&
         !(line[end] == '#' && end > 0 && line[end - 1] == ' '))
    ++end;
  while (end > col && line[end - 1] == ' ') --end;
  return end;
}

int last_line(const scenario::YamlNode& n) {
  int out = n.loc.line;
  for (const auto& k : n.keys) out = std::max(out, last_line(k));
  for (const auto& i : n.items) out = std::max(out, last_line(i));
  return out;
}

const scenario::YamlNode* walk(const scenario::YamlNode* n, const std::string& path) {
  std::size_t start = 0;
  while (n && start <= path.size()) {
    const std::size_t dot = path.find('.', start);
    n = n->is_map() ? n->find(path.substr(start, dot == std::string::npos ? std::string::npos : dot - start)) : nullptr;
    start = dot == std::string::npos ? path.size() + 1 : dot + 1;
  }
  return n;
}

}  // namespace

std::optional<std::string> sized_scenario(const std::string& file, const std::vector<run::ParamMove>& moves) {
  std::ifstream in(file, std::ios::binary);
  if (!in) return std::nullopt;
  std::stringstream buffer;
  buffer << in.rdbuf();
  const std::string text = buffer.str();
  scenario::Diagnostics diags;
  const auto root = scenario::parse_yaml(text, file, diags);
  if (!root || !root->is_map()) return std::nullopt;
  std::vector<std::string> lines;
  std::istringstream by_line(text);
  for (std::string line; std::getline(by_line, line);) lines.push_back(line);
  // A block mapping takes a line more; a flow mapping ({...}) is left alone.
  auto block = [&](const scenario::YamlNode& n) {
    if (n.loc.line < 1 || n.loc.line > static_cast<int>(lines.size())) return false;
    const std::string& line = lines[static_cast<std::size_t>(n.loc.line - 1)];
    const auto col = static_cast<std::size_t>(n.loc.col - 1);
    return col >= line.size() || line[col] != '{';
  };
  struct Replace {
    std::size_t col, end;
    std::string value;
  };
  std::map<int, std::vector<Replace>> replaced;      // by line (1-based)
  std::map<int, std::vector<std::string>> comments;  // by line: "was 450"
  std::map<int, std::vector<std::string>> added;     // lines to add after a line
  for (const auto& m : moves) {
    const scenario::YamlNode* section = root->find(m.section);
    const scenario::YamlNode* owner = section && section->is_map() ? section->find(m.component) : nullptr;
    if (!owner || !owner->is_map()) continue;
    const scenario::YamlNode* value = walk(owner, m.key);
    if (value && value->is_scalar() && value->loc.line >= 1 && value->loc.line <= static_cast<int>(lines.size())) {
      const std::string& line = lines[static_cast<std::size_t>(value->loc.line - 1)];
      const auto col = static_cast<std::size_t>(value->loc.col - 1);
      const std::size_t end = scalar_end(line, col);
      replaced[value->loc.line].push_back({col, end, written(m, false)});
      comments[value->loc.line].push_back("was " + line.substr(col, end - col));
    } else if (!value && m.key.find('.') == std::string::npos && !block(*owner) && last_line(*owner) == owner->loc.line) {
      // A flow mapping on one line: the key goes before its closing brace.
      const std::string& line = lines[static_cast<std::size_t>(owner->loc.line - 1)];
      std::size_t close = line.find('}', static_cast<std::size_t>(owner->loc.col - 1));
      if (close == std::string::npos) continue;
      while (close > 0 && line[close - 1] == ' ') --close;
      replaced[owner->loc.line].push_back({close, close, ", " + m.key + ": " + written(m, false)});
      comments[owner->loc.line].push_back(m.key + " not stated before (" + written(m, true) + ")");
    } else if (!value && m.key.find('.') == std::string::npos && !owner->keys.empty() && block(*owner)) {
      const std::string indent(static_cast<std::size_t>(std::max(0, owner->keys.front().loc.col - 1)), ' ');
      added[last_line(*owner)].push_back(indent + m.key + ": " + written(m, false) + "  # sized; not stated before (" +
                                         written(m, true) + ")");
    }
  }
  std::ostringstream out;
  for (std::size_t i = 0; i < lines.size(); ++i) {
    const int n = static_cast<int>(i + 1);
    std::string line = lines[i];
    if (auto r = replaced.find(n); r != replaced.end()) {
      auto edits = r->second;
      std::sort(edits.begin(), edits.end(), [](const Replace& a, const Replace& b) { return a.col > b.col; });
      for (const auto& e : edits) line.replace(e.col, e.end - e.col, e.value);
      std::string note;
      for (const auto& c : comments[n]) note += (note.empty() ? "" : ", ") + c;
      const std::size_t hash = line.find(" #");
      if (hash != std::string::npos && line.find_first_not_of(' ', hash + 2) != std::string::npos)
        line += "; sized, " + note;
      else
        line += "  # sized, " + note;
    }
    out << line << "\n";
    if (auto a = added.find(n); a != added.end())
      for (const auto& extra : a->second) out << extra << "\n";
  }
  return out.str();
}

}  // namespace archsim::cli

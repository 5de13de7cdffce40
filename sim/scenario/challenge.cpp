#include "archsim/scenario/challenge.hpp"

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "archsim/scenario/loader.hpp"
#include "archsim/scenario/yaml_tree.hpp"

namespace archsim::scenario {

namespace {

const std::vector<std::string>& challenge_keys() {
  static const std::vector<std::string> keys = {"title", "prompt", "scenario", "follow_ups", "hints", "reference"};
  return keys;
}

std::vector<std::string> strings(const YamlNode* node, const std::string& what, Diagnostics& diags) {
  std::vector<std::string> out;
  if (!node || node->is_null()) return out;
  if (node->is_scalar()) return {node->scalar};
  if (!node->is_seq()) {
    diags.error(node->loc, "'" + what + "' must be a text or a list of texts, not " + node->describe());
    return out;
  }
  for (const YamlNode& item : node->items) {
    if (item.is_scalar()) out.push_back(item.scalar);
    else diags.error(item.loc, "each of '" + what + "' must be a text, not " + item.describe());
  }
  return out;
}

std::string text_of(const YamlNode& root, const std::string& key, const std::string& file, Diagnostics& diags) {
  const YamlNode* node = root.find(key);
  if (!node) {
    diags.error({file, 1, 1}, "a challenge needs '" + key + "'");
    return {};
  }
  if (!node->is_scalar()) diags.error(node->loc, "'" + key + "' must be a text, not " + node->describe());
  return node->scalar;
}

// A scenario's problems, placed where its text sits in the challenge file.
void place(const Diagnostics& found, const Challenge& c, const std::string& as, Diagnostics& diags) {
  for (const Diagnostic& d : found.items()) {
    SourceLoc loc = d.loc;
    if (loc.file == as) loc = {c.file, c.scenario_line + loc.line - 1, c.scenario_col + loc.col - 1};
    diags.error(loc, d.message);
  }
}

}  // namespace

ChallengeLoad load_challenge(const std::string& path) {
  ChallengeLoad out;
  std::ifstream in(path);
  if (!in) {
    out.diagnostics.error({path, 1, 1}, "cannot read the challenge file");
    return out;
  }
  std::stringstream text;
  text << in.rdbuf();
  Diagnostics& diags = out.diagnostics;
  const auto root = parse_yaml(text.str(), path, diags);
  if (!root) return out;
  if (!root->is_map()) {
    diags.error(root->loc, "a challenge is a mapping of " + join_or(challenge_keys()) + ", not " + root->describe());
    return out;
  }
  for (const YamlNode& key : root->keys)
    if (std::find(challenge_keys().begin(), challenge_keys().end(), key.scalar) == challenge_keys().end())
      diags.error(key.loc, "'" + key.scalar + "' is not a key of a challenge" + did_you_mean(key.scalar, challenge_keys()));
  Challenge c;
  c.file = path;
  c.name = std::filesystem::path(path).stem().string();
  c.title = text_of(*root, "title", path, diags);
  c.prompt = text_of(*root, "prompt", path, diags);
  c.scenario = text_of(*root, "scenario", path, diags);
  if (root->find("scenario")) {
    // A block scalar's text begins on the line after its key, at the indentation of that line.
    const YamlNode* key = nullptr;
    for (const YamlNode& k : root->keys)
      if (k.scalar == "scenario") key = &k;
    c.scenario_line = key->loc.line + 1;
    std::istringstream lines(text.str());
    std::string line;
    int at = 0;
    while (at < c.scenario_line && std::getline(lines, line)) ++at;
    c.scenario_col = static_cast<int>(line.find_first_not_of(' ')) + 1;
  }
  c.hints = strings(root->find("hints"), "hints", diags);
  c.reference = strings(root->find("reference"), "reference", diags);
  if (const YamlNode* f = root->find("follow_ups"); f && !f->is_null()) {
    if (!f->is_seq()) diags.error(f->loc, "'follow_ups' must be a list, not " + f->describe());
    for (const YamlNode& item : f->items) {
      if (!item.is_map()) {
        diags.error(item.loc, "a follow-up is a mapping of ask, set and fault, not " + item.describe());
        continue;
      }
      FollowUp up;
      if (const YamlNode* ask = item.find("ask"); ask && ask->is_scalar()) up.ask = ask->scalar;
      else diags.error(item.loc, "a follow-up needs 'ask': the question as the interviewer asks it");
      up.sets = strings(item.find("set"), "set", diags);
      up.faults = strings(item.find("fault"), "fault", diags);
      c.follow_ups.push_back(std::move(up));
    }
  }
  if (!diags.empty()) return out;
  // The starter, the reference and every follow-up must load.
  const std::string as = path + " scenario";
  place(load_scenario_text(c.scenario, as).diagnostics, c, as, diags);
  place(load_scenario_text(c.scenario, as, c.reference).diagnostics, c, as, diags);
  for (const FollowUp& up : c.follow_ups)
    place(load_scenario_text(c.scenario, as, [&] {
            auto sets = c.reference;
            sets.insert(sets.end(), up.sets.begin(), up.sets.end());
            return sets;
          }(), up.faults).diagnostics,
          c, as, diags);
  if (diags.empty()) out.challenge = std::move(c);
  return out;
}

std::vector<std::string> challenge_names(const std::string& dir) {
  std::vector<std::string> out;
  std::error_code ec;
  for (const auto& e : std::filesystem::directory_iterator(dir, ec))
    if (e.path().extension() == ".yaml") out.push_back(e.path().stem().string());
  std::sort(out.begin(), out.end());
  return out;
}

std::string starter_text(const Challenge& c) {
  std::string out = "# Challenge: " + c.title + "\n#\n";
  std::istringstream prompt(c.prompt);
  for (std::string line; std::getline(prompt, line);) out += line.empty() ? "#\n" : "# " + line + "\n";
  out += "#\n# Size each component below (its comment says what to decide), then:\n";
  out += "#   archsim run " + c.name + ".yaml              does it hold at the peak, and what does it cost?\n";
  out += "#   archsim challenge show " + c.name + "        the follow-ups an interviewer asks next\n";
  out += "#   archsim challenge show " + c.name + " --hints 1   a hint, when stuck (up to " +
         std::to_string(c.hints.size()) + ")\n\n";
  return out + c.scenario;
}

}  // namespace archsim::scenario

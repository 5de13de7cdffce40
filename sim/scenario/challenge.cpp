#include "archsim/scenario/challenge.hpp"

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "archsim/scenario/input_file.hpp"
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
  Diagnostics& diags = out.diagnostics;
  const auto text = read_input_file(path, "the challenge file", kMaxYamlBytes, diags);
  if (!text) return out;
  const auto root = parse_yaml(*text, path, diags);
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
    std::istringstream lines(*text);
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

namespace {

// The first place where `mine` differs from `theirs` (locations aside): the
// node in `mine` (or its parent, when a key is missing) and what differs.
// The dotted paths the reference design sets: the decisions the challenge
// leaves to the candidate, wherever they are (a query source's `scan` is
// the lake's layout).
std::vector<std::string> decisions(const Challenge& c) {
  std::vector<std::string> out;
  for (const auto& set : c.reference) out.push_back(set.substr(0, set.find('=')));
  return out;
}

bool decided(const std::string& path, const std::vector<std::string>& decisions) {
  for (const auto& d : decisions)
    if (path == d || path.rfind(d + ".", 0) == 0) return true;
  return false;
}

std::optional<std::pair<SourceLoc, std::string>> first_difference(const YamlNode& mine, const YamlNode& theirs,
                                                                  const std::string& path,
                                                                  const std::vector<std::string>& open) {
  if (decided(path, open)) return std::nullopt;
  if (mine.kind != theirs.kind)
    return std::make_pair(mine.loc, "'" + path + "' is " + mine.describe() + " here and " + theirs.describe() +
                                        " in the challenge");
  if (mine.is_scalar() && mine.scalar != theirs.scalar)
    return std::make_pair(mine.loc, "'" + path + "' is " + mine.scalar + " here and " + theirs.scalar +
                                        " in the challenge");
  if (mine.is_seq()) {
    if (mine.items.size() != theirs.items.size())
      return std::make_pair(mine.loc, "'" + path + "' has " + std::to_string(mine.items.size()) +
                                          " entries here and " + std::to_string(theirs.items.size()) +
                                          " in the challenge");
    for (std::size_t i = 0; i < mine.items.size(); ++i)
      if (auto d = first_difference(mine.items[i], theirs.items[i], path + "." + std::to_string(i), open)) return d;
  }
  if (mine.is_map()) {
    for (std::size_t i = 0; i < theirs.keys.size(); ++i) {
      const YamlNode* here = mine.find(theirs.keys[i].scalar);
      const std::string at = path + "." + theirs.keys[i].scalar;
      if (decided(at, open)) continue;
      if (!here) return std::make_pair(mine.loc, "'" + at + "' is missing here; the challenge has it");
      if (auto d = first_difference(*here, theirs.items[i], at, open)) return d;
    }
    for (std::size_t i = 0; i < mine.keys.size(); ++i)
      if (!theirs.find(mine.keys[i].scalar) && !decided(path + "." + mine.keys[i].scalar, open))
        return std::make_pair(mine.keys[i].loc, "'" + path + "." + mine.keys[i].scalar +
                                                    "' is not in the challenge");
  }
  return std::nullopt;
}

}  // namespace

void check_against_challenge(const std::string& file, const Challenge& c, const std::vector<std::string>& sets,
                             Diagnostics& diags) {
  Diagnostics ignored;
  auto mine = load_yaml_file(file, diags);
  if (mine)
    for (std::size_t i = 0; i < sets.size(); ++i) apply_override(*mine, sets[i], static_cast<int>(i) + 1, ignored);
  const auto theirs = parse_yaml(c.scenario, c.file, ignored, c.scenario_line - 1, c.scenario_col - 1);
  if (!mine || !theirs || !mine->is_map() || !theirs->is_map()) return;
  const std::vector<std::string> open = decisions(c);
  for (const char* key : {"workload", "requirements", "faults", "duration", "warmup", "metrics_interval"}) {
    const YamlNode* a = mine->find(key);
    const YamlNode* b = theirs->find(key);
    if (!a && !b) continue;
    std::optional<std::pair<SourceLoc, std::string>> d;
    if (!a) d = std::make_pair(mine->loc, std::string("'") + key + "' is missing here; the challenge has it");
    else if (!b) d = std::make_pair(a->loc, std::string("'") + key + "' is not in the challenge");
    else d = first_difference(*a, *b, key, open);
    if (d)
      diags.error(d->first, d->second + "; grade judges a design at the challenge's " +
                                (std::string(key) == "requirements" ? "targets" : "load and time") + " (" + c.file +
                                "): put it back as the challenge has it, or try the change with archsim run");
  }
  // What the starter says of a component it names (a job's measured cost
  // per record, a table's size) is a fact of the challenge while the design
  // keeps that component on that service.
  const YamlNode* my_components = mine->find("components");
  const YamlNode* their_components = theirs->find("components");
  if (!my_components || !their_components || !my_components->is_map() || !their_components->is_map()) return;
  for (std::size_t i = 0; i < their_components->keys.size(); ++i) {
    const YamlNode& theirs_c = their_components->items[i];
    const YamlNode* mine_c = my_components->find(their_components->keys[i].scalar);
    if (!mine_c || !mine_c->is_map() || !theirs_c.is_map()) continue;
    const YamlNode* a = mine_c->find("service");
    const YamlNode* b = theirs_c.find("service");
    if (!a || !b || a->scalar != b->scalar) continue;
    const std::string at = "components." + their_components->keys[i].scalar;
    for (std::size_t k = 0; k < theirs_c.keys.size(); ++k) {
      const YamlNode* here = mine_c->find(theirs_c.keys[k].scalar);
      std::optional<std::pair<SourceLoc, std::string>> d;
      const std::string key = at + "." + theirs_c.keys[k].scalar;
      if (decided(key, open)) continue;
      if (!here) d = std::make_pair(mine_c->loc, "'" + key + "' is missing here; the challenge gives it");
      else d = first_difference(*here, theirs_c.items[k], key, open);
      if (d)
        diags.error(d->first, d->second + "; it is a fact of the challenge (" + c.file +
                                  "), not a decision: put it back, or try the change with archsim run");
    }
  }
}

std::vector<std::string> yaml_stems(const std::string& dir) {
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
         std::to_string(c.hints.size()) + ")\n";
  out += "#   archsim grade " + c.name + ".yaml            the grade: the requirements, the follow-ups, the bill\n";
  out += "#\n# Write your napkin numbers under 'estimates:' before you run it, and grade sets\n";
  out += "# each beside the simulated one (docs/challenges.md#estimates).\n\n";
  out += "challenge: " + c.name + "\n";
  return out + c.scenario;
}

}  // namespace archsim::scenario
